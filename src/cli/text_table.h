// Helpers for aligned terminal tables, shared by the store and barometer
// commands.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/utf8.h"

namespace detente {

// Display width of UTF-8 text in code points (good enough for names and labels).
inline std::size_t Width(std::string_view s) {
  std::size_t w = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++w;
  return w;
}

// `s` cut to at most `max` columns, with an ellipsis when cut.
inline std::string Fit(std::string_view s, std::size_t max) {
  if (Width(s) <= max) return std::string(s);
  std::string out;
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = Utf8SequenceLength(s, i);
    if (len == 0) len = 1;
    if (w + 1 >= max) break;
    out.append(s.substr(i, len));
    ++w;
    i += len;
  }
  return out + "\u2026";
}

// Appends `s` padded with spaces to `width` columns (right-aligned if `right`).
inline void Pad(std::string* out, std::string_view s, std::size_t width, bool right = false) {
  std::size_t w = Width(s);
  if (right) out->append(width > w ? width - w : 0, ' ');
  out->append(s);
  if (!right) out->append(width > w ? width - w : 0, ' ');
}

}  // namespace detente
