// The barometer's store queries on a real SQLite store in a temporary
// folder: the schema comes from EventStore::Open, the rows are inserted
// directly so each test controls exactly which events exist.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include <fmt/format.h>

#include "measure/dyad_store.h"
#include "measure/period.h"
#include "store/sqlite.h"

namespace detente {
namespace {

class DyadStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("detente_measure_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto store = EventStore::Open((dir_ / "t.db").string(), EventStore::Mode::kWrite);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
    Exec("INSERT INTO inputs(id, abs_path, path) VALUES(1, '/in/news.jsonl', 'news.jsonl')");
    Exec(
        "INSERT INTO documents(id, content_hash, input, line, doc_key, kind, source, url, title, "
        "story_date, "
        "story_date_source, bytes, sentences, mentions, ingested_at) VALUES "
        "(1, 11, 1, 1, 'd1', 'jsonl', 'example.com', 'https://example.com/1', 'First', "
        "'2023-02-06', 'input', "
        "100, 2, 2, 0),"
        "(2, 12, 1, 2, 'd2', 'jsonl', 'other.org', 'https://other.org/2', 'Second', '2023-02-07', "
        "'input', "
        "100, 1, 1, 0)");
    Exec(
        "INSERT INTO sentences(id, document, idx, segment, start, end, lead, text) VALUES "
        "(1, 1, 0, 'main', 0, 30, 1, 'China condemned the United States.'),"
        "(2, 2, 0, 'main', 0, 30, 1, 'China condemned the United States.'),"
        "(3, 1, 1, 'main', 31, 60, 0, 'Beijing denounced Washington again.')");
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Exec(const std::string& sql) {
    Status st = sql::Exec(store_->db(), sql);
    ASSERT_TRUE(st.ok()) << st.message();
  }
  // One event row; day is computed from date unless the date is ''.
  void Event(int id, const char* src, const char* src_country, const char* tgt,
             const char* tgt_country, double g, int quad, const char* modality, const char* date,
             const char* precision, int mentions = 1) {
    std::string day = "NULL";
    if (*date) day = std::to_string(*ParseDayBound(date, false));
    Exec(fmt::format(
        "INSERT INTO events(id, source_code, source_country, source_sector, source_name, "
        "target_code, "
        "target_country, target_sector, target_name, cameo, root, label, goldstein, quad, "
        "modality, "
        "date, day, precision, is_root, num_mentions, num_sources, num_articles, first_document, "
        "added_at) VALUES({}, '{}', '{}', '', '{}', '{}', '{}', '', '{}', '111', '11', "
        "'Criticize', {}, "
        "{}, '{}', '{}', {}, '{}', 1, {}, 1, 1, 1, 0)",
        id, src, src_country, src, tgt, tgt_country, tgt, g, quad, modality, date, day, precision,
        mentions));
  }
  std::filesystem::path dir_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(DyadStoreTest, CountriesCodesAndModalities) {
  Event(1, "CHN", "CHN", "USA", "USA", -2, 3, "asserted", "2023-02-06", "day", 2);
  Event(2, "USAGOV", "USA", "CHNGOV", "CHN", 1, 1, "asserted", "2023-02-08", "day");
  Event(3, "USA", "USA", "CHN", "CHN", -2, 3, "planned", "2023-02-08", "day");
  Event(4, "CHN", "CHN", "USA", "USA", -2, 3, "asserted", "", "");
  Event(5, "USA", "USA", "CHN", "CHN", 3, 1, "asserted", "2023-03", "month");
  Event(6, "UNO", "", "CHN", "CHN", 3, 1, "asserted", "2023-02-06", "day");
  Event(7, "RUS", "RUS", "CHN", "CHN", 3, 1, "asserted", "2023-02-06", "day");

  auto a = ParseActorSpec("usa"), b = ParseActorSpec("CHN");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(a->country);
  auto load = LoadDyadEvents(store_->db(), DyadQuery{*a, *b, {"asserted"}});
  ASSERT_TRUE(load.ok()) << load.status().message();
  ASSERT_EQ(load->events.size(), 3u);  // 1, 2, 5: not the planned, undated, UN or Russian ones
  EXPECT_EQ(load->undated, 1);
  EXPECT_EQ(load->events[0].id, 1);
  EXPECT_FALSE(load->events[0].forward);  // CHN -> USA is B -> A
  EXPECT_EQ(load->events[0].mentions, 2);
  EXPECT_EQ(load->events[1].id, 2);
  EXPECT_TRUE(load->events[1].forward);
  EXPECT_FALSE(load->events[1].coarse);
  EXPECT_EQ(load->events[2].id, 5);
  EXPECT_TRUE(load->events[2].coarse);
  EXPECT_EQ(DayString(load->events[2].day), "2023-03-01");

  // The default range ignores the month-dated event.
  auto range = DefaultRange(load->events);
  ASSERT_TRUE(range);
  EXPECT_EQ(DayString(range->first), "2023-02-06");
  EXPECT_EQ(DayString(range->last), "2023-02-08");

  // More modalities.
  load = LoadDyadEvents(store_->db(), DyadQuery{*a, *b, {"asserted", "planned"}});
  ASSERT_TRUE(load.ok());
  EXPECT_EQ(load->events.size(), 4u);

  // Exact actor codes.
  auto gov = ParseActorSpec("USAGOV");
  ASSERT_TRUE(gov.ok());
  EXPECT_FALSE(gov->country);
  load = LoadDyadEvents(store_->db(), DyadQuery{*gov, *b, {"asserted"}});
  ASSERT_TRUE(load.ok());
  ASSERT_EQ(load->events.size(), 1u);
  EXPECT_EQ(load->events[0].id, 2);

  // An organisation's own three-letter code.
  auto uno = ParseActorSpec("UNO");
  load = LoadDyadEvents(store_->db(), DyadQuery{*uno, *b, {"asserted"}});
  ASSERT_TRUE(load.ok());
  ASSERT_EQ(load->events.size(), 1u);
  EXPECT_EQ(load->events[0].id, 6);
}

TEST_F(DyadStoreTest, BadSpecs) {
  EXPECT_FALSE(ParseActorSpec("US").ok());
  EXPECT_FALSE(ParseActorSpec("U S A").ok());
  EXPECT_FALSE(ParseActorSpec("USA'--").ok());
  auto a = ParseActorSpec("USA");
  auto load = LoadDyadEvents(store_->db(), DyadQuery{*a, *a, {"asserted"}});
  EXPECT_FALSE(load.ok());
}

TEST_F(DyadStoreTest, CountryDyadsAndLastDay) {
  Event(1, "CHN", "CHN", "USA", "USA", -2, 3, "asserted", "2023-02-06", "day");
  Event(2, "USAGOV", "USA", "CHNGOV", "CHN", 1, 1, "asserted", "2023-02-08", "day");
  Event(3, "RUS", "RUS", "UKR", "UKR", -10, 4, "asserted", "2023-02-09", "day");
  Event(4, "UNO", "", "CHN", "CHN", 3, 1, "asserted", "2023-02-06", "day");
  Event(5, "USA", "USA", "USAGOV", "USA", 3, 1, "asserted", "2023-02-06", "day");
  Event(6, "USA", "USA", "CHN", "CHN", 3, 1, "asserted", "2023-12", "month");
  Event(7, "USA", "USA", "CHN", "CHN", 3, 1, "planned", "2023-05-01", "day");
  std::vector<CountryDyad> dyads;
  std::vector<std::string> asserted = {"asserted"};
  Status st = LoadCountryDyads(store_->db(), asserted, *ParseDayBound("2023-01-01", false),
                               *ParseDayBound("2023-06-30", false), &dyads);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(dyads.size(), 2u);
  EXPECT_EQ(dyads[0].a, "CHN");
  EXPECT_EQ(dyads[0].b, "USA");
  EXPECT_EQ(dyads[0].events, 2);
  ASSERT_EQ(dyads[0].cells.size(), 2u);     // two days
  EXPECT_TRUE(dyads[0].cells[0].forward);   // CHN -> USA
  EXPECT_FALSE(dyads[0].cells[1].forward);  // USA -> CHN
  EXPECT_EQ(dyads[1].a, "RUS");
  EXPECT_EQ(dyads[1].b, "UKR");
  auto last = LastEventDay(store_->db(), asserted);
  ASSERT_TRUE(last.ok());
  ASSERT_TRUE(last->has_value());
  EXPECT_EQ(DayString(**last), "2023-02-09");  // not the month-dated December event
}

TEST_F(DyadStoreTest, EventDetailsWithDistinctEvidence) {
  Event(1, "CHN", "CHN", "USA", "USA", -2, 3, "asserted", "2023-02-06", "day", 3);
  // Three mentions: the same sentence syndicated in two documents, and another one.
  Exec(
      "INSERT INTO mentions(event, document, sentence, source_name, source_start, source_end, "
      "target_name, "
      "target_start, target_end, trigger, trigger_start, trigger_end, modality_cue, date_source, "
      "rule, pattern) "
      "VALUES (1, 1, 1, 'China', 0, 5, 'the United States', 16, 33, 'condemned', 6, 15, '', "
      "'story', 'r', 'p'),"
      "(1, 2, 2, 'China', 0, 5, 'the United States', 16, 33, 'condemned', 6, 15, '', 'story', 'r', "
      "'p'),"
      "(1, 1, 3, 'Beijing', 0, 7, 'Washington', 18, 28, 'denounced', 8, 17, '', 'story', 'r', "
      "'p')");
  std::vector<EventDetail> out;
  std::vector<int64_t> ids = {1, 99};
  Status st = LoadEventDetails(store_.get(), ids, 5, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(out.size(), 1u);  // 99 does not exist
  EXPECT_EQ(out[0].num_mentions, 3);
  EXPECT_EQ(out[0].label, "Criticize");
  ASSERT_EQ(out[0].evidence.size(), 2u);
  EXPECT_EQ(out[0].evidence[0].sentence, "China condemned the United States.");
  EXPECT_EQ(out[0].evidence[0].url, "https://example.com/1");
  EXPECT_EQ(out[0].evidence[1].sentence, "Beijing denounced Washington again.");
  out.clear();
  st = LoadEventDetails(store_.get(), ids, 1, &out);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(out[0].evidence.size(), 1u);
}

}  // namespace
}  // namespace detente
