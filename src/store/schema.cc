#include "store/schema.h"

#include <fmt/format.h>

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

constexpr Migration kMigrations[] = {
    {1, kV1},
    {2, kV2},
    {3, kV3},
};

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

std::span<const Migration> StoreMigrations() { return kMigrations; }

int CurrentSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

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
