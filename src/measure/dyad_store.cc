#include "measure/dyad_store.h"

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "store/sqlite.h"

namespace detente {
namespace {

// "?1,?2,..." from `first`.
std::string Placeholders(std::size_t count, int first) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    if (i) out += ',';
    out += fmt::format("?{}", first + static_cast<int>(i));
  }
  return out;
}

Result<DyadLoad> LoadDyadEventsIn(sqlite3* db, const DyadQuery& q, std::optional<int32_t> since,
                                  std::optional<int32_t> until);

// One dyad event from a row "id, day, quad, goldstein, num_mentions,
// precision, forward" (both dyad queries select these columns).
DyadEvent DyadEventFromRow(const sql::Stmt& s) {
  DyadEvent e;
  e.id = s.Int(0);
  e.day = static_cast<int32_t>(s.Int(1));
  e.quad = static_cast<int>(s.Int(2));
  e.goldstein = s.Double(3);
  e.mentions = std::max<int64_t>(1, s.Int(4));
  e.coarse = s.Text(5) != "day";
  e.forward = s.Int(6) != 0;
  return e;
}

}  // namespace

Result<DyadLoad> LoadDyadEvents(sqlite3* db, const DyadQuery& query) {
  return LoadDyadEventsIn(db, query, std::nullopt, std::nullopt);
}

Result<DyadLoad> LoadDyadEvents(sqlite3* db, const DyadQuery& query, int32_t first_day,
                                int32_t last_day) {
  return LoadDyadEventsIn(db, query, first_day, last_day);
}

namespace {

Result<DyadLoad> LoadDyadEventsIn(sqlite3* db, const DyadQuery& q, std::optional<int32_t> since,
                                  std::optional<int32_t> until) {
  if (q.a.code == q.b.code)
    return Status(ErrorCode::kInvalidInput,
                  fmt::format("a dyad needs two different actors, not {} twice", q.a.code));
  if (q.modalities.empty()) return Status(ErrorCode::kInvalidInput, "no modality selected");
  // One SELECT per indexed branch (store/actor_spec.h), merged; with two
  // countries each reads events_dyad_day alone. The direction is the
  // branch's, unless one actor can match both specs (USA and USAGOV): then it
  // is re-derived from the row (A -> B when the source is A), and UNION keeps
  // an event that two branches find once.
  bool overlap = SpecsOverlap(q.a, q.b);
  std::string from_row =
      q.a.country ? "(e.source_country = ?1 OR (e.source_country = '' AND e.source_code = ?1))"
                  : "e.source_code = ?1";
  std::string hint = DyadIndexHint(q.a, q.b);
  std::string range;
  if (since) range += " AND e.day >= ?3";
  if (until) range += " AND e.day <= ?4";
  std::string sql;
  for (const auto& branch : DyadBranches(q.a, q.b, /*undirected=*/true, 1, 2))
    sql += fmt::format(
        "{}SELECT e.id, e.day, e.quad, e.goldstein, e.num_mentions, e.precision, {} AS fwd "
        "FROM events e{} WHERE {} AND e.modality IN ({}){}",
        sql.empty() ? "" : " UNION ",
        overlap          ? from_row
        : branch.forward ? "1"
                         : "0",
        hint, branch.cond, Placeholders(q.modalities.size(), 5), range);
  sql += " ORDER BY 2, 1";  // undated (NULL) first: they are only counted
  sql::Stmt s;
  DETENTE_RETURN_IF_ERROR(s.Prepare(db, sql));
  s.Bind(1, q.a.code);
  s.Bind(2, q.b.code);
  if (since) s.Bind(3, int64_t{*since});
  if (until) s.Bind(4, int64_t{*until});
  for (std::size_t i = 0; i < q.modalities.size(); ++i)
    s.Bind(5 + static_cast<int>(i), q.modalities[i]);
  DyadLoad load;
  while (true) {
    auto r = s.Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    if (s.IsNull(1)) {
      ++load.undated;
      continue;
    }
    load.events.push_back(DyadEventFromRow(s));
  }
  return load;
}

}  // namespace

