// The compiled dictionaries: CAMEO codes, actors (countries, people with
// dated roles, organisations), agents (sector nouns and titles) and verb /
// event-noun patterns. Loaded once from a directory of our TSV files
// (docs/DICTIONARIES.md), then immutable and shared by all coder threads.
#pragma once

#include <climits>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "match/phrase_trie.h"

namespace detente {

struct CameoCode {
  std::string code;   // "042"
  std::string label;  // "Make a visit"
  double goldstein = 0;
  int quad = 0;  // GDELT QuadClass 1..4
};

// kPlace: a name that contains an actor's name but is a place, not an
// actor ("the Taiwan Strait", "the South China Sea").
enum class ActorKind : uint8_t { kCountry, kAdjective, kMetonym, kPerson, kOrg, kGroup, kPlace };

struct ActorEntry {
  std::string code;  // "USAGOV", "CHN", "UNO", "PSEREB"
  ActorKind kind = ActorKind::kCountry;
  int32_t from = INT32_MIN;  // days since 1970-01-01, inclusive
  int32_t until = INT32_MAX;
  std::string name;   // canonical name ("Antony Blinken", "China")
  std::string label;  // "Antony Blinken; Secretary of State"
  std::string rule;   // "actors/people_west.tsv:123"
};

struct AgentEntry {
  std::string sector;  // "GOV"
  bool title = false;  // a title before a name, not a noun
  std::string rule;
};

struct PatternElement {
  enum Kind : uint8_t { kLiteral, kTarget } kind = kLiteral;
  bool optional = false;
  std::vector<std::string> words;  // alternatives (lemmas, lower case)
  std::vector<uint32_t> ids;       // the same words in the vocabulary
};

struct VerbPattern {
  const CameoCode* cameo = nullptr;    // null for stop patterns
  const CameoCode* reverse = nullptr;  // also the reverse event with this code (TABARI "[032:033]")
  bool stop = false;
  bool noun_head = false;
  bool swap = false;
  bool has_target = false;
  bool pair = false;  // fires only for two or more actors acting on each other
  std::string head;
  std::vector<PatternElement> elements;  // after the head
  std::vector<PatternElement>
      before;           // literals before the head, in text order (TABARI/PETRARCH "SAID *")
  int specificity = 0;  // required literals, for ranking
  std::string rule;     // "verbs/conflict.tsv:123"
  std::string text;     // the pattern as written
  uint16_t layer = 0;   // dictionary layer (Dictionaries::BeginLayer)
};

// TABARI's own reading of a verb phrase (match/tabari_format.cc), kept for
// the TABARI conventions (code/tabari_conventions.cc): the words and actor
// tokens before and after the verb with TABARI's connectors and stems.
struct TabariToken {
  enum Kind : uint8_t { kWord, kSource, kTarget, kCompound, kSkip } kind = kWord;
  std::string word;       // lower case
  bool exact = false;     // "WORD_": no stem (regular endings allowed)
  bool adjacent = false;  // "_" or "~" before it: must immediately follow the element before
  bool synset = false;    // from a synset: adds nothing to the phrase's length
};

struct TabariPhrase {
  const CameoCode* cameo = nullptr;    // null for [---]
  const CameoCode* reverse = nullptr;  // "[032:033]"
  bool stop = false;                   // [---]: the verb is not coded here
  bool subordinate = false;            // "[023?]": coded only when nothing else is
  bool reverse_only = false;           // "[---:033]": cameo is the reverse event's code
  bool verb_adjacent = false;          // "X_*": the verb follows the last word before it at once
  int root_words = 0;  // the first words of `after` belong to a multi-word root ("HAS NO WISH")
  std::vector<TabariToken> before, after;
  int length = 0;  // letters and connectors, TABARI's order of trial
  std::string rule, text;
};

// The settings of a TABARI .options file that its conventions use (manual
// chapter 8; match/tabari_format.h). -1: the condition is off.
struct TabariOptions {
  int complex_verbs = -1, complex_conjunctions = -1, complex_actors = -1;
  bool no_actor_prior = false;  // COMPLEX: NOACTPRIOR: no actor before the first verb
  bool comma_off = false;
  int comma_min = 2, comma_max = 10, comma_emin = 2, comma_emax = 10, comma_bmin = 128,
      comma_bmax = 0;
  enum CodeBy : uint8_t { kClause, kSentence, kAll } code_by = kClause;
};

// What a dictionary load met that it could not use; each names file:line.
struct LoadReport {
  std::vector<Status> problems;
  std::size_t actors = 0, actor_names = 0, agents = 0, patterns = 0, stop_patterns = 0, codes = 0;
  // Other formats (TABARI, PETRARCH: match/dict_sources.h).
  std::size_t discards = 0, issues = 0, synsets = 0;
  std::size_t unsupported = 0;  // entries not (or only partly) expressible; each is in `problems`
  std::size_t malformed = 0;    // broken lines; each is in `problems`
  bool tabari_verbs = false, petrarch_verbs = false;  // verb files of each format were loaded
};

// A discard phrase: a sentence (or, story-level, a whole document) that
// contains it yields no events.
struct DiscardEntry {
  bool story = false;
  std::string rule;
};

// An issue phrase (PETRARCH issue coding): events of a sentence that
// contains it carry the issue.
struct IssueEntry {
  std::string issue;  // "EARLY_CHILDHOOD_EDUCATION"
  std::string rule;
};

class Dictionaries {
 public:
  // Loads every file under `dir` (cameo.tsv, agents.tsv, actors/*.tsv,
  // verbs/*.tsv). Fails only if a required file is missing or unreadable;
  // bad lines are listed in report->problems and skipped.
  static Result<std::unique_ptr<Dictionaries>> Load(const std::string& dir, LoadReport* report);

