#include "read/jsonl.h"

#include <cctype>
#include <cstdlib>
#include <vector>

#include <fmt/format.h>

namespace detente {

Status JsonlRecordParser::Parse(std::string_view line, ArticleRecord* rec) {
  *rec = ArticleRecord{};
  if (buffer_.size() < line.size()) buffer_ = simdjson::padded_string(line.size() * 2 + 64);
  std::memcpy(buffer_.data(), line.data(), line.size());
  simdjson::ondemand::document doc;
  // The allocation includes simdjson's padding; padded_string::size() does not.
  auto error = parser_.iterate(buffer_.data(), line.size(), buffer_.size() + simdjson::SIMDJSON_PADDING).get(doc);
  if (error) return Status(ErrorCode::kInvalidInput, fmt::format("invalid JSON: {}", simdjson::error_message(error)));
  simdjson::ondemand::object obj;
  if ((error = doc.get_object().get(obj)))
    return Status(ErrorCode::kInvalidInput, "a JSONL line must be a JSON object");
  try {
    for (auto field : obj) {
      std::string_view key;
      if (field.unescaped_key().get(key)) return Status(ErrorCode::kInvalidInput, "invalid JSON key");
      std::string* target = nullptr;
      if (key == "id" || key == "doc_id" || key == "uuid") target = &rec->id;
      else if (key == "date" || key == "published" || key == "date_published" || key == "publish_date") target = &rec->date;
      else if (key == "title" || key == "headline") target = &rec->title;
      else if (key == "text" || key == "body" || key == "content") target = &rec->text;
      else if (key == "url" || key == "link" || key == "source_url") target = &rec->url;
      if (!target) continue;
      simdjson::ondemand::value v = field.value();
      simdjson::ondemand::json_type type;
      if (v.type().get(type)) return Status(ErrorCode::kInvalidInput, fmt::format("invalid value for \"{}\"", key));
      if (type == simdjson::ondemand::json_type::string) {
        std::string_view s;
        if (v.get_string().get(s)) return Status(ErrorCode::kInvalidInput, fmt::format("invalid string in \"{}\"", key));
        target->assign(s);
      } else if (type == simdjson::ondemand::json_type::number) {
        std::string_view raw = v.raw_json_token();
        while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.back()))) raw.remove_suffix(1);
        target->assign(raw);
      } else if (type == simdjson::ondemand::json_type::null) {
        target->clear();
      } else {
        return Status(ErrorCode::kInvalidInput, fmt::format("field \"{}\" must be a string", key));
      }
    }
  } catch (const simdjson::simdjson_error& e) {
    return Status(ErrorCode::kInvalidInput, fmt::format("invalid JSON: {}", e.what()));
  }
  if (rec->text.empty() && rec->title.empty())
    return Status(ErrorCode::kEmpty, "record has no \"text\" or \"title\"");
  return Status::Ok();
}

namespace {

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x110000) {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

void DecodeHtmlEntities(std::string* text) {
  if (text->find('&') == std::string::npos) return;
  static constexpr std::pair<std::string_view, char32_t> kNamed[] = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0},
      {"rsquo", 0x2019}, {"lsquo", 0x2018}, {"rdquo", 0x201D}, {"ldquo", 0x201C}, {"mdash", 0x2014},
      {"ndash", 0x2013}, {"hellip", 0x2026}, {"eacute", 0xE9}, {"euro", 0x20AC}, {"pound", 0xA3}};
  std::string out;
  out.reserve(text->size());
  const std::string& s = *text;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    std::size_t semi = s.find(';', i + 1);
    if (semi == std::string::npos || semi - i > 10) {
      out.push_back('&');
      continue;
    }
    std::string_view name(s.data() + i + 1, semi - i - 1);
    char32_t cp = 0;
    if (!name.empty() && name[0] == '#') {
      bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
      std::string digits(name.substr(hex ? 2 : 1));
      char* end = nullptr;
      unsigned long v = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
      if (!digits.empty() && end && *end == 0 && v > 0 && v < 0x110000) cp = static_cast<char32_t>(v);
    } else {
      for (const auto& [n, c] : kNamed)
        if (n == name) cp = c;
    }
    if (!cp) {
      out.push_back('&');
      continue;
    }
    AppendUtf8(cp, &out);
    i = semi;
  }
  text->swap(out);
}

namespace {
std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> cols;
  std::size_t i = 0;
  while (true) {
    std::size_t t = line.find('\t', i);
    cols.push_back(line.substr(i, t == std::string_view::npos ? std::string_view::npos : t - i));
    if (t == std::string_view::npos) break;
    i = t + 1;
  }
  if (!cols.empty() && !cols.back().empty() && cols.back().back() == '\r') cols.back().remove_suffix(1);
  return cols;
}
}  // namespace

Status TsvRecordParser::SetHeader(std::string_view header) {
  auto cols = SplitTabs(header);
  columns_ = cols.size();
  for (std::size_t i = 0; i < cols.size(); ++i) {
    std::string c(cols[i]);
    for (auto& ch : c) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    int idx = static_cast<int>(i);
    if (c == "id" || c == "doc_id") id_ = idx;
    else if (c == "date" || c == "date_published" || c == "published") date_ = idx;
    else if (c == "title" || c == "headline") title_ = idx;
    else if (c == "text" || c == "description" || c == "body" || c == "lead") text_ = idx;
    else if (c == "url" || c == "link") url_ = idx;
  }
  if (title_ < 0 && text_ < 0)
    return Status(ErrorCode::kInvalidInput, "TSV header has no title/text/description column");
  return Status::Ok();
}

Status TsvRecordParser::Parse(std::string_view line, ArticleRecord* rec) const {
  *rec = ArticleRecord{};
  auto cols = SplitTabs(line);
  auto get = [&](int i) -> std::string { return i >= 0 && static_cast<std::size_t>(i) < cols.size() ? std::string(cols[i]) : std::string(); };
  if (cols.size() < 2) return Status(ErrorCode::kInvalidInput, fmt::format("expected {} tab-separated columns, found {}", columns_, cols.size()));
  rec->id = get(id_);
  rec->date = get(date_);
  rec->title = get(title_);
  rec->text = get(text_);
  rec->url = get(url_);
  // RSS titles and descriptions often carry HTML entities (&rsquo;).
  DecodeHtmlEntities(&rec->title);
  DecodeHtmlEntities(&rec->text);
  if (rec->id.empty()) rec->id = rec->url;
  if (rec->text.empty() && rec->title.empty()) return Status(ErrorCode::kEmpty, "row has no title or text");
  return Status::Ok();
}

}  // namespace detente