namespace {

// The dyad_days sums of a row read from column `first` on (kDayCellSums order).
constexpr std::string_view kDayCellSums =
    "sum(events), sum(mentions), sum(q1_events), sum(q2_events), sum(q3_events), "
    "sum(q4_events), sum(q1_mentions), sum(q2_mentions), sum(q3_mentions), sum(q4_mentions), "
    "sum(goldstein), sum(cooperation), sum(conflict), sum(q1_weight), sum(q2_weight), "
    "sum(q3_weight), sum(q4_weight)";

void ReadSums(const sql::Stmt& s, int first, DayCell* c) {
  c->events = s.Int(first);
  c->mentions = s.Int(first + 1);
  for (int q = 0; q < 4; ++q) {
    c->quad_events[static_cast<std::size_t>(q)] = s.Int(first + 2 + q);
    c->quad_mentions[static_cast<std::size_t>(q)] = s.Int(first + 6 + q);
    c->quad_weight[static_cast<std::size_t>(q)] = s.Int(first + 13 + q);
  }
  c->goldstein = s.Int(first + 10);
  c->cooperation = s.Int(first + 11);
  c->conflict = s.Int(first + 12);
}

constexpr int64_t kUndatedDay = -2147483648LL;  // dyad_days.day of undated events

}  // namespace

Result<DyadDays> LoadDyadDays(sqlite3* db, const DyadQuery& q) {
  DyadDays out;
  // dyad_days keys an actor by its country, else by its code: a country
  // spec's two branches (actor_spec.h) are one key. Other specs (an actor
  // code, NATO) need the events.
  if (!q.a.country || !q.b.country) {
    auto load = LoadDyadEvents(db, q);
    if (!load.ok()) return load.status();
    out.cells = DayCellsOf(load->events);
    out.undated = load->undated;
    return out;
  }
  if (q.a.code == q.b.code)
    return Status(ErrorCode::kInvalidInput,
                  fmt::format("a dyad needs two different actors, not {} twice", q.a.code));
  if (q.modalities.empty()) return Status(ErrorCode::kInvalidInput, "no modality selected");
  // Rows of several modalities (and country flags) on one day are one cell.
  std::string sql = fmt::format(
      "SELECT day, coarse, fwd, {1} FROM ("
      "SELECT *, 1 AS fwd FROM dyad_days WHERE source = ?1 AND target = ?2 AND modality IN ({0}) "
      "UNION ALL "
      "SELECT *, 0 AS fwd FROM dyad_days WHERE source = ?2 AND target = ?1 AND modality IN ({0})"
      ") GROUP BY day, fwd, coarse ORDER BY day, fwd DESC, coarse",
      Placeholders(q.modalities.size(), 3), kDayCellSums);
  sql::Stmt s;
  DETENTE_RETURN_IF_ERROR(s.Prepare(db, sql));
  s.Bind(1, q.a.code);
  s.Bind(2, q.b.code);
  for (std::size_t i = 0; i < q.modalities.size(); ++i)
    s.Bind(3 + static_cast<int>(i), q.modalities[i]);
  while (true) {
    auto r = s.Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    DayCell c;
    ReadSums(s, 3, &c);
    if (s.Int(0) == kUndatedDay) {
      out.undated += c.events;
      continue;
    }
    c.day = static_cast<int32_t>(s.Int(0));
    c.coarse = s.Int(1) != 0;
    c.forward = s.Int(2) != 0;
    out.cells.push_back(c);
  }
  return out;
}

Status LoadDrivers(sqlite3* db, const DyadQuery& query, const BarometerOptions& options, bool peaks,
                   DyadAnalysis* an) {
  std::size_t n = static_cast<std::size_t>(std::max(0, options.max_drivers));
  auto pick = [&](int32_t first, int32_t last, int sign, std::vector<int64_t>* out) -> Status {
    auto load = LoadDyadEvents(db, query, first, last);
    if (!load.ok()) return load.status();
    *out = TopEvents(load->events, first, last, sign, n);
    return Status::Ok();
  };
  for (auto& cp : an->change_points)
    DETENTE_RETURN_IF_ERROR(pick(cp.start, cp.drivers_last, DriverSign(cp), &cp.drivers));
  if (peaks)
    for (auto& pk : an->peaks)
      DETENTE_RETURN_IF_ERROR(pick(pk.start, pk.drivers_last, DriverSign(pk), &pk.drivers));
  return Status::Ok();
}

