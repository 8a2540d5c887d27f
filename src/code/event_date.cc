#include "code/event_date.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

#include "read/dates.h"

namespace detente {
namespace {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::months;
using std::chrono::sys_days;
using std::chrono::weekday;
using std::chrono::year;
using std::chrono::year_month;
using std::chrono::year_month_day;

constexpr std::array<std::string_view, 12> kMonthNames = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

// "19", "19th", "1st", and the first day of a range ("19-20").
int DayNumber(std::string_view s) {
  std::size_t k = 0;
  while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
  if (k == 0 || k > 2) return -1;
  std::string_view rest = s.substr(k);
  if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") {
    if (rest.size() < 2 || rest.size() > 3 || rest[0] != '-') return -1;
    for (char c : rest.substr(1))
      if (c < '0' || c > '9') return -1;
  }
  int d = ToInt(s.substr(0, k));
  return (d >= 1 && d <= 31) ? d : -1;
}

// A count before "days ago": digits or a word, "a"/"an" for one.
int CountWord(std::string_view w) {
  static constexpr std::array<std::string_view, 13> kWords = {
      "zero",  "one",   "two",  "three", "four",   "five",  "six",
      "seven", "eight", "nine", "ten",   "eleven", "twelve"};
  if (w == "a" || w == "an") return 1;
  for (int i = 1; i < 13; ++i)
    if (w == kWords[i]) return i;
  int n = ToInt(w);
  return (n >= 1 && n <= 999) ? n : -1;
}

// chrono weekday number (Sunday = 0), or -1. Only the abbreviations that name
// nothing else are taken ("Sun", "Sat", "Wed", "Mon" are also other words).
int WeekdayFromWord(const Token& t) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
  std::string_view w = t.lower;
  for (int i = 0; i < 7; ++i)
    if (w == kNames[i]) return i;
  if (!t.Is(kTokCapitalized)) return -1;
  if (w == "tues" || w == "tues.") return 2;
  if (w == "weds" || w == "weds.") return 3;
  if (w == "thurs" || w == "thurs." || w == "thur" || w == "thur.") return 4;
  return -1;
}

// Month number when the token can name a month, else 0. "May", "March" and
// "August" are also ordinary words and abbreviations ("Mar", "Dec") also
// names, so those must be capitalised. *abbrev is set for the short forms.
int MonthToken(const Token& t, bool* abbrev = nullptr) {
  int m = MonthFromWord(t.lower);
  if (m == 0) return 0;
  std::string_view w = t.lower;
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  bool full = w == kMonthNames[m - 1];
  if (abbrev) *abbrev = !full;
  if ((!full || m == 3 || m == 5 || m == 8) && !t.Is(kTokCapitalized)) return 0;
  return m;
}

bool OneOf(std::string_view w, std::initializer_list<std::string_view> set) {
  for (std::string_view s : set)
    if (w == s) return true;
  return false;
}

sys_days MondayOf(sys_days d) { return d - days{weekday{d}.iso_encoding() - 1}; }
sys_days OnOrBefore(sys_days d, weekday w) { return d - (weekday{d} - w); }
sys_days OnOrAfter(sys_days d, weekday w) { return d + (w - weekday{d}); }

struct Candidate {
  uint32_t first = 0;  // tokens [first, last] of the expression
  uint32_t last = 0;
  year_month_day date;
  DatePrecision precision = DatePrecision::kDay;
};

// Finds every date expression in one sentence. Each Try* looks at token i and
// returns the index of the last token it consumed, or -1.
class Scanner {
 public:
  Scanner(std::span<const Token> toks, uint32_t first, uint32_t end, year_month_day story,
          bool future)
      : toks_(toks), first_(first), end_(end), story_(story), story_day_(story), future_(future) {}

