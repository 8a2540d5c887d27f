#include "store/schema.h"

#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "store/sqlite.h"

namespace detente {
namespace {

// Version 1: documents, evidence sentences, deduplicated events, their
// mentions, and the inputs already ingested in full.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE inputs(
  id INTEGER PRIMARY KEY,
  abs_path TEXT NOT NULL UNIQUE,  -- absolute path ('<stdin>' for standard input)
  path TEXT NOT NULL,             -- as first given on the command line; document ids use it
  size INTEGER,                   -- size and mtime when last read in full
  mtime_ns INTEGER,
  documents INTEGER,              -- documents read from it then
  new_documents INTEGER,          -- of which not already stored
  completed_at INTEGER            -- unix seconds; NULL until read in full without error
);

CREATE TABLE documents(
  id INTEGER PRIMARY KEY,
  content_hash INTEGER NOT NULL UNIQUE,  -- Hash64 of the text, as a signed 64-bit integer
  input INTEGER NOT NULL REFERENCES inputs(id),
  line INTEGER,                   -- JSONL/TSV line number
  doc_key TEXT,                   -- the document id; '' when it is the input's path (":line"
                                  -- for records), NULL when it is the URL
  kind TEXT NOT NULL,             -- text, html, jsonl, tsv, warc
  source TEXT NOT NULL,           -- publisher: URL host, else the input's path
  url TEXT NOT NULL,
  title TEXT NOT NULL,
  story_date TEXT NOT NULL,       -- '' when the document has no date
  story_date_source TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  sentences INTEGER NOT NULL,
  mentions INTEGER NOT NULL,
  ingested_at INTEGER NOT NULL
);

CREATE TABLE sentences(
  id INTEGER PRIMARY KEY,
  document INTEGER NOT NULL REFERENCES documents(id),
  idx INTEGER NOT NULL,           -- index among the document's sentences
  segment TEXT NOT NULL,          -- main, caption:N
  start INTEGER NOT NULL,         -- byte span in the document's text
  end INTEGER NOT NULL,
  lead INTEGER NOT NULL,          -- in the title or first paragraph
  text TEXT NOT NULL
);

CREATE TABLE events(
  id INTEGER PRIMARY KEY,         -- GLOBALEVENTID in exports
  source_code TEXT NOT NULL,
  source_country TEXT NOT NULL,
  source_sector TEXT NOT NULL,
  source_name TEXT NOT NULL,      -- as first reported
  target_code TEXT NOT NULL,
  target_country TEXT NOT NULL,
  target_sector TEXT NOT NULL,
  target_name TEXT NOT NULL,
  cameo TEXT NOT NULL,
  root TEXT NOT NULL,
  label TEXT NOT NULL,
  goldstein REAL NOT NULL,
  quad INTEGER NOT NULL,
  modality TEXT NOT NULL,
  date TEXT NOT NULL,             -- 2023-06-19, 2023-06, 2023, or '' (undated)
  day INTEGER,                    -- first day of `date`, days since 1970-01-01; NULL if undated
  precision TEXT NOT NULL,        -- day, month, year, ''
  is_root INTEGER NOT NULL,       -- some mention is in a lead sentence
  num_mentions INTEGER NOT NULL,
  num_sources INTEGER NOT NULL,
  num_articles INTEGER NOT NULL,
  first_document INTEGER NOT NULL, -- the first document that reported it (SOURCEURL)
  added_at INTEGER NOT NULL,      -- unix seconds of the first mention's ingest
  UNIQUE(source_code, target_code, cameo, modality, date)
);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_dyad ON events(source_country, target_country);

CREATE TABLE mentions(
  id INTEGER PRIMARY KEY,
  event INTEGER NOT NULL REFERENCES events(id),
  document INTEGER NOT NULL REFERENCES documents(id),
  sentence INTEGER NOT NULL REFERENCES sentences(id),
  source_name TEXT NOT NULL,
  source_start INTEGER NOT NULL,
  source_end INTEGER NOT NULL,
  target_name TEXT NOT NULL,
  target_start INTEGER NOT NULL,
  target_end INTEGER NOT NULL,
  trigger TEXT NOT NULL,
  trigger_start INTEGER NOT NULL,
  trigger_end INTEGER NOT NULL,
  modality_cue TEXT NOT NULL,
  date_source TEXT NOT NULL,      -- the coder's date_precision: day, month, year, story, ''
  rule TEXT NOT NULL,
  pattern TEXT NOT NULL
);
CREATE INDEX mentions_event ON mentions(event);

-- Which publishers reported which event: num_sources counts these rows.
CREATE TABLE event_sources(
  event INTEGER NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY(event, source)
) WITHOUT ROWID;
)sql";

