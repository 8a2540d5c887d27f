// Every limit on untrusted input is a named, configurable value here, so a
// hostile or broken input costs a clear error, never unbounded memory or time.
#pragma once

#include <cstddef>
#include <cstdint>

namespace detente {

struct Limits {
  // Largest single input file (or stdin) read into memory.
  std::size_t max_file_bytes = 256u << 20;  // 256 MiB
  // Largest single article (HTML page, JSONL line, or text) that is segmented and coded.
  // Longer articles are truncated at a sentence boundary with a warning.
  std::size_t max_document_bytes = 8u << 20;  // 8 MiB
  // Longest JSONL line accepted; longer lines are reported and skipped.
  std::size_t max_jsonl_line_bytes = 64u << 20;  // 64 MiB
  // Longest sentence, in tokens, passed to the coder; longer runs are split.
  std::size_t max_sentence_tokens = 400;
  // Largest number of files a directory walk visits.
  std::size_t max_files = 10'000'000;
};

}  // namespace detente
