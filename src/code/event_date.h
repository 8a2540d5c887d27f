// The date of one coded event: the date expression in its sentence that
// applies to it ("on Monday", "last month", "June 19", "in late 2022"),
// resolved against the story date.
//
// Resolution rules, all relative to the story date S:
//  - explicit dates ("June 19, 2023", "19 June 2023", "2023-06-18", "May 2024",
//    "in 2024", "by 2027") are taken as written;
//  - "yesterday"/"last night" = S-1, "today"/"tonight"/"this morning" = S,
//    "tomorrow" = S+1;
//  - weekdays: past events take the latest such day on or before S (so
//    "Monday" in a Monday story is S itself), planned events the first on or
//    after S; "last Friday" is strictly before S, "next Friday" strictly
//    after, "this Friday" the Friday of S's ISO week;
//  - weeks are not a precision we have, so "last/this/next week" give the
//    Monday of that ISO week with day precision, and "the weekend" its
//    Saturday;
//  - "June 19" without a year: the nearest June 19 not after S (not before S
//    for planned events);
//  - "in November", "early November": the nearest November not after S's
//    month (not before it for planned events); "last November" strictly
//    before, "next March" strictly after; month precision;
//  - "last/this/next month", "earlier this month": month precision;
//    "last/this/next year", "late last year": year precision;
//  - "N days/weeks ago" = day precision, "N months ago" month, "N years ago"
//    year.
// Expressions that date another event relative to this one ("the day
// before", "a week later") and vague ones ("recently") give no date.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>

#include "read/document.h"
#include "text/token.h"

namespace detente {

struct EventDate {
  std::chrono::year_month_day date;  // first day of the period for month/year precision
  DatePrecision precision = DatePrecision::kDay;
  Span span;  // the date expression's bytes in the text
};

// The date of an event whose verb (or event noun) is token `anchor` in the
// sentence tokens[first, end): the date expression in that sentence closest to
// the anchor (ties go to the one after it), never one across a ";" from it.
// `future` is true when the event is planned ("will visit", "is set to
// travel"); it decides which way weekdays, bare months and month-days
// resolve. Returns nullopt when the sentence has no date expression for the
// event; the caller then uses the story date.
std::optional<EventDate> FindEventDate(std::span<const Token> tokens, uint32_t first, uint32_t end,
                                       uint32_t anchor, std::chrono::year_month_day story,
                                       bool future);

}  // namespace detente