// Version 2: the paragraphs of documents with events (what the reader took
// as main text, captions, teasers and boilerplate), for the dashboard's
// document page.
constexpr std::string_view kV2 = R"sql(
CREATE TABLE paragraphs(
  document INTEGER NOT NULL REFERENCES documents(id),
  idx INTEGER NOT NULL,           -- in reading order: segment by segment, as the reader found them
  segment TEXT NOT NULL,          -- main, caption:N, teaser:N, boilerplate
  role TEXT NOT NULL,             -- title, body, caption, headline, ...
  start INTEGER NOT NULL,         -- byte span in the document's text
  end INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY(document, idx)
) WITHOUT ROWID;
)sql";

// Version 3: indexes that find a dyad's or an actor's events from either
// side, in date order (store/actor_spec.h; `detente serve`, `detente trend`):
// events_dyad_day also covers what a dyad's series reads, so a series is
// read from the index alone. It replaces events_dyad (its prefix).
constexpr std::string_view kV3 = R"sql(
DROP INDEX events_dyad;
CREATE INDEX events_dyad_day ON events(source_country, target_country, day, modality, quad,
                                       goldstein, num_mentions, precision);
CREATE INDEX events_source_day ON events(source_country, day);
CREATE INDEX events_target_day ON events(target_country, day);
CREATE INDEX events_target_code ON events(target_code, day);
)sql";

// Version 4: what a dyad's series reads, summed per day (dyad_days,
// measure/dyad_days.h reads it), and a trigram index of the evidence
// sentences for free-text search (sentences_fts). Triggers keep both exact
// on every write (a new event, mentions added to an existing one, any change
// or deletion of an event; a new sentence), whatever code path writes; the
// migration fills them from the rows already stored. The dyad_days SQL is
// generated because each trigger repeats the same sums for OLD and NEW.
constexpr std::string_view kDyadDaysTable = R"sql(
CREATE TABLE dyad_days(
  source TEXT NOT NULL,       -- source_country; the source_code of an actor without a country
  target TEXT NOT NULL,       -- the same for the target
  day INTEGER NOT NULL,       -- events.day; -2147483648 for undated events
  modality TEXT NOT NULL,
  coarse INTEGER NOT NULL,    -- precision is not 'day' (a month, a year; undated)
  countries INTEGER NOT NULL, -- 1: the source is a country, 2: the target is; 3: both
  events INTEGER NOT NULL,
  mentions INTEGER NOT NULL,  -- sum of max(1, num_mentions): the barometer's weight
  q1_events INTEGER NOT NULL, q2_events INTEGER NOT NULL,
  q3_events INTEGER NOT NULL, q4_events INTEGER NOT NULL,
  q1_mentions INTEGER NOT NULL, q2_mentions INTEGER NOT NULL,
  q3_mentions INTEGER NOT NULL, q4_mentions INTEGER NOT NULL,
  -- In hundredths of a Goldstein point (exact integers): the sum of goldstein; of
  -- weight = mentions x goldstein where positive (cooperation) and of -weight where
  -- negative (conflict); and of |weight| by quad class.
  goldstein INTEGER NOT NULL,
  cooperation INTEGER NOT NULL,
  conflict INTEGER NOT NULL,
  q1_weight INTEGER NOT NULL, q2_weight INTEGER NOT NULL,
  q3_weight INTEGER NOT NULL, q4_weight INTEGER NOT NULL,
  PRIMARY KEY(source, target, day, modality, coarse, countries)
) WITHOUT ROWID;
)sql";

constexpr std::string_view kDyadDaysKey = "source, target, day, modality, coarse, countries";
constexpr std::string_view kDyadDaysSums[] = {
    "events",      "mentions",    "q1_events",   "q2_events",   "q3_events", "q4_events",
    "q1_mentions", "q2_mentions", "q3_mentions", "q4_mentions", "goldstein", "cooperation",
    "conflict",    "q1_weight",   "q2_weight",   "q3_weight",   "q4_weight"};

// The dyad_days key of event row x (NEW, OLD or an alias).
std::vector<std::string> DyadDaysKeyOf(std::string_view x) {
  return {
      fmt::format("CASE WHEN {0}.source_country <> '' THEN {0}.source_country ELSE "
                  "{0}.source_code END",
                  x),
      fmt::format("CASE WHEN {0}.target_country <> '' THEN {0}.target_country ELSE "
                  "{0}.target_code END",
                  x),
      fmt::format("ifnull({}.day, -2147483648)", x),
      fmt::format("{}.modality", x),
      fmt::format("{}.precision <> 'day'", x),
      fmt::format("({0}.source_country <> '') + 2 * ({0}.target_country <> '')", x),
  };
}

