#include "store/event_store.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <tuple>
#include <variant>

#include <fmt/format.h>

#include "base/utf8.h"
#include "read/dates.h"
#include "store/actor_spec.h"
#include "store/schema.h"

namespace detente {
namespace {

std::string DayString(int64_t day) {
  std::chrono::year_month_day d{std::chrono::sys_days{std::chrono::days{day}}};
  return FormatDate(d, DatePrecision::kDay);
}

// A document's id as stored compactly (see the documents table), for SQL
// over documents d joined with inputs i.
constexpr std::string_view kDocKey =
    "CASE WHEN d.doc_key IS NULL THEN d.url WHEN d.doc_key <> '' THEN d.doc_key "
    "WHEN d.line IS NULL THEN i.path ELSE i.path || ':' || d.line END";

// The columns of EventRow, in order, over events e joined with its first
// document d and that document's input i.
std::string EventColumns() {
  return fmt::format(
      "e.id, e.source_code, e.source_country, e.source_sector, e.source_name, e.target_code, "
      "e.target_country, "
      "e.target_sector, e.target_name, e.cameo, e.root, e.label, e.goldstein, e.quad, e.modality, "
      "e.date, e.day, "
      "e.precision, e.is_root, e.num_mentions, e.num_sources, e.num_articles, "
      "CASE WHEN d.url <> '' THEN d.url ELSE {} END, e.added_at",
      kDocKey);
}
constexpr std::string_view kEventJoinRest =
    " JOIN documents d ON d.id = e.first_document JOIN inputs i ON i.id = d.input";

void ReadEventRow(const sql::Stmt& s, EventRow* r) {
  r->id = s.Int(0);
  r->source_code = s.Text(1);
  r->source_country = s.Text(2);
  r->source_sector = s.Text(3);
  r->source_name = s.Text(4);
  r->target_code = s.Text(5);
  r->target_country = s.Text(6);
  r->target_sector = s.Text(7);
  r->target_name = s.Text(8);
  r->cameo = s.Text(9);
  r->root = s.Text(10);
  r->label = s.Text(11);
  r->goldstein = s.Double(12);
  r->quad = static_cast<int>(s.Int(13));
  r->modality = s.Text(14);
  r->date = s.Text(15);
  if (s.IsNull(16))
    r->day.reset();
  else
    r->day = static_cast<int32_t>(s.Int(16));
  r->precision = s.Text(17);
  r->is_root = s.Int(18) != 0;
  r->num_mentions = s.Int(19);
  r->num_sources = s.Int(20);
  r->num_articles = s.Int(21);
  r->source_url = s.Text(22);
  r->added_at = s.Int(23);
}

using Param = std::variant<int64_t, std::string>;

// WHERE clause and its parameters for a filter.
// The trigram index query (sentences_fts MATCH) for candidate sentences
// holding `text`: some of its trigrams (the index folds case), all of which
// they must hold. Every trigram would be a narrower but much slower query
// (each common trigram is a long list to intersect): the windows that do
// not overlap, at most kMaxTrigrams of them spread over the text. nullopt
// for text shorter than three characters (no trigram) or not valid UTF-8
// (no sure trigrams).
constexpr std::size_t kMaxTrigrams = 6;
std::optional<std::string> TrigramQuery(std::string_view text) {
  std::vector<std::size_t> starts;  // of the UTF-8 characters
  for (std::size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  if (starts.size() < 3 || CheckUtf8(text).invalid_sequences > 0) return std::nullopt;
  std::size_t windows = starts.size() - 2;
  starts.push_back(text.size());
  std::vector<std::size_t> picked;
  for (std::size_t i = 0; i < windows; i += 3) picked.push_back(i);
  if (picked.back() != windows - 1) picked.push_back(windows - 1);  // the tail too
  if (picked.size() > kMaxTrigrams) {
    std::vector<std::size_t> spread;
    for (std::size_t k = 0; k < kMaxTrigrams; ++k)
      spread.push_back(picked[k * (picked.size() - 1) / (kMaxTrigrams - 1)]);
    picked = std::move(spread);
  }
  std::vector<std::string> trigrams;
  for (std::size_t i : picked) {
    std::string t = "\"";
    for (char c : text.substr(starts[i], starts[i + 3] - starts[i])) {
      if (c == '"') t += '"';
      t += c;
    }
    t += '"';
    if (std::find(trigrams.begin(), trigrams.end(), t) == trigrams.end())
      trigrams.push_back(std::move(t));
  }
  return fmt::format("{}", fmt::join(trigrams, " AND "));
}

// Up to this many candidate sentences, a text filter starts from them
// (tens of ms on the 1M-event benchmark store); past it, the text is common
// enough that reading the listing's events in order finds matches sooner.
constexpr int64_t kTextIndexCandidates = 2000;

// The candidate sentences of the filter's text from the trigram index, when
// there are few enough (kTextIndexCandidates); else nullopt (no index query,
// or too many).
Result<std::optional<std::vector<int64_t>>> TextCandidates(sqlite3* db, const EventFilter& f) {
  using Out = std::optional<std::vector<int64_t>>;
  if (f.text.empty()) return Out();
  auto query = TrigramQuery(f.text);
  if (!query) return Out();
  sql::Stmt s;
  DETENTE_RETURN_IF_ERROR(
      s.Prepare(db, fmt::format("SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?1 "
                                "LIMIT {}",
                                kTextIndexCandidates)));
  s.Bind(1, *query);
  std::vector<int64_t> ids;
  while (true) {
    auto r = s.Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    ids.push_back(s.Int(0));
  }
  if (static_cast<int64_t>(ids.size()) >= kTextIndexCandidates) return Out();
  return Out(std::move(ids));
}

using TextIds = std::optional<std::vector<int64_t>>;

std::string WhereBody(const EventFilter& f, std::vector<Param>* params, const TextIds& text_ids) {
  std::vector<std::string> parts;
  auto param = [&](Param p) {
    params->push_back(std::move(p));
    return fmt::format("?{}", params->size());
  };
  // An actor spec matches by code prefix (GLOB is case-sensitive and codes
  // are upper-case letters and digits) or by country.
  auto actor = [&](std::string_view side, const std::string& spec) {
    std::string glob = param(spec + "*");
    std::string eq = param(spec);
    return fmt::format("(e.{0}_code GLOB {1} OR e.{0}_country = {2})", side, glob, eq);
  };
  if (!f.barometer_specs && (!f.source.empty() || !f.target.empty())) {
    std::vector<std::string> fwd, back;
    if (!f.source.empty()) {
      fwd.push_back(actor("source", f.source));
      back.push_back(actor("target", f.source));
    }
    if (!f.target.empty()) {
      fwd.push_back(actor("target", f.target));
      back.push_back(actor("source", f.target));
    }
    std::string a = fmt::format("({})", fmt::join(fwd, " AND "));
    if (f.undirected) a = fmt::format("({} OR ({}))", a, fmt::join(back, " AND "));
    parts.push_back(a);
  }
  if (!f.barometer_specs && !f.actor.empty())
    parts.push_back(fmt::format("({} OR {})", actor("source", f.actor), actor("target", f.actor)));
  auto in_list = [&](std::string_view col, const std::vector<std::string>& values) {
    std::vector<std::string> ps;
    for (const auto& v : values) ps.push_back(param(v));
    parts.push_back(fmt::format("{} IN ({})", col, fmt::join(ps, ",")));
  };
  if (f.id > 0) parts.push_back(fmt::format("e.id = {}", param(f.id)));
  if (!f.roots.empty()) in_list("e.root", f.roots);
  if (!f.cameo.empty()) in_list("e.cameo", f.cameo);
  if (!f.modalities.empty()) in_list("e.modality", f.modalities);
  if (f.since_day) parts.push_back(fmt::format("e.day >= {}", param(int64_t{*f.since_day})));
  if (f.until_day) parts.push_back(fmt::format("e.day <= {}", param(int64_t{*f.until_day})));
  if (f.min_mentions > 0)
    parts.push_back(fmt::format("e.num_mentions >= {}", param(f.min_mentions)));
  if (!f.text.empty()) {
    // LIKE is ASCII case-insensitive; the user's % and _ are matched literally.
    std::string pattern = "%";
    for (char c : f.text) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    pattern += '%';
    // Text with few candidate sentences in the trigram index (TextCandidates):
    // the events come from those sentences, and LIKE keeps exactly the
    // matches it always kept. Otherwise each candidate event's sentences are
    // read (common text matches early in the listing).
    if (text_ids) {
      parts.push_back(fmt::format(
          "e.id IN (SELECT tm.event FROM sentences ts JOIN mentions tm ON tm.sentence = ts.id "
          "WHERE ts.id IN ({}) AND ts.text LIKE {} ESCAPE '\\')",
          fmt::join(*text_ids, ","), param(pattern)));
    } else {
      parts.push_back(
          fmt::format("EXISTS (SELECT 1 FROM mentions tm JOIN sentences ts ON ts.id = tm.sentence "
                      "WHERE tm.event = e.id AND ts.text LIKE {} ESCAPE '\\')",
                      param(pattern)));
    }
  }
  return fmt::format("{}", fmt::join(parts, " AND "));
}

std::string WhereClause(const EventFilter& f, std::vector<Param>* params, const TextIds& text_ids) {
  std::string body = WhereBody(f, params, text_ids);
  return body.empty() ? body : " WHERE " + body;
}

// With barometer specs, the dyad and actor as a union of indexed branches
// (store/actor_spec.h), each to be ANDed with the rest of the filter; one
// empty branch otherwise.
struct SpecPlan {
  std::vector<std::string> branches = {""};
  std::string hint;  // an INDEXED BY clause for events e, or ""
};
SpecPlan SpecBranches(const EventFilter& f, std::vector<Param>* params) {
  SpecPlan plan;
  if (!f.barometer_specs) return plan;
  auto spec = [](const std::string& s) {
    auto r = ParseActorSpec(s);  // validated by the caller; "-" matches nothing
    return r.ok() ? *r : ActorSpec{"-", false};
  };
  std::vector<std::string> dyad = {""}, actor = {""};
  if (!f.source.empty() || !f.target.empty()) {
    ActorSpec a = f.source.empty() ? ActorSpec{} : spec(f.source);
    ActorSpec b = f.target.empty() ? ActorSpec{} : spec(f.target);
    params->emplace_back(std::in_place_index<1>, a.code);
    int pa = static_cast<int>(params->size());
    params->emplace_back(std::in_place_index<1>, b.code);
    int pb = static_cast<int>(params->size());
    dyad.clear();
    for (auto& br : DyadBranches(a, b, f.undirected, pa, pb)) dyad.push_back(std::move(br.cond));
    plan.hint = DyadIndexHint(a, b);
  }
  if (!f.actor.empty()) {
    ActorSpec a = spec(f.actor);
    params->emplace_back(std::in_place_index<1>, a.code);
    int pa = static_cast<int>(params->size());
    actor.clear();
    for (auto& br : DyadBranches(a, ActorSpec{}, /*undirected=*/true, pa, pa))
      actor.push_back(std::move(br.cond));
  }
  plan.branches.clear();
  for (const auto& x : dyad)
    for (const auto& y : actor)
      plan.branches.push_back(x.empty() ? y : y.empty() ? x : x + " AND " + y);
  return plan;
}

std::string JoinAnd(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += " AND ";
    out += p;
  }
  return out;
}

void BindParams(sql::Stmt* s, const std::vector<Param>& params) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    int idx = static_cast<int>(i + 1);
    if (const auto* v = std::get_if<int64_t>(&params[i]))
      s->Bind(idx, *v);
    else
      s->Bind(idx, std::get<std::string>(params[i]));
  }
}

