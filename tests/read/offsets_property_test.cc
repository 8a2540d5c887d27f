// Property: every token's offsets point at its text in the document's bytes.
// A token's `norm` equals those bytes exactly, except for typographic
// characters mapped to ASCII (flagged kTokNormalized), where it equals the
// bytes after the same mapping.
#include <gtest/gtest.h>

#include <random>

#include "test_util.h"

namespace detente {
namespace {

std::string AsciiFold(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
      auto d = static_cast<unsigned char>(s[i + 2]);
      if (d == 0x98 || d == 0x99 || d == 0x9B) out += '\'';
      else if (d == 0x9C || d == 0x9D || d == 0x9E) out += '"';
      else if (d >= 0x90 && d <= 0x95) out += '-';
      else if (d == 0xA6) out += "...";
      else out.append(s.substr(i, 3));
      i += 3;
      continue;
    }
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x88 &&
        static_cast<unsigned char>(s[i + 2]) == 0x92) {
      out += '-';
      i += 3;
      continue;
    }
    if (c == 0xC2 && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) == 0xAB || static_cast<unsigned char>(s[i + 1]) == 0xBB)) {
      out += '"';
      i += 2;
      continue;
    }
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0xB2) {
      out += '\'';
      i += 3;
      continue;
    }
    out += s[i++];
  }
  return out;
}

void CheckOffsets(const Document& doc) {
  for (const Token& t : doc.tokens) {
    ASSERT_LE(t.start, t.end);
    ASSERT_LE(t.end, doc.text.size());
    std::string_view bytes = std::string_view(doc.text).substr(t.start, t.end - t.start);
    if (t.Is(kTokNormalized)) {
      EXPECT_EQ(AsciiFold(bytes), t.norm) << "token at " << t.start;
    } else {
      EXPECT_EQ(bytes, t.norm) << "token at " << t.start;
    }
  }
  for (const Sentence& s : doc.sentences) {
    EXPECT_EQ(s.start, doc.tokens[s.first_token].start);
    EXPECT_EQ(s.end, doc.tokens[s.end_token - 1].end);
  }
}

TEST(OffsetsProperty, OurSamples) {
  for (const char* f : {"/scrape_sample.txt", "/page.html"}) {
    auto r = testing::ReadBytes(f, testing::ReadFile(std::string(DETENTE_TEST_DATA) + f));
    ASSERT_EQ(r.docs.size(), 1u);
    EXPECT_GT(r.docs[0]->tokens.size(), 50u);
    CheckOffsets(*r.docs[0]);
  }
}

TEST(OffsetsProperty, Seeds) {
  if (!testing::HaveShared()) GTEST_SKIP() << "../shared/seeds not found at " << testing::SharedDir();
  for (const char* f : {"/seeds/000_246e9f00afd06c6d.txt", "/seeds/003_8c0a08f250727689.txt"}) {
    auto r = testing::ReadBytes(f, testing::ReadFile(testing::SharedDir() + f));
    ASSERT_EQ(r.docs.size(), 1u);
    CheckOffsets(*r.docs[0]);
  }
}

TEST(OffsetsProperty, RandomText) {
  // Random mixes of words, punctuation, typographic characters, invalid
  // bytes and whitespace.
  const std::vector<std::string> pieces = {
      "U.S.", "China", "\xE2\x80\x99s", "'s", "Mr.", "didn't", "\xE2\x80\x9C", "\xE2\x80\x9D",
      "\xE2\x80\x94", "-", "...", "\xE2\x80\xA6", ".", ",", "?", "3.5", "1,200", "\xFF", "\xC3",
      "\xC3\xA9t\xC3\xA9", " ", " ", " ", "\n", "\n\n", "Xi", "talks", "high-level", "\xC2\xA0",
      "(", ")", "O\xE2\x80\x99" "Brien", "U.S.-China", "2023-06-18", "\t", "e.g.", "J."};
  std::mt19937 rng(12345);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    int n = 1 + static_cast<int>(rng() % 120);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    auto r = testing::ReadBytes("random.txt", text);
    for (const auto& d : r.docs) CheckOffsets(*d);
  }
}

}  // namespace
}  // namespace detente