  void Scan(std::vector<Candidate>* out) {
    out_ = out;
    AddExplicitDates();
    const std::size_t n_explicit = out->size();
    std::size_t next_explicit = 0;
    for (uint32_t i = first_; i < end_; ++i) {
      // Skip tokens that FindDates already read as part of an explicit date.
      while (next_explicit < n_explicit && (*out)[next_explicit].last < i) ++next_explicit;
      if (next_explicit < n_explicit && (*out)[next_explicit].first <= i) {
        i = (*out)[next_explicit].last;
        continue;
      }
      int64_t last = TryRelativeDay(i);
      if (last < 0) last = TryUnit(i);
      if (last < 0) last = TryWeekend(i);
      if (last < 0) last = TryWeekday(i);
      if (last < 0) last = TryAgo(i);
      if (last < 0) last = TryMonth(i);
      if (last < 0) last = TryDayMonth(i);
      if (last < 0) last = TryPrefixed(i);
      if (last >= 0) i = static_cast<uint32_t>(last);
    }
  }

 private:
  // Lower-case text of token k, "" outside the sentence.
  std::string_view L(int64_t k) const {
    return (k >= first_ && k < end_) ? toks_[static_cast<std::size_t>(k)].lower
                                     : std::string_view();
  }
  int MonthAt(int64_t k, bool* abbrev = nullptr) const {
    return (k >= first_ && k < end_) ? MonthToken(toks_[static_cast<std::size_t>(k)], abbrev) : 0;
  }

  // Records tokens [first, last]; the span also takes in qualifiers before it
  // ("earlier this month", "late Wednesday", "mid-November") that do not
  // change the date at our precision.
  void Add(int64_t first, int64_t last, year_month_day date, DatePrecision p) {
    if (!date.ok()) return;
    for (;;) {
      if (OneOf(L(first - 1), {"earlier", "later", "early", "late", "mid"})) {
        --first;
      } else if (L(first - 1) == "-" && OneOf(L(first - 2), {"mid", "early", "late"})) {
        first -= 2;
      } else {
        break;
      }
    }
    out_->push_back({static_cast<uint32_t>(first), static_cast<uint32_t>(last), date, p});
  }
  void AddDay(int64_t first, int64_t last, sys_days d) {
    Add(first, last, year_month_day{d}, DatePrecision::kDay);
  }
  void AddMonth(int64_t first, int64_t last, year_month ym) {
    Add(first, last, ym / 1, DatePrecision::kMonth);
  }
  void AddYear(int64_t first, int64_t last, year y) {
    Add(first, last, y / 1 / 1, DatePrecision::kYear);
  }

  // Full dates, "May 2024", ISO dates and cued years ("in 2024", "by 2027").
  void AddExplicitDates() {
    std::vector<DateMention> found;
    FindDates(toks_, first_, end_, /*include_years=*/true, &found);
    uint32_t k = first_;
    for (const DateMention& dm : found) {
      while (k < end_ && toks_[k].start < dm.span.start) ++k;
      if (k >= end_) break;
      uint32_t last = k;
      while (last + 1 < end_ && toks_[last].end < dm.span.end) ++last;
      Add(k, last, dm.date, dm.precision);
    }
  }

  int64_t TryRelativeDay(uint32_t i) {
    std::string_view w = L(i);
    if (w == "yesterday") {
      AddDay(i, i, story_day_ - days{1});
      return i;
    }
    if (w == "today" || w == "tonight") {
      AddDay(i, i, story_day_);
      return i;
    }
    if (w == "tomorrow") {
      AddDay(i, i, story_day_ + days{1});
      return i;
    }
    return -1;
  }

