#include "measure/period.h"

#include <chrono>

#include <fmt/format.h>

#include "read/dates.h"

namespace detente {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

year_month_day Ymd(int32_t day) { return year_month_day{sys_days{days{day}}}; }
int32_t DayOf(year_month_day ymd) {
  return static_cast<int32_t>(sys_days{ymd}.time_since_epoch().count());
}

}  // namespace

std::optional<PeriodUnit> ParsePeriodUnit(std::string_view s) {
  if (s == "day" || s == "daily") return PeriodUnit::kDay;
  if (s == "week" || s == "weekly") return PeriodUnit::kWeek;
  if (s == "month" || s == "monthly") return PeriodUnit::kMonth;
  return std::nullopt;
}

std::string_view PeriodUnitName(PeriodUnit unit) {
  switch (unit) {
    case PeriodUnit::kDay:
      return "day";
    case PeriodUnit::kWeek:
      return "week";
    case PeriodUnit::kMonth:
      return "month";
  }
  return "week";
}

int32_t PeriodStart(int32_t day, PeriodUnit unit) {
  switch (unit) {
    case PeriodUnit::kDay:
      return day;
    case PeriodUnit::kWeek: {
      // 1970-01-01 was a Thursday, so (day + 3) mod 7 counts days since Monday.
      int32_t since_monday = ((day + 3) % 7 + 7) % 7;
      return day - since_monday;
    }
    case PeriodUnit::kMonth: {
      year_month_day d = Ymd(day);
      return DayOf(d.year() / d.month() / 1);
    }
  }
  return day;
}

int32_t NextPeriodStart(int32_t start, PeriodUnit unit) {
  switch (unit) {
    case PeriodUnit::kDay:
      return start + 1;
    case PeriodUnit::kWeek:
      return start + 7;
    case PeriodUnit::kMonth: {
      year_month_day d = Ymd(start);
      year_month_day next = d.year() / d.month() / 1 + std::chrono::months{1};
      return DayOf(next);
    }
  }
  return start + 1;
}

std::string DayString(int32_t day) {
  year_month_day d = Ymd(day);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

std::optional<int32_t> ParseDayBound(std::string_view s, bool last) {
  auto d = ParseDateString(s);
  if (!d) return std::nullopt;
  using namespace std::chrono;
  year_month_day ymd = d->date;
  if (d->precision == DatePrecision::kMonth)
    ymd = last ? year_month_day(year_month_day_last(ymd.year(), month_day_last(ymd.month())))
               : ymd.year() / ymd.month() / 1;
  if (d->precision == DatePrecision::kYear)
    ymd = last ? ymd.year() / December / 31 : ymd.year() / January / 1;
  if (!ymd.ok()) return std::nullopt;
  return DayOf(ymd);
}

}  // namespace detente
