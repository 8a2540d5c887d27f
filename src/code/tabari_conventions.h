// TABARI's coding conventions (TABARI 0.8 manual, chapters 5.7-5.8 and 7),
// used instead of our clause analysis when only TABARI dictionaries are
// loaded (Dictionaries::Conventions::kTabari). TABARI reads a sentence as a
// flat list of words, not a parse: comma-delimited nonrestrictive clauses are
// dropped, the sentence is split into clauses at conjunctions that do not
// join a compound actor, and in each clause the first verb whose phrase
// matches is coded. Phrases may place the source ($), the target (+), a
// compound acting on itself (%) or skip an actor (^); otherwise the source
// is the first actor before the verb and the target the first actor after
// it with another code (else the first such actor before it). Passive voice
// ("was attacked by") swaps them; paired codes give the reverse event.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "code/event.h"
#include "match/dictionaries.h"
#include "match/phrase_trie.h"
#include "read/document.h"

namespace detente::tabari {

// An actor as TABARI sees it: the words it covers and its codes (several
// for an actor phrase that resolves to more than one, "Gondor's Falastur").
struct ActorSpan {
  uint32_t first = 0, end = 0;  // absolute token indexes
  std::vector<ActorRef> refs;
};

// One coded verb phrase: the event(s) from every source to every target.
struct Coded {
  uint32_t head = 0, trigger_end = 0;  // absolute token indexes
  const TabariPhrase* phrase = nullptr;
  std::vector<ActorRef> sources, targets;
};

// Codes tokens [s0, s1) of `doc` with `actors` (left to right, not
// overlapping). `keys` are the tokens' dictionary ids; `story_days` (days
// since 1970-01-01, INT32_MIN if unknown) picks dated actor codes. Appends a
// trace to *explain when it is not null.
void CodeSentence(const Dictionaries& dicts, const Document& doc, uint32_t s0, uint32_t s1,
                  const KeysView& keys, int32_t story_days, const std::vector<ActorSpan>& actors,
                  std::vector<Coded>* out, std::string* explain);

}  // namespace detente::tabari