  // --- Building, for other dictionary formats (match/dict_sources.h) ---
  // Create() gives empty dictionaries; LoadDir() adds our TSV files from a
  // folder; the Add* calls add entries; Finalize() builds the indexes and
  // must be called once, last. Load() is Create + LoadDir + Finalize.
  static std::unique_ptr<Dictionaries> Create();
  Status LoadDir(const std::string& dir, LoadReport* report);
  // Starts a new layer: a phrase (actor, agent) or verb head added from now
  // on replaces what earlier layers gave it.
  void BeginLayer();
  // The code if known, else a new code with no label, Goldstein 0 and the
  // quad class of its root (other formats use codes CAMEO lacks).
  const CameoCode* AddCode(std::string_view code);
  // Adds `e` under each phrase (trie keys, match/phrase_trie.h); entries
  // that share a phrase and a layer are kept in the order added. False if
  // no phrase was added.
  bool AddActor(ActorEntry e, const std::vector<std::vector<std::string>>& phrases);
  // A sector noun (with regular plurals when `plurals`) and/or title.
  void AddAgent(AgentEntry a, const std::vector<std::vector<std::string>>& nouns, bool plurals,
                const std::vector<std::vector<std::string>>& titles);
  // `p` with head, elements (words filled, ids left empty), cameo/stop,
  // swap, rule and text set; interns the words and computes specificity.
  void AddPattern(VerbPattern p);
  // A word that also matches any longer word it begins (TABARI stems):
  // "arnor" matches "arnorian". Used only for text words that are not
  // dictionary words themselves.
  void AddStem(std::string_view word);
  void AddDiscard(const std::vector<std::string>& phrase, DiscardEntry d);
  void AddIssue(const std::vector<std::string>& phrase, IssueEntry i);
  const TabariOptions& tabari_options() const { return tabari_options_; }
  void set_tabari_options(const TabariOptions& o) { tabari_options_ = o; }
  // A word of a TABARI <NOUN> ('N') or <ADJECTIVE> ('A') list.
  void AddTabariWordClass(const std::string& word, char cls) { tabari_words_[word] = cls; }
  char TabariWordClass(std::string_view word) const {
    auto it = tabari_words_.find(word);
    return it == tabari_words_.end() ? 0 : it->second;
  }
  // A TABARI verb phrase under `head` (a verb's lower-case head word).
  void AddTabariPhrase(const std::string& head, TabariPhrase p);
  void Finalize();

  // Coding conventions when only TABARI or PETRARCH dictionaries are loaded
  // (match/dict_sources.cc): both code every matched event as it happened
  // (no modality) and fill a missing source or target by TABARI's default
  // actor search (coder.cc), and code the first verb of a sentence that
  // matches (TABARI's rule; code/discards.cc). TABARI's dictionaries also
  // apply each verb pattern at nouns (TABARI ignores parts of speech).
  enum class Conventions : uint8_t { kOwn, kTabari, kPetrarch };
  void set_conventions(Conventions c) { conventions_ = c; }
  Conventions conventions() const { return conventions_; }
  bool flat_modality() const { return conventions_ != Conventions::kOwn; }

  // TABARI phrases of a head, longest first (Finalize); null if none.
  const std::vector<TabariPhrase>* TabariPhrases(std::string_view head) const {
    auto it = tabari_phrases_.find(head);
    return it == tabari_phrases_.end() ? nullptr : &it->second;
  }

  const PhraseTrie& discard_phrases() const { return discard_trie_; }
  const std::vector<DiscardEntry>& discards() const { return discards_; }
  const PhraseTrie& issue_phrases() const { return issue_trie_; }
  const std::vector<IssueEntry>& issues() const { return issues_; }

