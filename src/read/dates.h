// Explicit dates in text ("June 19, 2023", "19 June 2023", "2023-06-18",
// "Nov. 2024", "in 2024"), found over tokens. Relative expressions ("on
// Friday", "last month") need a story date and are resolved by the coder.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "read/document.h"

namespace detente {

// The whole of `s` as a non-negative decimal int, or -1.
int ToInt(std::string_view s);
// A four-digit year between 1900 and 2100.
bool IsYear(std::string_view s);

// Month number 1..12 for "june", "jun", "jun.", "sept." (lower case), else 0.
int MonthFromWord(std::string_view lower);

// Appends dates found in tokens[first, end). Bare years ("in 2024") are
// reported with year precision only when `include_years` is set.
void FindDates(std::span<const Token> tokens, uint32_t first, uint32_t end, bool include_years,
               std::vector<DateMention>* out);

// Parses "2024-04-26", "2024-04-26T10:00:00Z", "2024-04", "2024" and
// "April 26, 2024". Returns nullopt when the text is not a date.
std::optional<DateMention> ParseDateString(std::string_view s);

std::string FormatDate(std::chrono::year_month_day d, DatePrecision p = DatePrecision::kDay);

}  // namespace detente
