// The compiled dictionaries: CAMEO codes, actors (countries, people with
// dated roles, organisations), agents (sector nouns and titles) and verb /
// event-noun patterns. Loaded once from a directory of our TSV files
// (docs/DICTIONARIES.md), then immutable and shared by all coder threads.
#pragma once

#include <climits>
#include <memory>
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
  int quad = 0;       // GDELT QuadClass 1..4
};

enum class ActorKind : uint8_t { kCountry, kAdjective, kMetonym, kPerson, kOrg, kGroup };

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
};

struct VerbPattern {
  const CameoCode* cameo = nullptr;  // null for stop patterns
  bool stop = false;
  bool noun_head = false;
  bool swap = false;
  bool has_target = false;
  std::string head;
  std::vector<PatternElement> elements;  // after the head
  int specificity = 0;                   // required literals, for ranking
  std::string rule;                      // "verbs/conflict.tsv:123"
  std::string text;                      // the pattern as written
};

// What a dictionary load met that it could not use; each names file:line.
struct LoadReport {
  std::vector<Status> problems;
  std::size_t actors = 0, actor_names = 0, agents = 0, patterns = 0, stop_patterns = 0, codes = 0;
};

class Dictionaries {
 public:
  // Loads every file under `dir` (cameo.tsv, agents.tsv, actors/*.tsv,
  // verbs/*.tsv). Fails only if a required file is missing or unreadable;
  // bad lines are listed in report->problems and skipped.
  static Result<std::unique_ptr<Dictionaries>> Load(const std::string& dir, LoadReport* report);

  const CameoCode* Cameo(std::string_view code) const;
  const std::vector<ActorEntry>& actors() const { return actors_; }
  const std::vector<AgentEntry>& agents() const { return agents_; }
  const std::vector<VerbPattern>& patterns() const { return patterns_; }

  const PhraseTrie& actor_names() const { return actor_trie_; }
  const PhraseTrie& agent_nouns() const { return agent_noun_trie_; }
  const PhraseTrie& titles() const { return title_trie_; }
  // Patterns whose head is `lemma`, most specific first; empty if none.
  const std::vector<uint32_t>* VerbHeads(std::string_view lemma) const;
  const std::vector<uint32_t>* NounHeads(std::string_view lemma) const;

 private:
  Status LoadCameo(const std::string& path, LoadReport* report);
  Status LoadActors(const std::string& path, const std::string& rel, LoadReport* report);
  Status LoadAgents(const std::string& path, LoadReport* report);
  Status LoadVerbs(const std::string& path, const std::string& rel, LoadReport* report);

  std::unordered_map<std::string, CameoCode, StringHash, std::equal_to<>> cameo_;
  std::vector<ActorEntry> actors_;
  std::vector<AgentEntry> agents_;
  std::vector<VerbPattern> patterns_;
  PhraseTrie actor_trie_, agent_noun_trie_, title_trie_;
  std::unordered_map<std::string, std::vector<uint32_t>, StringHash, std::equal_to<>> verb_heads_, noun_heads_;
};

// Days since 1970-01-01 for "YYYY-MM-DD"; false if not a valid date.
bool ParseDays(std::string_view s, int32_t* days);

}  // namespace detente