  // "last/this/next" + week, month, year, night, morning...
  int64_t TryUnit(uint32_t i) {
    std::string_view w = L(i);
    int rel;
    if (w == "last") {
      rel = -1;
    } else if (w == "this") {
      rel = 0;
    } else if (w == "next") {
      rel = 1;
    } else {
      return -1;
    }
    // "over the last week" is a duration, not a calendar week.
    if (L(int64_t{i} - 1) == "the") return -1;
    uint32_t u = i + 1;
    if (w == "this" && L(u) == "past") {  // "this past weekend"
      rel = -1;
      ++u;
    }
    std::string_view unit = L(u);
    sys_days monday = MondayOf(story_day_);
    year_month ym = story_.year() / story_.month();
    if (unit == "week") {
      AddDay(i, u, monday + days{7 * rel});
      return u;
    }
    if (unit == "weekend") {
      // The Saturday of the previous, current or next ISO week.
      AddDay(i, u, monday + days{5 + 7 * rel});
      return u;
    }
    if (unit == "month") {
      AddMonth(i, u, ym + months{rel});
      return u;
    }
    if (unit == "year") {
      AddYear(i, u, story_.year() + std::chrono::years{rel});
      return u;
    }
    if (unit == "night" || unit == "evening") {
      if (rel == 1) return -1;
      AddDay(i, u, story_day_ + days{rel});
      return u;
    }
    if ((unit == "morning" || unit == "afternoon") && rel == 0) {
      AddDay(i, u, story_day_);
      return u;
    }
    return -1;
  }

  // "over the weekend", "at the weekend": the one just past for past
  // events on weekdays, else the current (or coming) one.
  int64_t TryWeekend(uint32_t i) {
    if (L(i) != "weekend" || L(int64_t{i} - 1) != "the") return -1;
    sys_days monday = MondayOf(story_day_);
    unsigned iso = weekday{story_day_}.iso_encoding();  // 6 = Saturday, 7 = Sunday
    sys_days saturday = monday + days{5};
    if (!future_ && iso < 6) saturday -= days{7};
    if (future_ && iso == 7) saturday += days{7};
    AddDay(int64_t{i} - 1, i, saturday);
    return i;
  }

  int64_t TryWeekday(uint32_t i) {
    int wd_num = WeekdayFromWord(toks_[i]);
    if (wd_num < 0) return -1;
    // "Friday, June 23": the month and day that follow are more precise.
    int64_t k = i + 1;
    if (L(k) == ",") ++k;
    bool abbrev = false;
    if (MonthAt(k, &abbrev) > 0 &&
        (DayNumber(L(k + 1)) > 0 || (abbrev && L(k + 1) == "." && DayNumber(L(k + 2)) > 0)))
      return -1;
    if (DayNumber(L(k)) > 0 && MonthAt(k + 1) > 0) return -1;
    // Named days that are not "the most recent Friday" ("the Good Friday
    // Agreement", "Bloody Sunday", "Super Tuesday").
    if (i > first_ && toks_[i - 1].Is(kTokCapitalized) &&
        OneOf(L(int64_t{i} - 1), {"good", "black", "bloody", "super", "ash", "holy", "palm",
                                  "easter", "cyber", "maundy"}))
      return -1;

    weekday wd{static_cast<unsigned>(wd_num)};
    int64_t first = i;
    std::string_view prev = L(int64_t{i} - 1);
    sys_days d;
    if (prev == "last") {
      d = OnOrBefore(story_day_ - days{1}, wd);
      --first;
    } else if (prev == "next") {
      d = OnOrAfter(story_day_ + days{1}, wd);
      --first;
    } else if (prev == "this") {
      d = MondayOf(story_day_) + days{wd.iso_encoding() - 1};
      --first;
    } else {
      d = future_ ? OnOrAfter(story_day_, wd) : OnOrBefore(story_day_, wd);
    }
    int64_t last = i;
    if (OneOf(L(last + 1), {"morning", "afternoon", "evening", "night"})) ++last;
    AddDay(first, last, d);
    return last;
  }

  // "two weeks ago", "a year ago", "10 days ago".
  int64_t TryAgo(uint32_t i) {
    if (L(int64_t{i} + 2) != "ago") return -1;
    int n = CountWord(L(i));
    if (n < 0) return -1;
    std::string_view unit = L(i + 1);
    if (unit.size() > 1 && unit.back() == 's') unit.remove_suffix(1);
    int64_t last = i + 2;
    if (unit == "day") {
      AddDay(i, last, story_day_ - days{n});
      return last;
    }
    if (unit == "week") {
      AddDay(i, last, story_day_ - days{7 * n});
      return last;
    }
    if (unit == "month") {
      AddMonth(i, last, story_.year() / story_.month() - months{n});
      return last;
    }
    if (unit == "year") {
      AddYear(i, last, story_.year() - std::chrono::years{n});
      return last;
    }
    return -1;
  }

