// What the dashboard's pages show that is computed rather than listed: the
// overview of every country dyad (most active, warming, cooling, current
// alerts), a dyad's series as columns for a chart, and the store's summary.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "measure/barometer.h"
#include "measure/dyad_store.h"
#include "serve/json.h"
#include "store/event_store.h"

namespace detente {

struct OverviewOptions {
  PeriodUnit unit = PeriodUnit::kMonth;
  std::vector<std::string> modalities = {"asserted"};
  int recent = 6;    // periods whose tone is compared, and where alerts are looked for
  int history = 24;  // periods before them
  int64_t min_events = 10;
  double threshold = 0.2;  // of an alert's index shift, as `detente alerts`
  int top = 10;
  std::optional<int32_t> until;  // default: the last day-dated event
};

// The overview of the country dyads in the window `detente alerts` uses:
// the most active dyads, those whose index rose (warming) or fell (cooling)
// most from the history to the recent periods, and the alerts.
Status WriteOverview(EventStore* store, const OverviewOptions& options, JsonWriter* w);

// Counts and date range of the store.
Status WriteStoreSummary(EventStore* store, JsonWriter* w);

// A key that changes whenever the store gains events or mentions.
Result<std::string> StoreVersionKey(sqlite3* db);

// A dyad's analysis as columns (one array per measure, one item per
// period), with change points and their driving events.
void WriteSeries(const DyadAnalysis& an, const std::vector<std::string>& modalities,
                 int64_t undated, int64_t outside, const std::vector<EventDetail>& drivers,
                 JsonWriter* w);

}  // namespace detente
