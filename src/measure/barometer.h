// The relationship barometer of one dyad: its series, the change points of
// its cooperation-conflict index with the events that drove each one, and
// the reciprocity of the two directions. Pure computation over events
// already loaded (dyad_store.h loads them); nothing here reads or prints.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "measure/changepoint.h"
#include "measure/reciprocity.h"
#include "measure/series.h"

namespace detente {

struct BarometerOptions {
  SeriesOptions series;
  // PELT on the dyad's net cooperation, in units of a typical period's
  // evidence (DyadSeries::net_scale). The sigma floor keeps a series that
  // barely moves from being cut into many tiny shifts.
  // The factor 3 (about the MBIC of Zhang & Siegmund 2007, R changepoint's
  // default) rather than the BIC's 2: on 52 periods of pure noise the BIC
  // finds a change about one time in five, which across many dyads is a
  // stream of false alerts; 3 brings that to about one in twenty.
  PeltOptions pelt{.penalty_factor = 3.0, .min_segment = 2, .sigma = {}, .min_sigma = 0.02};
  // Change points whose segments' mean net cooperation differs by less than
  // this (in typical periods' worth) are merged away, the smallest first.
  double min_shift = 0.1;
  int driver_periods = 2;  // drivers come from the first periods after a change
  int max_drivers = 5;
  int max_lag = 4;  // reciprocity lags 0..max_lag
  // A peak is one period that stands out from its own segment (a summit week
  // inside a calm stretch) without shifting the level: its net cooperation
  // is more than `peak_z` robust standard deviations (1.4826 x the median
  // absolute deviation of the segment, at least `min_sigma`) from the
  // segment's median, in periods with at least `peak_min_events` events.
  double peak_z = 2.5;
  int peak_min_events = 5;
};

struct Peak {
  int period = 0;
  int32_t start = 0;
  bool cooperative = false;      // a cooperation peak; else a conflict peak
  double net = 0;                // the period's net cooperation (mention x Goldstein)
  double z = 0;                  // how far it stands out, in robust sigmas
  std::vector<int64_t> drivers;  // strongest events of the period in its direction
  int32_t drivers_last = 0;      // drivers come from [start, drivers_last]
};

struct ChangePoint {
  int period = 0;                // index of the first period after the change
  int32_t start = 0;             // that period's first day
  bool worse = false;            // net cooperation fell
  double before = 0, after = 0;  // the index's mean over the segments either side
  // Mean net cooperation per period over the segments either side, in
  // mention x Goldstein units (what the detector compared).
  double net_before = 0, net_after = 0;
  // Event ids, strongest first (|goldstein| x mentions), from the first
  // `driver_periods` periods after the change, in the change's direction
  // (conflict for worse, cooperation for better). Empty when there is none:
  // the shift is the other side fading (see Faded).
  std::vector<int64_t> drivers;
  int32_t drivers_last = 0;  // drivers come from [start, drivers_last]
  bool faded() const { return drivers.empty(); }
};

struct DyadAnalysis {
  std::string a, b;  // as given: A -> B is "forward"
  DyadSeries series;
  // Of the both-directions net cooperation / net_scale (its segments' means
  // are in those units).
  Segmentation segmentation;
  // The index's mean over each segment of `segmentation`.
  std::vector<double> index_means;
  std::vector<ChangePoint> change_points;
  // Single periods that stand out within their segment (not change points).
  std::vector<Peak> peaks;
  // B answering A's conflict, A answering B's conflict, then the same for
  // cooperation.
  std::vector<Reciprocity> reciprocity;
};

// Analyses the events with first_day <= day <= last_day.
DyadAnalysis AnalyseDyad(std::string a, std::string b, std::span<const DyadEvent> events,
                         int32_t first_day, int32_t last_day, const BarometerOptions& options);

// The same from the events' day sums, without the drivers: each change
// point and peak says which days they come from (drivers_last), and
// PickDrivers (or dyad_store.h's LoadDrivers, which reads only those days)
// fills them. Then the analysis is AnalyseDyad's, to the bit.
DyadAnalysis AnalyseDyadCells(std::string a, std::string b, std::span<const DayCell> cells,
                              int32_t first_day, int32_t last_day, const BarometerOptions& options);

// Picks the drivers of every change point and peak from `events`, which
// must hold (at least) the dyad's events of the days they come from.
void PickDrivers(std::span<const DyadEvent> events, const BarometerOptions& options,
                 DyadAnalysis* analysis);

// The sign of the events that drive a change point (conflict for a turn
// for the worse) or a peak: TopEvents' `sign`.
inline int DriverSign(const ChangePoint& cp) { return cp.worse ? -1 : 1; }
inline int DriverSign(const Peak& pk) { return pk.cooperative ? 1 : -1; }

// Merges away change points whose shift is below `min_shift` (smallest
// first) and returns the remaining segmentation of x.
void MergeSmallShifts(std::span<const double> x, double min_shift, Segmentation* seg);

// Ids of the `n` events in [first_day, last_day] with the largest
// |goldstein| x mentions; sign > 0 keeps cooperative events only, < 0
// conflictual ones, 0 all. Ties go to the earlier event.
std::vector<int64_t> TopEvents(std::span<const DyadEvent> events, int32_t first_day,
                               int32_t last_day, int sign, std::size_t n);

// A word for an index level: "cooperative", "leaning cooperative", "mixed",
// "leaning conflictual", "conflictual".
std::string_view IndexLevelName(double index);

}  // namespace detente
