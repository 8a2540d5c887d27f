#include "code/tabari_conventions.h"

#include <algorithm>
#include <climits>
#include <optional>
#include <string_view>

namespace detente::tabari {
namespace {

bool OneOf(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

bool IsConjunction(std::string_view w) { return OneOf(w, {"and", "but", "or", "nor"}); }

// TABARI's defaults for comma-delimited clauses (manual 8.6): a phrase
// between two commas, or between a comma and the end of the sentence, with
// more than kCommaMin and at most kCommaMax words is dropped; the phrase
// before the first comma is always kept.
constexpr int kCommaMin = 2, kCommaMax = 10;

struct Word {
  uint32_t tok = 0;
  std::string lower;  // "didn't", "gondor's": TABARI keeps the apostrophe's word together
  bool comma = false;
  bool capitalized = false;
  bool in_compound = false;  // a comma or conjunction inside a compound actor
  bool deleted = false;      // inside a dropped comma-delimited clause
  int unit = -1;             // the actor unit covering it
};

struct Unit {
  int first = 0, end = 0;  // words
  std::vector<ActorRef> refs;
  bool compound = false;
  bool deleted = false;
};

// A word of a pattern against a text word: a stem matches any word it
// begins; an exact word itself or with a regular ending.
// (The regular endings of manual 5.2.3 apply to roots, actors and agents,
// not to a pattern's words: "* RESOLUTION_" does not match "resolutions".)
bool WordMatches(const TabariToken& t, std::string_view w) {
  if (!t.exact) return w.starts_with(t.word);
  return w == t.word;
}

class SentenceCoder {
 public:
  SentenceCoder(const Dictionaries& d, const Document& doc, uint32_t s0, uint32_t s1,
                const KeysView& keys, int32_t story_days, std::string* explain)
      : dicts_(d),
        doc_(doc),
        s0_(s0),
        s1_(s1),
        keys_(keys),
        story_days_(story_days),
        explain_(explain) {}

  void Run(const std::vector<ActorSpan>& actors, std::vector<Coded>* out) {
    BuildWords();
    BuildUnits(actors);
    GappedActors();
    Compounds();
    Pronouns();
    DropCommaClauses();
    if (Complex()) {
      if (explain_) *explain_ += "  tabari: complex (options COMPLEX:), not coded\n";
      return;
    }
    Clauses(out);
  }

 private:
  const Token& tok(uint32_t i) const { return doc_.tokens[i]; }

  void BuildWords() {
    all_caps_ = true;
    for (uint32_t i = s0_; i < s1_; ++i) {
      const Token& t = tok(i);
      Word w;
      w.tok = i;
      w.lower = std::string(t.lower);
      // TABARI reads a hyphen as a blank ("anti- Gondor", "al-Assad").
      while (w.lower.size() > 1 && w.lower.back() == '-') w.lower.pop_back();
      while (w.lower.size() > 1 && w.lower.front() == '-') w.lower.erase(0, 1);
      if (t.norm == ",") {
        w.comma = true;
      } else if ((t.norm.starts_with("'") || t.lower == "n't") && !words_.empty() &&
                 !words_.back().comma && i > s0_ && tok(i - 1).end == t.start) {
        words_.back().lower += t.lower;
        continue;
      } else if (!t.Is(kTokWord)) {
        continue;
      }
      w.capitalized = t.Is(kTokCapitalized);
      if (t.Is(kTokWord) && !t.Is(kTokAllCaps) && !t.Is(kTokHasDigit)) all_caps_ = false;
      words_.push_back(w);
    }
  }

  void BuildUnits(const std::vector<ActorSpan>& actors) {
    for (const auto& a : actors) {
      if (a.refs.empty()) continue;
      Unit u;
      u.first = -1;
      for (int k = 0; k < static_cast<int>(words_.size()); ++k) {
        if (words_[k].tok >= a.first && words_[k].tok < a.end && !words_[k].comma) {
          if (u.first < 0) u.first = k;
          u.end = k + 1;
        }
      }
      if (u.first < 0) continue;
      // Our mention may take in a word after the actor's name that TABARI
      // reads as a verb ("Zembla arms Ruritania"): the verb is not the actor's.
      while (u.end - u.first > 1 && !words_[u.end - 1].capitalized &&
             tok(words_[u.end - 1].tok).pos != Pos::kProperNoun &&
             !NullVerb(u.end - 1, PhrasesAt(words_[u.end - 1].tok)))
        --u.end;
      u.refs = a.refs;
      u.compound = u.refs.size() >= 2;  // a coded compound
      units_.push_back(std::move(u));
    }
    std::sort(units_.begin(), units_.end(),
              [](const Unit& a, const Unit& b) { return a.first < b.first; });
  }

  // Words of an actor phrase written with a blank need not be adjacent
  // (manual 5.5.3): "PRINCE DOL_AMROTH" is also "the Prince of Dol Amroth".
  // Tried with one or two words after the phrase's first word skipped.
  void GappedActors() {
    const int n = static_cast<int>(words_.size());
    std::vector<int> covered(n, -1);
    for (int u = 0; u < static_cast<int>(units_.size()); ++u)
      for (int k = units_[u].first; k < units_[u].end; ++k) covered[k] = u;
    std::vector<Unit> added;
    for (int i = 0; i < n; ++i) {
      if (covered[i] >= 0 || words_[i].comma) continue;
      for (int skip = 1; skip <= 2; ++skip) {
        std::vector<int> seq{i};
        for (int k = i + 1 + skip; k < n && seq.size() < 6 && !words_[k].comma; ++k)
          seq.push_back(k);
        if (seq.size() < 2) break;
        std::vector<TokenKeys> kk;
        for (int k : seq) kk.push_back(keys_[words_[k].tok]);
        uint32_t len = 0;
        auto hits = dicts_.actor_names().LongestMatch(KeysView(kk.data(), 0), 0,
                                                      static_cast<uint32_t>(kk.size()), &len);
        if (hits.empty() || len < 2) continue;
        int end = seq[len - 1] + 1;
        bool free = true;
        for (int k = i; k < end; ++k) free &= covered[k] < 0 && !words_[k].comma;
        if (!free) continue;
        const ActorEntry* e = nullptr;
        for (uint32_t h : hits) {
          const ActorEntry& x = dicts_.actors()[h];
          if (x.kind == ActorKind::kPlace) continue;
          if (story_days_ != INT32_MIN && (story_days_ < x.from || story_days_ > x.until)) continue;
          e = &x;
          break;
        }
        if (!e) continue;
        Unit u;
        u.first = i;
        u.end = end;
        ActorRef r;
        r.code = e->code;
        r.country = e->code.substr(0, 3);
        r.sector = e->code.size() > 3 ? e->code.substr(3) : "";
        r.name = e->name;
        r.rule = e->rule;
        r.span = {tok(words_[i].tok).start, tok(words_[end - 1].tok).end};
        u.refs.push_back(std::move(r));
        for (int k = i; k < end; ++k) covered[k] = 1;
        added.push_back(std::move(u));
        break;
      }
    }
    if (added.empty()) return;
    units_.insert(units_.end(), added.begin(), added.end());
    std::sort(units_.begin(), units_.end(),
              [](const Unit& a, const Unit& b) { return a.first < b.first; });
  }

  // "A, B and C", "the A and the B": one compound actor (manual 7.5).
  void Compounds() {
    std::vector<Unit> merged;
    for (std::size_t i = 0; i < units_.size();) {
      std::size_t j = i, last_and = i;
      bool has_and = false;
      while (j + 1 < units_.size()) {
        bool ok = units_[j + 1].first >= units_[j].end;
        bool conj = false;
        for (int k = units_[j].end; k < units_[j + 1].first && ok; ++k) {
          std::string_view w = words_[k].lower;
          if (words_[k].comma) continue;
          if (w == "and") {
            conj = true;
            continue;
          }
          // np = <actor> | <adjective> <np> | <determiner> <np>
          if (OneOf(w, {"the", "a", "an"}) || tok(words_[k].tok).pos == Pos::kAdjective ||
              dicts_.TabariWordClass(w) == 'A')
            continue;
          ok = false;
        }
        // After "and" the list goes on only with another "and" ("A and B,
        // and C and D"; but "A, B and C, D and E" are two lists).
        if (!ok || (has_and && last_and == j && !conj)) break;
        has_and |= conj;
        ++j;
        if (conj) last_and = j;
      }
      // A list ends at its last "and" (in "A and B, C said" C is not a
      // member).
      if (has_and) j = last_and;
      if (j > i && has_and) {
        Unit u;
        u.first = units_[i].first;
        u.end = units_[j].end;
        u.compound = true;
        for (std::size_t k = i; k <= j; ++k)
          for (auto& r : units_[k].refs)
            if (std::none_of(u.refs.begin(), u.refs.end(),
                             [&](const ActorRef& x) { return x.code == r.code; }))
              u.refs.push_back(r);
        for (int k = u.first; k < u.end; ++k)
          if (words_[k].comma || words_[k].lower == "and") words_[k].in_compound = true;
        if (u.refs.size() < 2) u.compound = false;
        merged.push_back(std::move(u));
        i = j + 1;
      } else {
        merged.push_back(std::move(units_[i]));
        ++i;
      }
    }
    units_ = std::move(merged);
    Index();
  }

  void Index() {
    for (auto& w : words_) w.unit = -1;
    for (int u = 0; u < static_cast<int>(units_.size()); ++u)
      for (int k = units_[u].first; k < units_[u].end; ++k) words_[k].unit = u;
  }

  // Manual 7.7: HE, SHE, IT: the first actor of the sentence; ITS, HIS,
  // HER: the first actor before the pronoun; THEY, THEM, THEIR: the first
  // compound actor, else the first actor.
  void Pronouns() {
    std::vector<Unit> added;
    for (int k = 0; k < static_cast<int>(words_.size()); ++k) {
      if (words_[k].unit >= 0) continue;
      std::string_view w = words_[k].lower;
      const Unit* ref = nullptr;
      if (OneOf(w, {"he", "she", "it", "its", "his", "her"})) {
        for (const auto& u : units_)
          if (u.end <= k) {
            ref = &u;
            break;
          }
      } else if (OneOf(w, {"they", "them", "their"})) {
        for (const auto& u : units_)
          if (u.end <= k && u.compound) {
            ref = &u;
            break;
          }
        if (!ref)
          for (const auto& u : units_)
            if (u.end <= k) {
              ref = &u;
              break;
            }
      }
      if (!ref) continue;
      Unit p;
      p.first = k;
      p.end = k + 1;
      p.refs = ref->refs;
      p.compound = ref->compound;
      added.push_back(std::move(p));
    }
    if (added.empty()) return;
    units_.insert(units_.end(), added.begin(), added.end());
    std::sort(units_.begin(), units_.end(),
              [](const Unit& a, const Unit& b) { return a.first < b.first; });
    Index();
  }

  // Manual 7.8 and 8.6: phrases between commas (and between a comma and
  // either end of the sentence) of a length in the options' range.
  void DropCommaClauses() {
    const TabariOptions& o = dicts_.tabari_options();
    if (o.comma_off) return;
    std::vector<int> commas;
    for (int k = 0; k < static_cast<int>(words_.size()); ++k)
      if (words_[k].comma && !words_[k].in_compound) commas.push_back(k);
    if (commas.empty()) return;
    auto count = [&](int from, int to) {
      int n = 0;
      for (int k = from; k < to; ++k) n += !words_[k].comma;
      return n;
    };
    auto drop = [&](int from, int to) {
      for (int k = from; k < to; ++k) words_[k].deleted = true;
    };
    int n = count(0, commas[0]);
    if (n > o.comma_bmin && n <= o.comma_bmax) drop(0, commas[0] + 1);
    // Chained: after a dropped phrase, the next one is counted from where
    // the dropped one began.
    int from = commas[0];
    for (std::size_t c = 0; c + 1 < commas.size(); ++c) {
      n = count(from + 1, commas[c + 1]);
      if (n > o.comma_min && n <= o.comma_max)
        drop(from, commas[c + 1]);
      else
        from = commas[c + 1];
    }
    n = count(from + 1, static_cast<int>(words_.size()));
    if (n > o.comma_emin && n <= o.comma_emax) drop(from, static_cast<int>(words_.size()));
    for (auto& u : units_) u.deleted = words_[u.first].deleted;
  }

  // Manual 8.7: COMPLEX conditions of the options file; a complex sentence
  // is not coded.
  bool Complex() const {
    const TabariOptions& o = dicts_.tabari_options();
    int verbs = 0, conjunctions = 0, actors = 0, first_verb = -1;
    for (int k = 0; k < static_cast<int>(words_.size()); ++k) {
      if (!Live(k) || words_[k].comma) continue;
      if (words_[k].unit >= 0) {
        actors += units_[words_[k].unit].first == k;
        continue;
      }
      if (IsConjunction(words_[k].lower) && !words_[k].in_compound) ++conjunctions;
      if (!IsNoun(k) && !NullVerb(k, PhrasesAt(words_[k].tok))) {
        ++verbs;
        if (explain_) *explain_ += "  tabari verb: " + words_[k].lower + "\n";
        if (first_verb < 0) first_verb = k;
      }
    }
    if (o.complex_verbs > 0 && verbs >= o.complex_verbs) return true;
    if (o.complex_conjunctions > 0 && conjunctions >= o.complex_conjunctions) return true;
    if (o.complex_actors > 0 && actors >= o.complex_actors) return true;
    return false;
  }

  // Manual 7.5.1: a conjunction inside a compound noun phrase ("bombs and
  // rockets", "sheep and evil goats": <NOUN> words) or a compound adjective
  // phrase ("easy or pleasant") does not start a clause.
  bool JoinsPhrases(int k) const {
    auto live = [&](int from, int step) {
      for (int j = from; j >= 0 && j < static_cast<int>(words_.size()); j += step)
        if (Live(j)) return words_[j].comma ? -1 : j;
      return -1;
    };
    auto cls = [&](int j) { return j < 0 ? 0 : dicts_.TabariWordClass(words_[j].lower); };
    auto adjective = [&](int j) {
      return j >= 0 && (cls(j) == 'A' || tok(words_[j].tok).pos == Pos::kAdjective);
    };
    int before = live(k - 1, -1), after = live(k + 1, 1);
    if (adjective(before) && adjective(after)) return true;
    if (cls(before) == 'N') {
      int j = after;
      while (adjective(j)) j = live(j + 1, 1);
      if (cls(j) == 'N') return true;
    }
    return false;
  }

  bool Live(int k) const { return !words_[k].deleted; }

  // Clauses: conjunctions outside compound actors split the sentence
  // (manual 7.6); each clause codes its first event (CODE BY CLAUSE).
  void Clauses(std::vector<Coded>* out) {
    std::vector<std::pair<int, int>> clauses;
    int start = 0;
    const int n = static_cast<int>(words_.size());
    for (int k = 0; k < n; ++k) {
      if (!Live(k) || words_[k].in_compound || words_[k].unit >= 0) continue;
      if (IsConjunction(words_[k].lower) && !JoinsPhrases(k)) {
        clauses.push_back({start, k});
        start = k + 1;
      }
    }
    clauses.push_back({start, n});
    std::vector<ActorRef> carried;
    const std::size_t events_before = out->size();
    for (std::size_t c = 0; c < clauses.size(); ++c) {
      auto [c0, c1] = clauses[c];
      // An actor right after the conjunction is the new clause's subject.
      std::optional<int> leading;
      if (c > 0) {
        for (int k = c0; k < c1 && k < c0 + 3; ++k) {
          if (!Live(k)) continue;
          if (words_[k].unit >= 0 && !units_[words_[k].unit].deleted) {
            leading = words_[k].unit;
            break;
          }
          if (!OneOf(words_[k].lower, {"the", "a", "an"})) break;
        }
      }
      const auto code_by = dicts_.tabari_options().code_by;
      if (code_by == TabariOptions::kSentence && !out->empty()) break;
      std::optional<Coded> first, subordinate;
      for (int v = c0; v < c1 && !first; ++v) {
        if (!Live(v) || words_[v].comma || words_[v].unit >= 0) continue;
        if (IsNoun(v)) continue;
        bool matched = false;
        for (const auto* phrases : PhrasesAt(words_[v].tok)) {
          for (const TabariPhrase& p : *phrases) {
            auto m = Match(p, v, c0, c1, leading, carried);
            if (no_actor_prior_ && dicts_.tabari_options().no_actor_prior) {
              // Manual 8.7: the sentence is too complex to code.
              if (explain_) *explain_ += "  tabari: complex (no actor before the verb)\n";
              out->resize(events_before);
              return;
            }
            if (!m) continue;
            matched = true;
            if (p.stop) break;
            if (p.subordinate) {
              if (!subordinate) subordinate = m;
              break;
            }
            first = m;
            break;
          }
          if (matched) break;
        }
        if (first && code_by == TabariOptions::kAll) {
          // CODE ALL: every event of the clause.
          carried = first->sources;
          out->push_back(std::move(*first));
          first.reset();
        }
      }
      if (!first) first = subordinate;
      if (!first) continue;
      carried = first->sources;
      if (explain_)
        *explain_ += "  tabari clause " + std::to_string(c) + ": " + first->phrase->rule + " " +
                     first->phrase->text + "\n";
      out->push_back(std::move(*first));
    }
  }

  // Manual 7.4: a verb after THE, A or AN, or capitalised inside the
  // sentence, is a noun.
  bool IsNoun(int v) const {
    for (int k = v - 1; k >= 0; --k) {
      if (!Live(k)) continue;
      if (OneOf(words_[k].lower, {"the", "a", "an"})) return true;
      break;
    }
    bool first_word = true;
    for (int k = 0; k < v; ++k) first_word &= words_[k].comma;
    return !all_caps_ && !first_word && words_[v].capitalized;
  }

  // The phrase lists of every verb the word can be, the word itself first
  // ("called" before "call": TABARI tries longer roots first).
  std::vector<const std::vector<TabariPhrase>*> PhrasesAt(uint32_t t) const {
    std::vector<const std::vector<TabariPhrase>*> out;
    // Roots that have no phrase of their own in our patterns ("SAID [023?]"),
    // and TABARI's regular verb endings on exact roots (manual 5.2.3:
    // "ARM_" matches "arms", "armed"; "DEPART_" matches "departen").
    auto add = [&](std::string_view w) {
      if (const auto* p = dicts_.TabariPhrases(w);
          p && std::find(out.begin(), out.end(), p) == out.end())
        out.push_back(p);
    };
    add(tok(t).lower);
    add(tok(t).lemma);
    std::string_view lw = tok(t).lower;
    for (std::string_view end : {"ing", "es", "ed", "en", "s"})
      if (lw.size() > end.size() + 2 && lw.ends_with(end))
        add(lw.substr(0, lw.size() - end.size()));
    const TokenKeys& k = keys_[t];
    for (uint32_t id : {k.lower, k.lemma, k.stem, k.stem2}) {
      if (!id) continue;
      const auto* heads = dicts_.VerbHeads(id);
      if (!heads || heads->empty()) continue;
      const auto* p = dicts_.TabariPhrases(dicts_.patterns()[heads->front()].head);
      if (p && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    }
    return out;
  }

  // A word whose only verb reading is a null-coded root without phrases is
  // no verb (manual 6.2); neither is a word with no verb reading.
  // A multi-word root's other words must follow it ("world" is no verb
  // when the root is "WORLD_CUP").
  bool NullVerb(int v, const std::vector<const std::vector<TabariPhrase>*>& lists) const {
    for (const auto* l : lists)
      for (const auto& p : *l)
        if ((!p.stop || !p.before.empty() ||
             p.after.size() > static_cast<std::size_t>(p.root_words)) &&
            RootMatches(p, v))
          return false;
    return true;
  }

  bool RootMatches(const TabariPhrase& p, int v) const {
    int k = v + 1;
    const int n = static_cast<int>(words_.size());
    for (int i = 0; i < p.root_words; ++i) {
      while (k < n && (!Live(k) || (!p.after[i].adjacent && !words_[k].comma &&
                                    !WordMatches(p.after[i], words_[k].lower))))
        ++k;
      if (k >= n || words_[k].comma || !WordMatches(p.after[i], words_[k].lower)) return false;
      ++k;
    }
    return true;
  }

  // The first compound actor starting at or after word k, before `limit`
  // ("%" takes the compound, not the first actor).
  int CompoundFrom(int k, int limit) const {
    for (; k < limit; ++k)
      if (Live(k) && words_[k].unit >= 0 && units_[words_[k].unit].first == k &&
          units_[words_[k].unit].compound)
        return words_[k].unit;
    return -1;
  }

  // The unit starting at word k (through determiners when !adjacent).
  int UnitFrom(int k, int limit, bool adjacent) const {
    for (; k < limit; ++k) {
      if (!Live(k)) continue;
      if (words_[k].unit >= 0 && units_[words_[k].unit].first == k) return words_[k].unit;
      if (adjacent && !OneOf(words_[k].lower, {"the", "a", "an"})) return -1;
    }
    return -1;
  }

  bool MatchBeforeForward(const TabariPhrase& p, int v, int lo, int* src, int* tgt,
                          int* cmp) const {
    int cur = lo;
    int prev_end = -1;  // one past the last matched element
    for (std::size_t i = 0; i < p.before.size(); ++i) {
      const TabariToken& t = p.before[i];
      bool adjoin = t.adjacent && prev_end >= 0;
      if (t.kind == TabariToken::kWord) {
        int found = -1;
        for (int k = cur; k < v; ++k) {
          if (!Live(k) || words_[k].comma) continue;
          if (WordMatches(t, words_[k].lower)) {
            found = k;
            break;
          }
          if (adjoin) break;
        }
        if (found < 0) return false;
        cur = prev_end = found + 1;
        continue;
      }
      int u = t.kind == TabariToken::kCompound && !adjoin ? CompoundFrom(cur, v)
                                                          : UnitFrom(cur, v, adjoin);
      if (u < 0 || units_[u].end > v) return false;
      if (t.kind == TabariToken::kCompound && !units_[u].compound) return false;
      if (t.kind == TabariToken::kSource) *src = u;
      if (t.kind == TabariToken::kTarget) *tgt = u;
      if (t.kind == TabariToken::kCompound) *cmp = u;
      cur = prev_end = units_[u].end;
    }
    if (p.verb_adjacent && prev_end >= 0) {
      for (int k = prev_end; k < v; ++k)
        if (Live(k) && !words_[k].comma) return false;
    }
    return true;
  }

  std::optional<Coded> Match(const TabariPhrase& p, int v, int c0, int c1,
                             std::optional<int> leading, const std::vector<ActorRef>& carried) {
    // Phrase matching stops at commas and at the clause's end.
    int hi = c1, lo = c0;
    for (int k = v + 1; k < c1; ++k)
      if (Live(k) && words_[k].comma && !words_[k].in_compound) {
        hi = k;
        break;
      }
    for (int k = v - 1; k >= c0; --k)
      if (Live(k) && words_[k].comma && !words_[k].in_compound) {
        lo = k + 1;
        break;
      }
    int src = -1, tgt = -1, cmp = -1;
    int cur = v + 1, last = v;
    auto next_live = [&](int k) {
      while (k < hi && !Live(k)) ++k;
      return k;
    };
    for (const TabariToken& t : p.after) {
      cur = next_live(cur);
      if (t.kind == TabariToken::kWord) {
        int found = -1;
        for (int k = cur; k < hi; ++k) {
          if (!Live(k) || words_[k].comma) continue;
          if (WordMatches(t, words_[k].lower)) {
            found = k;
            break;
          }
          if (t.adjacent) break;
        }
        if (found < 0) return std::nullopt;
        cur = found + 1;
        last = found;
        continue;
      }
      int u = t.kind == TabariToken::kCompound && !t.adjacent ? CompoundFrom(cur, hi)
                                                              : UnitFrom(cur, hi, t.adjacent);
      if (u < 0) return std::nullopt;
      if (t.kind == TabariToken::kCompound && !units_[u].compound) return std::nullopt;
      if (t.kind == TabariToken::kSource) src = u;
      if (t.kind == TabariToken::kTarget) tgt = u;
      if (t.kind == TabariToken::kCompound) cmp = u;
      cur = units_[u].end;
      last = cur - 1;
    }
    // Before the verb: matched forwards from the clause's start (manual
    // 5.7.4: "+ S1 *" takes the first actor before S1), else backwards from
    // the verb (nearest words first).
    int fsrc = -1, ftgt = -1, fcmp = -1;
    if (MatchBeforeForward(p, v, lo, &fsrc, &ftgt, &fcmp)) {
      if (fsrc >= 0) src = fsrc;
      if (ftgt >= 0) tgt = ftgt;
      if (fcmp >= 0) cmp = fcmp;
    } else {
      int back = v;  // exclusive
      bool must_adjoin = p.verb_adjacent;
      for (int i = static_cast<int>(p.before.size()) - 1; i >= 0; --i) {
        const TabariToken& t = p.before[i];
        if (t.kind == TabariToken::kWord) {
          int found = -1;
          for (int k = back - 1; k >= lo; --k) {
            if (!Live(k) || words_[k].comma) continue;
            if (WordMatches(t, words_[k].lower)) {
              found = k;
              break;
            }
            if (must_adjoin) break;
          }
          if (found < 0) return std::nullopt;
          back = found;
        } else {
          // The first actor of the clause before this point (manual 5.7.4).
          int u = -1;
          for (int k = lo; k < back; ++k)
            if (Live(k) && words_[k].unit >= 0 && units_[words_[k].unit].end <= back) {
              u = words_[k].unit;
              break;
            }
          if (must_adjoin) {
            u = -1;
            for (int k = back - 1; k >= lo; --k)
              if (Live(k) && words_[k].unit >= 0) {
                if (units_[words_[k].unit].end == back) u = words_[k].unit;
                break;
              }
          }
          if (u < 0) return std::nullopt;
          if (t.kind == TabariToken::kCompound && !units_[u].compound) return std::nullopt;
          if (t.kind == TabariToken::kSource) src = u;
          if (t.kind == TabariToken::kTarget) tgt = u;
          if (t.kind == TabariToken::kCompound) cmp = u;
          back = units_[u].first;
        }
        must_adjoin = t.adjacent;
      }
    }
    Coded c;
    c.head = words_[v].tok;
    c.trigger_end = words_[std::max(last, v)].tok + 1;
    c.phrase = &p;
    if (p.stop) return c;
    if (cmp >= 0) {
      c.sources = units_[cmp].refs;
      c.targets = units_[cmp].refs;
      return c;
    }
    auto code_of = [&](int u) { return units_[u].refs.front().code; };
    bool designated = src >= 0 || tgt >= 0;
    // The default source: the subject after a conjunction, the source
    // carried from the clause before, else the first actor before the verb
    // (with another code than a designated target).
    if (src < 0 && leading && *leading < static_cast<int>(units_.size()) &&
        units_[*leading].first < v && (tgt < 0 || code_of(*leading) != code_of(tgt)))
      src = *leading;
    std::vector<ActorRef> sources;
    if (src >= 0) {
      sources = units_[src].refs;
    } else if (!carried.empty() && c0 > 0 && (tgt < 0 || carried.front().code != code_of(tgt))) {
      sources = carried;
    } else {
      for (int k = 0; k < v; ++k) {
        if (!Live(k) || words_[k].unit < 0) continue;
        int u = words_[k].unit;
        if (tgt >= 0 && code_of(u) == code_of(tgt)) continue;
        src = u;
        break;
      }
      // A designated target: the first actor with another code, after the
      // verb if none is before it.
      for (int k = v + 1; k < c1 && src < 0 && tgt >= 0; ++k)
        if (Live(k) && words_[k].unit >= 0 && code_of(words_[k].unit) != code_of(tgt))
          src = words_[k].unit;
      if (src < 0) {
        no_actor_prior_ = true;  // COMPLEX: NOACTPRIOR
        return std::nullopt;
      }
      sources = units_[src].refs;
    }
    std::vector<ActorRef> targets;
    if (tgt >= 0) {
      targets = units_[tgt].refs;
    } else {
      const std::string& scode = sources.front().code;
      for (int k = v + 1; k < c1 && tgt < 0; ++k)
        if (Live(k) && words_[k].unit >= 0 && units_[words_[k].unit].first == k &&
            code_of(words_[k].unit) != scode)
          tgt = words_[k].unit;
      // Else the first such actor before the verb: in the clause, then in
      // the sentence.
      for (int k = c0; k < v && tgt < 0; ++k)
        if (Live(k) && words_[k].unit >= 0 && units_[words_[k].unit].first == k &&
            code_of(words_[k].unit) != scode)
          tgt = words_[k].unit;
      for (int k = 0; k < v && tgt < 0; ++k)
        if (Live(k) && words_[k].unit >= 0 && units_[words_[k].unit].first == k &&
            code_of(words_[k].unit) != scode)
          tgt = words_[k].unit;
      if (tgt >= 0)
        targets = units_[tgt].refs;
      else if (sources.size() >= 2)
        targets = sources;
      else
        return std::nullopt;
    }
    // Passive voice (manual 7.9): WAS, WERE or BEEN one or two words before
    // the verb and BY right after it.
    if (!designated) {
      bool aux = false;
      int seen = 0;
      for (int k = v - 1; k >= 0 && seen < 2; --k) {
        if (!Live(k) || words_[k].comma) continue;
        ++seen;
        aux |= OneOf(words_[k].lower, {"was", "were", "been"});
      }
      // (One modifier may come between: "was opposed earlier by".)
      bool by = false;
      for (int k = v + 1, seen_after = 0; k < static_cast<int>(words_.size()) && seen_after < 2;
           ++k) {
        if (!Live(k)) continue;
        if (words_[k].comma || words_[k].unit >= 0) break;
        ++seen_after;
        if (words_[k].lower == "by") {
          by = true;
          break;
        }
      }
      if (aux && by) std::swap(sources, targets);
    }
    c.sources = std::move(sources);
    c.targets = std::move(targets);
    return c;
  }

  const Dictionaries& dicts_;
  const Document& doc_;
  uint32_t s0_, s1_;
  const KeysView& keys_;
  int32_t story_days_;
  std::string* explain_;
  std::vector<Word> words_;
  std::vector<Unit> units_;
  bool all_caps_ = true;
  bool no_actor_prior_ = false;  // a phrase matched with no actor before its verb
};

}  // namespace

void CodeSentence(const Dictionaries& dicts, const Document& doc, uint32_t s0, uint32_t s1,
                  const KeysView& keys, int32_t story_days, const std::vector<ActorSpan>& actors,
                  std::vector<Coded>* out, std::string* explain) {
  SentenceCoder(dicts, doc, s0, s1, keys, story_days, explain).Run(actors, out);
}

}  // namespace detente::tabari
