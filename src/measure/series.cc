#include "measure/series.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace detente {
namespace {

// A period's sums, exact until the end (then PeriodCell's doubles).
void Add(PeriodCell* c, DayCell* sums, const DayCell& d) {
  c->events += d.events;
  c->mentions += d.mentions;
  for (std::size_t q = 0; q < 4; ++q) {
    c->quad_events[q] += d.quad_events[q];
    c->quad_mentions[q] += d.quad_mentions[q];
  }
  sums->Add(d);
}

void Finish(PeriodCell* c, const DayCell& sums) {
  c->goldstein_sum = static_cast<double>(sums.goldstein) / 100;
  c->cooperation = static_cast<double>(sums.cooperation) / 100;
  c->conflict = static_cast<double>(sums.conflict) / 100;
  for (std::size_t q = 0; q < 4; ++q)
    c->quad_weight[q] = static_cast<double>(sums.quad_weight[q]) / 100;
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

int64_t GoldsteinHundredths(double goldstein) { return std::llround(goldstein * 100); }

void DayCell::Add(const DyadEvent& e) {
  ++events;
  mentions += e.mentions;
  int64_t g = GoldsteinHundredths(e.goldstein);
  int64_t w = e.mentions * g;
  goldstein += g;
  if (w > 0)
    cooperation += w;
  else
    conflict -= w;
  if (e.quad >= 1 && e.quad <= 4) {
    auto q = static_cast<std::size_t>(e.quad - 1);
    ++quad_events[q];
    quad_mentions[q] += e.mentions;
    quad_weight[q] += w < 0 ? -w : w;
  }
}

void DayCell::Add(const DayCell& c) {
  events += c.events;
  mentions += c.mentions;
  goldstein += c.goldstein;
  cooperation += c.cooperation;
  conflict += c.conflict;
  for (std::size_t q = 0; q < 4; ++q) {
    quad_events[q] += c.quad_events[q];
    quad_mentions[q] += c.quad_mentions[q];
    quad_weight[q] += c.quad_weight[q];
  }
}

std::vector<DayCell> DayCellsOf(std::span<const DyadEvent> events) {
  std::vector<const DyadEvent*> sorted;
  sorted.reserve(events.size());
  for (const auto& e : events) sorted.push_back(&e);
  auto key = [](const DyadEvent* e) { return std::make_tuple(e->day, !e->forward, e->coarse); };
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](const DyadEvent* x, const DyadEvent* y) { return key(x) < key(y); });
  std::vector<DayCell> cells;
  for (const DyadEvent* e : sorted) {
    if (cells.empty() || cells.back().day != e->day || cells.back().forward != e->forward ||
        cells.back().coarse != e->coarse) {
      DayCell c;
      c.day = e->day;
      c.forward = e->forward;
      c.coarse = e->coarse;
      cells.push_back(c);
    }
    cells.back().Add(*e);
  }
  return cells;
}

DyadSeries BuildSeries(std::span<const DyadEvent> events, int32_t first_day, int32_t last_day,
                       const SeriesOptions& options) {
  return BuildSeries(DayCellsOf(events), first_day, last_day, options);
}

DyadSeries BuildSeries(std::span<const DayCell> cells, int32_t first_day, int32_t last_day,
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
  std::vector<std::array<DayCell, 3>> sums(s.periods.size());  // both, ab, ba
  for (const DayCell& e : cells) {
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
    Add(&p.both, &sums[i][0], e);
    if (e.forward)
      Add(&p.ab, &sums[i][1], e);
    else
      Add(&p.ba, &sums[i][2], e);
    s.events += e.events;
    s.mentions += e.mentions;
    if (e.coarse) s.coarse_events += e.events;
  }
  for (std::size_t i = 0; i < s.periods.size(); ++i) {
    Finish(&s.periods[i].both, sums[i][0]);
    Finish(&s.periods[i].ab, sums[i][1]);
    Finish(&s.periods[i].ba, sums[i][2]);
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