// Event row x's contribution to each of kDyadDaysSums, times `sign` ("" or
// "-"). The Goldstein rounding to hundredths is measure/series.h's
// GoldsteinHundredths (llround and round both round half away from zero).
std::vector<std::string> DyadDaysSumsOf(std::string_view x, std::string_view sign) {
  std::string m = fmt::format("max(1, {}.num_mentions)", x);
  std::string g = fmt::format("CAST(round({}.goldstein * 100) AS INTEGER)", x);
  std::string w = fmt::format("({} * {})", m, g);
  std::vector<std::string> out = {fmt::format("{}1", sign), fmt::format("{}{}", sign, m)};
  for (int q = 1; q <= 4; ++q) out.push_back(fmt::format("{}({}.quad = {})", sign, x, q));
  for (int q = 1; q <= 4; ++q) out.push_back(fmt::format("{}({}.quad = {}) * {}", sign, x, q, m));
  out.push_back(fmt::format("{}{}", sign, g));
  out.push_back(fmt::format("{}max({}, 0)", sign, w));
  out.push_back(fmt::format("{}max(-{}, 0)", sign, w));
  for (int q = 1; q <= 4; ++q)
    out.push_back(fmt::format("{}({}.quad = {}) * abs({})", sign, x, q, w));
  return out;
}

std::string DyadDaysColumns() {
  return fmt::format("{}, {}", kDyadDaysKey, fmt::join(kDyadDaysSums, ", "));
}

// Adds (sign "") or takes away (sign "-") event row x's contribution.
std::string DyadDaysUpsert(std::string_view x, std::string_view sign) {
  std::vector<std::string> set;
  for (std::string_view c : kDyadDaysSums)
    set.push_back(fmt::format("{0} = {0} + excluded.{0}", c));
  // "WHERE true" is how SQLite tells an upsert's ON from a join's after SELECT.
  return fmt::format(
      "INSERT INTO dyad_days({}) SELECT {}, {} WHERE true ON CONFLICT({}) DO UPDATE SET {};\n",
      DyadDaysColumns(), fmt::join(DyadDaysKeyOf(x), ", "),
      fmt::join(DyadDaysSumsOf(x, sign), ", "), kDyadDaysKey, fmt::join(set, ", "));
}

// Takes OLD away; a row left with no event is deleted, so that the table is
// always what a rebuild from events would give.
std::string DyadDaysRemoveOld() {
  return DyadDaysUpsert("OLD", "-") +
         fmt::format("DELETE FROM dyad_days WHERE ({}) = ({}) AND events = 0;\n", kDyadDaysKey,
                     fmt::join(DyadDaysKeyOf("OLD"), ", "));
}

std::string V4Sql() {
  std::string sql(kDyadDaysTable);
  // Backfill: one GROUP BY over the stored events.
  std::vector<std::string> inner, outer;
  auto key = DyadDaysKeyOf("e");
  auto sums = DyadDaysSumsOf("e", "");
  for (std::size_t i = 0; i < key.size(); ++i) {
    inner.push_back(fmt::format("{} AS k{}", key[i], i));
    outer.push_back(fmt::format("k{}", i));
  }
  std::string group = fmt::format("{}", fmt::join(outer, ", "));
  for (std::size_t i = 0; i < sums.size(); ++i) {
    inner.push_back(fmt::format("{} AS s{}", sums[i], i));
    outer.push_back(fmt::format("sum(s{})", i));
  }
  sql += fmt::format(
      "INSERT INTO dyad_days({}) SELECT {} FROM (SELECT {} FROM events e) GROUP BY {};\n",
      DyadDaysColumns(), fmt::join(outer, ", "), fmt::join(inner, ", "), group);
  // The columns a row's contribution depends on (num_sources and is_root are not).
  const char* watched =
      "source_country, source_code, target_country, target_code, day, modality, precision, quad, "
      "goldstein, num_mentions";
  sql += "CREATE TRIGGER events_dyad_days_insert AFTER INSERT ON events BEGIN\n" +
         DyadDaysUpsert("NEW", "") + "END;\n";
  sql += fmt::format("CREATE TRIGGER events_dyad_days_update AFTER UPDATE OF {} ON events BEGIN\n",
                     watched) +
         DyadDaysRemoveOld() + DyadDaysUpsert("NEW", "") + "END;\n";
  sql += "CREATE TRIGGER events_dyad_days_delete AFTER DELETE ON events BEGIN\n" +
         DyadDaysRemoveOld() + "END;\n";
  // Evidence sentences, indexed by their trigrams (case-folded): the
  // sentences holding every trigram of a text of three characters or more
  // are the candidates for store/event_store.cc's text filter, which then
  // checks them with LIKE. The index keeps no copy of the text
  // (content=sentences) and no positions (detail=none: a third of the size;
  // the LIKE check makes positions unnecessary).
  sql += R"sql(
CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id',
                                              tokenize='trigram', detail='none', columnsize=0);
