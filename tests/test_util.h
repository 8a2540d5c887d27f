// Helpers shared by the tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "read/document.h"
#include "read/reader.h"
#include "text/lexicon.h"

namespace detente::testing {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string SharedDir() { return DETENTE_SHARED_DIR; }
inline bool HaveShared() { return std::filesystem::exists(SharedDir() + "/seeds"); }

// A process-wide lexicon for tests (loading it once keeps tests fast).
inline const Lexicon* TestLexicon() {
  static std::unique_ptr<Lexicon> lex = [] {
    auto r = Lexicon::Load();
    return r.ok() ? std::move(r).value() : nullptr;
  }();
  return lex.get();
}

// Reads `bytes` as one input named `name` and returns copies of the documents.
struct ReadResult {
  std::vector<std::unique_ptr<Document>> docs;
  ReadReport report;
};

inline void CopyDocument(const Document& from, Document* to) {
  to->id = from.id;
  to->source = from.source;
  to->line = from.line;
  to->kind = from.kind;
  to->text = from.text;
  to->source_offsets = from.source_offsets;
  to->meta = from.meta;
  to->segments = from.segments;
  to->sentences = from.sentences;
  to->tokens.clear();
  // Re-point token views into the copy's text/arena.
  for (const Token& t : from.tokens) {
    Token c = t;
    c.norm = to->arena.Copy(t.norm);
    c.lower = to->arena.Copy(t.lower);
    c.lemma = to->arena.Copy(t.lemma);
    to->tokens.push_back(c);
  }
}

inline ReadResult ReadBytes(const std::string& name, const std::string& bytes,
                            ReadOptions options = {}) {
  if (!options.lexicon) options.lexicon = TestLexicon();
  Reader reader(options);
  ReadResult result;
  reader.ReadBuffer(name, bytes, [&](Document& d) {
    auto copy = std::make_unique<Document>();
    CopyDocument(d, copy.get());
    result.docs.push_back(std::move(copy));
    return true;
  }, &result.report);
  return result;
}

inline const Segment* FindSegment(const Document& doc, SegmentKind kind, int index = 1) {
  for (const auto& s : doc.segments)
    if (s.kind == kind && s.index == index) return &s;
  return nullptr;
}

inline std::string SegmentText(const Document& doc, const Segment& seg, Role role) {
  std::string out;
  for (const auto& p : seg.paragraphs)
    if (p.role == role) {
      if (!out.empty()) out += "\n";
      out += doc.Text(p.span);
    }
  return out;
}

}  // namespace detente::testing
