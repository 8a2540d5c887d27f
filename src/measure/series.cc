#include "measure/series.h"

#include <algorithm>
#include <cmath>

namespace detente {
namespace {

void Add(PeriodCell* c, const DyadEvent& e) {
  ++c->events;
  c->mentions += e.mentions;
  if (e.quad >= 1 && e.quad <= 4) {
    ++c->quad_events[static_cast<std::size_t>(e.quad - 1)];
    c->quad_mentions[static_cast<std::size_t>(e.quad - 1)] += e.mentions;
  }
  c->goldstein_sum += e.goldstein;
  double w = static_cast<double>(e.mentions) * e.goldstein;
  if (w > 0)
    c->cooperation += w;
  else
    c->conflict -= w;
  if (e.quad >= 1 && e.quad <= 4)
    c->quad_weight[static_cast<std::size_t>(e.quad - 1)] += std::fabs(w);
}

// The median evidence of a series' non-empty periods; 1 when there is none
// (every index is then 0 whatever the prior, and 1 keeps it positive).
double MedianEvidence(const std::vector<Period>& periods, PeriodCell Period::*cell) {
  std::vector<double> evidence;
  evidence.reserve(periods.size());
  for (const auto& p : periods) evidence.push_back((p.*cell).cooperation + (p.*cell).conflict);
  return MedianPositive(std::move(evidence)).value_or(1.0);
}

// The prior of one series: `scale` x the median evidence of its non-empty periods.
double Prior(const std::vector<Period>& periods, PeriodCell Period::*cell, const SeriesOptions& o) {
  if (o.prior) return *o.prior;
  return o.prior_scale * MedianEvidence(periods, cell);
}

}  // namespace

std::optional<double> MedianPositive(std::vector<double> values) {
  std::erase_if(values, [](double v) { return !(v > 0); });
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double CooperationIndex(double cooperation, double conflict, double prior) {
  double denominator = cooperation + conflict + std::max(prior, 0.0);
  if (!(denominator > 0)) return 0;
  return (cooperation - conflict) / denominator;
}

DyadSeries BuildSeries(std::span<const DyadEvent> events, int32_t first_day, int32_t last_day,
                       const SeriesOptions& options) {
  DyadSeries s;
  s.unit = options.unit;
  if (last_day < first_day) return s;
  for (int32_t start = PeriodStart(first_day, options.unit); start <= last_day;) {
    int32_t next = NextPeriodStart(start, options.unit);
    Period p;
    p.start = start;
    p.end = next - 1;
    s.periods.push_back(p);
    start = next;
  }
  const int32_t origin = s.periods.front().start;
  for (const DyadEvent& e : events) {
    if (e.day < first_day || e.day > last_day) continue;
    // Periods are contiguous and sorted; weeks and days have fixed length.
    std::size_t i = 0;
    if (options.unit == PeriodUnit::kDay)
      i = static_cast<std::size_t>(e.day - origin);
    else if (options.unit == PeriodUnit::kWeek)
      i = static_cast<std::size_t>((e.day - origin) / 7);
    else
      i = static_cast<std::size_t>(
          std::upper_bound(s.periods.begin(), s.periods.end(), e.day,
                           [](int32_t day, const Period& p) { return day < p.start; }) -
          s.periods.begin() - 1);
    Period& p = s.periods[i];
    Add(&p.both, e);
    Add(e.forward ? &p.ab : &p.ba, e);
    ++s.events;
    s.mentions += e.mentions;
    if (e.coarse) ++s.coarse_events;
  }
  s.net_scale = MedianEvidence(s.periods, &Period::both);
  s.prior_both = Prior(s.periods, &Period::both, options);
  s.prior_ab = Prior(s.periods, &Period::ab, options);
  s.prior_ba = Prior(s.periods, &Period::ba, options);
  for (auto& p : s.periods) {
    p.both.index = CooperationIndex(p.both.cooperation, p.both.conflict, s.prior_both);
    p.ab.index = CooperationIndex(p.ab.cooperation, p.ab.conflict, s.prior_ab);
    p.ba.index = CooperationIndex(p.ba.cooperation, p.ba.conflict, s.prior_ba);
  }
  return s;
}

}  // namespace detente
