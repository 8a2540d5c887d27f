// The event record: who did what to whom, when, with the evidence (byte
// spans into the document's text) and the rule that fired.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "match/dictionaries.h"
#include "read/document.h"

namespace detente {

enum class Modality : uint8_t { kAsserted, kNegated, kPlanned, kHypothetical, kNormative };
std::string_view ModalityName(Modality m);

struct ActorRef {
  std::string code;     // "USAGOV"
  std::string country;  // "USA" ("" for organisations and unknown countries)
  std::string sector;   // "GOV" ("" when none)
  std::string name;     // "Antony Blinken", or the words in the text
  std::string rule;     // dictionary entry that identified the actor
  Span span;            // the actor's words in the text
};

struct Event {
  uint32_t sentence = 0;  // index into Document::sentences
  ActorRef source;
  ActorRef target;
  const CameoCode* cameo = nullptr;
  Modality modality = Modality::kAsserted;
  std::string modality_cue;  // the words that set a non-asserted modality
  Span trigger;              // the verb or event noun
  std::string rule;          // "verbs/cooperation.tsv:123"
  std::string pattern;       // the pattern as written
  std::chrono::year_month_day date{};
  std::string date_precision;       // "day", "month", "year", "story", or "" when undated
  Span date_span;                   // the date words, when the date came from the text
  std::vector<std::string> issues;  // issue tags (PETRARCH issue dictionaries; code/discards.h)
};

}  // namespace detente
