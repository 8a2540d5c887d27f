// JSONL article records: one JSON object per line with the fields
// id, date, title, text, url (aliases: body/content for text, headline for
// title, published/date_published for date, link for url). Numbers are
// accepted as ids. Parsed with simdjson's On-Demand API; one parser and one
// padded buffer are reused for every line.
#pragma once

#include <string>
#include <string_view>

#include <simdjson.h>

#include "base/status.h"

namespace detente {

struct ArticleRecord {
  std::string id;
  std::string date;
  std::string title;
  std::string text;
  std::string url;
};

class JsonlRecordParser {
 public:
  // Parses one line. Errors say what is wrong; the caller adds file and line.
  Status Parse(std::string_view line, ArticleRecord* record);

 private:
  simdjson::ondemand::parser parser_;
  simdjson::padded_string buffer_;
};

// Parses the header of a TSV file and one data row into a record, by column
// name (id, date/date_published, title, text/description/body, url/link).
// Decodes HTML character references (&amp; &rsquo; &#8217; &#x2019;) in
// place; unknown or malformed ones are kept as they are.
void DecodeHtmlEntities(std::string* text);

class TsvRecordParser {
 public:
  Status SetHeader(std::string_view header_line);
  Status Parse(std::string_view line, ArticleRecord* record) const;

 private:
  int id_ = -1, date_ = -1, title_ = -1, text_ = -1, url_ = -1;
  std::size_t columns_ = 0;
};

}  // namespace detente
