#include "base/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace detente {
namespace {

TEST(Utf8, ValidSequencesHaveTheirLength) {
  std::string s = "a\xC3\xA9\xE2\x80\x99\xF0\x9F\x98\x80";
  EXPECT_EQ(Utf8SequenceLength(s, 0), 1u);
  EXPECT_EQ(Utf8SequenceLength(s, 1), 2u);
  EXPECT_EQ(Utf8SequenceLength(s, 3), 3u);
  EXPECT_EQ(Utf8SequenceLength(s, 6), 4u);
  EXPECT_EQ(Utf8Decode(s, 3, 3), U'\u2019');
}

TEST(Utf8, RejectsOverlongSurrogatesAndTruncation) {
  EXPECT_EQ(Utf8SequenceLength("\xC0\xAF", 0), 0u);          // overlong '/'
  EXPECT_EQ(Utf8SequenceLength("\xED\xA0\x80", 0), 0u);      // surrogate
  EXPECT_EQ(Utf8SequenceLength("\xE2\x80", 0), 0u);          // truncated
  EXPECT_EQ(Utf8SequenceLength("\x80", 0), 0u);              // lone continuation
  EXPECT_EQ(Utf8SequenceLength("\xF5\x80\x80\x80", 0), 0u);  // beyond U+10FFFF
}

TEST(Utf8, CheckReportsFirstInvalidOffset) {
  std::string s = "The U.S. and China\xFF agreed \xC3";
  auto c = CheckUtf8(s);
  EXPECT_EQ(c.invalid_sequences, 2u);
  EXPECT_EQ(c.first_invalid_offset, 18u);
  EXPECT_EQ(CheckUtf8("plain ascii text that is long enough").invalid_sequences, 0u);
}

TEST(Utf8, BinaryDetection) {
  EXPECT_TRUE(LooksBinary(std::string("PK\x03\x04\x00\x00", 6)));
  EXPECT_FALSE(LooksBinary("Ordinary text.\nWith lines.\n"));
  std::string ctrl(100, '\x01');
  EXPECT_TRUE(LooksBinary(ctrl));
  EXPECT_FALSE(LooksBinary(""));
}

}  // namespace
}  // namespace detente
