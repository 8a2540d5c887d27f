// Golden tests on the two seed articles (read from ../shared/seeds at run
// time). They pin what an analyst needs from the reader: the whole article
// body and nothing else in the main segment, every teaser apart with its
// headline, captions apart, and stable sentence counts.
#include <gtest/gtest.h>

#include "read/dates.h"
#include "test_util.h"

// Counted by hand on the seeds (sentences of the main article's body).
#define SEED000_MAIN_SENTENCES 36
#define SEED003_MAIN_SENTENCES 31

namespace detente {
namespace {

using testing::FindSegment;
using testing::SegmentText;

std::unique_ptr<Document> ReadSeed(const std::string& name) {
  auto r = testing::ReadBytes(name, testing::ReadFile(testing::SharedDir() + "/seeds/" + name));
  EXPECT_TRUE(r.report.errors.empty());
  return r.docs.empty() ? nullptr : std::move(r.docs[0]);
}

#define REQUIRE_SHARED() \
  if (!testing::HaveShared()) GTEST_SKIP() << "../shared/seeds not found at " << testing::SharedDir()

TEST(Seeds, Seed000Segments) {
  REQUIRE_SHARED();
  auto doc = ReadSeed("000_246e9f00afd06c6d.txt");
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->meta.title, "Blinken goes to China to maintain the illusion of stability");
  EXPECT_TRUE(doc->meta.dek.starts_with("Washington and Beijing will have to do more"));
  EXPECT_EQ(doc->meta.section, "Analysis | Asia-Pacific");
  const Segment* main = FindSegment(*doc, SegmentKind::kMain);
  ASSERT_TRUE(main);
  std::string body = SegmentText(*doc, *main, Role::kBody);
  EXPECT_TRUE(body.starts_with("Secretary of State Antony Blinken is set to travel to Beijing this week"));
  EXPECT_TRUE(body.ends_with("is the only path to achieving security for either country."));
  int body_paragraphs = 0;
  for (const auto& p : main->paragraphs) body_paragraphs += p.role == Role::kBody;
  EXPECT_EQ(body_paragraphs, 15);
  for (const char* teaser_text : {"17 Ukraine war", "luring the US", "LatAm", "NATO Summit", "Netanyahu",
                                  "REUTERS", "Subscribe", "keep reading", "Follow us"})
    EXPECT_EQ(body.find(teaser_text), std::string::npos) << teaser_text;
  const Segment* caption = FindSegment(*doc, SegmentKind::kCaption);
  ASSERT_TRUE(caption);
  EXPECT_NE(SegmentText(*doc, *caption, Role::kCaption).find("Great Hall of the People"), std::string::npos);
  const char* headlines[] = {"The 17 Ukraine war peace terms the US must put before NATO",
                             "Israel is luring the US into a trap",
                             "Former Air Force commando takes top LatAm job at NSC"};
  const char* sections[] = {"Europe", "Middle East", "Latin America"};
  for (int i = 0; i < 3; ++i) {
    const Segment* t = FindSegment(*doc, SegmentKind::kTeaser, i + 1);
    ASSERT_TRUE(t) << i;
    EXPECT_EQ(t->headline, headlines[i]);
    EXPECT_EQ(t->section, sections[i]);
  }
  EXPECT_FALSE(FindSegment(*doc, SegmentKind::kTeaser, 4));
  // Story date: the caption is a 2023 file photo; the text speaks of 2024.
  EXPECT_EQ(doc->meta.story_date_source, DateSource::kGuess);
  EXPECT_EQ(static_cast<int>(doc->meta.story_date.year()), 2024);
}

TEST(Seeds, Seed003Segments) {
  REQUIRE_SHARED();
  auto doc = ReadSeed("003_8c0a08f250727689.txt");
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->meta.title, "Blinken finds a groove with China: but will positive vibes endure?");
  EXPECT_EQ(doc->meta.section, "Analysis | Asia-Pacific");
  const Segment* main = FindSegment(*doc, SegmentKind::kMain);
  ASSERT_TRUE(main);
  std::string body = SegmentText(*doc, *main, Role::kBody);
  EXPECT_TRUE(body.starts_with("One positive accomplishment to come out of Secretary of State Antony Blinken"));
  EXPECT_TRUE(body.ends_with("might constitute a first step in the right direction."));
  int body_paragraphs = 0;
  for (const auto& p : main->paragraphs) body_paragraphs += p.role == Role::kBody;
  EXPECT_EQ(body_paragraphs, 20);
  for (const char* teaser_text : {"Kuala Lumpur", "snapback", "sycophants", "Ryabkov", "TPX", "Subscribe"})
    EXPECT_EQ(body.find(teaser_text), std::string::npos) << teaser_text;
  const char* headlines[] = {"\xE2\x80\x98" "America First\xE2\x80\x99 meets \xE2\x80\x98" "ASEAN Way\xE2\x80\x99 in Kuala Lumpur",
                             "'Annulled'! Russia won't abide snapback sanctions on Iran",
                             "On Ukraine and Venezuela, Trump needs to dump the sycophants"};
  for (int i = 0; i < 3; ++i) {
    const Segment* t = FindSegment(*doc, SegmentKind::kTeaser, i + 1);
    ASSERT_TRUE(t) << i;
    EXPECT_EQ(t->headline, headlines[i]);
  }
  EXPECT_FALSE(FindSegment(*doc, SegmentKind::kTeaser, 4));
  EXPECT_EQ(doc->meta.story_date_source, DateSource::kGuess);
  EXPECT_EQ(FormatDate(doc->meta.story_date), "2023-06-18");
}

TEST(Seeds, SentenceCounts) {
  REQUIRE_SHARED();
  auto a = ReadSeed("000_246e9f00afd06c6d.txt");
  auto b = ReadSeed("003_8c0a08f250727689.txt");
  ASSERT_TRUE(a && b);
  auto count = [](const Document& d, SegmentKind k) {
    int n = 0;
    for (const auto& s : d.sentences) n += d.segments[s.segment].kind == k && d.segments[s.segment].paragraphs[s.paragraph].role == Role::kBody;
    return n;
  };
  EXPECT_EQ(count(*a, SegmentKind::kMain), SEED000_MAIN_SENTENCES);
  EXPECT_EQ(count(*b, SegmentKind::kMain), SEED003_MAIN_SENTENCES);
}

}  // namespace
}  // namespace detente
