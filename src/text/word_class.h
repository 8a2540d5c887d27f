// Closed classes of English words the coder asks about for nearly every
// token: auxiliaries, negation, clause openers, adverbs that sit inside a
// verb chain, time words. Computed once per token by the lexicon (Token::
// word_class), so the coder tests a bit instead of comparing strings.
#pragma once

#include <cstdint>
#include <string_view>

namespace detente {

enum WordClass : uint16_t {
  kWcBeForm = 1 << 0,          // be, is, was, 's, get, got, ...
  kWcAuxiliary = 1 << 1,       // the be-forms and has, do, will, would, can, must, ...
  kWcNegation = 1 << 2,        // not, n't, never, no
  kWcClauseBoundary = 1 << 3,  // ; : ? ! ( ) " that which who because if when ...
  kWcChainAdverb = 1 << 4,     // also, still, already, reportedly, jointly, ...
  kWcWhAdverb = 1 << 5,        // where, when, how, why
  kWcFiniteAux = 1 << 6,       // was, is, has, will, would, could, must, ... (a finite verb)
  kWcTimeWord = 1 << 7,        // today, monday, week, earlier, ...
  kWcCoordinator = 1 << 8,     // and, but, or
  kWcCondition = 1 << 9,       // if, unless, whether, lest
  // Between a country and its sector noun or title: "Chinese top diplomat",
  // "U.S. senior officials", "then-Speaker".
  kWcNpModifier = 1 << 10,
};

// The classes of a lower-cased word (punctuation as itself); 0 for none.
uint16_t WordClassOf(std::string_view lower);

}  // namespace detente
