// Shifts across every country dyad: the window `detente alerts` and the
// dashboard's overview look at, the dyads in it analysed, and the change
// points that make alerts. Pure computation plus the store reads of
// dyad_store.h; nothing here prints.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "measure/barometer.h"
#include "store/sqlite.h"

namespace detente {

// Whole periods: [from, since) is the history a shift is measured against,
// [since, until] the recent periods where a shift makes an alert.
struct AlertWindow {
  int32_t from = 0, since = 0, until = 0;
};

// `until` defaults to `last_day` (the last day-dated event), `since` to
// `recent` periods back from it; `history` periods precede `since`.
AlertWindow MakeAlertWindow(std::optional<int32_t> since, std::optional<int32_t> until,
                            int32_t last_day, PeriodUnit unit, int recent, int history);

// One country dyad (a < b) analysed over a window.
struct DyadScan {
  std::string a, b;
  int64_t events = 0;  // in the window
  DyadAnalysis analysis;
};

// Analyses every country dyad with at least `min_events` events of these
// modalities in [window.from, window.until], from the store's per-day sums:
// the change points' drivers are not picked (LoadAlertDrivers picks those
// of the alerts, from their days' events only).
Status ScanCountryDyads(sqlite3* db, std::span<const std::string> modalities,
                        const AlertWindow& window, int64_t min_events,
                        const BarometerOptions& options, std::vector<DyadScan>* out);

struct Alert {
  std::string a, b;
  ChangePoint cp;
  int64_t events = 0;
};

// The change points from `since` on whose index moved (the way net
// cooperation did) by at least `threshold`, largest shift first, at most `top`.
std::vector<Alert> FindAlerts(std::span<const DyadScan> scans, int32_t since, double threshold,
                              std::size_t top);

// Picks the drivers of each alert's change point, as AnalyseDyad would
// from the dyad's events.
Status LoadAlertDrivers(sqlite3* db, std::span<const std::string> modalities,
                        const BarometerOptions& options, std::vector<Alert>* alerts);

}  // namespace detente
