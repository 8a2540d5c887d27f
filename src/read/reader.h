// The reading stage: raw inputs (plain-text scrapes, HTML pages, JSONL and
// TSV article files, gzip/zstd-compressed or not, folders, stdin) to
// Documents with segments, metadata, sentences and tokens.
//
// Thread-compatible: one Reader per thread. The Lexicon it is given is shared
// and immutable.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/limits.h"
#include "base/status.h"
#include "read/document.h"
#include "read/jsonl.h"
#include "text/lexicon.h"
#include "text/tokenizer.h"

namespace detente {

struct ReadOptions {
  Limits limits;
  // --date: the story date for inputs whose metadata has none.
  std::optional<std::chrono::year_month_day> date;
  // Lemmas and parts of speech; without one, lemma == lower and pos is unknown.
  const Lexicon* lexicon = nullptr;
};

// Problems met while reading. Errors mean an input (or a JSONL line) was not
// fully read; warnings mean it was read with a caveat (e.g. invalid UTF-8
// bytes skipped). Each message names the file, and the line or byte offset
// where that applies.
struct ReadReport {
  std::vector<Status> errors;
  std::vector<Status> warnings;
  std::size_t inputs = 0;
  std::size_t documents = 0;
  std::size_t bytes = 0;
};

// Receives each document; the Document is reused after the call returns.
// Return false to stop reading.
using DocumentSink = std::function<bool(Document&)>;

class Reader {
 public:
  explicit Reader(ReadOptions options) : options_(std::move(options)) {}

  // Reads files, folders (recursively) and "-" (stdin).
  void ReadPaths(const std::vector<std::string>& paths, const DocumentSink& sink, ReadReport* report);
  // Reads one input already in memory; `name` is used for ids and messages.
  void ReadBuffer(const std::string& name, std::string bytes, const DocumentSink& sink,
                  ReadReport* report);
  // Builds a document from a record (JSONL/TSV) and finishes it.
  void ReadRecord(const std::string& source, uint64_t line, const ArticleRecord& record,
                  Document* doc, ReadReport* report);

  const ReadOptions& options() const { return options_; }

 private:
  // Segments, tokenizes, splits, tags and dates `doc`, whose text is set.
  void Finish(Document* doc, const std::vector<struct Block>& blocks, bool detect_title);
  void ResolveStoryDate(Document* doc, const std::string& input_date);

  ReadOptions options_;
  Tokenizer tokenizer_;
  Document doc_;  // reused across documents
  JsonlRecordParser jsonl_;
};

}  // namespace detente
