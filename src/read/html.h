// HTML pages to paragraph blocks, with gumbo's HTML5 parser (tolerant of
// truncated and malformed markup). Scripts, styles and forms are skipped;
// navigation, footers, share bars and newsletter boxes are kept as blocks
// hinted as boilerplate (so `detente read` can show what was dropped);
// figcaptions are hinted as captions; the first <h1> as the title.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "read/segmenter.h"

namespace detente {

struct HtmlExtract {
  std::string text;                      // blocks joined by "\n\n"
  std::vector<Block> blocks;             // spans into `text`
  std::vector<uint32_t> source_offsets;  // per block: byte offset in the page
  std::string title;                     // <meta og:title> or <title>
  std::string description;               // <meta description>
  std::string url;                       // <link rel=canonical> or og:url
  std::string published;                 // article:published_time, <time datetime>
};

HtmlExtract ExtractHtml(std::string_view html);

// True when the bytes look like an HTML page rather than text mentioning tags.
bool LooksLikeHtml(std::string_view bytes);

}  // namespace detente