// The event key of a mention, for grouping a document's mentions.
auto Key(const MentionRecord& m) {
  return std::tie(m.source.code, m.target.code, m.cameo, m.modality, m.date);
}

// The columns StepMentions reads, over mentions m, sentences s, documents d
// and inputs i (kMentionJoin).
std::string MentionColumns() {
  return fmt::format(
      "d.id, {}, d.url, d.source, d.title, d.story_date, s.segment, s.text, s.start, s.end, "
      "m.source_name, m.target_name, m.trigger, m.modality_cue, m.date_source, m.rule, m.id, "
      "m.event, s.id, m.pattern, m.source_start, m.source_end, m.target_start, m.target_end, "
      "m.trigger_start, m.trigger_end, s.lead",
      kDocKey);
}
constexpr std::string_view kMentionJoin =
    "mentions m JOIN sentences s ON s.id = m.sentence JOIN documents d ON d.id = m.document "
    "JOIN inputs i ON i.id = d.input";

Status StepMentions(sql::Stmt* q, int64_t key, const std::function<bool(const MentionRow&)>& fn) {
  sql::Stmt& s = *q;
  s.Bind(1, key);
  MentionRow row;
  Status st;
  auto u32 = [&](int col) { return static_cast<uint32_t>(s.Int(col)); };
  while (true) {
    auto r = s.Step();
    if (!r.ok()) {
      st = r.status();
      break;
    }
    if (!*r) break;
    row.document = s.Int(0);
    row.doc_key = s.Text(1);
    row.url = s.Text(2);
    row.publisher = s.Text(3);
    row.title = s.Text(4);
    row.story_date = s.Text(5);
    row.segment = s.Text(6);
    row.sentence = s.Text(7);
    row.sentence_start = u32(8);
    row.sentence_end = u32(9);
    row.source_name = s.Text(10);
    row.target_name = s.Text(11);
    row.trigger = s.Text(12);
    row.modality_cue = s.Text(13);
    row.date_source = s.Text(14);
    row.rule = s.Text(15);
    row.id = s.Int(16);
    row.event = s.Int(17);
    row.sentence_id = s.Int(18);
    row.pattern = s.Text(19);
    row.source_start = u32(20);
    row.source_end = u32(21);
    row.target_start = u32(22);
    row.target_end = u32(23);
    row.trigger_start = u32(24);
    row.trigger_end = u32(25);
    row.lead = s.Int(26) != 0;
    if (!fn(row)) break;
  }
  s.Reset();
  return st;
}

}  // namespace

