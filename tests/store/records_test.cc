#include "store/records.h"

#include <gtest/gtest.h>

#include "code/coder.h"
#include "store/hash.h"
#include "test_util.h"

namespace detente {
namespace {

const Dictionaries* Dicts() {
  static std::unique_ptr<Dictionaries> d = [] {
    LoadReport report;
    auto r = Dictionaries::Load(DETENTE_DICT_DIR, &report);
    return r.ok() ? std::move(r).value() : nullptr;
  }();
  return d.get();
}

TEST(UrlHostTest, HostWithoutWwwPortOrUser) {
  EXPECT_EQ(UrlHost("https://www.BBC.co.uk/news/world-1"), "bbc.co.uk");
  EXPECT_EQ(UrlHost("http://user@example.com:8080/x?y"), "example.com");
  EXPECT_EQ(UrlHost("https://news.example.org"), "news.example.org");
  EXPECT_EQ(UrlHost("not a url"), "");
  EXPECT_EQ(UrlHost(""), "");
}

TEST(MakeDocRecordTest, KeepsEvidenceSentencesAndEventFields) {
  ASSERT_NE(Dicts(), nullptr);
  auto r = testing::ReadBytes(
      "t.jsonl",
      "{\"id\":\"t1\",\"date\":\"2023-06-19\",\"title\":\"Blinken in "
      "Beijing\",\"url\":\"https://www.ex.com/a\","
      "\"text\":\"Blinken met Wang Yi in Beijing on Monday.\\n\\nThe weather was fine.\\n\\n"
      "China accused the United States of interference.\"}\n");
  ASSERT_EQ(r.docs.size(), 1u);
  const Document& doc = *r.docs[0];
  EventCoder coder(*Dicts());
  std::vector<Event> events;
  coder.Code(doc, &events);
  ASSERT_GE(events.size(), 2u);
  DocRecord rec;
  MakeDocRecord(doc, events, &rec);
  EXPECT_EQ(rec.hash, Hash64(doc.text));
  EXPECT_EQ(rec.key, "t1");
  EXPECT_EQ(rec.source, "ex.com");
  EXPECT_EQ(rec.url, "https://www.ex.com/a");
  EXPECT_EQ(rec.title, "Blinken in Beijing");
  EXPECT_EQ(rec.story_date, "2023-06-19");
  EXPECT_EQ(rec.kind, "jsonl");
  EXPECT_EQ(rec.sentence_count, doc.sentences.size());
  // Only sentences with events are kept: not the title, not the weather.
  ASSERT_EQ(rec.sentences.size(), 2u);
  EXPECT_EQ(rec.sentences[0].text, "Blinken met Wang Yi in Beijing on Monday.");
  EXPECT_TRUE(rec.sentences[0].lead);  // the first body paragraph
  EXPECT_EQ(rec.sentences[1].text, "China accused the United States of interference.");
  EXPECT_FALSE(rec.sentences[1].lead);
  EXPECT_EQ(doc.text.substr(rec.sentences[1].span.start, rec.sentences[1].span.size()),
            rec.sentences[1].text);
  ASSERT_EQ(rec.mentions.size(), events.size());
  const MentionRecord& meet = rec.mentions[0];
  EXPECT_EQ(meet.sentence, 0u);
  EXPECT_EQ(meet.source.code, "USAGOV");
  EXPECT_EQ(meet.target.code, "CHNGOV");
  EXPECT_EQ(meet.cameo, "040");
  EXPECT_EQ(meet.root, "04");
  EXPECT_EQ(meet.date, "2023-06-19");
  EXPECT_EQ(meet.precision, "day");
  ASSERT_TRUE(meet.day.has_value());
  EXPECT_EQ(*meet.day, 19527);  // days from 1970-01-01 to 2023-06-19
  EXPECT_EQ(meet.trigger_text, "met");
  EXPECT_EQ(rec.mentions.back().sentence, 1u);

  // The record is reused for a document without events.
  auto r2 = testing::ReadBytes("u.jsonl", "{\"id\":\"u\",\"text\":\"Nothing happened.\"}\n");
  ASSERT_EQ(r2.docs.size(), 1u);
  events.clear();
  coder.Code(*r2.docs[0], &events);
  MakeDocRecord(*r2.docs[0], events, &rec);
  EXPECT_TRUE(rec.sentences.empty());
  EXPECT_TRUE(rec.mentions.empty());
  EXPECT_EQ(rec.story_date, "");
  EXPECT_EQ(rec.source, "u.jsonl");  // no URL: the input stands for the publisher
}

}  // namespace
}  // namespace detente