  // The nearest m/d not after the story date (not before it for planned
  // events). Feb 29 looks back (or forward) to a leap year.
  std::optional<year_month_day> ResolveMonthDay(int m, int d) const {
    int dir = future_ ? 1 : -1;
    int y = static_cast<int>(story_.year());
    for (int step = 0; step < 9; ++step, y += dir) {
      year_month_day c{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
      if (!c.ok()) continue;
      sys_days cd{c};
      if (future_ ? cd >= story_day_ : cd <= story_day_) return c;
    }
    return std::nullopt;
  }

  // A bare month: rel -1 "last", +1 "next", 0 "this", else nearest by tense.
  year_month ResolveMonth(int m, int rel, bool has_rel) const {
    int sy = static_cast<int>(story_.year());
    unsigned sm = static_cast<unsigned>(story_.month());
    unsigned um = static_cast<unsigned>(m);
    int y = sy;
    if (has_rel) {
      if (rel < 0) y = um < sm ? sy : sy - 1;
      if (rel > 0) y = um > sm ? sy : sy + 1;
    } else if (future_) {
      y = um >= sm ? sy : sy + 1;
    } else {
      y = um <= sm ? sy : sy - 1;
    }
    return year{y} / month{um};
  }

  // Sets *rel to -1, +1 or 0 for "last", "next" or "this"; false for other words.
  static bool RelWord(std::string_view w, int* rel) {
    if (w == "last") {
      *rel = -1;
    } else if (w == "next") {
      *rel = 1;
    } else if (w == "this") {
      *rel = 0;
    } else {
      return false;
    }
    return true;
  }

  int64_t TryMonth(uint32_t i) {
    bool abbrev = false;
    int m = MonthAt(i, &abbrev);
    if (m == 0) return -1;
    // "Nov. 5": the tokenizer splits the period off abbreviations it does not
    // keep whole.
    int64_t k = i + 1;
    if (abbrev && L(k) == ".") ++k;
    int d = DayNumber(L(k));
    if (d > 0) {
      int64_t y = k + 1;
      if (L(y) == ",") ++y;
      if (IsYear(L(y))) {
        year_month_day ymd{year{ToInt(L(y))}, month{static_cast<unsigned>(m)},
                           day{static_cast<unsigned>(d)}};
        Add(i, y, ymd, DatePrecision::kDay);
        return y;
      }
      if (auto ymd = ResolveMonthDay(m, d)) Add(i, k, *ymd, DatePrecision::kDay);
      return k;
    }
    if (IsYear(L(k))) {
      AddMonth(i, k, year{ToInt(L(k))} / month{static_cast<unsigned>(m)});
      return k;
    }
    // A bare month name only counts after a cue: "in November", "last
    // March", "early May", "mid-June", "the end of August".
    int64_t j = i;  // first token of the expression
    bool cued = false;
    if (L(j - 1) == "-" && OneOf(L(j - 2), {"mid", "early", "late"})) {
      j -= 2;
      cued = true;
    } else if (OneOf(L(j - 1), {"early", "late", "mid"})) {
      j -= 1;
      cued = true;
    }
    if (L(j - 1) == "of" && OneOf(L(j - 2), {"end", "beginning", "start", "middle"})) {
      j -= 2;
      if (L(j - 1) == "the") --j;
      cued = true;
    }
    std::string_view cue = L(j - 1);
    int rel = 0;
    bool has_rel = RelWord(cue, &rel);
    if (has_rel) {
      --j;
      cued = true;
    } else if (OneOf(cue, {"in", "since", "until", "till", "during", "through", "by", "from",
                           "before", "after"})) {
      // "a speech by May", "after May resigned": the surname, not the month.
      if (m == 5 && !cued && OneOf(cue, {"by", "from", "before", "after"})) return -1;
      cued = true;
    }
    if (!cued) return -1;
    if (m == 5 && L(int64_t{i} + 1) == "'s") return -1;  // "in May's government"
    AddMonth(j, i, ResolveMonth(m, rel, has_rel));
    return i;
  }

  // "19 June" (with the year, FindDates has it already).
  int64_t TryDayMonth(uint32_t i) {
    if (toks_[i].Is(kTokCapitalized)) return -1;
    int d = DayNumber(L(i));
    if (d < 0) return -1;
    int m = MonthAt(int64_t{i} + 1);
    if (m == 0) return -1;
    if (OneOf(L(int64_t{i} - 1), {"$", "€", "£"})) return -1;
    int64_t last = i + 1;
    if (IsYear(L(last + 1))) {
      ++last;
      Add(i, last,
          year{ToInt(L(last))} / month{static_cast<unsigned>(m)} / day{static_cast<unsigned>(d)},
          DatePrecision::kDay);
      return last;
    }
    if (auto ymd = ResolveMonthDay(m, d)) Add(i, last, *ymd, DatePrecision::kDay);
    return last;
  }

  // One-token "mid-2024", "late-2023", "mid-november" (the tokenizer splits a
  // hyphen before a capital, so "mid-November" arrives as three tokens and is
  // read by TryMonth).
  int64_t TryPrefixed(uint32_t i) {
    std::string_view w = L(i);
    std::size_t dash = w.find('-');
    if (dash == std::string_view::npos) return -1;
    if (!OneOf(w.substr(0, dash), {"mid", "early", "late"})) return -1;
    std::string_view rest = w.substr(dash + 1);
    if (IsYear(rest)) {
      AddYear(i, i, year{ToInt(rest)});
      return i;
    }
    int m = MonthFromWord(rest);
    if (m == 0 || rest != kMonthNames[m - 1]) return -1;
    int rel = 0;
    bool has_rel = RelWord(L(int64_t{i} - 1), &rel);
    AddMonth(has_rel ? int64_t{i} - 1 : i, i, ResolveMonth(m, rel, has_rel));
    return i;
  }

  std::span<const Token> toks_;
  uint32_t first_;
  uint32_t end_;
  year_month_day story_;
  sys_days story_day_;  // story_ as a day count, for day arithmetic
  bool future_;
  std::vector<Candidate>* out_ = nullptr;
};

}  // namespace

