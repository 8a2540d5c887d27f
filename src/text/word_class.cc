#include "text/word_class.h"

#include <initializer_list>
#include <string>
#include <unordered_map>

namespace detente {
namespace {

using Table = std::unordered_map<std::string_view, uint16_t>;

void Add(Table* t, uint16_t bits, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) (*t)[w] |= bits;
}

const Table& Classes() {
  static const Table* table = [] {
    auto* t = new Table();
    Add(t, kWcBeForm | kWcAuxiliary,
        {"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "get", "got", "gets",
         "gotten"});
    Add(t, kWcAuxiliary,
        {"has",    "have", "had",   "having", "do",    "does", "did", "will", "would", "shall",
         "should", "can",  "could", "may",    "might", "must", "'ll", "'d",   "wo",    "ca"});
    Add(t, kWcNegation, {"not", "n't", "never", "no"});
    Add(t, kWcClauseBoundary,
        {";",      ":",       "?",      "!",    "(",       ")",     "\"",
         "that",   "which",   "who",    "whom", "because", "while", "although",
         "though", "whereas", "unless", "if",   "whether", "when",  "where"});
    Add(t, kWcChainAdverb,
        {"also",     "still",      "already",  "just",       "now",      "reportedly", "jointly",
         "formally", "officially", "again",    "finally",    "recently", "soon",       "actively",
         "heavily",  "merely",     "only",     "repeatedly", "publicly", "quickly",    "even",
         "then",     "later",      "both",     "all",        "each",     "further",    "once",
         "first",    "previously", "allegedly"});
    Add(t, kWcWhAdverb, {"where", "when", "how", "why"});
    Add(t, kWcFiniteAux,
        {"was", "were", "is", "are", "has", "have", "had", "will", "would", "could", "can", "may",
         "might", "must", "should"});
    Add(t, kWcTimeWord, {"today",    "yesterday", "tonight",  "monday",    "tuesday", "wednesday",
                         "thursday", "friday",    "saturday", "sunday",    "week",    "month",
                         "year",     "morning",   "evening",  "afternoon", "night",   "weekend",
                         "earlier",  "later",     "recently", "now"});
    Add(t, kWcCoordinator, {"and", "but", "or"});
    Add(t, kWcCondition, {"if", "unless", "whether", "lest"});
    Add(t, kWcNpModifier,
        {"top",      "senior",       "former",   "chief",      "then",         "-",
         "acting",   "new",          "leading",  "high-level", "high-ranking", "key",
         "visiting", "outgoing",     "incoming", "powerful",   "influential",  "economic",
         "military", "defense",      "defence",  "foreign",    "trade",        "finance",
         "state",    "federal",      "national", "deputy",     "vice",         "two",
         "three",    "several",      "some",     "many",       "other",        "junior",
         "veteran",  "local",        "regional", "provincial", "central",      "government",
         "security", "intelligence", "naval",    "climate",    "special"});
    return t;
  }();
  return *table;
}

}  // namespace

uint16_t WordClassOf(std::string_view lower) {
  const Table& t = Classes();
  auto it = t.find(lower);
  return it == t.end() ? 0 : it->second;
}

}  // namespace detente
