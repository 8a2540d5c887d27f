// Fuzzes the whole reading stage: kind detection, decompression, HTML/JSONL/
// TSV parsing, segmentation, tokenization, sentence splitting and tagging.
// The property is "no crash, no sanitizer report, offsets in bounds".
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "read/reader.h"

namespace {
const detente::Lexicon* Lex() {
  static auto lex = detente::Lexicon::Load();
  return lex.ok() ? lex.value().get() : nullptr;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static detente::Reader* reader = [] {
    detente::ReadOptions opt;
    opt.lexicon = Lex();
    opt.limits.max_file_bytes = 1 << 20;
    return new detente::Reader(opt);
  }();
  detente::ReadReport report;
  reader->ReadBuffer("fuzz", std::string(reinterpret_cast<const char*>(data), size),
                     [](detente::Document& doc) {
                       for (const auto& t : doc.tokens)
                         if (t.end > doc.text.size() || t.start > t.end) std::abort();
                       for (const auto& s : doc.sentences)
                         if (s.end_token > doc.tokens.size() || s.segment >= doc.segments.size())
                           std::abort();
                       return true;
                     },
                     &report);
  return 0;
}
