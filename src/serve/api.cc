#include "serve/api.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "measure/barometer.h"
#include "measure/dyad_store.h"
#include "measure/period.h"
#include "serve/evidence.h"
#include "serve/json.h"
#include "serve/overview.h"
#include "store/actor_spec.h"

namespace detente {
namespace {

const std::set<std::string> kModalities = {"asserted", "negated", "planned", "hypothetical",
                                           "normative"};
const std::set<std::string> kUnits = {"day", "week", "month"};
// A series longer than this many periods is refused (pick a coarser unit).
constexpr int64_t kMaxPeriods = 5000;

ApiResponse Ok(JsonWriter* w) { return {200, w->Take()}; }

ApiResponse BadParams(const QueryParams& q) {
  return ErrorResponse(400, q.error()->message, q.error()->parameter);
}

// A failed store read: 503 when the request ran out of time, else 500.
ApiResponse StoreFailure(const Status& st, const StorePool::Lease& lease, int millis) {
  if (lease.timed_out())
    return ErrorResponse(
        503,
        fmt::format("the query took longer than {} ms; narrow it (a dyad, dates, a root)", millis));
  return ErrorResponse(500, fmt::format("reading the store: {}", st.message()));
}

std::optional<int64_t> ParseId(std::string_view s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

void WriteActor(JsonWriter* w, std::string_view key, const std::string& code,
                const std::string& country, const std::string& sector, const std::string& name) {
  w->Key(key).BeginObject();
  w->Field("code", code).Field("country", country).Field("sector", sector).Field("name", name);
  w->EndObject();
}

void WriteEventRow(JsonWriter* w, const EventRow& e) {
  w->BeginObject();
  w->Field("id", e.id).Field("date", e.date).Field("precision", e.precision);
  WriteActor(w, "source", e.source_code, e.source_country, e.source_sector, e.source_name);
  WriteActor(w, "target", e.target_code, e.target_country, e.target_sector, e.target_name);
  w->Field("cameo", e.cameo).Field("root", e.root).Field("label", e.label);
  w->Field("goldstein", e.goldstein).Field("quad", e.quad).Field("modality", e.modality);
  w->Field("is_root", e.is_root).Field("num_mentions", e.num_mentions);
  w->Field("num_articles", e.num_articles).Field("num_sources", e.num_sources);
  w->Field("url", e.source_url);
  w->EndObject();
}

// The cursor after an event: "<day>.<id>", or "u.<id>" for an undated one.
std::string CursorAfter(const EventRow& e) {
  return e.day ? fmt::format("{}.{}", *e.day, e.id) : fmt::format("u.{}", e.id);
}

std::optional<EventFilter::After> ParseCursor(std::string_view s) {
  std::size_t dot = s.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  EventFilter::After after;
  auto id = ParseId(s.substr(dot + 1));
  if (!id) return std::nullopt;
  after.id = *id;
  std::string_view day = s.substr(0, dot);
  if (day != "u") {
    int32_t d = 0;
    auto [end, ec] = std::from_chars(day.data(), day.data() + day.size(), d);
    if (ec != std::errc() || end != day.data() + day.size() || day.empty()) return std::nullopt;
    after.day = d;
  }
  return after;
}

}  // namespace

ApiResponse ErrorResponse(int status, std::string_view message, std::string_view parameter) {
  JsonWriter w;
  w.BeginObject().Field("error", message).Key("parameter");
  if (parameter.empty())
    w.Null();
  else
    w.String(parameter);
  w.Field("status", status).EndObject();
  return {status, w.Take()};
}

ApiResponse Api::Handle(std::string_view path, const QueryParams::Map& params) {
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  while (pos < path.size()) {
    std::size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > pos) parts.push_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  if (parts.size() == 1 && parts[0] == "overview") return Overview(params);
  if (parts.size() == 1 && parts[0] == "store") return Store(params);
  if (parts.size() == 1 && parts[0] == "events") return Events(params);
  if (parts.size() == 2 && parts[0] == "events") return Event(parts[1], params);
  if (parts.size() == 2 && parts[0] == "documents") return Document(parts[1], params);
  if (parts.size() == 3 && parts[0] == "dyads") return DyadSeries(parts[1], parts[2], params);
  return ErrorResponse(
      404, fmt::format("no such endpoint: /api{} (docs/API.md lists them)", path.substr(0, 100)));
}

ApiResponse Api::Store(const QueryParams::Map& params) {
  QueryParams q(params, {});
  if (!q.ok()) return BadParams(q);
  auto lease = pool_->Acquire(limits_.query_millis);
  JsonWriter w;
  Status st = WriteStoreSummary(lease->store(), &w);
  if (!st.ok()) return StoreFailure(st, *lease, limits_.query_millis);
  return Ok(&w);
}

ApiResponse Api::Overview(const QueryParams::Map& params) {
  QueryParams q(params,
                {"by", "modality", "recent", "history", "min_events", "threshold", "top", "until"});
  OverviewOptions o;
  auto unit = ParsePeriodUnit(q.OneOf("by", kUnits, "month"));
  o.unit = unit.value_or(PeriodUnit::kMonth);
  o.modalities = q.List("modality", kModalities, "asserted");
  if (q.ok() && o.modalities.empty()) q.Fail("modality", "'modality' names no modality");
  o.recent = static_cast<int>(q.Int("recent", o.recent, 1, 120));
  o.history = static_cast<int>(q.Int("history", o.history, 2, 240));
  o.min_events = q.Int("min_events", o.min_events, 1, 1000000);
  o.threshold = q.Number("threshold", o.threshold, 0, 2);
  o.top = static_cast<int>(q.Int("top", o.top, 1, 100));
  o.until = q.Day("until", true);
  if (!q.ok()) return BadParams(q);

  auto lease = pool_->Acquire(limits_.query_millis * 5);  // scans every dyad of the window
  auto version = StoreVersionKey(lease->db());
  if (!version.ok()) return StoreFailure(version.status(), *lease, limits_.query_millis * 5);
  std::string key;
  for (const auto& [k, v] : params) key += k + "=" + v + "&";
  key += *version;
  {
    std::lock_guard lock(cache_mu_);
    auto it = overview_cache_.find(key);
    if (it != overview_cache_.end()) return {200, it->second};
  }
  JsonWriter w;
  Status st = WriteOverview(lease->store(), o, &w);
  if (!st.ok()) return StoreFailure(st, *lease, limits_.query_millis * 5);
  std::string body = w.Take();
  std::lock_guard lock(cache_mu_);
  if (overview_cache_.size() >= 64) overview_cache_.clear();
  overview_cache_[key] = body;
  return {200, std::move(body)};
}

ApiResponse Api::DyadSeries(std::string_view a_arg, std::string_view b_arg,
                            const QueryParams::Map& params) {
  QueryParams q(params, {"by", "since", "until", "modality"});
  auto unit = ParsePeriodUnit(q.OneOf("by", kUnits, "week"));
  auto since = q.Day("since", false);
  auto until = q.Day("until", true);
  auto modalities = q.List("modality", kModalities, "asserted");
  if (q.ok() && modalities.empty()) q.Fail("modality", "'modality' names no modality");
  if (q.ok() && since && until && *since > *until) q.Fail("since", "'since' is after 'until'");
  if (!q.ok()) return BadParams(q);
  auto a = ParseActorSpec(a_arg);
  if (!a.ok()) return ErrorResponse(400, a.status().message(), "a");
  auto b = ParseActorSpec(b_arg);
  if (!b.ok()) return ErrorResponse(400, b.status().message(), "b");
  if (a->code == b->code)
    return ErrorResponse(
        400, fmt::format("a dyad needs two different actors, not {} twice", a->code), "b");

  auto lease = pool_->Acquire(limits_.query_millis);
  DyadQuery query{*a, *b, modalities};
  auto load = LoadDyadDays(lease->db(), query);
  if (!load.ok()) return StoreFailure(load.status(), *lease, limits_.query_millis);
  BarometerOptions options;
  options.series.unit = *unit;
  auto range = SeriesRange(load->cells, since, until, *unit);
  if (range) {
    int64_t days = int64_t{range->last} - range->first + 1;
    int64_t per = *unit == PeriodUnit::kDay ? 1 : *unit == PeriodUnit::kWeek ? 7 : 28;
    if (days / per > kMaxPeriods)
      return ErrorResponse(400,
                           fmt::format("the range holds more than {} periods of a {}; choose a "
                                       "coarser 'by' or a shorter range",
                                       kMaxPeriods, PeriodUnitName(*unit)),
                           "by");
  }
  DyadAnalysis an =
      range ? AnalyseDyadCells(a->code, b->code, load->cells, range->first, range->last, options)
            : AnalyseDyadCells(a->code, b->code, load->cells, 1, 0, options);
  // Only the change points' drivers are shown: read the events of their days alone.
  Status st = LoadDrivers(lease->db(), query, options, /*peaks=*/false, &an);
  if (!st.ok()) return StoreFailure(st, *lease, limits_.query_millis);
  int64_t outside = 0;
  if (range)
    for (const auto& c : load->cells)
      if (c.day < range->first || c.day > range->last) outside += c.events;
  std::vector<int64_t> ids;
  for (const auto& cp : an.change_points)
    ids.insert(ids.end(), cp.drivers.begin(), cp.drivers.end());
  std::vector<EventDetail> details;
  st = LoadEventDetails(lease->store(), ids, 1, &details);
  if (!st.ok()) return StoreFailure(st, *lease, limits_.query_millis);
  JsonWriter w;
  WriteSeries(an, modalities, load->undated, outside, details, &w);
  return Ok(&w);
}

ApiResponse Api::Events(const QueryParams::Map& params) {
  QueryParams q(params, {"dyad", "undirected", "actor", "root", "cameo", "modality", "since",
                         "until", "q", "min_mentions", "limit", "cursor", "count"});
  EventFilter f;
  // Actor specs as the dyad page reads them (three letters: a country), so
  // that a dyad's list holds the events its series counted.
  f.barometer_specs = true;
  auto spec = [&](std::string_view param, const std::string& s, std::string* out) {
    auto r = ParseActorSpec(s);
    if (!r.ok())
      q.Fail(param, r.status().message());
    else
      *out = r->code;
  };
  std::string dyad = q.Str("dyad", "", 64);
  if (!dyad.empty()) {
    std::size_t colon = dyad.find(':');
    if (colon == std::string::npos || dyad.size() == 1) {
      q.Fail("dyad", "'dyad' must be SOURCE:TARGET (USA:CHN; either side may be empty: :CHN)");
    } else {
      if (colon > 0) spec("dyad", dyad.substr(0, colon), &f.source);
      if (colon + 1 < dyad.size()) spec("dyad", dyad.substr(colon + 1), &f.target);
    }
  }
  f.undirected = q.Flag("undirected");
  std::string actor = q.Str("actor", "", 40);
  if (!actor.empty()) spec("actor", actor, &f.actor);
  for (auto& r : q.List("root", {})) {
    if (r.size() == 1) r = "0" + r;
    int v = 0;
    auto [end, ec] = std::from_chars(r.data(), r.data() + r.size(), v);
    if (r.size() != 2 || ec != std::errc() || end != r.data() + 2 || v < 1 || v > 20) {
      q.Fail("root", fmt::format("'{}' is not a CAMEO root (01 to 20)", r.substr(0, 20)));
      break;
    }
    f.roots.push_back(r);
  }
  for (auto& c : q.List("cameo", {})) {
    bool digits = c.size() >= 2 && c.size() <= 4 &&
                  std::all_of(c.begin(), c.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (!digits) {
      q.Fail("cameo", fmt::format("'{}' is not a CAMEO code (2 to 4 digits)", c.substr(0, 20)));
      break;
    }
    f.cameo.push_back(c);
  }
  f.modalities = q.List("modality", kModalities);
  f.since_day = q.Day("since", false);
  f.until_day = q.Day("until", true);
  f.text = q.Str("q", "", limits_.max_text_bytes);
  f.min_mentions = q.Int("min_mentions", 0, 0, 1000000000);
  int64_t limit = q.Int("limit", limits_.default_page, 1, limits_.max_page);
  std::string cursor = q.Str("cursor", "", 40);
  if (!cursor.empty()) {
    f.after = ParseCursor(cursor);
    if (!f.after) q.Fail("cursor", "'cursor' is not a cursor this API gave (next_cursor)");
  }
  bool count = q.Flag("count", true);
  if (!q.ok()) return BadParams(q);

  auto lease = pool_->Acquire(limits_.query_millis);
  f.limit = limit + 1;  // one more tells whether there is a next page
  JsonWriter w;
  w.BeginObject().Key("events").BeginArray();
  int64_t n = 0;
  bool more = false;
  std::string last;
  Status st = lease->store()->ForEachEvent(f, [&](const EventRow& e) {
    if (n == limit) {
      more = true;
      return false;
    }
    WriteEventRow(&w, e);
    last = CursorAfter(e);
    ++n;
    return true;
  });
  if (!st.ok()) return StoreFailure(st, *lease, limits_.query_millis);
  w.EndArray();
  w.Field("limit", limit).Key("next_cursor");
  if (more)
    w.String(last);
  else
    w.Null();
  if (count) {
    // The total of the whole listing (not from the cursor on), counted up to a cap.
    f.after.reset();
    f.limit = 0;
    lease->SetBudget(limits_.count_millis);
    auto total = lease->store()->CountEventsUpTo(f, limits_.max_count + 1);
    lease->ClearBudget();
    if (!total.ok() && lease->budget_spent() && !lease->timed_out()) {
      w.Key("total").Null().Field("total_is_lower_bound", false);
    } else if (!total.ok()) {
      return StoreFailure(total.status(), *lease, limits_.query_millis);
    } else {
      bool capped = *total > limits_.max_count;
      w.Field("total", capped ? limits_.max_count : *total).Field("total_is_lower_bound", capped);
    }
  }
  w.EndObject();
  return Ok(&w);
}

ApiResponse Api::Event(std::string_view id_arg, const QueryParams::Map& params) {
  QueryParams q(params, {"limit", "offset"});
  int64_t limit = q.Int("limit", 100, 1, limits_.max_page);
  int64_t offset = q.Int("offset", 0, 0, int64_t{1} << 40);
  if (!q.ok()) return BadParams(q);
  auto id = ParseId(id_arg);
  if (!id) return ErrorResponse(400, "an event id is a positive integer", "id");
  auto lease = pool_->Acquire(limits_.query_millis);
  EventFilter f;
  f.id = *id;
  bool found = false;
  JsonWriter w;
  w.BeginObject().Key("event");
  Status st = lease->store()->ForEachEvent(f, [&](const EventRow& e) {
    WriteEventRow(&w, e);
    found = true;
    return false;
  });
  if (!st.ok()) return StoreFailure(st, *lease, limits_.query_millis);
  if (!found) return ErrorResponse(404, fmt::format("no event {}", *id), "id");
  w.Key("mentions").BeginArray();
  int64_t seen = 0, written = 0;
  st = lease->store()->ForEachMention(*id, [&](const MentionRow& m) {
    if (seen++ < offset) return true;
    if (written == limit) return false;
    WriteMention(&w, m, /*with_document=*/true);
    ++written;
    return true;
  });
  if (!st.ok()) return StoreFailure(st, *lease, limits_.query_millis);
  w.EndArray();
  w.Field("offset", offset).Field("limit", limit);
  w.EndObject();
  return Ok(&w);
}

ApiResponse Api::Document(std::string_view id_arg, const QueryParams::Map& params) {
  QueryParams q(params, {});
  if (!q.ok()) return BadParams(q);
  auto id = ParseId(id_arg);
  if (!id) return ErrorResponse(400, "a document id is a positive integer", "id");
  auto lease = pool_->Acquire(limits_.query_millis);
  auto doc = lease->store()->GetDocument(*id);
  if (!doc.ok()) return StoreFailure(doc.status(), *lease, limits_.query_millis);
  if (!*doc) return ErrorResponse(404, fmt::format("no document {}", *id), "id");
  std::vector<SentenceRow> sentences;
  Status st = lease->store()->ForEachSentence(*id, [&](const SentenceRow& s) {
    sentences.push_back(s);
    return true;
  });
  if (!st.ok()) return StoreFailure(st, *lease, limits_.query_millis);
  std::map<int64_t, std::vector<MentionRow>> by_sentence;
  std::vector<int64_t> event_ids;
  st = lease->store()->ForEachDocumentMention(*id, [&](const MentionRow& m) {
    by_sentence[m.sentence_id].push_back(m);
    if (std::find(event_ids.begin(), event_ids.end(), m.event) == event_ids.end())
      event_ids.push_back(m.event);
    return true;
  });
  if (!st.ok()) return StoreFailure(st, *lease, limits_.query_millis);

  std::vector<ParagraphRow> paragraphs;
  st = lease->store()->ForEachParagraph(*id, [&](const ParagraphRow& p) {
    paragraphs.push_back(p);
    return true;
  });
  if (!st.ok()) return StoreFailure(st, *lease, limits_.query_millis);

  JsonWriter w;
  w.BeginObject();
  WriteDocument(&w, **doc);
  w.Field("has_text", !paragraphs.empty());
  // Segments in reading order (of the paragraphs; stores older than schema
  // version 2 have none, and then the sentences' order), each with its
  // paragraphs (evidence sentences marked) and its evidence sentences.
  std::vector<std::string> order;
  auto add = [&](const std::string& seg) {
    if (std::find(order.begin(), order.end(), seg) == order.end()) order.push_back(seg);
  };
  for (const auto& p : paragraphs) add(p.segment);
  for (const auto& s : sentences) add(s.segment);
  w.Key("segments").BeginArray();
  for (const auto& seg : order) {
    w.BeginObject().Field("segment", seg).Field("kind", SegmentKindOf(seg));
    w.Key("paragraphs").BeginArray();
    for (const auto& p : paragraphs) {
      if (p.segment != seg) continue;
      w.BeginObject().Field("index", p.index).Field("role", p.role);
      w.Field("start", int64_t{p.start}).Field("end", int64_t{p.end});
      w.Key("parts").BeginArray();
      for (const auto& part : ParagraphParts(p, sentences)) {
        w.BeginObject().Field("text", part.text);
        if (part.sentence) w.Field("sentence", part.sentence);
        w.EndObject();
      }
      w.EndArray().EndObject();
    }
    w.EndArray();
    w.Key("sentences").BeginArray();
    for (const auto& s : sentences) {
      if (s.segment != seg) continue;
      w.BeginObject();
      w.Field("id", s.id).Field("index", s.index).Field("lead", s.lead);
      w.Field("start", int64_t{s.start}).Field("end", int64_t{s.end}).Field("text", s.text);
      w.Key("mentions").BeginArray();
      for (const auto& m : by_sentence[s.id]) WriteMention(&w, m, /*with_document=*/false);
      w.EndArray();
      w.EndObject();
    }
    w.EndArray().EndObject();
  }
  w.EndArray();
  w.Key("events").BeginArray();
  for (int64_t eid : event_ids) {
    EventFilter f;
    f.id = eid;
    st = lease->store()->ForEachEvent(f, [&](const EventRow& e) {
      WriteEventRow(&w, e);
      return false;
    });
    if (!st.ok()) return StoreFailure(st, *lease, limits_.query_millis);
  }
  w.EndArray();
  w.EndObject();
  return Ok(&w);
}

}  // namespace detente
