#include "text/sentences.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/tokenizer.h"

namespace detente {
namespace {

std::vector<std::string> Split(const std::string& text) {
  StringArena arena;
  std::vector<Token> toks;
  Tokenizer().Tokenize(text, 0, static_cast<uint32_t>(text.size()), &arena, &toks);
  std::vector<Sentence> sents;
  SplitSentences(toks, 0, static_cast<uint32_t>(toks.size()), 400, &sents);
  std::vector<std::string> out;
  for (const auto& s : sents) out.push_back(text.substr(s.start, s.end - s.start));
  return out;
}

using V = std::vector<std::string>;

TEST(Sentences, AbbreviationsTitlesAndInitials) {
  EXPECT_EQ(Split("Blinken met Xi on Monday. The U.S. and China agreed to talk. Mr. Smith said "
                  "\"No.\" Then he left... Really? Yes!"),
            (V{"Blinken met Xi on Monday.", "The U.S. and China agreed to talk.",
               "Mr. Smith said \"No.\"", "Then he left...", "Really?", "Yes!"}));
  EXPECT_EQ(Split("Sen. Marco Rubio and Gen. Mark A. Milley spoke. Talks followed."),
            (V{"Sen. Marco Rubio and Gen. Mark A. Milley spoke.", "Talks followed."}));
}

TEST(Sentences, SentencesGluedWithoutASpace) {
  // Scraped feeds drop the space: still two sentences.
  EXPECT_EQ(Split("Reports emerge of a massacre at a kibbutz.What is happening in Gaza?"),
            (V{"Reports emerge of a massacre at a kibbutz.", "What is happening in Gaza?"}));
  // Not inside names, numbers or addresses.
  EXPECT_EQ(Split("The U.S.-led coalition paid 3.5 million via example.com today."),
            (V{"The U.S.-led coalition paid 3.5 million via example.com today."}));
}

TEST(Sentences, AcronymAtSentenceEnd) {
  EXPECT_EQ(Split("Beijing blamed the U.S. The talks ended."),
            (V{"Beijing blamed the U.S.", "The talks ended."}));
  // An acronym before a name does not end the sentence.
  EXPECT_EQ(Split("The U.S. Secretary of State arrived."),
            (V{"The U.S. Secretary of State arrived."}));
}

TEST(Sentences, EllipsisAndLowercaseContinuation) {
  EXPECT_EQ(Split("It was... not clear. He said so."), (V{"It was... not clear.", "He said so."}));
  EXPECT_EQ(Split("\"Why now?\" he asked. Nobody answered."),
            (V{"\"Why now?\" he asked.", "Nobody answered."}));
}

TEST(Sentences, TypographicQuotesCloseSentences) {
  EXPECT_EQ(Split("They called it \xE2\x80\x9C"
                  "candid.\xE2\x80\x9D The next day they left."),
            (V{"They called it \xE2\x80\x9C"
               "candid.\xE2\x80\x9D",
               "The next day they left."}));
}

TEST(Sentences, LongRunsAreCut) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "word, ";
  StringArena arena;
  std::vector<Token> toks;
  Tokenizer().Tokenize(text, 0, static_cast<uint32_t>(text.size()), &arena, &toks);
  std::vector<Sentence> sents;
  SplitSentences(toks, 0, static_cast<uint32_t>(toks.size()), 20, &sents);
  ASSERT_GE(sents.size(), 5u);
  for (const auto& s : sents) EXPECT_LE(s.end_token - s.first_token, 20u);
  EXPECT_EQ(sents.back().end_token, toks.size());
}

}  // namespace
}  // namespace detente
