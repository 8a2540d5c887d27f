// Sentence splitting over the tokens of one paragraph. Sentences never cross
// paragraph boundaries (the segmenter decides those), so a headline or a
// caption without a final period is still its own sentence.
//
// A boundary follows ".", "!", "?" or "..." (plus any closing quotes and
// brackets) when the next token opens a sentence: an upper-case word, a digit
// or an opening quote. Titles ("Mr.", "Sen.", "Gen.") and initials ("J.")
// never end a sentence; acronyms such as "U.S." end one only when the next
// word is a typical sentence opener ("The", "But", "He" ...).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "text/token.h"

namespace detente {

struct Sentence {
  uint32_t first_token = 0;  // index into the document's token vector
  uint32_t end_token = 0;    // one past the last token
  uint32_t start = 0;        // byte offsets in Document::text
  uint32_t end = 0;
  uint16_t segment = 0;      // index into Document::segments
  uint16_t paragraph = 0;    // index into that segment's paragraphs
};

// Appends the sentences of tokens[first, end) to *out. `max_tokens` bounds a
// sentence's length: longer runs are cut (at a comma or semicolon when one is
// near) so a page without punctuation cannot make one huge sentence.
void SplitSentences(std::span<const Token> tokens, uint32_t first, uint32_t end,
                    uint32_t max_tokens, std::vector<Sentence>* out);

}  // namespace detente
