// Tokens are small value types over the document's text buffer: byte offsets
// plus views. The Document that owns the text (and its arena) must outlive
// every Token and Sentence that points into it.
#pragma once

#include <cstdint>
#include <string_view>

namespace detente {

// A coarse part of speech, enough for clause analysis. Derived from Penn tags.
enum class Pos : uint8_t {
  kUnknown = 0,
  kNoun,          // NN, NNS
  kProperNoun,    // NNP, NNPS
  kPronoun,       // PRP, WP
  kPossPronoun,   // PRP$, WP$
  kVerb,          // VB, VBP, VBZ (base and present)
  kVerbPast,      // VBD
  kVerbPastPart,  // VBN
  kVerbGerund,    // VBG
  kModal,         // MD
  kAdjective,     // JJ, JJR, JJS
  kAdverb,        // RB, RBR, RBS, WRB
  kDeterminer,    // DT, PDT, WDT
  kPreposition,   // IN (also subordinating conjunctions)
  kTo,            // TO
  kConjunction,   // CC
  kNumber,        // CD
  kPossessive,    // POS ('s)
  kParticle,      // RP
  kPunct,         // punctuation
  kSymbol,        // $, %, other symbols
  kOther,
};

std::string_view PosName(Pos pos);

inline bool IsVerbPos(Pos p) {
  return p == Pos::kVerb || p == Pos::kVerbPast || p == Pos::kVerbPastPart || p == Pos::kVerbGerund;
}
inline bool IsNounPos(Pos p) { return p == Pos::kNoun || p == Pos::kProperNoun; }

enum TokenFlags : uint8_t {
  kTokCapitalized = 1 << 0,  // first letter upper case
  kTokAllCaps = 1 << 1,      // every letter upper case (and at least one letter)
  kTokHasDigit = 1 << 2,
  kTokWord = 1 << 3,         // contains a letter or digit
  kTokSpaceBefore = 1 << 4,  // whitespace precedes the token
  kTokNormalized = 1 << 5,   // norm differs from the original bytes (quotes, dashes)
  kTokNewlineBefore = 1 << 6,
};

struct Token {
  uint32_t start = 0;  // byte offset of the first byte in Document::text
  uint32_t end = 0;    // one past the last byte
  // Surface form with typographic quotes and dashes mapped to ASCII.
  std::string_view norm;
  // Lower-cased norm.
  std::string_view lower;
  // Lemma: for verbs the verb lemma ("met" -> "meet"), for nouns the singular
  // ("sanctions" -> "sanction"), otherwise equal to lower.
  std::string_view lemma;
  Pos pos = Pos::kUnknown;
  uint8_t flags = 0;
  // WordClass bits of `lower` (text/word_class.h), set with the tag.
  uint16_t word_class = 0;

  bool Is(TokenFlags f) const { return (flags & f) != 0; }
};

}  // namespace detente
