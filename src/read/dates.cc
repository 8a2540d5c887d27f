#include "read/dates.h"

#include <array>
#include <charconv>

#include <fmt/format.h>

namespace detente {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

int DayNumber(std::string_view s) {
  // "19", "19th", "1st"
  std::size_t k = 0;
  while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
  if (k == 0 || k > 2) return -1;
  std::string_view rest = s.substr(k);
  if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return -1;
  int d = ToInt(s.substr(0, k));
  return (d >= 1 && d <= 31) ? d : -1;
}

}  // namespace

int ToInt(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return -1;
  return v;
}

bool IsYear(std::string_view s) {
  if (s.size() != 4) return false;
  int y = ToInt(s);
  return y >= 1900 && y <= 2100;
}

int MonthFromWord(std::string_view w) {
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  // Fast reject: month names are 3-9 letters starting with one of these.
  if (w.size() < 3 || w.size() > 9 || std::string_view("jfmasond").find(w[0]) == std::string_view::npos) return 0;
  static constexpr std::array<std::string_view, 12> kFull = {
      "january", "february", "march", "april", "may", "june", "july", "august", "september",
      "october", "november", "december"};
  static constexpr std::array<std::string_view, 12> kShort = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  for (int i = 0; i < 12; ++i)
    if (w == kFull[i] || w == kShort[i]) return i + 1;
  if (w == "sept") return 9;
  return 0;
}

std::string FormatDate(year_month_day d, DatePrecision p) {
  int y = static_cast<int>(d.year());
  unsigned m = static_cast<unsigned>(d.month());
  unsigned dd = static_cast<unsigned>(d.day());
  switch (p) {
    case DatePrecision::kYear: return fmt::format("{:04}", y);
    case DatePrecision::kMonth: return fmt::format("{:04}-{:02}", y, m);
    case DatePrecision::kDay: break;
  }
  return fmt::format("{:04}-{:02}-{:02}", y, m, dd);
}

void FindDates(std::span<const Token> toks, uint32_t first, uint32_t end, bool include_years,
               std::vector<DateMention>* out) {
  for (uint32_t i = first; i < end; ++i) {
    std::string_view w = toks[i].lower;
    auto at = [&](uint32_t k) -> std::string_view { return k < end ? toks[k].lower : std::string_view(); };
    // "May" is a month only when capitalised and a day or year follows.
    int m = toks[i].Is(kTokCapitalized) ? MonthFromWord(w) : 0;
    if (m > 0) {
      int d = DayNumber(at(i + 1));
      if (d > 0) {
        uint32_t k = i + 2;
        if (at(k) == ",") ++k;
        if (IsYear(at(k))) {
          year_month_day ymd{year{ToInt(at(k))}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
          if (ymd.ok()) out->push_back({{toks[i].start, toks[k].end}, ymd, DatePrecision::kDay});
          i = k;
          continue;
        }
      } else if (IsYear(at(i + 1))) {
        year_month_day ymd{year{ToInt(at(i + 1))}, month{static_cast<unsigned>(m)}, day{1}};
        out->push_back({{toks[i].start, toks[i + 1].end}, ymd, DatePrecision::kMonth});
        ++i;
        continue;
      }
    }
    int d = toks[i].Is(kTokHasDigit) ? DayNumber(w) : -1;
    if (d > 0 && !toks[i].Is(kTokCapitalized)) {
      int mm = MonthFromWord(at(i + 1));
      if (mm > 0 && IsYear(at(i + 2))) {
        year_month_day ymd{year{ToInt(at(i + 2))}, month{static_cast<unsigned>(mm)}, day{static_cast<unsigned>(d)}};
        if (ymd.ok()) out->push_back({{toks[i].start, toks[i + 2].end}, ymd, DatePrecision::kDay});
        i += 2;
        continue;
      }
    }
    if (w.size() == 10 && w[4] == '-' && w[7] == '-') {
      if (auto dm = ParseDateString(w)) {
        dm->span = {toks[i].start, toks[i].end};
        out->push_back(*dm);
        continue;
      }
    }
    if (include_years && IsYear(w) && i > first) {
      std::string_view prev = at(i - 1);
      if (prev == "in" || prev == "of" || prev == "since" || prev == "until" || prev == "by" ||
          prev == "early" || prev == "late" || prev == "mid" || prev == "and" || prev == "for") {
        year_month_day ymd{year{ToInt(w)}, month{1}, day{1}};
        out->push_back({{toks[i].start, toks[i].end}, ymd, DatePrecision::kYear});
      }
    }
  }
}

std::optional<DateMention> ParseDateString(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  if (s.size() >= 4 && IsYear(s.substr(0, 4))) {
    int y = ToInt(s.substr(0, 4));
    if (s.size() == 4) return DateMention{{}, year_month_day{year{y}, month{1}, day{1}}, DatePrecision::kYear};
    if (s.size() >= 7 && (s[4] == '-' || s[4] == '/')) {
      int m = ToInt(s.substr(5, 2));
      if (m < 1 || m > 12) return std::nullopt;
      if (s.size() == 7) return DateMention{{}, year_month_day{year{y}, month{static_cast<unsigned>(m)}, day{1}}, DatePrecision::kMonth};
      if (s.size() >= 10 && (s[7] == '-' || s[7] == '/')) {
        int d = ToInt(s.substr(8, 2));
        if (s.size() > 10 && s[10] != 'T' && s[10] != ' ' && s[10] != 't') return std::nullopt;
        year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d < 0 ? 0 : d)}};
        if (!ymd.ok()) return std::nullopt;
        return DateMention{{}, ymd, DatePrecision::kDay};
      }
    }
    return std::nullopt;
  }
  // "April 26, 2024" / "26 April 2024": tokenise crudely on spaces and commas.
  std::vector<std::string> words;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == ',') {
      if (!cur.empty()) words.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c));
    }
  }
  if (!cur.empty()) words.push_back(cur);
  if (words.size() == 3) {
    int m = MonthFromWord(words[0]);
    int d = DayNumber(words[1]);
    std::string_view y = words[2];
    if (m == 0) {
      m = MonthFromWord(words[1]);
      d = DayNumber(words[0]);
    }
    if (m > 0 && d > 0 && IsYear(y)) {
      year_month_day ymd{year{ToInt(y)}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
      if (ymd.ok()) return DateMention{{}, ymd, DatePrecision::kDay};
    }
  }
  return std::nullopt;
}

}  // namespace detente
