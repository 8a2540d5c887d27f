#include "code/event_date.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "read/dates.h"
#include "text/tokenizer.h"

namespace detente {
namespace {

using namespace std::chrono;

constexpr year_month_day kStory{year{2023} / 6 / 20};  // a Tuesday

struct Found {
  std::string date = "none";  // FormatDate at the found precision: "2023-06", "2022"
  std::string span;           // the expression's text
};

// Tokenises `text` as one sentence and dates the event at the first token
// whose text is `anchor`.
Found Date(const std::string& text, std::string_view anchor, bool future = false,
           year_month_day story = kStory) {
  StringArena arena;
  std::vector<Token> toks;
  Tokenizer().Tokenize(text, 0, static_cast<uint32_t>(text.size()), &arena, &toks);
  uint32_t a = 0;
  while (a < toks.size() && toks[a].norm != anchor) ++a;
  EXPECT_LT(a, toks.size()) << "no token '" << anchor << "' in: " << text;
  auto d = FindEventDate(toks, 0, static_cast<uint32_t>(toks.size()), a, story, future);
  Found f;
  if (!d) return f;
  if (d->precision != DatePrecision::kDay) {
    EXPECT_EQ(static_cast<unsigned>(d->date.day()), 1u) << text;
  }
  if (d->precision == DatePrecision::kYear) {
    EXPECT_EQ(static_cast<unsigned>(d->date.month()), 1u) << text;
  }
  f.date = FormatDate(d->date, d->precision);
  f.span = text.substr(d->span.start, d->span.size());
  return f;
}

std::string D(const std::string& text, std::string_view anchor, bool future = false,
              year_month_day story = kStory) {
  return Date(text, anchor, future, story).date;
}

TEST(EventDate, PastWeekdayIsTheMostRecent) {
  EXPECT_EQ(D("Blinken met Xi on Monday.", "met"), "2023-06-19");
  EXPECT_EQ(D("Blinken met Xi Wednesday.", "met"), "2023-06-14");
  // "Tuesday" in a Tuesday story, past tense: the story day itself.
  EXPECT_EQ(D("Blinken met Xi on Tuesday.", "met"), "2023-06-20");
}

TEST(EventDate, FutureWeekdayIsTheNext) {
  EXPECT_EQ(D("Xi will visit on Friday.", "visit", true), "2023-06-23");
  EXPECT_EQ(D("Xi will visit on Monday.", "visit", true), "2023-06-26");
  // A planned event named by the story's own weekday is that day.
  EXPECT_EQ(D("Xi will speak on Tuesday.", "speak", true), "2023-06-20");
}

TEST(EventDate, LastNextThisWeekday) {
  EXPECT_EQ(D("They met last Friday.", "met"), "2023-06-16");
  EXPECT_EQ(D("They met last Tuesday.", "met"), "2023-06-13");
  EXPECT_EQ(D("They will meet next Friday.", "meet", true), "2023-06-23");
  EXPECT_EQ(D("They will meet next Tuesday.", "meet", true), "2023-06-27");
  EXPECT_EQ(D("They will meet this Friday.", "meet", true), "2023-06-23");
  Found f = Date("They met last Friday.", "met");
  EXPECT_EQ(f.span, "last Friday");
}

TEST(EventDate, WeekdayWithTimeOfDay) {
  Found f = Date("Missiles struck Kyiv on Wednesday night.", "struck");
  EXPECT_EQ(f.date, "2023-06-14");
  EXPECT_EQ(f.span, "Wednesday night");
  f = Date("Troops withdrew late Sunday.", "withdrew");
  EXPECT_EQ(f.date, "2023-06-18");
  EXPECT_EQ(f.span, "late Sunday");
}

TEST(EventDate, LastMonth) {
  Found f = Date("They met last month.", "met");
  EXPECT_EQ(f.date, "2023-05");
  EXPECT_EQ(f.span, "last month");
  EXPECT_EQ(D("Talks will resume next month.", "resume", true), "2023-07");
}

TEST(EventDate, EarlierThisMonthKeepsItsQualifier) {
  Found f = Date("Officials met earlier this month in Vienna.", "met");
  EXPECT_EQ(f.date, "2023-06");
  EXPECT_EQ(f.span, "earlier this month");
}

TEST(EventDate, BareMonthResolvesByTense) {
  EXPECT_EQ(D("Talks were held in November.", "held"), "2022-11");
  EXPECT_EQ(D("The summit will be held in November.", "summit", true), "2023-11");
  EXPECT_EQ(D("Talks were held in June.", "held"), "2023-06");
  EXPECT_EQ(D("Talks were held in March.", "held"), "2023-03");
}

TEST(EventDate, LastAndNextMonthName) {
  EXPECT_EQ(D("Talks collapsed last November.", "collapsed"), "2022-11");
  EXPECT_EQ(D("Talks collapsed last June.", "collapsed"), "2022-06");
  EXPECT_EQ(D("Talks collapsed last May.", "collapsed"), "2023-05");
  EXPECT_EQ(D("Elections are due next March.", "Elections", true), "2024-03");
}

TEST(EventDate, EarlyLateMidMonth) {
  Found f = Date("Fighting erupted in early November.", "erupted");
  EXPECT_EQ(f.date, "2022-11");
  EXPECT_EQ(f.span, "early November");
  f = Date("Fighting erupted in mid-November.", "erupted");
  EXPECT_EQ(f.date, "2022-11");
  EXPECT_EQ(f.span, "mid-November");
  EXPECT_EQ(D("Fighting erupted at the end of August.", "erupted"), "2022-08");
}

TEST(EventDate, Years) {
  EXPECT_EQ(D("The two sides met last year.", "met"), "2022");
  EXPECT_EQ(D("The two sides will meet next year.", "meet", true), "2024");
  Found f = Date("The deal was signed earlier this year.", "signed");
  EXPECT_EQ(f.date, "2023");
  EXPECT_EQ(f.span, "earlier this year");
}

TEST(EventDate, ExplicitYears) {
  Found f = Date("Fighting resumed in late 2022.", "resumed");
  EXPECT_EQ(f.date, "2022");
  EXPECT_EQ(f.span, "late 2022");
  EXPECT_EQ(D("Russia invaded in early 2022.", "invaded"), "2022");
  EXPECT_EQ(D("Elections were held in 2019.", "held"), "2019");
  EXPECT_EQ(D("Troops will leave by 2027.", "leave", true), "2027");
  EXPECT_EQ(D("Growth slowed in mid-2021.", "slowed"), "2021");
}

TEST(EventDate, MonthDayWithoutYear) {
  Found f = Date("The ministers met on June 18.", "met");
  EXPECT_EQ(f.date, "2023-06-18");
  EXPECT_EQ(f.span, "June 18");
  // Past events never land after the story date, planned ones never before it.
  EXPECT_EQ(D("The ministers met on June 25.", "met"), "2022-06-25");
  EXPECT_EQ(D("The ministers will meet on June 25.", "meet", true), "2023-06-25");
  EXPECT_EQ(D("The ministers will meet on June 2.", "meet", true), "2024-06-02");
  EXPECT_EQ(D("The ministers met on 18 June.", "met"), "2023-06-18");
  EXPECT_EQ(D("The ministers met on June 18th.", "met"), "2023-06-18");
}

TEST(EventDate, AbbreviatedMonths) {
  EXPECT_EQ(D("The ministers met on Nov. 5.", "met"), "2022-11-05");
  EXPECT_EQ(D("The ministers met on Jan. 5, 2023.", "met"), "2023-01-05");
  EXPECT_EQ(D("The ministers met on Sept. 9.", "met"), "2022-09-09");
  // No Feb 29 in 2023 or 2022 or 2021: the last one was 2020.
  EXPECT_EQ(D("The ministers met on Feb. 29.", "met"), "2020-02-29");
}

TEST(EventDate, ExplicitFullDates) {
  Found f = Date("Blinken met Xi on June 19, 2023, in Beijing.", "met");
  EXPECT_EQ(f.date, "2023-06-19");
  EXPECT_EQ(f.span, "June 19, 2023");
  EXPECT_EQ(D("Blinken met Xi on 19 June 2023.", "met"), "2023-06-19");
  EXPECT_EQ(D("Blinken met Xi on 2023-06-18.", "met"), "2023-06-18");
  f = Date("Talks resumed in May 2024.", "resumed");
  EXPECT_EQ(f.date, "2024-05");
  EXPECT_EQ(f.span, "May 2024");
}

TEST(EventDate, WeekdayBeforeMonthDayDefersToIt) {
  Found f = Date("Xi will arrive on Friday, June 23.", "arrive", true);
  EXPECT_EQ(f.date, "2023-06-23");
  EXPECT_EQ(f.span, "June 23");
}

TEST(EventDate, Ago) {
  Found f = Date("The talks began two weeks ago.", "began");
  EXPECT_EQ(f.date, "2023-06-06");
  EXPECT_EQ(f.span, "two weeks ago");
  EXPECT_EQ(D("The talks began 3 days ago.", "began"), "2023-06-17");
  EXPECT_EQ(D("The talks began a week ago.", "began"), "2023-06-13");
  EXPECT_EQ(D("The talks began six months ago.", "began"), "2022-12");
  EXPECT_EQ(D("The talks began a year ago.", "began"), "2022");
  EXPECT_EQ(D("The talks began several years ago.", "began"), "none");
}

TEST(EventDate, RelativeDays) {
  EXPECT_EQ(D("Rebels attacked yesterday.", "attacked"), "2023-06-19");
  EXPECT_EQ(D("Rebels attacked the town last night.", "attacked"), "2023-06-19");
  EXPECT_EQ(D("Rebels attacked the town this morning.", "attacked"), "2023-06-20");
  EXPECT_EQ(D("Biden will speak tonight.", "speak", true), "2023-06-20");
  EXPECT_EQ(D("Biden will speak tomorrow.", "speak", true), "2023-06-21");
  Found f = Date("Biden spoke earlier today.", "spoke");
  EXPECT_EQ(f.span, "earlier today");
}

TEST(EventDate, WeeksGiveTheirMonday) {
  EXPECT_EQ(D("Ministers met last week.", "met"), "2023-06-12");
  EXPECT_EQ(D("Ministers met earlier this week.", "met"), "2023-06-19");
  EXPECT_EQ(D("Ministers will meet next week.", "meet", true), "2023-06-26");
  // "over the last week" is a stretch of time, not a calendar week.
  EXPECT_EQ(D("Prices rose over the last week.", "rose"), "none");
}

TEST(EventDate, Weekends) {
  EXPECT_EQ(D("Protesters rallied over the weekend.", "rallied"), "2023-06-17");
  EXPECT_EQ(D("Protesters will rally this weekend.", "rally", true), "2023-06-24");
  EXPECT_EQ(D("Protesters rallied last weekend.", "rallied"), "2023-06-17");
  // A Saturday story: "the weekend" is the current one.
  EXPECT_EQ(D("Protesters rallied over the weekend.", "rallied", false, year{2023} / 6 / 24),
            "2023-06-24");
}

TEST(EventDate, NumbersThatAreNotDates) {
  EXPECT_EQ(D("China sold $175 billion of bonds.", "sold"), "none");
  EXPECT_EQ(D("Turnout rose 60% as 2,000 troops deployed.", "rose"), "none");
  EXPECT_EQ(D("Police arrested 25 people in 1,200 raids.", "arrested"), "none");
  EXPECT_EQ(D("Officials said talks had progressed recently.", "progressed"), "none");
  EXPECT_EQ(D("Both sides signed the Good Friday Agreement.", "signed"), "none");
}

TEST(EventDate, MayAndMarchAsWords) {
  EXPECT_EQ(D("May officials may meet.", "meet"), "none");
  EXPECT_EQ(D("Protesters will march in the capital.", "march", true), "none");
  EXPECT_EQ(D("Protesters plan a March for peace.", "plan", true), "none");
  EXPECT_EQ(D("Ministers criticised a speech by May.", "criticised"), "none");
  EXPECT_EQ(D("Ministers served in May's government.", "served"), "none");
  EXPECT_EQ(D("Ministers resigned in May.", "resigned"), "2023-05");
  EXPECT_EQ(D("Ministers resigned on May 3.", "resigned"), "2023-05-03");
}

TEST(EventDate, NearestExpressionWins) {
  const std::string s = "Xi met Blinken on Monday, after talks on Sunday.";
  EXPECT_EQ(D(s, "met"), "2023-06-19");
  EXPECT_EQ(D(s, "talks"), "2023-06-18");
  const std::string t = "In 2019 the sides signed a pact that collapsed last month.";
  EXPECT_EQ(D(t, "signed"), "2019");
  EXPECT_EQ(D(t, "collapsed"), "2023-05");
}

TEST(EventDate, TiesGoToTheExpressionAfter) {
  EXPECT_EQ(D("Sunday : met on Monday", "met"), "2023-06-19");
}

TEST(EventDate, SemicolonBlocksTheOtherClause) {
  EXPECT_EQ(D("Ministers met; talks resume on Friday.", "met"), "none");
  EXPECT_EQ(D("Ministers met on Monday; talks resume on Friday.", "resume", true), "2023-06-23");
  EXPECT_EQ(D("Ministers met on Monday; talks resume on Friday.", "met"), "2023-06-19");
}

TEST(EventDate, YearBoundaries) {
  const year_month_day story{year{2024} / 1 / 3};  // a Wednesday
  EXPECT_EQ(D("Talks were held in December.", "held", false, story), "2023-12");
  EXPECT_EQ(D("Talks were held last month.", "held", false, story), "2023-12");
  EXPECT_EQ(D("Talks were held on Friday.", "held", false, story), "2023-12-29");
  EXPECT_EQ(D("Talks were held on Dec. 30.", "held", false, story), "2023-12-30");
  EXPECT_EQ(D("Talks were held last week.", "held", false, story), "2023-12-25");
  EXPECT_EQ(D("Talks were held last year.", "held", false, story), "2023");
  EXPECT_EQ(D("Talks will be held next month.", "held", true, year{2023} / 12 / 15), "2024-01");
  EXPECT_EQ(D("Talks will be held in January.", "held", true, year{2023} / 12 / 15), "2024-01");
}

TEST(EventDate, OnlyTheGivenSentence) {
  const std::string text = "Xi met Blinken. They spoke again on Friday.";
  StringArena arena;
  std::vector<Token> toks;
  Tokenizer().Tokenize(text, 0, static_cast<uint32_t>(text.size()), &arena, &toks);
  ASSERT_GE(toks.size(), 5u);
  ASSERT_EQ(toks[1].norm, "met");
  EXPECT_FALSE(FindEventDate(toks, 0, 4, 1, kStory, false));
  auto d = FindEventDate(toks, 4, static_cast<uint32_t>(toks.size()), 5, kStory, false);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->date, year_month_day{year{2023} / 6 / 16});
  EXPECT_EQ(d->precision, DatePrecision::kDay);
  EXPECT_FALSE(FindEventDate(toks, 3, 3, 1, kStory, false));  // empty range
}

}  // namespace
}  // namespace detente
