// The Document: one article as read from its input, with the text that all
// offsets refer to, its segments (main article, captions, teasers,
// boilerplate), metadata, tokens and sentences.
//
// Offsets: for plain-text inputs Document::text is the input's bytes
// unchanged, so every span points at the original bytes. For HTML it is the
// extracted text (blocks joined by newlines; `source_offsets` maps each
// paragraph back to the byte where its element starts in the page). For
// JSONL it is the decoded "title" + "\n\n" + "text" fields (title omitted when
// empty). docs/READ_FORMAT.md documents this for users.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/arena.h"
#include "text/sentences.h"
#include "text/token.h"

namespace detente {

enum class InputKind : uint8_t { kText, kHtml, kJsonl, kTsv, kWarc };
std::string_view InputKindName(InputKind kind);

struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - start; }
};

// What one paragraph (line or block) of a page is.
enum class Role : uint8_t {
  kTitle,        // the article's headline
  kDek,          // the standfirst under the headline
  kSection,      // a section label ("Analysis | Asia-Pacific", "Europe")
  kBody,         // running text
  kCaption,      // a photo caption or credit
  kImageAlt,     // an image file name or alt text ("Nato-scaled")
  kHeadline,     // a teaser's headline
  kBoilerplate,  // navigation, newsletter, "keep reading" and the like
};
std::string_view RoleName(Role role);

struct Paragraph {
  Span span;
  Role role = Role::kBody;
};

enum class SegmentKind : uint8_t { kMain, kCaption, kTeaser, kBoilerplate };
std::string_view SegmentKindName(SegmentKind kind);

struct Segment {
  SegmentKind kind = SegmentKind::kMain;
  uint16_t index = 0;  // 1-based number among segments of the same kind
  std::vector<Paragraph> paragraphs;
  std::string headline;  // teasers: their headline; main: the title
  std::string section;   // teasers: their section label; main: e.g. "Analysis | Asia-Pacific"

  // "main", "caption:2", "teaser:1", "boilerplate".
  std::string Label() const;
  // True for segments whose text is coded for events.
  bool Coded() const { return kind != SegmentKind::kBoilerplate; }
};

enum class DatePrecision : uint8_t { kDay, kMonth, kYear };
std::string_view DatePrecisionName(DatePrecision p);

struct DateMention {
  Span span;
  std::chrono::year_month_day date;
  DatePrecision precision = DatePrecision::kDay;
};

// Where the story date came from.
enum class DateSource : uint8_t { kNone, kInput, kFlag, kGuess };
std::string_view DateSourceName(DateSource s);

struct Metadata {
  std::string title;
  std::string dek;
  std::string section;
  std::string url;
  std::vector<DateMention> dates_seen;  // explicit dates in captions and text
  std::chrono::year_month_day story_date{};
  DatePrecision story_date_precision = DatePrecision::kDay;
  DateSource story_date_source = DateSource::kNone;
  std::string story_date_evidence;  // why a guessed date was chosen
};

struct Document {
  std::string id;      // JSONL "id", else the file path
  std::string source;  // file path, or "<stdin>"
  uint64_t line = 0;   // JSONL: 1-based line number in the source
  InputKind kind = InputKind::kText;
  std::string text;
  std::vector<uint32_t> source_offsets;  // HTML: per paragraph, byte offset in the page
  Metadata meta;
  std::vector<Segment> segments;
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  StringArena arena;  // owns normalised token forms

  std::string_view Text(Span s) const { return std::string_view(text).substr(s.start, s.size()); }
  std::string_view SentenceText(const Sentence& s) const {
    return std::string_view(text).substr(s.start, s.end - s.start);
  }
};

}  // namespace detente
