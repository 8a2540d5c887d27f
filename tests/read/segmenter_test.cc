#include "read/segmenter.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace detente {
namespace {

using testing::FindSegment;
using testing::ReadBytes;
using testing::ReadFile;
using testing::SegmentText;

TEST(Segmenter, LineClassifiers) {
  EXPECT_TRUE(IsBoilerplateLine("Follow us on social"));
  EXPECT_TRUE(IsBoilerplateLine("keep readingShow less"));
  EXPECT_TRUE(IsBoilerplateLine("Subscribe now to our weekly round-up and get it in your inbox."));
  EXPECT_FALSE(IsBoilerplateLine("The ministers will subscribe to the treaty's aims, officials said."));
  EXPECT_TRUE(IsCaptionLine("A ship in port, June 1, 2024. REUTERS/Some One"));
  EXPECT_FALSE(IsCaptionLine("Reuters reported that the talks ended."));
  EXPECT_TRUE(IsSectionBreadcrumb("Analysis | Asia-Pacific"));
  EXPECT_FALSE(IsSectionBreadcrumb("He said: yes | no."));
}

TEST(Segmenter, ScrapeWithTeasers) {
  auto r = ReadBytes("sample.txt", ReadFile(std::string(DETENTE_TEST_DATA) + "/scrape_sample.txt"));
  ASSERT_EQ(r.docs.size(), 1u);
  const Document& doc = *r.docs[0];
  EXPECT_EQ(doc.meta.title, "Ministers meet in Jakarta as maritime tensions ease");
  EXPECT_EQ(doc.meta.dek, "The two governments want to show that their coast guards can talk before they collide");
  EXPECT_EQ(doc.meta.section, "Reporting | Asia-Pacific");

  const Segment* main = FindSegment(doc, SegmentKind::kMain);
  ASSERT_NE(main, nullptr);
  std::string body = SegmentText(doc, *main, Role::kBody);
  EXPECT_TRUE(body.starts_with("Indonesian Foreign Minister Retno Marsudi hosted"));
  EXPECT_TRUE(body.ends_with("Neither side commented on the detained fishermen."));
  EXPECT_EQ(body.find("port fees"), std::string::npos);
  EXPECT_EQ(body.find("REUTERS"), std::string::npos);
  EXPECT_EQ(body.find("Subscribe"), std::string::npos);

  const Segment* caption = FindSegment(doc, SegmentKind::kCaption);
  ASSERT_NE(caption, nullptr);
  EXPECT_NE(SegmentText(doc, *caption, Role::kCaption).find("welcomes her Vietnamese counterpart"), std::string::npos);

  const Segment* t1 = FindSegment(doc, SegmentKind::kTeaser, 1);
  const Segment* t2 = FindSegment(doc, SegmentKind::kTeaser, 2);
  ASSERT_NE(t1, nullptr);
  ASSERT_NE(t2, nullptr);
  EXPECT_EQ(FindSegment(doc, SegmentKind::kTeaser, 3), nullptr);
  EXPECT_EQ(t1->headline, "Why port fees are the new front in trade disputes");
  EXPECT_EQ(t1->section, "Global Economy");
  EXPECT_EQ(t2->headline, "Lawmakers push for a new oversight body");
  EXPECT_EQ(t2->section, "Europe");
  EXPECT_EQ(SegmentText(doc, *t2, Role::kBody),
            "A cross-party group wants an independent office to review arms export licences.\n"
            "The proposal faces resistance from the finance ministry.");

  const Segment* boiler = FindSegment(doc, SegmentKind::kBoilerplate);
  ASSERT_NE(boiler, nullptr);
  std::string dropped = SegmentText(doc, *boiler, Role::kBoilerplate);
  EXPECT_NE(dropped.find("Follow us on social"), std::string::npos);
  EXPECT_NE(dropped.find("Newsletter"), std::string::npos);
  EXPECT_NE(dropped.find("LATEST"), std::string::npos);
}

TEST(Segmenter, PlainArticleWithoutStructureIsAllBody) {
  auto r = ReadBytes("plain.txt", "Iran and Iraq signed a border accord. The deal ends a long dispute.\n");
  ASSERT_EQ(r.docs.size(), 1u);
  const Document& doc = *r.docs[0];
  EXPECT_TRUE(doc.meta.title.empty());
  ASSERT_EQ(doc.segments.size(), 1u);
  EXPECT_EQ(doc.sentences.size(), 2u);
}

TEST(Segmenter, HeadlineThenBody) {
  auto r = ReadBytes("h.txt", "Japan protests Chinese drills\n\nJapan lodged a protest on Friday. Officials said more would follow.\n");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0]->meta.title, "Japan protests Chinese drills");
  EXPECT_EQ(r.docs[0]->sentences.size(), 3u);
}

}  // namespace
}  // namespace detente
