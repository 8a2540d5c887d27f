// The event store: one SQLite file (WAL mode) holding documents, the
// sentences that carry events, deduplicated events and their mentions.
//
// Deduplication (docs/STORE.md has the full rule): a mention is one event
// found in one sentence. Mentions with the same source actor code, target
// actor code, CAMEO code, modality and date (at the date's precision, so
// events are bucketed by calendar day, month or year) are one event, whose
// num_mentions, num_articles (distinct documents) and num_sources (distinct
// publishers) count them, as GDELT's NumMentions / NumArticles / NumSources.
//
// One EventStore is one connection: use it from one thread at a time. Any
// number of processes may read while one writes (WAL).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/records.h"
#include "store/sqlite.h"

namespace detente {

// An input file read in full without error, so a later ingest can skip it.
struct InputRecord {
  std::string abs_path;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  uint64_t documents = 0;
  uint64_t new_documents = 0;
};

// An input's row: its id and the path document ids are built from.
struct InputRow {
  int64_t id = 0;
  std::string path;
};

struct AddResult {
  bool inserted = false;    // false: a document with this content hash was already stored
  uint32_t new_events = 0;  // events first seen in this document
  uint32_t mentions = 0;
};

// Filters for ForEachEvent; empty fields do not filter.
struct EventFilter {
  // Actor specs are upper-case CAMEO codes. A spec matches an actor whose
  // code starts with it ("USA" matches USA, USAGOV, USAMIL) or whose country
  // is it.
  std::string source, target;                   // a directed dyad: source -> target
  bool undirected = false;                      // also target -> source
  std::string actor;                            // either side
  // The specs above as the barometer reads them (store/actor_spec.h: three
  // letters are a country, longer an exact code) rather than as code
  // prefixes; found through the dyad indexes.
  bool barometer_specs = false;
  int64_t id = 0;                               // only this event (0: any)
  std::vector<std::string> roots;               // "04", "19"
  std::vector<std::string> cameo;               // exact codes, "042"
  std::vector<std::string> modalities;          // "asserted", ...
  std::optional<int32_t> since_day, until_day;  // inclusive, days since 1970-01-01
  int64_t min_mentions = 0;
  // Some evidence sentence of the event contains this (ASCII case-insensitive).
  std::string text;
  // Keyset pagination: only events after this one in the listing order (by
  // date, undated last, then id).
  struct After {
    std::optional<int32_t> day;  // nullopt: an undated event
    int64_t id = 0;
  };
  std::optional<After> after;
  int64_t limit = 0;  // 0: no limit
};

struct EventRow {
  int64_t id = 0;
  std::string source_code, source_country, source_sector, source_name;
  std::string target_code, target_country, target_sector, target_name;
  std::string cameo, root, label;
  double goldstein = 0;
  int quad = 0;
  std::string modality;
  std::string date;  // at its precision; "" when undated
  std::optional<int32_t> day;
  std::string precision;
  bool is_root = false;
  int64_t num_mentions = 0, num_sources = 0, num_articles = 0;
  std::string source_url;
  int64_t added_at = 0;  // unix seconds
};

// One piece of evidence for an event. Spans are bytes in the document's
// text, as the sentence's own span is.
struct MentionRow {
  int64_t id = 0;  // the mention
  int64_t event = 0;
  int64_t document = 0;
  int64_t sentence_id = 0;
  std::string doc_key, url, publisher, title, story_date;
  std::string segment, sentence;
  uint32_t sentence_start = 0, sentence_end = 0;
  std::string source_name, target_name, trigger, modality_cue, date_source, rule, pattern;
  uint32_t source_start = 0, source_end = 0, target_start = 0, target_end = 0;
  uint32_t trigger_start = 0, trigger_end = 0;
  bool lead = false;  // the sentence is in the title or the first paragraph
};

// A document as stored (its text is not: only the sentences with events).
struct DocumentRow {
  int64_t id = 0;
  std::string doc_key;  // the document id, as `detente events --evidence` prints it
  std::string input, kind, publisher, url, title, story_date, story_date_source;
  int64_t line = 0;  // 0 unless a JSONL/TSV record
  int64_t bytes = 0, sentences = 0, mentions = 0;
  int64_t ingested_at = 0;
};

// A paragraph of a document with events, as the reader took it.
struct ParagraphRow {
  int64_t index = 0;
  std::string segment;  // main, caption:N, teaser:N, boilerplate
  std::string role;
  uint32_t start = 0, end = 0;
  std::string text;
};

// An evidence sentence of a document.
struct SentenceRow {
  int64_t id = 0;
  int64_t index = 0;    // among the document's sentences
  std::string segment;  // main, caption:N
  uint32_t start = 0, end = 0;
  bool lead = false;
  std::string text;
};

struct CountRow {
  std::string key, key2;
  int64_t count = 0;
  int64_t mentions = 0;
};

struct StoreStats {
  int schema_version = 0;
  int64_t documents = 0, documents_with_events = 0, inputs = 0, sentences = 0, mentions = 0,
          events = 0;
  int64_t document_bytes = 0;
  std::string first_story_date, last_story_date;
  std::string first_event_date, last_event_date;  // day-precision bounds of dated events
  int64_t undated_events = 0;
  std::vector<CountRow> by_root, by_modality, by_quad, by_kind, top_dyads, top_publishers;
};

class EventStore {
 public:
  enum class Mode {
    kWrite,  // create the file if needed and bring its schema up to date
    kRead,   // the file must exist (it is still migrated if older)
    // The file must exist and have the current schema; the connection is
    // SQLITE_OPEN_READONLY and can never write.
    kReadOnly,
  };
  static Result<std::unique_ptr<EventStore>> Open(const std::string& path, Mode mode);
  ~EventStore();
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  const std::string& path() const { return path_; }
  sqlite3* db() const { return db_; }