namespace {

// The day range of day cells or events: the day-dated ones', else all
// (month- and year-dated ones are "coarse").
template <typename Row>
std::optional<DayRange> DayRangeOf(std::span<const Row> rows) {
  std::optional<DayRange> fine, all;
  for (const auto& e : rows) {
    auto widen = [&](std::optional<DayRange>* r) {
      if (!*r) *r = DayRange{e.day, e.day};
      (*r)->first = std::min((*r)->first, e.day);
      (*r)->last = std::max((*r)->last, e.day);
    };
    widen(&all);
    if (!e.coarse) widen(&fine);
  }
  return fine ? fine : all;
}

}  // namespace

std::optional<DayRange> DefaultRange(std::span<const DayCell> cells) { return DayRangeOf(cells); }

std::optional<DayRange> SeriesRange(std::span<const DayCell> cells, std::optional<int32_t> since,
                                    std::optional<int32_t> until, PeriodUnit unit) {
  return SeriesRangeOf(DefaultRange(cells), since, until, unit);
}

std::optional<DayRange> DefaultRange(std::span<const DyadEvent> events) {
  return DayRangeOf(events);
}

std::optional<DayRange> SeriesRange(std::span<const DyadEvent> events, std::optional<int32_t> since,
                                    std::optional<int32_t> until, PeriodUnit unit) {
  return SeriesRangeOf(DefaultRange(events), since, until, unit);
}

std::optional<DayRange> SeriesRangeOf(std::optional<DayRange> range, std::optional<int32_t> since,
                                      std::optional<int32_t> until, PeriodUnit unit) {
  if (!range && !since && !until) return std::nullopt;
  int32_t first = since ? *since : range ? range->first : *until;
  int32_t last = until ? *until : range ? range->last : first;
  if (last < first) {
    if (since)
      last = first;
    else
      first = last;
  }
  first = PeriodStart(first, unit);
  last = NextPeriodStart(PeriodStart(last, unit), unit) - 1;
  return DayRange{first, last};
}

Status LoadCountryDyads(sqlite3* db, std::span<const std::string> modalities, int32_t first_day,
                        int32_t last_day, std::vector<CountryDyad>* out) {
  out->clear();
  if (modalities.empty()) return Status(ErrorCode::kInvalidInput, "no modality selected");
  // countries = 3: both sides are countries (source and target are then
  // source_country and target_country). Rows come in key order, a directed
  // dyad's together; each row is one cell (series sum cells, so a day's
  // rows of several modalities need no merging, and SQLite no sort).
  std::string sql = fmt::format(
      "SELECT source, target, day, coarse, events, mentions, q1_events, q2_events, q3_events, "
      "q4_events, q1_mentions, q2_mentions, q3_mentions, q4_mentions, goldstein, cooperation, "
      "conflict, q1_weight, q2_weight, q3_weight, q4_weight FROM dyad_days WHERE countries = 3 "
      "AND source <> target AND day BETWEEN ?1 AND ?2 AND modality IN ({})",
      Placeholders(modalities.size(), 3));
  sql::Stmt s;
  DETENTE_RETURN_IF_ERROR(s.Prepare(db, sql));
  s.Bind(1, int64_t{first_day});
  s.Bind(2, int64_t{last_day});
  for (std::size_t i = 0; i < modalities.size(); ++i)
    s.Bind(3 + static_cast<int>(i), modalities[i]);
  std::map<std::pair<std::string, std::string>, CountryDyad> dyads;
  std::string source, target;
  CountryDyad* dyad = nullptr;
  while (true) {
    auto r = s.Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    if (!dyad || s.Text(0) != source || s.Text(1) != target) {
      source = s.Text(0);
      target = s.Text(1);
      auto key = source < target ? std::make_pair(source, target) : std::make_pair(target, source);
      dyad = &dyads[key];
      dyad->a = key.first;
      dyad->b = key.second;
    }
    DayCell c;
    c.day = static_cast<int32_t>(s.Int(2));
    c.forward = source < target;
    c.coarse = s.Int(3) != 0;
    ReadSums(s, 4, &c);
    dyad->events += c.events;
    dyad->cells.push_back(c);
  }
  for (auto& [key, d] : dyads) out->push_back(std::move(d));
  return Status::Ok();
}

