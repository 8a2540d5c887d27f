#include "text/sentences.h"

#include <array>
#include <string_view>

#include "text/tokenizer.h"

namespace detente {
namespace {

bool IsTerminal(const Token& t) {
  std::string_view n = t.norm;
  // Most tokens are words: reject them on their first byte.
  if (n.empty() || n.size() > 3 || (n[0] != '.' && n[0] != '!' && n[0] != '?')) return false;
  return n == "." || n == "!" || n == "?" || n == "..." || n == "?!" || n == "!!";
}

bool IsCloser(const Token& t) {
  std::string_view n = t.norm;
  return n == "\"" || n == "'" || n == ")" || n == "]" || n == "}";
}

bool IsOpener(const Token& t) {
  std::string_view n = t.norm;
  return n == "\"" || n == "'" || n == "(" || n == "[";
}

bool IsSentenceOpenerWord(std::string_view lower) {
  static constexpr std::array<std::string_view, 56> kOpeners = {
      "the",       "a",         "an",     "but",     "and",      "he",    "she",   "it",
      "they",      "we",        "i",      "in",      "on",       "at",    "this",  "that",
      "these",     "those",     "its",    "his",     "her",      "their", "there", "however",
      "meanwhile", "after",     "before", "when",    "while",    "if",    "as",    "still",
      "yet",       "so",        "last",   "earlier", "later",    "now",   "some",  "many",
      "both",      "officials", "our",    "my",      "what",     "why",   "how",   "for",
      "by",        "since",     "during", "despite", "although", "then",  "also",  "each"};
  for (auto w : kOpeners)
    if (w == lower) return true;
  return false;
}

// Does the token before a boundary candidate end with an abbreviation period?
enum class AbbrevKind { kNone, kTitle, kInitial, kAcronym };

AbbrevKind AbbreviationKind(const Token& t) {
  std::string_view n = t.norm;
  if (n.size() < 2 || n.back() != '.') return AbbrevKind::kNone;
  std::string_view stem = t.lower.substr(0, t.lower.size() - 1);
  if (IsTitleAbbreviation(stem)) return AbbrevKind::kTitle;
  if (n.size() == 2) return AbbrevKind::kInitial;
  return AbbrevKind::kAcronym;  // "U.S.", "Inc.", "a.m."
}

bool StartsSentence(const Token& t) {
  if (t.Is(kTokCapitalized) || (t.Is(kTokHasDigit) && !t.Is(kTokCapitalized))) return true;
  return false;
}

// Scraped feeds drop the space between sentences: "a massacre at a
// kibbutz.What's happening in Gaza?" A full stop after a lower-case word
// and before a capitalised one still ends a sentence ("U.S.-led", "3.5",
// "example.com" do not match).
bool GluedSentences(std::span<const Token> tokens, uint32_t first, uint32_t stop, uint32_t next) {
  if (tokens[stop].norm != "." || stop == first) return false;
  const Token& before = tokens[stop - 1];
  const Token& after = tokens[next];
  if (before.norm.size() < 3 || after.norm.size() < 2 || !after.Is(kTokCapitalized) ||
      after.Is(kTokAllCaps))
    return false;
  for (char c : before.norm)
    if (c < 'a' || c > 'z') return false;
  return true;
}

}  // namespace

void SplitSentences(std::span<const Token> tokens, uint32_t first, uint32_t end,
                    uint32_t max_tokens, std::vector<Sentence>* out) {
  uint32_t start = first;
  auto push = [&](uint32_t e) {
    if (e <= start) return;
    Sentence s;
    s.first_token = start;
    s.end_token = e;
    s.start = tokens[start].start;
    s.end = tokens[e - 1].end;
    out->push_back(s);
    start = e;
  };
  for (uint32_t i = first; i < end; ++i) {
    if (max_tokens && i + 1 - start >= max_tokens) {
      // Cut an over-long run at the last comma/semicolon in its second half.
      uint32_t cut = i + 1;
      for (uint32_t k = i; k > start + max_tokens / 2; --k) {
        std::string_view n = tokens[k].norm;
        if (n == "," || n == ";") {
          cut = k + 1;
          break;
        }
      }
      push(cut);
      i = cut - 1;
      continue;
    }
    const Token& t = tokens[i];
    bool boundary_candidate = IsTerminal(t);
    AbbrevKind abbrev = AbbrevKind::kNone;
    if (!boundary_candidate) {
      abbrev = AbbreviationKind(t);
      if (abbrev == AbbrevKind::kAcronym) boundary_candidate = true;
    }
    if (!boundary_candidate) continue;
    // Closing quotes and brackets stay with the sentence they close.
    uint32_t j = i + 1;
    while (j < end && IsCloser(tokens[j]) && !tokens[j].Is(kTokSpaceBefore)) ++j;
    if (j >= end) break;
    const Token& next = tokens[j];
    if (!next.Is(kTokSpaceBefore) && !next.Is(kTokNewlineBefore) &&
        !GluedSentences(tokens, first, i, j))
      continue;  // "U.S.-led", "3.5"
    bool opens = StartsSentence(next);
    if (!opens && IsOpener(next) && j + 1 < end) opens = StartsSentence(tokens[j + 1]);
    if (!opens) continue;
    if (abbrev == AbbrevKind::kAcronym && !IsSentenceOpenerWord(next.lower)) continue;
    if (t.norm == "..." && !next.Is(kTokCapitalized)) continue;
    push(j);
    i = j - 1;
  }
  push(end);
}

}  // namespace detente
