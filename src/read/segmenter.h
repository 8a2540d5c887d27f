// Segmentation: decides which paragraphs of a page are the article (title,
// dek, section label, body), which are photo captions and credits, which are
// teasers for other articles (each with its headline, section and dek), and
// which are navigation or newsletter boilerplate.
//
// News-site scrapes put related-article teasers after the article, each ended
// by a "keep reading" link, and repeat the section label as a breadcrumb. The
// segmenter finds those "keep reading" markers, walks back from the first one
// over the teaser's dek, section label, headline and image caption to find
// where the article ends, and then reads each later block between markers as
// one teaser. Pages without markers are one article plus captions.
#pragma once

#include <string_view>
#include <vector>

#include "read/document.h"

namespace detente {

// One paragraph-level block of input with an optional role hint (from HTML
// tags), and how many blank lines preceded it in a plain-text input.
struct Block {
  Span span;
  bool has_hint = false;
  Role hint = Role::kBody;
  uint16_t blank_lines_before = 0;
};

// One block per non-empty line of plain text (leading/trailing spaces trimmed).
std::vector<Block> LineBlocks(std::string_view text);

struct SegmenterOptions {
  // False when the input already gave the title (JSONL), so the first line is
  // not taken as a headline.
  bool detect_title = true;
};

// Fills doc->segments and doc->meta.{title,dek,section} from the blocks.
void SegmentDocument(const std::vector<Block>& blocks, const SegmenterOptions& options,
                     Document* doc);

// Exposed for tests.
bool IsBoilerplateLine(std::string_view line);
bool IsCaptionLine(std::string_view line);
bool IsSectionBreadcrumb(std::string_view line);
bool IsTeaserEndMarker(std::string_view line);

}  // namespace detente
