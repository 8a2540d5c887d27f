#include "match/tsv.h"

#include <fmt/format.h>

#include "base/files.h"

namespace detente {

namespace {
std::string_view TrimView(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}
}  // namespace

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

Status ForEachTsvLine(const std::string& path, const std::function<void(const TsvLine&)>& fn) {
  Limits limits;
  limits.max_file_bytes = 64u << 20;
  auto data = ReadWholeFile(path, limits);
  if (!data.ok()) return data.status();
  const std::string& text = data.value();
  TsvLine line;
  line.file = &path;
  std::size_t pos = 0;
  uint32_t number = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string_view l(text.data() + pos, nl - pos);
    pos = nl + 1;
    ++number;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    std::string_view t = TrimView(l);
    if (t.empty() || t[0] == '#') continue;
    line.number = number;
    line.fields.clear();
    std::size_t i = 0;
    while (true) {
      std::size_t tab = l.find('\t', i);
      line.fields.push_back(
          TrimView(l.substr(i, tab == std::string_view::npos ? std::string_view::npos : tab - i)));
      if (tab == std::string_view::npos) break;
      i = tab + 1;
    }
    fn(line);
  }
  return Status::Ok();
}

std::vector<std::string_view> SplitAlternatives(std::string_view field) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i <= field.size()) {
    std::size_t bar = field.find('|', i);
    if (bar == std::string_view::npos) bar = field.size();
    out.push_back(TrimView(field.substr(i, bar - i)));
    i = bar + 1;
  }
  return out;
}

}  // namespace detente