  const CameoCode* Cameo(std::string_view code) const;
  const std::vector<ActorEntry>& actors() const { return actors_; }
  // Indexes into actors() of the kPerson entries (set by Finalize), sorted
  // by canonical name (file order among equal names).
  const std::vector<uint32_t>& persons() const { return persons_; }
  // The kPerson entries with this canonical name, in file order: a person's
  // dated roles, found in O(log n) whatever the size of the dictionaries.
  std::span<const uint32_t> PersonsNamed(std::string_view name) const;
  // The kPerson entries whose canonical name has more than one word and
  // begins or ends with this word (lower case): "reagan" -> Ronald Reagan,
  // "xi" -> Xi Jinping. For a title before a bare family name.
  std::span<const uint32_t> PersonsWithFamilyName(std::string_view lower_word) const;
  const std::vector<AgentEntry>& agents() const { return agents_; }
  const std::vector<VerbPattern>& patterns() const { return patterns_; }

  const PhraseTrie& actor_names() const { return actor_trie_; }
  const PhraseTrie& agent_nouns() const { return agent_noun_trie_; }
  const PhraseTrie& titles() const { return title_trie_; }
  // Patterns whose head is `lemma`, most specific first; null if none.
  const std::vector<uint32_t>* VerbHeads(std::string_view lemma) const;
  const std::vector<uint32_t>* NounHeads(std::string_view lemma) const;
  // The same by vocabulary id (the coder's fast path).
  const std::vector<uint32_t>* VerbHeads(uint32_t id) const {
    return id < verb_by_id_.size() && verb_by_id_[id] ? verb_by_id_[id] : nullptr;
  }
  const std::vector<uint32_t>* NounHeads(uint32_t id) const {
    return id < noun_by_id_.size() && noun_by_id_[id] ? noun_by_id_[id] : nullptr;
  }
  const Vocabulary& vocabulary() const { return vocab_; }

  // Candidate patterns of a head whose first required literal is `word`
  // (both vocabulary ids), and the head's patterns that start with no
  // required literal. Each list holds ranks: positions in the head's list.
  const std::vector<uint32_t>* HeadsByFirstWord(uint32_t head, uint32_t word) const {
    uint32_t i = by_first_word_index_.Find((static_cast<uint64_t>(head) << 32) | word);
    return i ? &first_word_lists_[i - 1] : nullptr;
  }
  const std::vector<uint32_t>* HeadsWithoutFirstWord(uint32_t head) const {
    auto it = without_first_word_.find(head);
    return it == without_first_word_.end() ? nullptr : &it->second;
  }

 private:
  Status LoadCameo(const std::string& path, LoadReport* report);
  Status LoadActors(const std::string& path, const std::string& rel, LoadReport* report);
  Status LoadAgents(const std::string& path, LoadReport* report);
  Status LoadVerbs(const std::string& path, const std::string& rel, LoadReport* report);

  Dictionaries()
      : actor_trie_(&vocab_),
        agent_noun_trie_(&vocab_),
        title_trie_(&vocab_),
        discard_trie_(&vocab_),
        issue_trie_(&vocab_) {}

  Vocabulary vocab_;  // declared first: the tries point at it
  std::unordered_map<std::string, CameoCode, StringHash, std::equal_to<>> cameo_;
  std::vector<ActorEntry> actors_;
  std::vector<uint32_t> persons_;
  // (lower-case first or last word of a person's name, index into actors_),
  // sorted by word; the index list is family_name_persons_.
  std::vector<std::pair<std::string, uint32_t>> family_names_;
  std::vector<uint32_t> family_name_persons_;
  std::vector<AgentEntry> agents_;
  std::vector<VerbPattern> patterns_;
  PhraseTrie actor_trie_, agent_noun_trie_, title_trie_, discard_trie_, issue_trie_;
  std::vector<DiscardEntry> discards_;
  std::vector<IssueEntry> issues_;
  std::unordered_map<std::string, std::vector<TabariPhrase>, StringHash, std::equal_to<>>
      tabari_phrases_;
  std::unordered_map<std::string, char, StringHash, std::equal_to<>> tabari_words_;
  TabariOptions tabari_options_;
  uint16_t layer_ = 0;
  Conventions conventions_ = Conventions::kOwn;
  uint32_t actor_layer_start_ = 0, agent_layer_start_ = 0;  // first index of the current layer
  std::unordered_map<std::string, std::vector<uint32_t>, StringHash, std::equal_to<>> verb_heads_,
      noun_heads_;
  std::vector<const std::vector<uint32_t>*> verb_by_id_, noun_by_id_;
  // Keyed by (head id << 32 | word id) and by head id; separate maps for
  // verb and noun heads are not needed because a rank is looked up in the
  // list the caller already chose... so ranks are per (kind, head): verb
  // heads use ids as they are, noun heads set the top bit of the head id.
  FlatU64Map by_first_word_index_;  // -> 1 + index into first_word_lists_
  std::vector<std::vector<uint32_t>> first_word_lists_;
  std::unordered_map<uint32_t, std::vector<uint32_t>> without_first_word_;
};

// Days since 1970-01-01 for "YYYY-MM-DD"; false if not a valid date.
bool ParseDays(std::string_view s, int32_t* days);

}  // namespace detente
