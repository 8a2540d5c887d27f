// Actor mentions in a sentence: dictionary names (countries, capitals and
// seats of power, people with dated roles, organisations) combined with
// country adjectives, possessives, titles and sector nouns into one actor:
// "Chinese President Xi Jinping" -> CHNGOV, "U.S. officials" -> USAGOV,
// "China's coast guard" -> CHNMIL, "Chinese companies" -> CHNBUS.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "match/dictionaries.h"
#include "read/document.h"

namespace detente {

struct Mention {
  uint32_t first = 0, end = 0;  // tokens, absolute indexes into Document::tokens
  std::string code;             // "USAGOV"; "---GOV" when the country is unknown
  std::string country;
  std::string sector;
  std::string name;
  std::string rule;
  bool person = false;
  bool org = false;
  bool plural = false;         // "officials", "companies"
  bool modifier_only = false;  // a country adjective before an ordinary noun ("Chinese lending")
  bool dyad = false;           // "the two sides", "both countries": stands for the story's dyad
  bool pronoun = false;        // he/she/they/it, to be resolved
  bool Known() const { return !country.empty() || org; }
};

class MentionFinder {
 public:
  explicit MentionFinder(const Dictionaries& dicts) : dicts_(dicts) {}

  // Appends the mentions of tokens[first, end) to *out, left to right.
  // `story_days` (days since 1970-01-01, or INT32_MIN when unknown) picks
  // each person's role.
  // `keys` holds the tokens' dictionary ids (match/phrase_trie.h).
  void Find(const Document& doc, uint32_t first, uint32_t end, int32_t story_days,
            const KeysView& keys, std::vector<Mention>* out) const;

 private:
  // "President Reagan", "President Xi": a bare family name after a title,
  // when every known person of that name is of one country. Sets the
  // mention's code from the role held on `story_days`, else from the title
  // (unless "former"), else as an elite of that country.
  void ResolveFamilyName(std::span<const Token> toks, uint32_t mention_first, uint32_t name_first,
                         uint32_t name_end, int32_t story_days, Mention* m) const;

  const Dictionaries& dicts_;
};

}  // namespace detente
