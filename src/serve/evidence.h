// The evidence behind an event as the dashboard shows it: the sentence cut
// into parts so that the source actor's, the target actor's and the
// trigger's words can be highlighted without the client doing byte
// arithmetic on UTF-8, the rule that fired, and the document.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "serve/json.h"
#include "store/event_store.h"

namespace detente {

// A run of the sentence's text with one role: "" (plain), "source",
// "target" or "trigger".
struct EvidencePart {
  std::string_view text;
  std::string_view role;
};

// The mention's sentence cut at its spans (bytes in the document's text,
// clipped to the sentence; cuts fall on UTF-8 character boundaries). Where
// spans overlap, the actors win over the trigger (a pattern such as "fly
// over {T}" spans its target). The parts point into m.sentence.
std::vector<EvidencePart> EvidenceParts(const MentionRow& m);

// A run of a paragraph's text: inside an evidence sentence (its id) or not (0).
struct ParagraphPart {
  std::string_view text;
  int64_t sentence = 0;
};

// The paragraph cut at the evidence sentences inside it (on UTF-8 character
// boundaries). The parts point into p.text.
std::vector<ParagraphPart> ParagraphParts(const ParagraphRow& p,
                                          const std::vector<SentenceRow>& sentences);

// A mention with its sentence, parts, spans (bytes relative to the
// sentence), rule and pattern; with its document's id, title, URL... when
// `with_document`.
void WriteMention(JsonWriter* w, const MentionRow& m, bool with_document);

// "document": {...} as stored.
void WriteDocument(JsonWriter* w, const DocumentRow& d);

// "main", "caption", "teaser" from a segment label ("caption:2").
std::string_view SegmentKindOf(std::string_view segment);

}  // namespace detente
