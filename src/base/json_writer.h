// Minimal, fast JSON output into a fmt::memory_buffer: no iostreams, no DOM.
// Strings are escaped per RFC 8259; bytes that are not valid UTF-8 are
// written as U+FFFD so every output line is valid JSON.
#pragma once

#include <string_view>

#include <fmt/format.h>

namespace detente {

void AppendJsonString(fmt::memory_buffer* out, std::string_view s);

// Writes `"key":` (with a leading comma unless `first`).
inline void AppendKey(fmt::memory_buffer* out, std::string_view key, bool first = false) {
  if (!first) out->push_back(',');
  AppendJsonString(out, key);
  out->push_back(':');
}

}  // namespace detente