  // --- writing (one writer per store at a time) ---
  Status Begin();
  Status Commit();
  void Rollback();
  // The row of an input (created on first use). `path` is the path as given
  // (kept from the first time the input was seen).
  Result<InputRow> EnsureInput(const std::string& abs_path, const std::string& path);
  // Adds a document read from `input`, with its sentences and mentions,
  // merging mentions into events. Call inside Begin()/Commit().
  Result<AddResult> AddDocument(const DocRecord& doc, const InputRow& input, int64_t now);
  Status MarkInputDone(int64_t input_id, const InputRecord& input, int64_t now);
  // Content hashes of every stored document, sorted.
  Status LoadDocumentHashes(std::vector<uint64_t>* out);
  // Inputs read in full by earlier ingests.
  Status LoadInputs(std::vector<InputRecord>* out);
  // Moves the WAL's content into the database file (best effort when readers are active).
  Status Checkpoint();

  // --- reading ---
  // Calls fn for each matching event, by date (undated last) then id; fn
  // returns false to stop.
  Status ForEachEvent(const EventFilter& filter, const std::function<bool(const EventRow&)>& fn);
  Result<int64_t> CountEvents(const EventFilter& filter);
  Status ForEachMention(int64_t event_id, const std::function<bool(const MentionRow&)>& fn);
  // Like CountEvents, but stops counting at `cap` (a bounded cost on a big store).
  Result<int64_t> CountEventsUpTo(const EventFilter& filter, int64_t cap);
  // A document by id; nullopt when there is none.
  Result<std::optional<DocumentRow>> GetDocument(int64_t id);
  // The document's stored (evidence) sentences in order, and its mentions
  // (each with its event) in order.
  Status ForEachSentence(int64_t document, const std::function<bool(const SentenceRow&)>& fn);
  // The paragraphs of a document with events, in reading order (none for
  // documents stored before schema version 2).
  Status ForEachParagraph(int64_t document, const std::function<bool(const ParagraphRow&)>& fn);
  Status ForEachDocumentMention(int64_t document, const std::function<bool(const MentionRow&)>& fn);
  Result<StoreStats> Stats(int top);

 private:
  EventStore() = default;
  Status PrepareWriter();

  std::string path_;
  sqlite3* db_ = nullptr;
  bool writer_ready_ = false;
  sql::Stmt find_input_, insert_input_, insert_doc_, insert_sentence_, insert_paragraph_,
      upsert_event_,
      insert_source_, bump_sources_, insert_mention_;
  sql::Stmt mention_query_, document_mention_query_;
  std::vector<int64_t> sentence_ids_;  // reused per document
  std::vector<uint32_t> order_;
};

}  // namespace detente
