#include "read/dates.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace detente {
namespace {

using namespace std::chrono;

TEST(Dates, ParseDateStrings) {
  auto d = ParseDateString("2024-04-26T10:00:00Z");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->date, year_month_day{year{2024} / 4 / 26});
  EXPECT_EQ(d->precision, DatePrecision::kDay);
  EXPECT_EQ(ParseDateString("2023-02")->precision, DatePrecision::kMonth);
  EXPECT_EQ(ParseDateString("2023")->precision, DatePrecision::kYear);
  EXPECT_EQ(ParseDateString("June 19, 2023")->date, year_month_day{year{2023} / 6 / 19});
  EXPECT_EQ(ParseDateString("19 June 2023")->date, year_month_day{year{2023} / 6 / 19});
  EXPECT_FALSE(ParseDateString("2023-02-30"));
  EXPECT_FALSE(ParseDateString("yesterday"));
  EXPECT_FALSE(ParseDateString("2023-13-01"));
}

TEST(Dates, FindsDatesInText) {
  auto r = testing::ReadBytes("d.txt",
      "Officials met on June 19, 2023 and again on 3 March 2024. Talks resumed in May 2024. "
      "May officials may meet in 2025.\n");
  ASSERT_EQ(r.docs.size(), 1u);
  const auto& ds = r.docs[0]->meta.dates_seen;
  ASSERT_EQ(ds.size(), 4u);
  EXPECT_EQ(FormatDate(ds[0].date), "2023-06-19");
  EXPECT_EQ(FormatDate(ds[1].date), "2024-03-03");
  EXPECT_EQ(FormatDate(ds[2].date, ds[2].precision), "2024-05");
  EXPECT_EQ(ds[3].precision, DatePrecision::kYear);
  // Story date: the latest year mentioned beats older full dates, flagged as a guess.
  EXPECT_EQ(r.docs[0]->meta.story_date_source, DateSource::kGuess);
  EXPECT_EQ(static_cast<int>(r.docs[0]->meta.story_date.year()), 2025);
}

TEST(Dates, FlagBeatsGuessAndInputBeatsFlag) {
  ReadOptions opt;
  opt.date = year_month_day{year{2023} / 6 / 20};
  auto r = testing::ReadBytes("d.txt", "Talks were held on June 19, 2023.\n", opt);
  EXPECT_EQ(r.docs[0]->meta.story_date_source, DateSource::kFlag);
  auto j = testing::ReadBytes("d.jsonl", "{\"id\":\"a\",\"date\":\"2022-01-02\",\"text\":\"Talks.\"}\n", opt);
  EXPECT_EQ(j.docs[0]->meta.story_date_source, DateSource::kInput);
  EXPECT_EQ(FormatDate(j.docs[0]->meta.story_date), "2022-01-02");
}

}  // namespace
}  // namespace detente
