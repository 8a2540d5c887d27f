// Discards and issues from other dictionary formats, applied to a
// document's coded events after the coder has run (so the coder itself
// needs no knowledge of them): a sentence-level discard phrase (PETRARCH
// discards, TABARI [###] actors) drops the events of its sentence, a
// story-level one ('+' in a PETRARCH discard file) drops every event of the
// document; issue phrases (PETRARCH issue coding) tag the events of their
// sentence. With only TABARI/PETRARCH dictionaries loaded, every event is
// asserted, as those coders code them, and only the first verb of a
// sentence that matches is coded, as TABARI does (Dictionaries::conventions).
#pragma once

#include <vector>

#include "code/event.h"
#include "match/dictionaries.h"
#include "read/document.h"

namespace detente {

// No-op when the dictionaries have no discards, no issues and keep modality.
void ApplyDiscardsAndIssues(const Dictionaries& dicts, const Document& doc,
                            std::vector<Event>* events);

}  // namespace detente
