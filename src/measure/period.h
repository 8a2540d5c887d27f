// Calendar periods for dyad series: days, ISO weeks (Monday first) and
// calendar months, all as days since 1970-01-01 so that the store's
// events.day column maps to a period with integer arithmetic.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace detente {

enum class PeriodUnit { kDay, kWeek, kMonth };

// "day", "week", "month" (also "daily", "weekly", "monthly").
std::optional<PeriodUnit> ParsePeriodUnit(std::string_view s);
std::string_view PeriodUnitName(PeriodUnit unit);

// The first day of the period that contains `day`.
int32_t PeriodStart(int32_t day, PeriodUnit unit);
// The first day of the period after the one starting at `start`.
int32_t NextPeriodStart(int32_t start, PeriodUnit unit);

// 2023-02-06
std::string DayString(int32_t day);
// The first (or, with `last`, the last) day of "YYYY-MM-DD", "YYYY-MM" or
// "YYYY"; nullopt when `s` is not a date.
std::optional<int32_t> ParseDayBound(std::string_view s, bool last);

}  // namespace detente