INSERT INTO sentences_fts(sentences_fts) VALUES('rebuild');
CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
  INSERT INTO sentences_fts(rowid, text) VALUES(NEW.id, NEW.text);
END;
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
  INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES('delete', OLD.id, OLD.text);
END;
CREATE TRIGGER sentences_fts_update AFTER UPDATE OF text ON sentences BEGIN
  INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES('delete', OLD.id, OLD.text);
  INSERT INTO sentences_fts(rowid, text) VALUES(NEW.id, NEW.text);
END;
-- Which events a sentence is evidence of: a text search goes from sentences to events.
CREATE INDEX mentions_sentence ON mentions(sentence);
)sql";
  return sql;
}

const std::string& V4() {
  static const std::string sql = V4Sql();
  return sql;
}

Result<int> VersionInTransaction(sqlite3* db) {
  sql::Stmt has_meta;
  DETENTE_RETURN_IF_ERROR(
      has_meta.Prepare(db, "SELECT 1 FROM sqlite_schema WHERE type='table' AND name='meta'"));
  auto row = has_meta.Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    // A database with tables but no meta table is not ours.
    sql::Stmt any;
    DETENTE_RETURN_IF_ERROR(any.Prepare(db, "SELECT count(*) FROM sqlite_schema"));
    auto r = any.Step();
    if (!r.ok()) return r.status();
    if (any.Int(0) > 0)
      return Status(ErrorCode::kInvalidInput,
                    "this SQLite file is not a detente store (it has tables but no meta table)");
    return 0;
  }
  sql::Stmt get;
  DETENTE_RETURN_IF_ERROR(get.Prepare(db, "SELECT value FROM meta WHERE key='schema_version'"));
  auto r = get.Step();
  if (!r.ok()) return r.status();
  if (!*r) return 0;
  return static_cast<int>(get.Int(0));
}

}  // namespace

std::span<const Migration> StoreMigrations() {
  // Built on first use (version 4's SQL is generated), not at static
  // initialisation, whose order across files is unspecified.
  static const Migration migrations[] = {
      {1, kV1},
      {2, kV2},
      {3, kV3},
      {4, V4()},
  };
  return migrations;
}

int CurrentSchemaVersion() { return StoreMigrations().back().version; }

Result<int> ReadSchemaVersion(sqlite3* db) { return VersionInTransaction(db); }

Status Migrate(sqlite3* db, std::span<const Migration> migrations) {
  int target = migrations.empty() ? 0 : migrations.back().version;
  // Cheap check first, without a write lock: a current store needs nothing.
  auto version = VersionInTransaction(db);
  if (!version.ok()) return version.status();
  if (*version == target) return Status::Ok();
  if (*version > target)
    return Status(ErrorCode::kInvalidInput,
                  fmt::format("the store has schema version {}, newer than this detente's {}; "
                              "use a newer detente",
                              *version, target));
  DETENTE_RETURN_IF_ERROR(sql::Exec(db, "BEGIN IMMEDIATE"));
  auto fail = [&](Status st) {
    sql::Exec(db, "ROLLBACK").ok();
    return st;
  };
  version = VersionInTransaction(db);  // another process may have migrated meanwhile
  if (!version.ok()) return fail(version.status());
  if (*version > target)
    return fail(Status(ErrorCode::kInvalidInput,
                       fmt::format("the store has schema version {}, newer than this detente's {}",
                                   *version, target)));
  Status st = sql::Exec(
      db, "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value NOT NULL) WITHOUT ROWID");
  if (!st.ok()) return fail(std::move(st));
  for (const Migration& m : migrations) {
    if (m.version <= *version) continue;
    st = sql::Exec(db, m.sql);
    if (!st.ok())
      return fail(Status(st.code(), fmt::format("migrating the store to schema version {}: {}",
                                                m.version, st.message())));
    st = sql::Exec(db, fmt::format("INSERT INTO meta(key, value) VALUES('schema_version', {}) "
                                   "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                                   m.version));
    if (!st.ok()) return fail(std::move(st));
  }
  st = sql::Exec(db, "COMMIT");
  if (!st.ok()) return fail(std::move(st));
  return Status::Ok();
}

}  // namespace detente