Result<std::vector<DyadEvent>> LoadCountryDyadEvents(sqlite3* db, const std::string& a,
                                                     const std::string& b,
                                                     std::span<const std::string> modalities,
                                                     int32_t first_day, int32_t last_day) {
  if (modalities.empty()) return Status(ErrorCode::kInvalidInput, "no modality selected");
  std::string sql;
  for (int fwd : {1, 0})
    sql += fmt::format(
        "{}SELECT e.id, e.day, e.quad, e.goldstein, e.num_mentions, e.precision, {} "
        "FROM events e INDEXED BY events_dyad_day WHERE e.source_country = ?{} AND "
        "e.target_country = ?{} AND e.day BETWEEN ?3 AND ?4 AND e.modality IN ({})",
        sql.empty() ? "" : " UNION ALL ", fwd, fwd ? 1 : 2, fwd ? 2 : 1,
        Placeholders(modalities.size(), 5));
  sql::Stmt s;
  DETENTE_RETURN_IF_ERROR(s.Prepare(db, sql + " ORDER BY 2, 1"));
  s.Bind(1, a);
  s.Bind(2, b);
  s.Bind(3, int64_t{first_day});
  s.Bind(4, int64_t{last_day});
  for (std::size_t i = 0; i < modalities.size(); ++i)
    s.Bind(5 + static_cast<int>(i), modalities[i]);
  std::vector<DyadEvent> events;
  while (true) {
    auto r = s.Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    events.push_back(DyadEventFromRow(s));
  }
  return events;
}

Result<std::optional<int32_t>> LastEventDay(sqlite3* db, std::span<const std::string> modalities) {
  if (modalities.empty()) return Status(ErrorCode::kInvalidInput, "no modality selected");
  sql::Stmt s;
  DETENTE_RETURN_IF_ERROR(s.Prepare(
      db, fmt::format("SELECT max(day) FROM events WHERE precision = 'day' AND modality IN ({})",
                      Placeholders(modalities.size(), 1))));
  for (std::size_t i = 0; i < modalities.size(); ++i)
    s.Bind(1 + static_cast<int>(i), modalities[i]);
  auto r = s.Step();
  if (!r.ok()) return r.status();
  if (!*r || s.IsNull(0)) return std::optional<int32_t>();
  return std::optional<int32_t>(static_cast<int32_t>(s.Int(0)));
}

Status LoadEventDetails(EventStore* store, std::span<const int64_t> ids, int max_evidence,
                        std::vector<EventDetail>* out) {
  sql::Stmt s;
  DETENTE_RETURN_IF_ERROR(
      s.Prepare(store->db(),
                "SELECT id, date, day, source_code, source_name, target_code, target_name, cameo, "
                "label, goldstein, quad, modality, num_mentions, num_articles, num_sources "
                "FROM events WHERE id = ?1"));
  for (int64_t id : ids) {
    s.Bind(1, id);
    auto r = s.Step();
    if (!r.ok()) return r.status();
    if (!*r) {
      s.Reset();
      continue;
    }
    EventDetail d;
    d.id = s.Int(0);
    d.date = s.Text(1);
    d.day = s.IsNull(2) ? 0 : static_cast<int32_t>(s.Int(2));
    d.source_code = s.Text(3);
    d.source_name = s.Text(4);
    d.target_code = s.Text(5);
    d.target_name = s.Text(6);
    d.cameo = s.Text(7);
    d.label = s.Text(8);
    d.goldstein = s.Double(9);
    d.quad = static_cast<int>(s.Int(10));
    d.modality = s.Text(11);
    d.num_mentions = s.Int(12);
    d.num_articles = s.Int(13);
    d.num_sources = s.Int(14);
    s.Reset();
    // The same headline is often syndicated word for word: show distinct sentences.
    Status st = store->ForEachMention(d.id, [&](const MentionRow& m) {
      if (static_cast<int>(d.evidence.size()) >= max_evidence) return false;
      for (const auto& seen : d.evidence)
        if (seen.sentence == m.sentence) return true;
      d.evidence.push_back(m);
      return true;
    });
    DETENTE_RETURN_IF_ERROR(st);
    out->push_back(std::move(d));
  }
  return Status::Ok();
}

}  // namespace detente
