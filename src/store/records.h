// What the store keeps of one coded document, as a plain value that can
// leave the worker thread that read it (a Document is reused by its Reader,
// and its tokens point into the Reader's arena).
//
// Only sentences that carry an event are kept (the evidence), and the text
// of the documents that have one, paragraph by paragraph: the store is an
// event store, and the inputs stay where they are.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "code/event.h"
#include "read/document.h"

namespace detente {

struct SentenceRecord {
  uint32_t index = 0;   // index in the document's sentences
  std::string segment;  // "main", "caption:1"
  Span span;            // bytes in the document's text
  std::string text;
  bool lead = false;  // the title or the first body paragraph of the main segment
};

// A paragraph as the reader took it: which segment it is in (main text, a
// caption, a teaser of another article, boilerplate it dropped) and its role.
struct ParagraphRecord {
  std::string segment;  // "main", "caption:1", "teaser:2", "boilerplate"
  std::string role;     // "title", "body", "caption", ... (RoleName)
  Span span;            // bytes in the document's text
  std::string text;
};

struct ActorRecord {
  std::string code, country, sector, name;
  Span span;
};

struct MentionRecord {
  uint32_t sentence = 0;  // index into DocRecord::sentences
  ActorRecord source, target;
  std::string cameo, root, label;
  double goldstein = 0;
  int quad = 0;
  Modality modality = Modality::kAsserted;
  std::string modality_cue;
  // The event's date at its precision: "2023-06-19", "2023-06", "2023", or ""
  // when the document has no date at all. `day` is the first day of that
  // period in days since 1970-01-01 (unset when undated).
  std::string date;
  std::optional<int32_t> day;
  std::string precision;    // "day", "month", "year" or ""
  std::string date_source;  // the coder's date_precision: "day", "story", ...
  Span trigger;
  std::string trigger_text;
  std::string rule, pattern;
};

struct DocRecord {
  uint64_t hash = 0;   // Hash64 of the document's text
  std::string key;     // the document id (JSONL id, file path, path:line, URL for WARC)
  std::string input;   // the file it came from
  uint64_t line = 0;   // line in that file for JSONL/TSV records
  std::string kind;    // "text", "html", "jsonl", "tsv", "warc"
  std::string source;  // the publisher: the URL's host, else the input file
  std::string url, title;
  std::string story_date;  // at its precision, "" when none
  std::string story_date_source;
  uint32_t bytes = 0;  // length of the text
  uint32_t sentence_count = 0;
  std::vector<SentenceRecord> sentences;
  std::vector<MentionRecord> mentions;
  // Every paragraph of a document with at least one mention (empty for the
  // others), so that the evidence can be shown in its document as read.
  std::vector<ParagraphRecord> paragraphs;
};

// Fills *out from a read and coded document. Events in teasers of other
// articles are left out, as `detente code` does by default. *out's vectors
// and strings are reused (assigned, not reallocated, when capacity allows).
void MakeDocRecord(const Document& doc, const std::vector<Event>& events, DocRecord* out);

// The host of a URL, lower-cased, without "www." ("https://www.bbc.co.uk/x"
// -> "bbc.co.uk"); "" when `url` has none.
std::string UrlHost(std::string_view url);

}  // namespace detente
