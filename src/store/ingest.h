// Ingest: read and code inputs in parallel and store the results.
//
// Pipeline: one feeder thread expands and reads the inputs (splitting big
// JSONL/TSV files into chunks of lines and streaming WARC files record by
// record) into a bounded job queue; N worker threads, each with its own
// Reader and EventCoder over the shared Dictionaries, turn jobs into
// DocRecords; one writer thread owns the SQLite connection and commits a
// transaction per batch (every `batch_documents` documents or
// `batch_interval`, whichever comes first).
//
// Resumable: a document is identified by the hash of its text; documents
// already in the store (or already seen in this run) are not coded again,
// and INSERT OR IGNORE on the hash keeps a second copy out even if two
// processes race. A committed batch survives kill -9; an input read in full
// without error is recorded in the `inputs` table and skipped by later runs
// while its size and modification time are unchanged.
//
// Bad input never aborts the ingest: a file that cannot be read, decoded or
// parsed is reported and skipped, and everything else goes on.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "match/dictionaries.h"
#include "read/reader.h"

namespace detente {

struct IngestOptions {
  std::vector<std::string> inputs;  // files, folders, "-"
  std::string db_path;
  ReadOptions read;  // limits, --date, the shared lexicon
  const Dictionaries* dicts = nullptr;
  int threads = 0;  // coding threads; 0: one per hardware thread
  std::size_t batch_documents = 2000;
  std::chrono::milliseconds batch_interval{1000};
  std::size_t chunk_bytes = 1 << 20;          // JSONL/TSV files larger than this are split
  bool skip_ingested_inputs = true;           // skip inputs recorded as fully ingested
  const std::atomic<bool>* cancel = nullptr;  // set (e.g. on Ctrl-C) to stop cleanly
};

struct IngestProgress {
  uint64_t documents = 0;       // read
  uint64_t new_documents = 0;   // stored (committed) by this run
  uint64_t duplicates = 0;      // already stored, or seen earlier in this run
  uint64_t coded_mentions = 0;  // event mentions coded so far (stored or about to be)
  uint64_t mentions = 0;        // event mentions stored
  uint64_t new_events = 0;      // distinct events first seen in this run
  uint64_t bytes_done = 0;      // input file bytes processed (compressed size for compressed files)
  uint64_t bytes_total = 0;
  uint64_t inputs_total = 0;
  uint64_t inputs_done = 0;
  double seconds = 0;
};

// An input with at least one error: unreadable, undecodable, or with bad lines.
struct BadInput {
  std::string path;
  std::size_t errors = 0;
  std::string first_error;
};

struct IngestReport {
  IngestProgress totals;
  uint64_t inputs_skipped = 0;  // already ingested in full by an earlier run
  uint64_t warc_records = 0;    // WARC records seen
  uint64_t warc_pages = 0;      // of which pages read as documents
  int threads = 0;
  // Messages, at most kMaxMessages of each kind; the totals count them all.
  static constexpr std::size_t kMaxMessages = 1000;
  std::vector<Status> errors, warnings;
  std::size_t errors_total = 0, warnings_total = 0;
  std::vector<BadInput> bad_inputs;
  bool cancelled = false;
  // Set when the store itself failed (disk full, I/O error); the ingest
  // stopped, and what was committed before is intact.
  Status store_error;
};

// Runs an ingest; blocks until it ends. on_progress (may be empty) is called
// from the calling thread about five times a second. Returns an error only
// when the ingest could not start (the store cannot be opened); problems
// with inputs are in *report.
Status Ingest(const IngestOptions& options,
              const std::function<void(const IngestProgress&)>& on_progress, IngestReport* report);

}  // namespace detente
