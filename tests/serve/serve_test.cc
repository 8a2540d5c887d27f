// Unit tests of the server's pieces that need no socket: parameter
// validation, the JSON writer, the evidence cut into highlighted parts,
// and the static asset table (no path outside it is ever served).
#include <gtest/gtest.h>

#include "serve/assets.h"
#include "serve/evidence.h"
#include "serve/json.h"
#include "serve/params.h"

namespace detente {
namespace {

TEST(QueryParams, TypedValuesAndDefaults) {
  QueryParams::Map m = {
      {"limit", "20"}, {"since", "2023-06"}, {"undirected", "1"}, {"modality", "asserted,planned"}};
  QueryParams q(m, {"limit", "since", "until", "undirected", "modality"});
  EXPECT_EQ(q.Int("limit", 50, 1, 500), 20);
  EXPECT_EQ(q.Int("offset", 7, 0, 10), 7);
  ASSERT_TRUE(q.Day("since", false).has_value());
  EXPECT_FALSE(q.Day("until", true).has_value());
  EXPECT_TRUE(q.Flag("undirected"));
  EXPECT_EQ(q.List("modality", {"asserted", "planned"}).size(), 2u);
  EXPECT_TRUE(q.ok());
}

TEST(QueryParams, FirstProblemNamesItsParameter) {
  QueryParams::Map m = {{"limit", "9999"}, {"since", "2023-13-01"}};
  QueryParams q(m, {"limit", "since"});
  q.Int("limit", 50, 1, 500);
  q.Day("since", false);
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error()->parameter, "limit");
  EXPECT_NE(q.error()->message.find("between 1 and 500"), std::string::npos);
}

TEST(QueryParams, UnknownRepeatedAndMalformed) {
  QueryParams::Map unknown = {{"colour", "red"}};
  EXPECT_EQ(QueryParams(unknown, {"limit"}).error()->parameter, "colour");
  QueryParams::Map twice = {{"limit", "1"}, {"limit", "2"}};
  EXPECT_EQ(QueryParams(twice, {"limit"}).error()->parameter, "limit");
  for (const char* bad : {"", "12x", "1e3", "-", " 5", "99999999999999999999"}) {
    QueryParams::Map m = {{"limit", bad}};
    QueryParams q(m, {"limit"});
    q.Int("limit", 50, 1, 500);
    EXPECT_FALSE(q.ok()) << bad;
  }
  QueryParams::Map nan = {{"threshold", "nan"}};
  QueryParams q(nan, {"threshold"});
  q.Number("threshold", 0.2, 0, 2);
  EXPECT_FALSE(q.ok());
}

TEST(JsonWriter, CommasNestingEscapesAndNumbers) {
  JsonWriter w;
  w.BeginObject().Field("a", int64_t{1}).Key("b").BeginArray().Int(2).Number(0.123456).Null();
  w.EndArray().Field("s", "quote \" and <tag>\n").Field("n", -0.0).Field("x", 1.0 / 0.0);
  w.EndObject();
  EXPECT_EQ(w.Take(), R"({"a":1,"b":[2,0.1235,null],"s":"quote \" and <tag>\n","n":0,"x":null})");
}

MentionRow Mention(std::string sentence, uint32_t base) {
  MentionRow m;
  m.sentence = std::move(sentence);
  m.sentence_start = base;
  m.sentence_end = base + static_cast<uint32_t>(m.sentence.size());
  return m;
}

std::string Joined(const std::vector<EvidencePart>& parts) {
  std::string out;
  for (const auto& p : parts)
    out += p.role.empty() ? std::string(p.text)
                          : "[" + std::string(p.role) + ":" + std::string(p.text) + "]";
  return out;
}

TEST(EvidenceParts, HighlightsSpansRelativeToTheDocument) {
  MentionRow m = Mention("China fired missiles near Taiwan.", 100);
  m.source_start = 100, m.source_end = 105;
  m.trigger_start = 106, m.trigger_end = 120;
  m.target_start = 126, m.target_end = 132;
  EXPECT_EQ(Joined(EvidenceParts(m)),
            "[source:China] [trigger:fired missiles] near [target:Taiwan].");
}

TEST(EvidenceParts, ActorsWinOverlapsAndCutsKeepUtf8Whole) {
  // "flying over Türkiye": the trigger spans the target; a span ending inside
  // "ü" (2 bytes) must not split the character.
  MentionRow m = Mention("Jets flying over T\xc3\xbcrkiye.", 0);
  m.trigger_start = 5, m.trigger_end = 25;
  m.target_start = 17, m.target_end = 19;  // "T" and the first byte of "ü"
  auto parts = EvidenceParts(m);
  std::string all;
  for (const auto& p : parts) all += p.text;
  EXPECT_EQ(all, m.sentence);
  EXPECT_EQ(Joined(parts), "Jets [trigger:flying over ][target:T\xc3\xbc][trigger:rkiye].");
  // Spans outside the sentence are ignored.
  MentionRow out = Mention("Nothing here.", 500);
  out.source_start = 10, out.source_end = 20;
  EXPECT_EQ(Joined(EvidenceParts(out)), "Nothing here.");
}

TEST(ParagraphParts, MarksTheEvidenceSentences) {
  ParagraphRow p;
  p.start = 50;
  p.text = "First sentence. Second one with the event. Third.";
  p.end = 50 + static_cast<uint32_t>(p.text.size());
  SentenceRow s;
  s.id = 7;
  s.start = 66;
  s.end = 92;
  auto parts = ParagraphParts(p, {s});
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1].text, "Second one with the event.");
  EXPECT_EQ(parts[1].sentence, 7);
  EXPECT_EQ(parts[0].sentence, 0);
}

TEST(WebAssets, OnlyTheEmbeddedFiles) {
  ASSERT_NE(FindWebAsset("/"), nullptr);
  EXPECT_EQ(FindWebAsset("/"), FindWebAsset("/index.html"));
  EXPECT_NE(std::string(FindWebAsset("/")->mime).find("text/html"), std::string::npos);
  for (const char* p : {"/../etc/passwd", "/assets/../index.html", "/%2e%2e/", "", "/assets/"})
    EXPECT_EQ(FindWebAsset(p), nullptr) << p;
  bool script = false;
  for (const auto& a : WebAssets()) script = script || a.mime.starts_with("text/javascript");
  EXPECT_TRUE(script);
}

}  // namespace
}  // namespace detente
