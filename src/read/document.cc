#include "read/document.h"

#include <fmt/format.h>

namespace detente {

std::string_view InputKindName(InputKind kind) {
  switch (kind) {
    case InputKind::kText: return "text";
    case InputKind::kHtml: return "html";
    case InputKind::kJsonl: return "jsonl";
    case InputKind::kTsv: return "tsv";
    case InputKind::kWarc: return "warc";
  }
  return "text";
}

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kTitle: return "title";
    case Role::kDek: return "dek";
    case Role::kSection: return "section";
    case Role::kBody: return "body";
    case Role::kCaption: return "caption";
    case Role::kImageAlt: return "image_alt";
    case Role::kHeadline: return "headline";
    case Role::kBoilerplate: return "boilerplate";
  }
  return "body";
}

std::string_view SegmentKindName(SegmentKind kind) {
  switch (kind) {
    case SegmentKind::kMain: return "main";
    case SegmentKind::kCaption: return "caption";
    case SegmentKind::kTeaser: return "teaser";
    case SegmentKind::kBoilerplate: return "boilerplate";
  }
  return "main";
}

std::string Segment::Label() const {
  switch (kind) {
    case SegmentKind::kMain: return "main";
    case SegmentKind::kBoilerplate: return "boilerplate";
    case SegmentKind::kCaption: return index > 1 ? fmt::format("caption:{}", index) : "caption";
    case SegmentKind::kTeaser: return fmt::format("teaser:{}", index);
  }
  return "main";
}

std::string_view DatePrecisionName(DatePrecision p) {
  switch (p) {
    case DatePrecision::kDay: return "day";
    case DatePrecision::kMonth: return "month";
    case DatePrecision::kYear: return "year";
  }
  return "day";
}

std::string_view DateSourceName(DateSource s) {
  switch (s) {
    case DateSource::kNone: return "none";
    case DateSource::kInput: return "input";
    case DateSource::kFlag: return "flag";
    case DateSource::kGuess: return "guess";
  }
  return "none";
}

}  // namespace detente