std::optional<EventDate> FindEventDate(std::span<const Token> tokens, uint32_t first, uint32_t end,
                                       uint32_t anchor, year_month_day story, bool future) {
  if (end > tokens.size()) end = static_cast<uint32_t>(tokens.size());
  if (first >= end || !story.ok()) return std::nullopt;
  std::vector<Candidate> cands;
  Scanner(tokens, first, end, story, future).Scan(&cands);

  const Candidate* best = nullptr;
  uint32_t best_dist = 0;
  for (const Candidate& c : cands) {
    uint32_t lo = std::min(anchor, c.first);
    uint32_t hi = std::max(anchor, c.last);
    // A ";" joins two clauses with their own events; a date across it
    // belongs to the other one.
    bool blocked = false;
    for (uint32_t k = std::max(lo + 1, first); k < hi && k < end; ++k) {
      if (tokens[k].lower == ";") {
        blocked = true;
        break;
      }
    }
    if (blocked) continue;
    uint32_t dist = c.first > anchor ? c.first - anchor : (c.last < anchor ? anchor - c.last : 0);
    // Ties go to the expression after the anchor ("met on Monday" over a
    // fronted "On Sunday, ...").
    if (!best || dist < best_dist ||
        (dist == best_dist && c.first > anchor && best->first < anchor)) {
      best = &c;
      best_dist = dist;
    }
  }
  if (!best) return std::nullopt;
  return EventDate{best->date, best->precision,
                   Span{tokens[best->first].start, tokens[best->last].end}};
}

}  // namespace detente
