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

}  // namespace

Result<DyadLoad> LoadDyadEvents(sqlite3* db, const DyadQuery& q) {
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
  std::string sql;
  for (const auto& branch : DyadBranches(q.a, q.b, /*undirected=*/true, 1, 2))
    sql += fmt::format(
        "{}SELECT e.id, e.day, e.quad, e.goldstein, e.num_mentions, e.precision, {} AS fwd "
        "FROM events e{} WHERE {} AND e.modality IN ({})",
        sql.empty() ? "" : " UNION ", overlap ? from_row : branch.forward ? "1" : "0", hint,
        branch.cond, Placeholders(q.modalities.size(), 3));
  sql += " ORDER BY 2, 1";  // undated (NULL) first: they are only counted
  sql::Stmt s;
  DETENTE_RETURN_IF_ERROR(s.Prepare(db, sql));
  s.Bind(1, q.a.code);
  s.Bind(2, q.b.code);
  for (std::size_t i = 0; i < q.modalities.size(); ++i)
    s.Bind(3 + static_cast<int>(i), q.modalities[i]);
  DyadLoad load;
  while (true) {
    auto r = s.Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    if (s.IsNull(1)) {
      ++load.undated;
      continue;
    }
    DyadEvent e;
    e.id = s.Int(0);
    e.day = static_cast<int32_t>(s.Int(1));
    e.quad = static_cast<int>(s.Int(2));
    e.goldstein = s.Double(3);
    e.mentions = std::max<int64_t>(1, s.Int(4));
    e.coarse = s.Text(5) != "day";
    e.forward = s.Int(6) != 0;
    load.events.push_back(e);
  }
  return load;
}

std::optional<DayRange> DefaultRange(std::span<const DyadEvent> events) {
  std::optional<DayRange> fine, all;
  for (const auto& e : events) {
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

std::optional<DayRange> SeriesRange(std::span<const DyadEvent> events, std::optional<int32_t> since,
                                    std::optional<int32_t> until, PeriodUnit unit) {
  auto range = DefaultRange(events);
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
  std::string sql = fmt::format(
      "SELECT e.source_country, e.target_country, e.id, e.day, e.quad, e.goldstein, "
      "e.num_mentions, e.precision "
      "FROM events e WHERE e.day BETWEEN ?1 AND ?2 AND e.source_country <> '' AND e.target_country "
      "<> '' "
      "AND e.source_country <> e.target_country AND e.modality IN ({}) ORDER BY e.day, e.id",
      Placeholders(modalities.size(), 3));
  sql::Stmt s;
  DETENTE_RETURN_IF_ERROR(s.Prepare(db, sql));
  s.Bind(1, int64_t{first_day});
  s.Bind(2, int64_t{last_day});
  for (std::size_t i = 0; i < modalities.size(); ++i)
    s.Bind(3 + static_cast<int>(i), modalities[i]);
  std::map<std::pair<std::string, std::string>, std::vector<DyadEvent>> dyads;
  while (true) {
    auto r = s.Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    std::string src(s.Text(0)), tgt(s.Text(1));
    DyadEvent e;
    e.forward = src < tgt;
    e.id = s.Int(2);
    e.day = static_cast<int32_t>(s.Int(3));
    e.quad = static_cast<int>(s.Int(4));
    e.goldstein = s.Double(5);
    e.mentions = std::max<int64_t>(1, s.Int(6));
    e.coarse = s.Text(7) != "day";
    auto key = e.forward ? std::make_pair(std::move(src), std::move(tgt))
                         : std::make_pair(std::move(tgt), std::move(src));
    dyads[std::move(key)].push_back(e);
  }
  for (auto& [key, events] : dyads) out->push_back({key.first, key.second, std::move(events)});
  return Status::Ok();
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
