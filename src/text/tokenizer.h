// Splits text into word and punctuation tokens with exact byte offsets into
// the original buffer. Typographic quotes, apostrophes and dashes are mapped
// to ASCII in Token::norm without moving offsets, so "China’s" gives the
// tokens "China" and "'s" whose start/end still point at the original bytes.
//
// Rules that matter for event coding:
//  - acronyms with dots stay whole ("U.S.", "U.N.", "D.C."), as do known
//    abbreviations ("Mr.", "Sen.", "Gen.", "Jan.") and initials ("J.");
//  - possessive and contraction clitics are split ("China's" -> "China" "'s",
//    "didn't" -> "did" "n't");
//  - a hyphen before an upper-case letter splits ("U.S.-China"), one before a
//    lower-case letter or digit does not ("high-level", "2023-06-18");
//  - invalid UTF-8 bytes are skipped, never part of a token.
#pragma once

#include <string_view>
#include <vector>

#include "base/arena.h"
#include "text/token.h"

namespace detente {

class Tokenizer {
 public:
  // Appends the tokens of text[begin, end) to *out. Views in the tokens point
  // into `text` or into `arena`; both must outlive the tokens.
  void Tokenize(std::string_view text, uint32_t begin, uint32_t end, StringArena* arena,
                std::vector<Token>* out) const;
};

// True for abbreviations that take a period and never end a sentence by
// themselves ("Mr.", "Sen.", "Gen.", "Jan."). `lower` has no trailing period.
bool IsTitleAbbreviation(std::string_view lower);

}  // namespace detente
