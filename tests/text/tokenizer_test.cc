#include "text/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace detente {
namespace {

std::vector<Token> Tok(const std::string& text, StringArena* arena) {
  std::vector<Token> out;
  Tokenizer().Tokenize(text, 0, static_cast<uint32_t>(text.size()), arena, &out);
  return out;
}

std::vector<std::string> Norms(const std::vector<Token>& toks) {
  std::vector<std::string> out;
  for (const auto& t : toks) out.emplace_back(t.norm);
  return out;
}

using V = std::vector<std::string>;

TEST(Tokenizer, AcronymsAndTitlesKeepTheirPeriods) {
  StringArena a;
  EXPECT_EQ(Norms(Tok("The U.S. and Mr. Xi met Sen. J. Smith.", &a)),
            (V{"The", "U.S.", "and", "Mr.", "Xi", "met", "Sen.", "J.", "Smith", "."}));
}

TEST(Tokenizer, TypographicQuotesAndPossessivesKeepOffsets) {
  StringArena a;
  std::string text = "China\xE2\x80\x99s \xE2\x80\x9C" "overcapacity\xE2\x80\x9D";
  auto toks = Tok(text, &a);
  ASSERT_EQ(Norms(toks), (V{"China", "'s", "\"", "overcapacity", "\""}));
  EXPECT_EQ(text.substr(toks[1].start, toks[1].end - toks[1].start), "\xE2\x80\x99s");
  EXPECT_TRUE(toks[1].Is(kTokNormalized));
  EXPECT_EQ(toks[3].start, 13u);
  EXPECT_EQ(toks[3].lower, "overcapacity");
}

TEST(Tokenizer, ContractionsSplit) {
  StringArena a;
  EXPECT_EQ(Norms(Tok("Beijing didn't and won't; they're", &a)),
            (V{"Beijing", "did", "n't", "and", "wo", "n't", ";", "they", "'re"}));
}

TEST(Tokenizer, HyphensSplitBeforeCapitals) {
  StringArena a;
  EXPECT_EQ(Norms(Tok("U.S.-China high-level talks on 2023-06-18", &a)),
            (V{"U.S.", "-", "China", "high-level", "talks", "on", "2023-06-18"}));
  std::string dash = "U.S.\xE2\x80\x93" "China";
  EXPECT_EQ(Norms(Tok(dash, &a)), (V{"U.S.", "-", "China"}));
}

TEST(Tokenizer, NumbersAndEllipses) {
  StringArena a;
  EXPECT_EQ(Norms(Tok("$175 billion, 3.67% and 1,200... then", &a)),
            (V{"$", "175", "billion", ",", "3.67", "%", "and", "1,200", "...", "then"}));
}

TEST(Tokenizer, LowerCaseAndFlags) {
  StringArena a;
  auto toks = Tok("NATO Beijing \xC3\x89lys\xC3\xA9" "e", &a);
  ASSERT_EQ(toks.size(), 3u);
  EXPECT_EQ(toks[0].lower, "nato");
  EXPECT_TRUE(toks[0].Is(kTokAllCaps));
  EXPECT_TRUE(toks[1].Is(kTokCapitalized));
  EXPECT_FALSE(toks[1].Is(kTokAllCaps));
  EXPECT_EQ(toks[2].lower, "\xC3\xA9lys\xC3\xA9" "e");
  EXPECT_TRUE(toks[2].Is(kTokCapitalized));
}

TEST(Tokenizer, InvalidBytesAreSkippedNotTokens) {
  StringArena a;
  std::string text = "Iran\xFF\xFEsanctions";
  auto toks = Tok(text, &a);
  ASSERT_EQ(Norms(toks), (V{"Iran", "sanctions"}));
  EXPECT_EQ(toks[1].start, 6u);
}

TEST(Tokenizer, RespectsRange) {
  StringArena a;
  std::string text = "skip THIS part";
  std::vector<Token> out;
  Tokenizer().Tokenize(text, 5, 9, &a, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].norm, "THIS");
  EXPECT_EQ(out[0].start, 5u);
}

}  // namespace
}  // namespace detente
