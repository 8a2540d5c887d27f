// Reading our dictionary TSV files line by line, with file:line in every
// message (docs/DICTIONARIES.md).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace detente {

struct TsvLine {
  const std::string* file;
  uint32_t number;                       // 1-based
  std::vector<std::string_view> fields;  // views into the file's buffer
};

// Calls `fn` for every non-comment, non-blank line. Fails only when the file
// cannot be read; bad lines are the callback's to report via `problems`.
Status ForEachTsvLine(const std::string& path, const std::function<void(const TsvLine&)>& fn);

std::vector<std::string_view> SplitAlternatives(std::string_view field);  // on '|', trimmed

// `s` without leading and trailing spaces, tabs and carriage returns (the
// TABARI and PETRARCH dictionary formats).
std::string_view TrimBlanks(std::string_view s);

}  // namespace detente