Result<std::unique_ptr<EventStore>> EventStore::Open(const std::string& path, Mode mode) {
  std::unique_ptr<EventStore> store(new EventStore());
  store->path_ = path;
  int flags = mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
                                      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == Mode::kWrite) {
    flags |= SQLITE_OPEN_CREATE;
  } else {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
      return Status(
          ErrorCode::kNotFound,
          fmt::format("{}: no event store here (create one with `detente ingest`, or give --db)",
                      path));
  }
  int rc = sqlite3_open_v2(path.c_str(), &store->db_, flags, nullptr);
  if (rc != SQLITE_OK) return sql::Error(store->db_, fmt::format("opening the store {}", path));
  sqlite3_extended_result_codes(store->db_, 1);
  // Wait for another writer's transaction rather than failing at once.
  sqlite3_busy_timeout(store->db_, 30000);
  if (mode == Mode::kReadOnly) {
    auto version = ReadSchemaVersion(store->db_);
    if (!version.ok())
      return Status(version.status().code(),
                    fmt::format("{}: {}", path, version.status().message()));
    if (*version != CurrentSchemaVersion())
      return Status(ErrorCode::kInvalidInput,
                    fmt::format("{}: the store has schema version {}, this detente reads version "
                                "{} (open it once for writing, e.g. `detente stats`, to migrate)",
                                path, *version, CurrentSchemaVersion()));
    return store;
  }
  // WAL lets readers query while an ingest writes; NORMAL sync keeps every
  // committed transaction across a process crash (only an OS crash or power
  // loss can drop the last ones).
  Status st = sql::Exec(store->db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL");
  if (!st.ok()) return Status(st.code(), fmt::format("{}: {}", path, st.message()));
  st = Migrate(store->db_, StoreMigrations());
  if (!st.ok()) return Status(st.code(), fmt::format("{}: {}", path, st.message()));
  return store;
}

