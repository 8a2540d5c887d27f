#include "read/html.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace detente {
namespace {

using testing::FindSegment;
using testing::ReadBytes;
using testing::ReadFile;
using testing::SegmentText;

TEST(Html, ExtractsArticleCaptionsAndMetadata) {
  std::string page = ReadFile(std::string(DETENTE_TEST_DATA) + "/page.html");
  auto r = ReadBytes("page.html", page);
  ASSERT_EQ(r.docs.size(), 1u);
  const Document& doc = *r.docs[0];
  EXPECT_EQ(doc.kind, InputKind::kHtml);
  EXPECT_EQ(doc.meta.title, "Envoys trade warnings over disputed reef");
  EXPECT_EQ(doc.meta.url, "https://news.example.org/reef-warnings");
  EXPECT_EQ(doc.meta.story_date_source, DateSource::kInput);
  EXPECT_EQ(doc.meta.story_date, std::chrono::year_month_day{std::chrono::year{2024} / 3 / 5});
  const Segment* main = FindSegment(doc, SegmentKind::kMain);
  ASSERT_NE(main, nullptr);
  std::string body = SegmentText(doc, *main, Role::kBody);
  EXPECT_NE(body.find("summoned China\xE2\x80\x99s ambassador"), std::string::npos) << body;
  EXPECT_NE(body.find("rejected the claim & called for talks"), std::string::npos);
  // <br> keeps sentences apart.
  EXPECT_NE(body.find("incident.\nOfficials"), std::string::npos);
  for (const char* gone : {"tracking", "color: red", "Home", "All rights reserved", "Sign up"})
    EXPECT_EQ(body.find(gone), std::string::npos) << gone;
  const Segment* caption = FindSegment(doc, SegmentKind::kCaption);
  ASSERT_NE(caption, nullptr);
  EXPECT_NE(SegmentText(doc, *caption, Role::kCaption).find("coast guard vessel near the shoal"), std::string::npos);
  // Every paragraph maps back into the page.
  ASSERT_EQ(doc.source_offsets.size() > 0, true);
  for (auto off : doc.source_offsets) EXPECT_LT(off, page.size());
}

TEST(Html, TruncatedPageIsReadWithAWarning) {
  std::string page = "<html><body><p>China and Russia held joint naval drills on Monday.</p><p>The exercise";
  auto r = ReadBytes("cut.html", page);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_GE(r.docs[0]->sentences.size(), 2u);
  ASSERT_EQ(r.report.warnings.size(), 1u);
  EXPECT_NE(r.report.warnings[0].message().find("cut.html"), std::string::npos);
  EXPECT_NE(r.report.warnings[0].message().find("truncated"), std::string::npos);
}

TEST(Html, DetectionIsByContent) {
  EXPECT_TRUE(LooksLikeHtml("  <!DOCTYPE html><html>"));
  EXPECT_TRUE(LooksLikeHtml("<div class=x><p>hi</p></div>"));
  EXPECT_FALSE(LooksLikeHtml("The <b> tag is bold."));
  EXPECT_FALSE(LooksLikeHtml("{\"id\": 1}"));
}

}  // namespace
}  // namespace detente
