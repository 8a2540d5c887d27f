#include "store/hash.h"

#include <gtest/gtest.h>

#include <string>

namespace detente {
namespace {

// Reference values of XXH64 with seed 0 (published test vectors).
TEST(Hash64Test, MatchesXxh64ReferenceValues) {
  EXPECT_EQ(Hash64(""), 0xEF46DB3751D8E999ULL);
  EXPECT_EQ(Hash64("a"), 0xD24EC4F1A98C6E5BULL);
  EXPECT_EQ(Hash64("abc"), 0x44BC2CF5AD770999ULL);
  // 39 bytes: runs the 32-byte stripe loop and every tail step.
  EXPECT_EQ(Hash64("Nobody inspects the spammish repetition"), 0xFBCEA83C8A378BF1ULL);
}

TEST(Hash64Test, DependsOnEveryByteAndTheSeed) {
  std::string text(1000, 'x');
  uint64_t h = Hash64(text);
  for (std::size_t i : {0u, 31u, 32u, 500u, 999u}) {
    std::string changed = text;
    changed[i] = 'y';
    EXPECT_NE(Hash64(changed), h) << "byte " << i;
  }
  EXPECT_NE(Hash64(text, 1), h);
  EXPECT_NE(Hash64(text.substr(0, 999)), h);
}

}  // namespace
}  // namespace detente
