// Reading what the barometer needs from the event store: a dyad's events,
// every country dyad's events (for alerts), and the details and evidence
// sentences of chosen events.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "measure/barometer.h"
#include "measure/series.h"
#include "store/actor_spec.h"
#include "store/event_store.h"

namespace detente {

// ActorSpec and ParseActorSpec (one side of a dyad) are store/actor_spec.h's.

struct DyadQuery {
  ActorSpec a, b;
  std::vector<std::string> modalities = {"asserted"};
};

struct DyadLoad {
  std::vector<DyadEvent> events;  // dated events, by day then id; forward = A -> B
  int64_t undated = 0;            // events of the dyad with no date (never in a series)
};

// The dyad's events in both directions.
Result<DyadLoad> LoadDyadEvents(sqlite3* db, const DyadQuery& query);
// Only those dated in [first_day, last_day].
Result<DyadLoad> LoadDyadEvents(sqlite3* db, const DyadQuery& query, int32_t first_day,
                                int32_t last_day);

// The dyad's events summed per day (series.h's DayCell), in both directions:
// from the store's dyad_days table when both sides are countries (a few
// rows per day instead of every event), else from the events.
struct DyadDays {
  std::vector<DayCell> cells;  // dated events, by day, forward = A -> B
  int64_t undated = 0;
};
Result<DyadDays> LoadDyadDays(sqlite3* db, const DyadQuery& query);

// Fills the drivers of the analysis' change points (and, with `peaks`, of
// its peaks) from the dyad's events of their days alone: what PickDrivers
// does with all the events.
Status LoadDrivers(sqlite3* db, const DyadQuery& query, const BarometerOptions& options, bool peaks,
                   DyadAnalysis* analysis);

// The range a series covers by default: the first to the last day-dated
// event (month- and year-dated ones such as "in 1979" would otherwise
// stretch a weekly series over decades); all events when none is day-dated.
// nullopt without events.
struct DayRange {
  int32_t first = 0, last = 0;
};
std::optional<DayRange> DefaultRange(std::span<const DyadEvent> events);
std::optional<DayRange> DefaultRange(std::span<const DayCell> cells);

// The whole periods a dyad's series covers: from `since` (else the first
// event of DefaultRange, else `until`) to `until` (else the last event, else
// the first day), widened to whole periods so that a week cut by `since` does
// not look quieter than it was. A range that misses every event is one
// period at the bound given. nullopt when there is no dated event and no
// bound (no periods at all).
std::optional<DayRange> SeriesRange(std::span<const DyadEvent> events, std::optional<int32_t> since,
                                    std::optional<int32_t> until, PeriodUnit unit);
std::optional<DayRange> SeriesRange(std::span<const DayCell> cells, std::optional<int32_t> since,
                                    std::optional<int32_t> until, PeriodUnit unit);
// The same from the default range (DefaultRange's).
std::optional<DayRange> SeriesRangeOf(std::optional<DayRange> range, std::optional<int32_t> since,
                                      std::optional<int32_t> until, PeriodUnit unit);

// The events between two countries (ISO codes; organisations and actors of
// unknown country are left out), for every such pair, with a < b and
// forward = a -> b, summed per day (from dyad_days).
struct CountryDyad {
  std::string a, b;
  int64_t events = 0;
  std::vector<DayCell> cells;
};
Status LoadCountryDyads(sqlite3* db, std::span<const std::string> modalities, int32_t first_day,
                        int32_t last_day, std::vector<CountryDyad>* out);

// The events between countries a and b (either direction; as
// LoadCountryDyads counts them) dated in [first_day, last_day].
Result<std::vector<DyadEvent>> LoadCountryDyadEvents(sqlite3* db, const std::string& a,
                                                     const std::string& b,
                                                     std::span<const std::string> modalities,
                                                     int32_t first_day, int32_t last_day);

// The last day of a day-dated event with one of the modalities; nullopt in an
// empty store.
Result<std::optional<int32_t>> LastEventDay(sqlite3* db, std::span<const std::string> modalities);

// An event with what the analyst needs to judge it.
struct EventDetail {
  int64_t id = 0;
  std::string date;  // at its precision
  int32_t day = 0;
  std::string source_code, source_name, target_code, target_name;
  std::string cameo, label;
  double goldstein = 0;
  int quad = 0;
  std::string modality;
  int64_t num_mentions = 0, num_articles = 0, num_sources = 0;
  std::vector<MentionRow> evidence;  // at most the number asked, distinct sentences
};

// Details of the events with these ids (in that order; ids not found are
// skipped), each with up to `max_evidence` evidence sentences.
Status LoadEventDetails(EventStore* store, std::span<const int64_t> ids, int max_evidence,
                        std::vector<EventDetail>* out);

}  // namespace detente
