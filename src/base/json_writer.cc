#include "base/json_writer.h"

#include "base/utf8.h"

namespace detente {

void AppendJsonString(fmt::memory_buffer* out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    std::size_t run = i;
    // Copy runs of plain ASCII at once.
    while (run < n) {
      unsigned char c = static_cast<unsigned char>(s[run]);
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
      ++run;
    }
    if (run > i) {
      out->append(s.data() + i, s.data() + run);
      i = run;
      if (i >= n) break;
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t len = Utf8SequenceLength(s, i);
      if (len == 0) {
        out->append(std::string_view("\xEF\xBF\xBD"));
        ++i;
      } else {
        out->append(s.data() + i, s.data() + i + len);
        i += len;
      }
      continue;
    }
    switch (c) {
      case '"': out->append(std::string_view("\\\"")); break;
      case '\\': out->append(std::string_view("\\\\")); break;
      case '\n': out->append(std::string_view("\\n")); break;
      case '\r': out->append(std::string_view("\\r")); break;
      case '\t': out->append(std::string_view("\\t")); break;
      default: {
        char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out->append(esc, esc + 6);
      }
    }
    ++i;
  }
  out->push_back('"');
}

}  // namespace detente