EventStore::~EventStore() {
  // Statements must be finalized before the connection closes.
  find_input_ = sql::Stmt();
  insert_input_ = sql::Stmt();
  insert_doc_ = sql::Stmt();
  insert_sentence_ = sql::Stmt();
  insert_paragraph_ = sql::Stmt();
  upsert_event_ = sql::Stmt();
  insert_source_ = sql::Stmt();
  bump_sources_ = sql::Stmt();
  insert_mention_ = sql::Stmt();
  mention_query_ = sql::Stmt();
  document_mention_query_ = sql::Stmt();
  if (db_) sqlite3_close_v2(db_);
}

Status EventStore::PrepareWriter() {
  if (writer_ready_) return Status::Ok();
  // A bigger page cache, and checkpoints (each ends with an fsync) every
  // 64 MB of WAL instead of every 4 MB: a bulk ingest spends far less time
  // waiting on the disk.
  DETENTE_RETURN_IF_ERROR(sql::Exec(db_,
                                    "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; "
                                    "PRAGMA wal_autocheckpoint=16384"));
  DETENTE_RETURN_IF_ERROR(insert_doc_.Prepare(db_, R"sql(
    INSERT OR IGNORE INTO documents(content_hash, doc_key, input, line, kind, source, url, title,
      story_date, story_date_source, bytes, sentences, mentions, ingested_at)
    VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14))sql"));
  DETENTE_RETURN_IF_ERROR(
      find_input_.Prepare(db_, "SELECT id, path FROM inputs WHERE abs_path = ?1"));
  DETENTE_RETURN_IF_ERROR(
      insert_input_.Prepare(db_, "INSERT INTO inputs(abs_path, path) VALUES(?1, ?2)"));
  DETENTE_RETURN_IF_ERROR(insert_paragraph_.Prepare(
      db_,
      "INSERT INTO paragraphs(document, idx, segment, role, start, end, text) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  DETENTE_RETURN_IF_ERROR(insert_sentence_.Prepare(db_, R"sql(
    INSERT INTO sentences(document, idx, segment, start, end, lead, text)
    VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7))sql"));
  DETENTE_RETURN_IF_ERROR(upsert_event_.Prepare(db_, R"sql(
    INSERT INTO events(source_code, source_country, source_sector, source_name, target_code,
      target_country, target_sector, target_name, cameo, root, label, goldstein, quad, modality,
      date, day, precision, is_root, num_mentions, num_sources, num_articles, first_document, added_at)
    VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
      0, 1, ?20, ?21)
    ON CONFLICT(source_code, target_code, cameo, modality, date) DO UPDATE SET
      num_mentions = num_mentions + excluded.num_mentions,
      num_articles = num_articles + 1,
      is_root = max(is_root, excluded.is_root)
    RETURNING id, num_articles)sql"));
  DETENTE_RETURN_IF_ERROR(insert_source_.Prepare(
      db_, "INSERT OR IGNORE INTO event_sources(event, source) VALUES(?1, ?2)"));
  DETENTE_RETURN_IF_ERROR(
      bump_sources_.Prepare(db_, "UPDATE events SET num_sources = num_sources + 1 WHERE id = ?1"));
  DETENTE_RETURN_IF_ERROR(insert_mention_.Prepare(db_, R"sql(
    INSERT INTO mentions(event, document, sentence, source_name, source_start, source_end,
      target_name, target_start, target_end, trigger, trigger_start, trigger_end, modality_cue,
      date_source, rule, pattern)
    VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16))sql"));
  writer_ready_ = true;
  return Status::Ok();
}

Status EventStore::Begin() {
  DETENTE_RETURN_IF_ERROR(PrepareWriter());
  // IMMEDIATE takes the write lock now, so a concurrent writer waits here
  // (busy timeout) instead of failing mid-transaction.
  return sql::Exec(db_, "BEGIN IMMEDIATE");
}

Status EventStore::Commit() { return sql::Exec(db_, "COMMIT"); }

void EventStore::Rollback() {
  if (!sqlite3_get_autocommit(db_)) sql::Exec(db_, "ROLLBACK").ok();
}

Result<InputRow> EventStore::EnsureInput(const std::string& abs_path, const std::string& path) {
  DETENTE_RETURN_IF_ERROR(PrepareWriter());
  InputRow row;
  find_input_.Bind(1, abs_path);
  auto found = find_input_.Step();
  if (found.ok() && *found) {
    row.id = find_input_.Int(0);
    row.path = find_input_.Text(1);
  }
  find_input_.Reset();
  if (!found.ok()) return found.status();
  if (row.id) return row;
  insert_input_.Bind(1, abs_path);
  insert_input_.Bind(2, path);
  DETENTE_RETURN_IF_ERROR(insert_input_.Run());
  row.id = sqlite3_last_insert_rowid(db_);
  row.path = path;
  return row;
}

Result<AddResult> EventStore::AddDocument(const DocRecord& doc, const InputRow& input,
                                          int64_t now) {
  DETENTE_RETURN_IF_ERROR(PrepareWriter());
  AddResult result;
  // Most ids are the input's path, path:line for records, or the URL; those
  // are rebuilt on reading instead of being stored with every row.
  std::string_view key = doc.key;
  bool key_is_url = !doc.url.empty() && key == doc.url;
  if (doc.line == 0
          ? key == input.path
          : (key.size() > input.path.size() && key.substr(0, input.path.size()) == input.path &&
             key.substr(input.path.size()) == ":" + std::to_string(doc.line)))
    key = {};
  sql::Stmt& d = insert_doc_;
  d.Bind(1, static_cast<int64_t>(doc.hash));
  if (key_is_url)
    d.BindNull(2);
  else
    d.Bind(2, key);
  d.Bind(3, input.id);
  if (doc.line)
    d.Bind(4, static_cast<int64_t>(doc.line));
  else
    d.BindNull(4);
  d.Bind(5, doc.kind);
  d.Bind(6, doc.source);
  d.Bind(7, doc.url);
  d.Bind(8, doc.title);
  d.Bind(9, doc.story_date);
  d.Bind(10, doc.story_date_source);
  d.Bind(11, doc.bytes);
  d.Bind(12, doc.sentence_count);
  d.Bind(13, static_cast<int64_t>(doc.mentions.size()));
  d.Bind(14, now);
  DETENTE_RETURN_IF_ERROR(d.Run());
  if (sqlite3_changes(db_) == 0) return result;  // same content already stored
  result.inserted = true;
  int64_t doc_id = sqlite3_last_insert_rowid(db_);

  sentence_ids_.clear();
  for (const SentenceRecord& s : doc.sentences) {
    sql::Stmt& q = insert_sentence_;
    q.Bind(1, doc_id);
    q.Bind(2, s.index);
    q.Bind(3, s.segment);
    q.Bind(4, s.span.start);
    q.Bind(5, s.span.end);
    q.Bind(6, s.lead ? 1 : 0);
    q.Bind(7, s.text);
    DETENTE_RETURN_IF_ERROR(q.Run());
    sentence_ids_.push_back(sqlite3_last_insert_rowid(db_));
  }
  for (std::size_t i = 0; i < doc.paragraphs.size(); ++i) {
    const ParagraphRecord& p = doc.paragraphs[i];
    sql::Stmt& q = insert_paragraph_;
    q.Bind(1, doc_id);
    q.Bind(2, static_cast<int64_t>(i));
    q.Bind(3, p.segment);
    q.Bind(4, p.role);
    q.Bind(5, p.span.start);
    q.Bind(6, p.span.end);
    q.Bind(7, p.text);
    DETENTE_RETURN_IF_ERROR(q.Run());
  }

  // Group the document's mentions by event key: each group adds its
  // mentions to one event and counts the document once.
  const auto& ms = doc.mentions;
  order_.resize(ms.size());
  for (uint32_t i = 0; i < ms.size(); ++i) order_[i] = i;
  std::stable_sort(order_.begin(), order_.end(),
                   [&](uint32_t a, uint32_t b) { return Key(ms[a]) < Key(ms[b]); });
  for (std::size_t g = 0; g < order_.size();) {
    std::size_t end = g + 1;
    while (end < order_.size() && Key(ms[order_[end]]) == Key(ms[order_[g]])) ++end;
    const MentionRecord& m = ms[order_[g]];
    bool lead = false;
    for (std::size_t k = g; k < end; ++k) lead = lead || doc.sentences[ms[order_[k]].sentence].lead;

    sql::Stmt& u = upsert_event_;
    u.Bind(1, m.source.code);
    u.Bind(2, m.source.country);
    u.Bind(3, m.source.sector);
    u.Bind(4, m.source.name);
    u.Bind(5, m.target.code);
    u.Bind(6, m.target.country);
    u.Bind(7, m.target.sector);
    u.Bind(8, m.target.name);
    u.Bind(9, m.cameo);
    u.Bind(10, m.root);
    u.Bind(11, m.label);
    u.Bind(12, m.goldstein);
    u.Bind(13, m.quad);
    u.Bind(14, ModalityName(m.modality));
    u.Bind(15, m.date);
    if (m.day)
      u.Bind(16, int64_t{*m.day});
    else
      u.BindNull(16);
    u.Bind(17, m.precision);
    u.Bind(18, lead ? 1 : 0);
    u.Bind(19, static_cast<int64_t>(end - g));
    u.Bind(20, doc_id);
    u.Bind(21, now);
    auto row = u.Step();
    if (!row.ok()) {
      u.Reset();
      return row.status();
    }
    int64_t event_id = u.Int(0);
    if (u.Int(1) == 1) ++result.new_events;
    // RETURNING rows must be stepped to the end before the statement is reused.
    while (true) {
      auto more = u.Step();
      if (!more.ok()) {
        u.Reset();
        return more.status();
      }
      if (!*more) break;
    }
    u.Reset();

    insert_source_.Bind(1, event_id);
    insert_source_.Bind(2, doc.source);
    DETENTE_RETURN_IF_ERROR(insert_source_.Run());
    if (sqlite3_changes(db_) > 0) {
      bump_sources_.Bind(1, event_id);
      DETENTE_RETURN_IF_ERROR(bump_sources_.Run());
    }

    for (std::size_t k = g; k < end; ++k) {
      const MentionRecord& x = ms[order_[k]];
      sql::Stmt& q = insert_mention_;
      q.Bind(1, event_id);
      q.Bind(2, doc_id);
      q.Bind(3, sentence_ids_[x.sentence]);
      q.Bind(4, x.source.name);
      q.Bind(5, x.source.span.start);
      q.Bind(6, x.source.span.end);
      q.Bind(7, x.target.name);
      q.Bind(8, x.target.span.start);
      q.Bind(9, x.target.span.end);
      q.Bind(10, x.trigger_text);
      q.Bind(11, x.trigger.start);
      q.Bind(12, x.trigger.end);
      q.Bind(13, x.modality_cue);
      q.Bind(14, x.date_source);
      q.Bind(15, x.rule);
      q.Bind(16, x.pattern);
      DETENTE_RETURN_IF_ERROR(q.Run());
      ++result.mentions;
    }
    g = end;
  }
  return result;
}

Status EventStore::MarkInputDone(int64_t input_id, const InputRecord& in, int64_t now) {
  sql::Stmt s;
  DETENTE_RETURN_IF_ERROR(s.Prepare(db_, R"sql(
    UPDATE inputs SET size = ?2, mtime_ns = ?3, documents = ?4, new_documents = ?5, completed_at = ?6
    WHERE id = ?1)sql"));
  s.Bind(1, input_id);
  s.Bind(2, static_cast<int64_t>(in.size));
  s.Bind(3, in.mtime_ns);
  s.Bind(4, static_cast<int64_t>(in.documents));
  s.Bind(5, static_cast<int64_t>(in.new_documents));
  s.Bind(6, now);
  return s.Run();
}

Status EventStore::LoadDocumentHashes(std::vector<uint64_t>* out) {
  out->clear();
  sql::Stmt s;
  DETENTE_RETURN_IF_ERROR(s.Prepare(db_, "SELECT content_hash FROM documents"));
  while (true) {
    auto r = s.Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    out->push_back(static_cast<uint64_t>(s.Int(0)));
  }
  std::sort(out->begin(), out->end());
  return Status::Ok();
}

Status EventStore::LoadInputs(std::vector<InputRecord>* out) {
  out->clear();
  sql::Stmt s;
  DETENTE_RETURN_IF_ERROR(
      s.Prepare(db_,
                "SELECT abs_path, size, mtime_ns, documents, new_documents FROM inputs "
                "WHERE completed_at IS NOT NULL"));
  while (true) {
    auto r = s.Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    InputRecord in;
    in.abs_path = s.Text(0);
    in.size = static_cast<uint64_t>(s.Int(1));
    in.mtime_ns = s.Int(2);
    in.documents = static_cast<uint64_t>(s.Int(3));
    in.new_documents = static_cast<uint64_t>(s.Int(4));
    out->push_back(std::move(in));
  }
  return Status::Ok();
}

Status EventStore::Checkpoint() { return sql::Exec(db_, "PRAGMA wal_checkpoint(TRUNCATE)"); }

Status EventStore::ForEachEvent(const EventFilter& filter,
                                const std::function<bool(const EventRow&)>& fn) {
  // Dated events first (by day, then id), then undated ones (by id): two
  // queries, each of which reads an index in order and stops at the limit,
  // where one ORDER BY over "day IS NULL" would sort every match first.
  int64_t left = filter.limit > 0 ? filter.limit : -1;
  bool stopped = false;
  auto text_ids = TextCandidates(db_, filter);
  if (!text_ids.ok()) return text_ids.status();
  for (bool dated : {true, false}) {
    if (stopped || left == 0) break;
    if (filter.after && !filter.after->day && dated) continue;    // the cursor is past them
    if (!dated && (filter.since_day || filter.until_day)) break;  // a date range has no undated
    std::vector<Param> params;
    std::string where = WhereBody(filter, &params, *text_ids);
    SpecPlan plan = SpecBranches(filter, &params);
    const std::vector<std::string>& branches = plan.branches;
    std::string extra = dated ? "e.day IS NOT NULL" : "e.day IS NULL";
    if (filter.after && dated) {
      params.emplace_back(std::in_place_index<0>, *filter.after->day);
      params.emplace_back(std::in_place_index<0>, filter.after->id);
      extra += fmt::format(" AND (e.day, e.id) > (?{}, ?{})", params.size() - 1, params.size());
    } else if (filter.after && !dated && !filter.after->day) {
      params.emplace_back(std::in_place_index<0>, filter.after->id);
      extra += fmt::format(" AND e.id > ?{}", params.size());
    }
    // One SELECT per branch, merged in order (SQLite merges a compound's
    // sorted parts, and each reads its index in date order and stops at the
    // limit). Columns 17 and 1 are e.day and e.id.
    std::string sql;
    for (const auto& b : branches)
      sql += fmt::format("{}SELECT {} FROM events e{}{} WHERE {}", sql.empty() ? "" : " UNION ",
                         EventColumns(), plan.hint, kEventJoinRest, JoinAnd({where, b, extra}));
    sql += branches.size() > 1 ? (dated ? " ORDER BY 17, 1" : " ORDER BY 1")
                               : (dated ? " ORDER BY e.day, e.id" : " ORDER BY e.id");
    if (left > 0) sql += fmt::format(" LIMIT {}", left);
    sql::Stmt s;
    DETENTE_RETURN_IF_ERROR(s.Prepare(db_, sql));
    BindParams(&s, params);
    EventRow row;
    while (true) {
      auto r = s.Step();
      if (!r.ok()) return r.status();
      if (!*r) break;
      ReadEventRow(s, &row);
      if (left > 0) --left;
      if (!fn(row)) {
        stopped = true;
        break;
      }
    }
  }
  return Status::Ok();
}

Result<int64_t> EventStore::CountEvents(const EventFilter& filter) {
  auto text_ids = TextCandidates(db_, filter);
  if (!text_ids.ok()) return text_ids.status();
  std::vector<Param> params;
  std::string sql =
      fmt::format("SELECT count(*) FROM events e{}", WhereClause(filter, &params, *text_ids));
  sql::Stmt s;
  DETENTE_RETURN_IF_ERROR(s.Prepare(db_, sql));
  BindParams(&s, params);
  auto r = s.Step();
  if (!r.ok()) return r.status();
  return s.Int(0);
}

Status EventStore::ForEachMention(int64_t event_id,
                                  const std::function<bool(const MentionRow&)>& fn) {
  if (!mention_query_.prepared()) {
    DETENTE_RETURN_IF_ERROR(
        mention_query_.Prepare(db_, fmt::format(R"sql(
      SELECT {} FROM {} WHERE m.event = ?1 ORDER BY m.id)sql",
                                                MentionColumns(), kMentionJoin)));
  }
  return StepMentions(&mention_query_, event_id, fn);
}

Status EventStore::ForEachDocumentMention(int64_t document,
                                          const std::function<bool(const MentionRow&)>& fn) {
  if (!document_mention_query_.prepared())
    DETENTE_RETURN_IF_ERROR(document_mention_query_.Prepare(
        db_, fmt::format("SELECT {} FROM {} WHERE m.document = ?1 ORDER BY s.idx, m.id",
                         MentionColumns(), kMentionJoin)));
  return StepMentions(&document_mention_query_, document, fn);
}

Result<int64_t> EventStore::CountEventsUpTo(const EventFilter& filter, int64_t cap) {
  auto text_ids = TextCandidates(db_, filter);
  if (!text_ids.ok()) return text_ids.status();
  std::vector<Param> params;
  std::string where = WhereBody(filter, &params, *text_ids);
  SpecPlan plan = SpecBranches(filter, &params);
  // UNION ALL stops at the cap (UNION would gather every branch first);
  // DISTINCT counts an event two branches find once.
  std::string inner;
  for (const auto& b : plan.branches) {
    std::string cond = JoinAnd({where, b});
    inner += fmt::format("{}SELECT e.id FROM events e{}{}{}", inner.empty() ? "" : " UNION ALL ",
                         plan.hint, cond.empty() ? "" : " WHERE ", cond);
  }
  std::string sql = fmt::format("SELECT count(DISTINCT id) FROM ({} LIMIT {})", inner, cap);
  sql::Stmt s;
  DETENTE_RETURN_IF_ERROR(s.Prepare(db_, sql));
  BindParams(&s, params);
  auto r = s.Step();
  if (!r.ok()) return r.status();
  return s.Int(0);
}

Result<std::optional<DocumentRow>> EventStore::GetDocument(int64_t id) {
  sql::Stmt s;
  DETENTE_RETURN_IF_ERROR(s.Prepare(
      db_, fmt::format("SELECT d.id, {}, i.path, d.kind, d.source, d.url, d.title, d.story_date, "
                       "d.story_date_source, coalesce(d.line, 0), d.bytes, d.sentences, "
                       "d.mentions, d.ingested_at FROM documents d JOIN inputs i ON i.id = d.input "
                       "WHERE d.id = ?1",
                       kDocKey)));
  s.Bind(1, id);
  auto r = s.Step();
  if (!r.ok()) return r.status();
  if (!*r) return std::optional<DocumentRow>();
  DocumentRow d;
  d.id = s.Int(0);
  d.doc_key = s.Text(1);
  d.input = s.Text(2);
  d.kind = s.Text(3);
  d.publisher = s.Text(4);
  d.url = s.Text(5);
  d.title = s.Text(6);
  d.story_date = s.Text(7);
  d.story_date_source = s.Text(8);
  d.line = s.Int(9);
  d.bytes = s.Int(10);
  d.sentences = s.Int(11);
  d.mentions = s.Int(12);
  d.ingested_at = s.Int(13);
  return std::optional<DocumentRow>(std::move(d));
}

Status EventStore::ForEachParagraph(int64_t document,
                                    const std::function<bool(const ParagraphRow&)>& fn) {
  sql::Stmt s;
  DETENTE_RETURN_IF_ERROR(
      s.Prepare(db_,
                "SELECT idx, segment, role, start, end, text FROM paragraphs WHERE document = ?1 "
                "ORDER BY idx"));
  s.Bind(1, document);
  ParagraphRow row;
  while (true) {
    auto r = s.Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    row.index = s.Int(0);
    row.segment = s.Text(1);
    row.role = s.Text(2);
    row.start = static_cast<uint32_t>(s.Int(3));
    row.end = static_cast<uint32_t>(s.Int(4));
    row.text = s.Text(5);
    if (!fn(row)) break;
  }
  return Status::Ok();
}

Status EventStore::ForEachSentence(int64_t document,
                                   const std::function<bool(const SentenceRow&)>& fn) {
  sql::Stmt s;
  DETENTE_RETURN_IF_ERROR(
      s.Prepare(db_,
                "SELECT id, idx, segment, start, end, lead, text FROM sentences "
                "WHERE document = ?1 ORDER BY idx"));
  s.Bind(1, document);
  SentenceRow row;
  while (true) {
    auto r = s.Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    row.id = s.Int(0);
    row.index = s.Int(1);
    row.segment = s.Text(2);
    row.start = static_cast<uint32_t>(s.Int(3));
    row.end = static_cast<uint32_t>(s.Int(4));
    row.lead = s.Int(5) != 0;
    row.text = s.Text(6);
    if (!fn(row)) break;
  }
  return Status::Ok();
}

Result<StoreStats> EventStore::Stats(int top) {
  StoreStats st;
  // One read transaction, so every figure describes the same moment even
  // while an ingest commits.
  DETENTE_RETURN_IF_ERROR(sql::Exec(db_, "BEGIN"));
  auto run = [&]() -> Status {
    auto v = ReadSchemaVersion(db_);
    if (!v.ok()) return v.status();
    st.schema_version = *v;
    auto scalar = [&](std::string_view q, int64_t* out) -> Status {
      sql::Stmt s;
      DETENTE_RETURN_IF_ERROR(s.Prepare(db_, q));
      auto r = s.Step();
      if (!r.ok()) return r.status();
      *out = *r ? s.Int(0) : 0;
      return Status::Ok();
    };
    DETENTE_RETURN_IF_ERROR(scalar("SELECT count(*) FROM documents", &st.documents));
    DETENTE_RETURN_IF_ERROR(
        scalar("SELECT count(*) FROM documents WHERE mentions > 0", &st.documents_with_events));
    DETENTE_RETURN_IF_ERROR(
        scalar("SELECT coalesce(sum(bytes), 0) FROM documents", &st.document_bytes));
    DETENTE_RETURN_IF_ERROR(
        scalar("SELECT count(*) FROM inputs WHERE completed_at IS NOT NULL", &st.inputs));
    DETENTE_RETURN_IF_ERROR(scalar("SELECT count(*) FROM sentences", &st.sentences));
    DETENTE_RETURN_IF_ERROR(scalar("SELECT count(*) FROM mentions", &st.mentions));
    DETENTE_RETURN_IF_ERROR(scalar("SELECT count(*) FROM events", &st.events));
    DETENTE_RETURN_IF_ERROR(
        scalar("SELECT count(*) FROM events WHERE day IS NULL", &st.undated_events));
    {
      sql::Stmt s;
      DETENTE_RETURN_IF_ERROR(s.Prepare(
          db_, "SELECT min(story_date), max(story_date) FROM documents WHERE story_date <> ''"));
      auto r = s.Step();
      if (!r.ok()) return r.status();
      if (*r && !s.IsNull(0)) {
        st.first_story_date = s.Text(0);
        st.last_story_date = s.Text(1);
      }
    }
    {
      sql::Stmt s;
      DETENTE_RETURN_IF_ERROR(
          s.Prepare(db_, "SELECT min(day), max(day) FROM events WHERE day IS NOT NULL"));
      auto r = s.Step();
      if (!r.ok()) return r.status();
      if (*r && !s.IsNull(0)) {
        st.first_event_date = DayString(s.Int(0));
        st.last_event_date = DayString(s.Int(1));
      }
    }
    auto counts = [&](std::string_view q, std::vector<CountRow>* out, bool two_keys) -> Status {
      sql::Stmt s;
      DETENTE_RETURN_IF_ERROR(s.Prepare(db_, q));
      while (true) {
        auto r = s.Step();
        if (!r.ok()) return r.status();
        if (!*r) break;
        CountRow row;
        int c = 0;
        row.key = s.Text(c++);
        if (two_keys) row.key2 = s.Text(c++);
        row.count = s.Int(c++);
        row.mentions = s.Int(c++);
        out->push_back(std::move(row));
      }
      return Status::Ok();
    };
    DETENTE_RETURN_IF_ERROR(
        counts("SELECT root, count(*), sum(num_mentions) FROM events GROUP BY root ORDER BY root",
               &st.by_root, false));
    DETENTE_RETURN_IF_ERROR(
        counts("SELECT modality, count(*), sum(num_mentions) FROM events GROUP BY modality ORDER "
               "BY 2 DESC",
               &st.by_modality, false));
    DETENTE_RETURN_IF_ERROR(
        counts("SELECT quad, count(*), sum(num_mentions) FROM events GROUP BY quad ORDER BY quad",
               &st.by_quad, false));
    DETENTE_RETURN_IF_ERROR(
        counts("SELECT kind, count(*), sum(mentions) FROM documents GROUP BY kind ORDER BY 2 DESC",
               &st.by_kind, false));
    DETENTE_RETURN_IF_ERROR(counts(
        fmt::format(
            "SELECT CASE WHEN source_country <> '' THEN source_country ELSE source_code END AS s, "
            "CASE WHEN target_country <> '' THEN target_country ELSE target_code END AS t, "
            "count(*), sum(num_mentions) FROM events WHERE s <> t GROUP BY s, t ORDER BY 3 DESC, 4 "
            "DESC, s, t "
            "LIMIT {}",
            top),
        &st.top_dyads, true));
    DETENTE_RETURN_IF_ERROR(
        counts(fmt::format("SELECT source, count(*), sum(mentions) FROM documents GROUP BY source "
                           "ORDER BY 2 DESC, 1 LIMIT {}",
                           top),
               &st.top_publishers, false));
    return Status::Ok();
  };
  Status s = run();
  sql::Exec(db_, "COMMIT").ok();
  if (!s.ok()) return s;
  return st;
}

}  // namespace detente
