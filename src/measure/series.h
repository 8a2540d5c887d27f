// A dyad's event series: events bucketed into calendar periods, per
// direction (A->B, B->A) and for both, with counts by quad class, Goldstein
// sums and the cooperation-conflict index (docs/BAROMETER.md defines it).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "measure/period.h"

namespace detente {

// One deduplicated event as the barometer sees it.
struct DyadEvent {
  int64_t id = 0;
  int32_t day = 0;       // first day of its date, days since 1970-01-01
  int quad = 0;          // 1..4
  double goldstein = 0;  // -10..+10
  int64_t mentions = 1;  // num_mentions
  bool forward = true;   // A -> B (false: B -> A)
  bool coarse = false;   // dated to a month or a year, not a day
};

// A Goldstein score in hundredths of a point, rounded half away from zero
// (the scale has one decimal). Series add these integers, not the doubles,
// so that a sum is exact and the same in any order: added event by event,
// or read from the store's per-day sums (store/schema.cc, dyad_days), which
// round the same way.
int64_t GoldsteinHundredths(double goldstein);

// A dyad's events of one day, one direction and one date precision (day, or
// coarser), summed: all a series needs of them. Weights are in hundredths
// of a Goldstein point (GoldsteinHundredths x mentions).
struct DayCell {
  int32_t day = 0;
  bool forward = true;
  bool coarse = false;
  int64_t events = 0;
  int64_t mentions = 0;
  std::array<int64_t, 4> quad_events{};  // quad classes 1..4 at [0..3]
  std::array<int64_t, 4> quad_mentions{};
  int64_t goldstein = 0;                 // sum of the events' GoldsteinHundredths
  int64_t cooperation = 0;               // sum of positive weights
  int64_t conflict = 0;                  // sum of negative weights, as a magnitude
  std::array<int64_t, 4> quad_weight{};  // sum of |weight| by quad class

  void Add(const DyadEvent& e);
  void Add(const DayCell& c);  // the counts and sums only
};

// The events summed per (day, direction, precision), in that order.
std::vector<DayCell> DayCellsOf(std::span<const DyadEvent> events);

// What one direction (or both) did in one period.
struct PeriodCell {
  int64_t events = 0;
  int64_t mentions = 0;
  std::array<int64_t, 4> quad_events{};  // quad classes 1..4 at [0..3]
  std::array<int64_t, 4> quad_mentions{};
  double goldstein_sum = 0;  // over events, unweighted (as GDELT's per-event scores)
  // The evidence the index weighs: sum of mentions x Goldstein over
  // cooperative (positive) and conflictual (negative, as a magnitude) events,
  // and the same by quad class (as magnitudes).
  double cooperation = 0;
  double conflict = 0;
  std::array<double, 4> quad_weight{};
  double index = 0;  // in [-1, 1]; 0 for an empty period

  // Net cooperation: the mention-weighted Goldstein sum (Goldstein &
  // Pevehouse's weekly "net cooperation"). The change-point detector runs on
  // it, divided by the series' net_scale.
  double net() const { return cooperation - conflict; }

  std::optional<double> goldstein_mean() const {
    if (events == 0) return std::nullopt;
    return goldstein_sum / static_cast<double>(events);
  }
};

struct Period {
  int32_t start = 0;  // first day
  int32_t end = 0;    // last day (inclusive)
  PeriodCell both, ab, ba;
};

struct SeriesOptions {
  PeriodUnit unit = PeriodUnit::kWeek;
  // The index's prior weight, in mention x Goldstein units, is this multiple
  // of the median evidence (cooperation + conflict) of the series' non-empty
  // periods, unless `prior` fixes it.
  double prior_scale = 2.0;
  std::optional<double> prior;
};

struct DyadSeries {
  PeriodUnit unit = PeriodUnit::kWeek;
  std::vector<Period> periods;
  // The prior weight used for each series' index.
  double prior_both = 1, prior_ab = 1, prior_ba = 1;
  // The median evidence (cooperation + conflict) of a non-empty period of
  // both directions, 1 when there is none: the unit net cooperation is
  // measured in for change points ("typical periods' worth").
  double net_scale = 1;
  int64_t events = 0, mentions = 0;  // events counted (inside the range)
  int64_t coarse_events = 0;         // of which dated to a month or year only
};

// The cooperation-conflict index of one period:
//   (cooperation - conflict) / (cooperation + conflict + prior)
// the posterior mean of the net cooperative share under a symmetric prior
// worth `prior` units of evidence. 0 when there is no evidence.
double CooperationIndex(double cooperation, double conflict, double prior);

// Buckets `events` (those with first_day <= day <= last_day; others are
// ignored) into the periods that cover [first_day, last_day], and computes
// each series' index.
DyadSeries BuildSeries(std::span<const DyadEvent> events, int32_t first_day, int32_t last_day,
                       const SeriesOptions& options);
// The same from the events' day sums (the same series, to the bit).
DyadSeries BuildSeries(std::span<const DayCell> cells, int32_t first_day, int32_t last_day,
                       const SeriesOptions& options);

// The median of the positive values; nullopt when there are none.
std::optional<double> MedianPositive(std::vector<double> values);

}  // namespace detente
