#include "serve/overview.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "measure/alerts.h"
#include "measure/period.h"
#include "store/schema.h"
#include "store/sqlite.h"

namespace detente {
namespace {

// A dyad's tone in the recent periods against the history before them.
struct Trend {
  const DyadScan* scan = nullptr;
  int64_t recent_events = 0, history_events = 0;
  double recent_index = 0, history_index = 0;
  // Only meaningful with events on both sides (warming and cooling need them).
  double change() const { return recent_index - history_index; }
};

Trend MakeTrend(const DyadScan& scan, int32_t since) {
  Trend t;
  t.scan = &scan;
  double rc = 0, rf = 0, hc = 0, hf = 0;
  for (const Period& p : scan.analysis.series.periods) {
    if (p.start >= since) {
      rc += p.both.cooperation;
      rf += p.both.conflict;
      t.recent_events += p.both.events;
    } else {
      hc += p.both.cooperation;
      hf += p.both.conflict;
      t.history_events += p.both.events;
    }
  }
  double prior = scan.analysis.series.prior_both;
  t.recent_index = CooperationIndex(rc, rf, prior);
  t.history_index = CooperationIndex(hc, hf, prior);
  return t;
}

void WriteTrend(JsonWriter* w, const Trend& t) {
  w->BeginObject();
  w->Key("dyad").BeginArray().String(t.scan->a).String(t.scan->b).EndArray();
  w->Field("events", t.scan->events).Field("mentions", t.scan->analysis.series.mentions);
  w->Field("recent_events", t.recent_events).Field("history_events", t.history_events);
  // No events, no index: null rather than a neutral-looking 0.
  w->Key("recent_index");
  if (t.recent_events)
    w->Number(t.recent_index);
  else
    w->Null();
  w->Key("history_index");
  if (t.history_events)
    w->Number(t.history_index);
  else
    w->Null();
  w->Key("change");
  if (t.recent_events && t.history_events)
    w->Number(t.change());
  else
    w->Null();
  w->EndObject();
}

void WriteDriver(JsonWriter* w, const EventDetail& e) {
  w->BeginObject();
  w->Field("id", e.id).Field("date", e.date).Field("source", e.source_code);
  w->Field("target", e.target_code).Field("cameo", e.cameo).Field("label", e.label);
  w->Field("goldstein", e.goldstein).Field("num_mentions", e.num_mentions);
  w->Field("sentence", e.evidence.empty() ? std::string() : e.evidence[0].sentence);
  w->EndObject();
}

void WriteDrivers(JsonWriter* w, const std::vector<int64_t>& ids,
                  const std::vector<EventDetail>& details) {
  w->Key("drivers").BeginArray();
  for (int64_t id : ids)
    for (const auto& d : details)
      if (d.id == id) WriteDriver(w, d);
  w->EndArray();
}

void WriteChangePoint(JsonWriter* w, const ChangePoint& cp,
                      const std::vector<EventDetail>& details) {
  w->Field("start", DayString(cp.start)).Field("direction", cp.worse ? "worse" : "better");
  w->Field("before", cp.before).Field("after", cp.after).Field("shift", cp.after - cp.before);
  w->Field("faded", cp.faded());
  WriteDrivers(w, cp.drivers, details);
}

}  // namespace

Result<std::string> StoreVersionKey(sqlite3* db) {
  sql::Stmt s;
  DETENTE_RETURN_IF_ERROR(
      s.Prepare(db,
                "SELECT (SELECT max(id) FROM events), (SELECT max(id) FROM mentions), "
                "(SELECT max(id) FROM documents)"));
  auto r = s.Step();
  if (!r.ok()) return r.status();
  return fmt::format("{}/{}/{}", s.Int(0), s.Int(1), s.Int(2));
}

Status WriteStoreSummary(EventStore* store, JsonWriter* w) {
  sql::Stmt s;
  DETENTE_RETURN_IF_ERROR(s.Prepare(
      store->db(),
      "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), "
      "(SELECT count(*) FROM mentions), (SELECT min(day) FROM events WHERE precision = 'day'), "
      "(SELECT max(day) FROM events WHERE precision = 'day')"));
  auto r = s.Step();
  if (!r.ok()) return r.status();
  w->BeginObject();
  w->Field("documents", s.Int(0)).Field("events", s.Int(1)).Field("mentions", s.Int(2));
  w->Key("first_event_date");
  if (s.IsNull(3))
    w->Null();
  else
    w->String(DayString(static_cast<int32_t>(s.Int(3))));
  w->Key("last_event_date");
  if (s.IsNull(4))
    w->Null();
  else
    w->String(DayString(static_cast<int32_t>(s.Int(4))));
  w->Field("schema_version", CurrentSchemaVersion());
  w->EndObject();
  return Status::Ok();
}

Status WriteOverview(EventStore* store, const OverviewOptions& o, JsonWriter* w) {
  auto last_day = LastEventDay(store->db(), o.modalities);
  if (!last_day.ok()) return last_day.status();
  w->BeginObject().Key("store");
  DETENTE_RETURN_IF_ERROR(WriteStoreSummary(store, w));
  if (!last_day->has_value() && !o.until) {
    w->Key("window").Null();
    for (const char* k : {"most_active", "warming", "cooling", "alerts"})
      w->Key(k).BeginArray().EndArray();
    w->EndObject();
    return Status::Ok();
  }
  AlertWindow win =
      MakeAlertWindow(std::nullopt, o.until, last_day->value_or(0), o.unit, o.recent, o.history);
  BarometerOptions bo;
  bo.series.unit = o.unit;
  std::vector<DyadScan> scans;
  DETENTE_RETURN_IF_ERROR(
      ScanCountryDyads(store->db(), o.modalities, win, o.min_events, bo, &scans));
  w->Key("window").BeginObject();
  w->Field("by", PeriodUnitName(o.unit)).Field("from", DayString(win.from));
  w->Field("since", DayString(win.since)).Field("until", DayString(win.until));
  w->Field("recent", o.recent).Field("history", o.history).Field("min_events", o.min_events);
  w->Field("dyads", static_cast<int64_t>(scans.size()));
  w->Key("modalities").BeginArray();
  for (const auto& m : o.modalities) w->String(m);
  w->EndArray().EndObject();

  std::vector<Trend> trends;
  for (const auto& s : scans) trends.push_back(MakeTrend(s, win.since));
  auto top = static_cast<std::size_t>(o.top);
  std::vector<Trend> active = trends;
  std::stable_sort(active.begin(), active.end(),
                   [](const Trend& x, const Trend& y) { return x.scan->events > y.scan->events; });
  if (active.size() > top) active.resize(top);
  w->Key("most_active").BeginArray();
  for (const auto& t : active) WriteTrend(w, t);
  w->EndArray();
  // Warming and cooling need events on both sides of `since`.
  std::vector<Trend> moved;
  for (const auto& t : trends)
    if (t.recent_events > 0 && t.history_events > 0) moved.push_back(t);
  std::stable_sort(moved.begin(), moved.end(),
                   [](const Trend& x, const Trend& y) { return x.change() > y.change(); });
  w->Key("warming").BeginArray();
  for (std::size_t i = 0; i < moved.size() && i < top && moved[i].change() > 0; ++i)
    WriteTrend(w, moved[i]);
  w->EndArray();
  w->Key("cooling").BeginArray();
  for (std::size_t i = 0; i < moved.size() && i < top && moved[moved.size() - 1 - i].change() < 0;
       ++i)
    WriteTrend(w, moved[moved.size() - 1 - i]);
  w->EndArray();

  std::vector<Alert> alerts = FindAlerts(scans, win.since, o.threshold, top);
  DETENTE_RETURN_IF_ERROR(LoadAlertDrivers(store->db(), o.modalities, bo, &alerts));
  std::vector<int64_t> ids;
  for (const auto& al : alerts) ids.insert(ids.end(), al.cp.drivers.begin(), al.cp.drivers.end());
  std::vector<EventDetail> details;
  DETENTE_RETURN_IF_ERROR(LoadEventDetails(store, ids, 1, &details));
  w->Key("alerts").BeginArray();
  for (const auto& al : alerts) {
    w->BeginObject();
    w->Key("dyad").BeginArray().String(al.a).String(al.b).EndArray();
    w->Field("events", al.events);
    WriteChangePoint(w, al.cp, details);
    w->EndObject();
  }
  w->EndArray();
  w->EndObject();
  return Status::Ok();
}

void WriteSeries(const DyadAnalysis& an, const std::vector<std::string>& modalities,
                 int64_t undated, int64_t outside, const std::vector<EventDetail>& drivers,
                 JsonWriter* w) {
  const DyadSeries& s = an.series;
  w->BeginObject();
  w->Key("dyad").BeginArray().String(an.a).String(an.b).EndArray();
  w->Field("by", PeriodUnitName(s.unit));
  w->Key("since");
  if (s.periods.empty())
    w->Null();
  else
    w->String(DayString(s.periods.front().start));
  w->Key("until");
  if (s.periods.empty())
    w->Null();
  else
    w->String(DayString(s.periods.back().end));
  w->Key("modalities").BeginArray();
  for (const auto& m : modalities) w->String(m);
  w->EndArray();
  w->Field("events", s.events).Field("mentions", s.mentions);
  w->Field("coarse_events", s.coarse_events).Field("undated_events", undated);
  w->Field("events_outside_range", outside);
  w->Key("periods").BeginObject();
  w->Key("start").BeginArray();
  for (const auto& p : s.periods) w->String(DayString(p.start));
  w->EndArray();
  w->Key("end").BeginArray();
  for (const auto& p : s.periods) w->String(DayString(p.end));
  w->EndArray();
  auto cells = [&](std::string_view key, PeriodCell Period::*cell) {
    w->Key(key).BeginObject();
    w->Key("events").BeginArray();
    for (const auto& p : s.periods) w->Int((p.*cell).events);
    w->EndArray().Key("mentions").BeginArray();
    for (const auto& p : s.periods) w->Int((p.*cell).mentions);
    w->EndArray().Key("cooperation").BeginArray();
    for (const auto& p : s.periods) w->Number((p.*cell).cooperation);
    w->EndArray().Key("conflict").BeginArray();
    for (const auto& p : s.periods) w->Number((p.*cell).conflict);
    w->EndArray().Key("net").BeginArray();
    for (const auto& p : s.periods) w->Number((p.*cell).net());
    w->EndArray().Key("index").BeginArray();
    for (const auto& p : s.periods) {
      if ((p.*cell).events == 0)
        w->Null();  // no evidence: a gap in the chart, not a neutral zero
      else
        w->Number((p.*cell).index);
    }
    w->EndArray().EndObject();
  };
  cells("both", &Period::both);
  cells("ab", &Period::ab);
  cells("ba", &Period::ba);
  w->EndObject();
  w->Key("segments").BeginArray();
  for (std::size_t i = 0; i < an.segmentation.segments.size(); ++i) {
    const MeanSegment& seg = an.segmentation.segments[i];
    if (seg.begin >= static_cast<int>(s.periods.size()) || seg.end < 1) continue;
    w->BeginObject();
    w->Field("start", DayString(s.periods[static_cast<std::size_t>(seg.begin)].start));
    w->Field("end", DayString(s.periods[static_cast<std::size_t>(seg.end - 1)].end));
    w->Key("index");
    if (i < an.index_means.size())
      w->Number(an.index_means[i]);
    else
      w->Null();
    w->EndObject();
  }
  w->EndArray();
  w->Key("change_points").BeginArray();
  for (const auto& cp : an.change_points) {
    w->BeginObject().Field("period", cp.period);
    WriteChangePoint(w, cp, drivers);
    w->EndObject();
  }
  w->EndArray();
  w->Key("reciprocity").BeginArray();
  for (const auto& r : an.reciprocity) {
    w->BeginObject().Field("kind", r.kind).Field("actor", r.actor).Field("responder", r.responder);
    w->Key("best_lag");
    if (r.best_r)
      w->Int(r.best_lag);
    else
      w->Null();
    w->Field("best_r", r.best_r)
        .Field("threshold", r.threshold)
        .Field("significant", r.significant);
    w->EndObject();
  }
  w->EndArray();
  w->EndObject();
}

}  // namespace detente
