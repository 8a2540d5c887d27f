#include "measure/barometer.h"

#include <algorithm>
#include <cmath>

namespace detente {
namespace {

double Strength(const DyadEvent& e) {
  return std::fabs(e.goldstein) * static_cast<double>(e.mentions);
}

// log(1 + x): event weights are heavy-tailed (a crisis week can hold ten
// times the evidence of a normal one), and a correlation on raw sums would
// be that one week.
std::vector<double> LogSeries(const DyadSeries& s, bool forward, bool conflict) {
  std::vector<double> out;
  out.reserve(s.periods.size());
  for (const auto& p : s.periods) {
    const PeriodCell& c = forward ? p.ab : p.ba;
    out.push_back(std::log1p(conflict ? c.conflict : c.cooperation));
  }
  return out;
}

}  // namespace

void MergeSmallShifts(std::span<const double> x, double min_shift, Segmentation* seg) {
  seg->segments = SegmentsOf(x, seg->change_points);
  while (!seg->change_points.empty()) {
    std::size_t weakest = 0;
    double weakest_shift = INFINITY;
    for (std::size_t i = 0; i + 1 < seg->segments.size(); ++i) {
      double shift = std::fabs(seg->segments[i + 1].mean - seg->segments[i].mean);
      if (shift < weakest_shift) {
        weakest_shift = shift;
        weakest = i;
      }
    }
    if (weakest_shift >= min_shift) break;
    seg->change_points.erase(seg->change_points.begin() + static_cast<std::ptrdiff_t>(weakest));
    seg->segments = SegmentsOf(x, seg->change_points);
  }
}

std::vector<int64_t> TopEvents(std::span<const DyadEvent> events, int32_t first_day,
                               int32_t last_day, int sign, std::size_t n) {
  std::vector<const DyadEvent*> picked;
  for (const auto& e : events) {
    if (e.day < first_day || e.day > last_day) continue;
    if (sign > 0 && !(e.goldstein > 0)) continue;
    if (sign < 0 && !(e.goldstein < 0)) continue;
    picked.push_back(&e);
  }
  std::stable_sort(picked.begin(), picked.end(), [](const DyadEvent* x, const DyadEvent* y) {
    double sx = Strength(*x), sy = Strength(*y);
    if (sx != sy) return sx > sy;
    if (x->day != y->day) return x->day < y->day;
    return x->id < y->id;
  });
  std::vector<int64_t> ids;
  for (std::size_t i = 0; i < picked.size() && i < n; ++i) ids.push_back(picked[i]->id);
  return ids;
}

std::string_view IndexLevelName(double index) {
  if (index >= 0.25) return "cooperative";
  if (index >= 0.08) return "leaning cooperative";
  if (index > -0.08) return "mixed";
  if (index > -0.25) return "leaning conflictual";
  return "conflictual";
}

DyadAnalysis AnalyseDyad(std::string a, std::string b, std::span<const DyadEvent> events,
                         int32_t first_day, int32_t last_day, const BarometerOptions& options) {
  DyadAnalysis out = AnalyseDyadCells(std::move(a), std::move(b), DayCellsOf(events), first_day,
                                      last_day, options);
  PickDrivers(events, options, &out);
  return out;
}

void PickDrivers(std::span<const DyadEvent> events, const BarometerOptions& options,
                 DyadAnalysis* an) {
  std::size_t n = static_cast<std::size_t>(std::max(0, options.max_drivers));
  // Only events in the shift's direction drive it. A fall with no conflict
  // at all is cooperation fading (the end of a summit's coverage), and
  // listing cooperative events as its "drivers" would mislead.
  for (auto& cp : an->change_points)
    cp.drivers = TopEvents(events, cp.start, cp.drivers_last, DriverSign(cp), n);
  for (auto& pk : an->peaks)
    pk.drivers = TopEvents(events, pk.start, pk.drivers_last, DriverSign(pk), n);
}

DyadAnalysis AnalyseDyadCells(std::string a, std::string b, std::span<const DayCell> cells,
                              int32_t first_day, int32_t last_day,
                              const BarometerOptions& options) {
  DyadAnalysis out;
  out.a = std::move(a);
  out.b = std::move(b);
  out.series = BuildSeries(cells, first_day, last_day, options.series);
  const auto& periods = out.series.periods;

  // Change points are found on net cooperation, not on the index: a crisis
  // is first of all *more* conflict, often on top of an already tense mix,
  // and the index (a share) barely moves when the mix was conflictual before
  // (docs/BAROMETER.md shows the 2023 balloon crisis as the example).
  std::vector<double> net, index;
  net.reserve(periods.size());
  index.reserve(periods.size());
  for (const auto& p : periods) {
    net.push_back(p.both.net() / out.series.net_scale);
    index.push_back(p.both.index);
  }
  out.segmentation = DetectChangePoints(net, options.pelt);
  MergeSmallShifts(net, options.min_shift, &out.segmentation);
  for (const auto& s : SegmentsOf(index, out.segmentation.change_points))
    out.index_means.push_back(s.mean);

  const auto& segs = out.segmentation.segments;
  for (std::size_t i = 0; i < out.segmentation.change_points.size() && i + 1 < segs.size(); ++i) {
    ChangePoint cp;
    cp.period = out.segmentation.change_points[i];
    cp.start = periods[static_cast<std::size_t>(cp.period)].start;
    cp.before = out.index_means[i];
    cp.after = out.index_means[i + 1];
    cp.net_before = segs[i].mean * out.series.net_scale;
    cp.net_after = segs[i + 1].mean * out.series.net_scale;
    cp.worse = cp.net_after < cp.net_before;
    std::size_t last_period =
        std::min(periods.size(),
                 static_cast<std::size_t>(cp.period + std::max(1, options.driver_periods))) -
        1;
    cp.drivers_last = std::min(periods[last_period].end, last_day);
    out.change_points.push_back(std::move(cp));
  }

  // Peaks: single periods far from their segment's median.
  for (const MeanSegment& seg : segs) {
    std::vector<double> xs(net.begin() + seg.begin, net.begin() + seg.end);
    if (xs.size() < 5) continue;
    auto median = [](std::vector<double> v) {
      std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
      return v[v.size() / 2];
    };
    double med = median(xs);
    std::vector<double> dev;
    for (double x : xs) dev.push_back(std::fabs(x - med));
    // A mostly quiet stretch has a MAD of 0: half the detector's noise level is
    // the floor, so a busy week in a sparse series is not "30 sigmas".
    double sigma =
        std::max({1.4826 * median(dev), 0.5 * out.segmentation.sigma, options.pelt.min_sigma});
    for (std::size_t i = static_cast<std::size_t>(seg.begin); i < static_cast<std::size_t>(seg.end);
         ++i) {
      double z = (net[i] - med) / sigma;
      if (std::fabs(z) < options.peak_z || periods[i].both.events < options.peak_min_events)
        continue;
      bool is_change = false;
      for (const auto& cp : out.change_points)
        is_change |= static_cast<std::size_t>(cp.period) == i;
      if (is_change) continue;
      Peak pk;
      pk.period = static_cast<int>(i);
      pk.start = periods[i].start;
      pk.cooperative = z > 0;
      pk.net = periods[i].both.net();
      pk.z = z;
      pk.drivers_last = std::min(periods[i].end, last_day);
      out.peaks.push_back(std::move(pk));
    }
  }

  struct Relation {
    const char* kind;
    bool conflict;
    bool a_first;
  };
  for (Relation rel :
       {Relation{"conflict", true, true}, Relation{"conflict", true, false},
        Relation{"cooperation", false, true}, Relation{"cooperation", false, false}}) {
    Reciprocity r;
    r.kind = rel.kind;
    r.actor = rel.a_first ? out.a : out.b;
    r.responder = rel.a_first ? out.b : out.a;
    std::vector<double> lead = LogSeries(out.series, rel.a_first, rel.conflict);
    std::vector<double> answer = LogSeries(out.series, !rel.a_first, rel.conflict);
    r.lags = CrossCorrelation(lead, answer, options.max_lag);
    SummariseReciprocity(&r);
    out.reciprocity.push_back(std::move(r));
  }
  return out;
}

}  // namespace detente
