#include "code/coder.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>

#include "code/event_date.h"
#include "code/tabari_conventions.h"
#include "read/dates.h"
#include "text/word_class.h"

namespace detente {

std::string_view ModalityName(Modality m) {
  switch (m) {
    case Modality::kAsserted:
      return "asserted";
    case Modality::kNegated:
      return "negated";
    case Modality::kPlanned:
      return "planned";
    case Modality::kHypothetical:
      return "hypothetical";
    case Modality::kNormative:
      return "normative";
  }
  return "asserted";
}

namespace {

// Called for nearly every token against short word lists: compare the
// length and first byte before calling memcmp.
inline bool In(std::string_view w, std::initializer_list<std::string_view> list) {
  if (w.empty()) {
    for (auto x : list)
      if (x.empty()) return true;
    return false;
  }
  const char c = w[0];
  for (auto x : list)
    if (x.size() == w.size() && x[0] == c && std::memcmp(x.data(), w.data(), w.size()) == 0)
      return true;
  return false;
}

// Closed word classes: a token carries their bits (text/word_class.h).
bool IsAuxiliary(const Token& t) { return t.word_class & kWcAuxiliary; }

// Verbs whose "to"-complement keeps its own truth: "continued to attack".
bool IsAspectual(std::string_view lemma) {
  // An attempt is an act: "tried to hack into", "attempted to storm".
  return In(lemma, {"continue", "begin", "start", "manage", "keep", "resume", "go", "use", "try",
                    "attempt", "resort"});
}

// Verbs whose "to"-complement is planned or intended, not done.
bool IsIntention(std::string_view lemma) {
  return In(lemma,
            {"set",        "expect",   "schedule", "due",      "poise",     "likely", "going",
             "able",       "ready",    "willing",  "plan",     "want",      "seek",   "hope",
             "intend",     "aim",      "decide",   "prepare",  "agree",     "vow",    "pledge",
             "promise",    "threaten", "offer",    "swear",    "propose",   "wish",   "like",
             "mean",       "move",     "look",     "expected", "scheduled", "slated", "eager",
             "determined", "prepared", "about",    "ask",      "urge",      "call",   "invite",
             "push",       "press",    "seem",     "appear"});
}

// Verbs whose object is the subject of their infinitive: "urged Japan to
// lift the ban".
bool IsObjectControl(std::string_view lemma) {
  return In(lemma,
            {"allow",   "permit", "force",    "urge",      "ask",      "invite",    "order",
             "call",    "push",   "press",    "help",      "enable",   "encourage", "persuade",
             "tell",    "compel", "pressure", "authorize", "instruct", "request",   "warn",
             "want",    "expect", "need",     "require",   "advise",   "remind",    "convince",
             "cause",   "prompt", "oblige",   "beg",       "implore",  "challenge", "mandate",
             "empower", "appeal", "lobby",    "inspire",   "get"});
}

bool IsRefusal(std::string_view lemma) {
  return In(lemma, {"refuse", "fail", "decline", "reject"});
}

bool IsChainAdverb(const Token& t) {
  return (t.pos == Pos::kAdverb && !(t.word_class & kWcWhAdverb)) ||
         (t.word_class & kWcChainAdverb);
}

bool IsClauseBoundary(const Token& t) { return t.word_class & kWcClauseBoundary; }

bool IsReciprocal(std::string_view head) {
  return In(head, {"meet",        "talk",      "negotiate", "agree",        "sign",      "clash",
                   "fight",       "cooperate", "discuss",   "conversation", "talks",     "meeting",
                   "negotiation", "consult",   "confer",    "exchange",     "reconcile", "summit",
                   "dialogue",    "agreement", "deal",      "accord",       "treaty",    "call",
                   "reach",       "hold",      "have",      "engage",       "resume",    "restore",
                   "normalize",   "establish", "launch",    "create",       "form",      "set"});
}

// Statements, appeals, demands, criticism and threats are said to someone:
// two actors making them together do not make them at each other ("UAE,
// China call for UN meeting"), unlike meeting or fighting.
bool IsAddressed(const CameoCode* code) {
  return code &&
         In(std::string_view(code->code).substr(0, 2), {"01", "02", "10", "11", "12", "13"});
}

// Roots whose actions are often taken at home, with no one else named:
// conceding, protesting, mobilising, repressing, violence.
bool IsDomesticRoot(std::string_view code) {
  std::string_view root = code.substr(0, 2);
  return In(root, {"08", "14", "15", "17", "18"});
}

constexpr std::string_view kDomesticRule = "builtin:domestic";

// The implied target of a domestic action: the source's own country.
ActorRef Domestic(const ActorRef& source) {
  ActorRef t;
  t.code = source.country;
  t.country = source.country;
  t.rule = std::string(kDomesticRule);
  t.span = {source.span.start, source.span.start};
  return t;
}

// What one attacks with words, not force: "attacked China's trade policy".
bool IsAbstractPossession(std::string_view lemma) {
  return In(lemma,
            {"trade",      "policy",   "economy",    "record",       "plan",       "decision",
             "stance",     "position", "approach",   "handling",     "response",   "rhetoric",
             "claim",      "remark",   "comment",    "behavior",     "behaviour",  "conduct",
             "action",     "move",     "tie",        "relationship", "relation",   "role",
             "influence",  "lending",  "investment", "ambition",     "strategy",   "model",
             "practice",   "law",      "rule",       "regime",       "leadership", "statement",
             "proposal",   "stand",    "line",       "narrative",    "propaganda", "support",
             "silence",    "refusal",  "failure",    "treatment",    "crackdown",  "intervention",
             "involvement"});
}

bool IsSayVerb(std::string_view lemma) {
  return In(lemma, {"say", "tell", "report", "announce", "state", "add", "claim", "confirm", "note",
                    "write"});
}

bool IsTravel(std::string_view lemma) {
  return In(lemma,
            {"trip", "visit", "travel", "go", "come", "arrive", "fly", "journey", "head", "tour"});
}

// Words before an event noun that make it not (yet) real.
bool IsPlannedNounModifier(std::string_view w) {
  return In(w, {"planned",     "upcoming",    "proposed", "possible",  "potential",
                "expected",    "future",      "next",     "scheduled", "anticipated",
                "prospective", "forthcoming", "pending",  "impending", "looming",
                "imminent",    "feared",      "likely",   "mooted",    "hoped-for"});
}

bool IsTimeWord(const Token& t) {
  if (t.word_class & kWcTimeWord) return true;
  std::string_view w = t.lower;
  if (MonthFromWord(w) > 0 && t.Is(kTokCapitalized)) return true;
  return t.pos == Pos::kNumber && w.size() <= 4;
}

int32_t Days(std::chrono::year_month_day d) {
  return static_cast<int32_t>(std::chrono::sys_days(d).time_since_epoch().count());
}

struct Group {
  std::vector<uint32_t> members;  // indexes into mentions
  uint32_t first = 0, end = 0;    // tokens
  bool has_and = false;           // a list needs "and"/"or": "A, B and C"
};

struct Chain {
  uint32_t start = 0;  // first token of the verb chain
  bool passive = false;
  bool infinitive = false;  // head is a bare "to V" with no governing verb in the chain
  Modality modality = Modality::kAsserted;
  std::string cue;
};

// The coder's per-document state.
struct DocState {
  std::map<std::string, int> country_counts;         // in the current segment
  std::map<std::string, std::string> country_names;  // "CHN" -> "China", as the text names it
  std::vector<ActorRef> recent_person, recent_plural, recent_thing;
  std::vector<std::vector<ActorRef>> recent_groups;
  int segment = -1;
};

}  // namespace

struct EventCoder::Impl {
  Impl(const Dictionaries& d, const MentionFinder& f) : dicts(d), finder(f) {}

  const Dictionaries& dicts;
  const MentionFinder& finder;
  const Document* doc = nullptr;  // the document being coded
  std::vector<Event>* events = nullptr;
  // Set while coding an event noun that only the clause's future tense
  // makes planned: no statement of intent follows from it.
  bool no_intent = false;
  std::string* explain = nullptr;
  DocState state;
  int32_t story_days = INT32_MIN;
  bool story_known = false;

  // Per sentence.
  uint32_t s0 = 0, s1 = 0, sentence_index = 0;
  std::vector<Mention> mentions;
  std::vector<TokenKeys> key_store;
  std::vector<bool> in_mention;
  std::vector<uint32_t> candidates;
  KeysView keys;
  std::vector<Group> groups;
  std::vector<int> group_starting_at, group_ending_at;  // by token - s0, -1 if none
  std::vector<std::vector<ActorRef>> group_actors;      // resolved actors per group
  std::vector<int> subject_of_head;                     // group index used as subject, by token
  std::vector<bool> consumed;   // tokens inside a matched verb pattern: no noun head there
  std::vector<int> subject_at;  // per token of the sentence: the subject group of its verb
  VerbPattern demand_pattern;   // the built-in reported-demand rule
  VerbPattern verbal_attack;    // "attacked China's trade": 111
  std::vector<ActorRef> last_noun_sources;  // for "meetings with A, and a meeting with B"
  bool question = false;

  const Token& tok(uint32_t i) const { return doc->tokens[i]; }

  ActorRef RefOf(const Mention& m) const {
    ActorRef r;
    r.code = m.code;
    r.country = m.org ? "" : m.country;
    r.sector = m.sector;
    r.name = m.name;
    r.rule = m.rule;
    r.span = {tok(m.first).start, tok(m.end - 1).end};
    return r;
  }

  std::vector<std::string> Dyad() const {
    std::vector<std::pair<int, std::string>> v;
    for (auto& [c, n] : state.country_counts) v.push_back({-n, c});
    std::sort(v.begin(), v.end());
    std::vector<std::string> out;
    for (auto& p : v) {
      if (out.size() == 2) break;
      out.push_back(p.second);
    }
    return out;
  }

  // "Bosnian Serbs", "Kosovo Albanians", "Bosnian Serb forces": a country
  // adjective before another nation's name for its people names that
  // country's residents, coded by the country they live in. The reverse order
  // names citizens by origin ("Chinese Americans", "Greek Cypriots"), coded
  // by the second word.
  void MergeResidentEthnicGroups() {
    for (std::size_t k = 0; k + 1 < mentions.size(); ++k) {
      Mention& a = mentions[k];
      Mention& b = mentions[k + 1];
      if (a.end != b.first || a.end - a.first != 1 || a.person || b.person || a.org || b.org ||
          a.pronoun || b.pronoun || a.country.empty() || b.country.empty() ||
          a.country == b.country || !a.sector.empty() || a.code != a.country)
        continue;
      const Token& adj = tok(a.first);
      const Token& eth = tok(b.first);
      // Only adjectives and people's names, not "Iran nuclear deal" style
      // nouns or two countries in a row.
      if (adj.pos != Pos::kAdjective && adj.pos != Pos::kProperNoun) continue;
      std::string_view w = eth.lower;
      bool people = (w.ends_with("s") && w.size() > 3) ||
                    In(w, {"serb", "croat", "albanian", "kurd", "turk", "russian", "hungarian",
                           "uzbek", "tajik", "pashtun", "greek", "cypriot"});
      if (!people || !b.code.starts_with(b.country)) continue;
      bool by_origin = In(w, {"americans", "american", "canadians", "canadian", "australians",
                              "australian", "cypriots", "cypriot", "israelis", "britons",
                              "brazilians", "argentines", "argentinians"});
      Mention merged = b;
      if (!by_origin) {
        merged.country = a.country;
        merged.code = a.country + b.sector;
      }
      merged.first = a.first;
      merged.name = std::string(
          doc->text.substr(tok(a.first).start, tok(b.end - 1).end - tok(a.first).start));
      merged.rule = (by_origin ? b.rule : a.rule) + " + " + (by_origin ? a.rule : b.rule);
      b = merged;
      mentions.erase(mentions.begin() + static_cast<std::ptrdiff_t>(k));
    }
  }

  // "support to Israel and China called for aid", "an invasion of Gaza and
  // Mike Johnson elected Speaker": after a phrase that ends a clause's
  // object, an actor followed by its own verb starts the next clause.
  // (Only after a preposition of place or direction: "ministers of India and
  // the US denounce", "as Biden and Xi prepare" are subjects; nor before a
  // reduced relative: "sanctions on Syrian and Congolese officials accused
  // of".)
  bool StartsClause(const Group& g, const Mention& m) const {
    if (g.first <= s0 || m.end + 1 >= s1) return false;
    if (!In(tok(g.first - 1).lower, {"to", "on", "against", "into", "at", "for", "with", "from"}))
      return false;
    const Token& next = tok(m.end);
    if (next.lower.ends_with("ed") && In(tok(m.end + 1).lower, {"of", "by", "in", "with"}))
      return false;
    return (next.pos == Pos::kVerbPast || next.pos == Pos::kVerb || next.pos == Pos::kModal) &&
           !IsAuxiliary(next);
  }

  void BuildGroups() {
    groups.clear();
    const uint32_t n = s1 - s0;
    group_starting_at.assign(n + 1, -1);
    group_ending_at.assign(n + 1, -1);
    for (uint32_t k = 0; k < mentions.size(); ++k) {
      const Mention& m = mentions[k];
      bool joined = false;
      if (!groups.empty()) {
        Group& g = groups.back();
        const Mention& prev = mentions[g.members.back()];
        // Between the previous mention and this one: only "and", "or", ",".
        uint32_t gap_first = prev.end, gap_end = m.first;
        bool only_conj = gap_end > gap_first && gap_end - gap_first <= 3;
        bool has_and = false, has_comma = false;
        for (uint32_t t = gap_first; t < gap_end && only_conj; ++t) {
          std::string_view w = tok(t).lower;
          if (w == "and" || w == "or" || w == "as well as")
            has_and = true;
          else if (w == ",")
            has_comma = true;
          else if ((w == "the" || w == "its" || w == "their") && t + 1 == gap_end)
            continue;
          else
            only_conj = false;
        }
        if (only_conj && !m.pronoun && !prev.pronoun) {
          // Apposition: "Qin Gang, China's foreign minister," - a person and
          // a description of the same actor, closed by a comma.
          bool closes = m.end < s1 && tok(m.end).norm == ",";
          bool appos = has_comma && !has_and && closes && g.members.size() == 1 &&
                       (prev.person != m.person) && !m.dyad && !prev.dyad;
          if (appos) {
            Mention& keep = mentions[g.members.back()];
            if (!keep.person) {
              // The description came first: "China's top diplomat, Wang Yi,".
              Mention merged = m;
              merged.first = keep.first;
              keep = merged;
            } else if (keep.country.empty() && !keep.org) {
              keep.country = m.country;
              keep.code = m.code;
            }
            keep.end = m.end;
            g.end = m.end;
            joined = true;
          } else if ((has_and || has_comma) && !(has_and && StartsClause(g, m))) {
            g.members.push_back(k);
            g.end = m.end;
            g.has_and |= has_and;
            joined = true;
          }
        }
      }
      if (!joined) {
        Group g;
        g.members.push_back(k);
        g.first = m.first;
        g.end = m.end;
        groups.push_back(g);
      }
    }
    // "A, B" without "and" is two phrases ("by agencies, the government"),
    // not a list.
    {
      std::vector<Group> split;
      for (auto& g : groups) {
        // (Three or more bare countries are a list even without "and":
        // "to Iran, Libya, North Korea, Sudan, and with strings attached, Cuba".)
        // (Nor two at the start of a headline: "US, China to discuss export
        // controls".)
        bool country_list = g.members.size() >= 3 || (g.members.size() == 2 && g.first == s0);
        for (uint32_t k : g.members)
          country_list &= !mentions[k].person && !mentions[k].org && mentions[k].sector.empty() &&
                          !mentions[k].country.empty();
        if (g.members.size() > 1 && !g.has_and && !country_list) {
          for (uint32_t k : g.members) {
            Group one;
            one.members = {k};
            one.first = mentions[k].first;
            one.end = mentions[k].end;
            split.push_back(one);
          }
        } else {
          split.push_back(g);
        }
      }
      groups.swap(split);
    }
    group_actors.assign(groups.size(), {});
    for (uint32_t gi = 0; gi < groups.size(); ++gi) {
      group_starting_at[groups[gi].first - s0] = static_cast<int>(gi);
      group_ending_at[groups[gi].end - s0] = static_cast<int>(gi);
      for (uint32_t k : groups[gi].members) ResolveMention(mentions[k], &group_actors[gi]);
      // Later pronouns in the same sentence may refer to this group.
      RememberGroup(gi);
    }
  }

  void ResolveMention(const Mention& m, std::vector<ActorRef>* out) {
    if (m.dyad) {
      auto d = Dyad();
      if (d.size() < 2) return;
      for (auto& c : d) {
        ActorRef r;
        r.country = c;
        r.sector = m.sector;
        r.code = c + m.sector;
        auto named = state.country_names.find(c);
        r.name = (named != state.country_names.end() ? named->second : c) + " (" + m.name + ")";
        r.rule = m.rule;
        r.span = {tok(m.first).start, tok(m.end - 1).end};
        out->push_back(r);
      }
      return;
    }
    if (m.pronoun) {
      const std::vector<ActorRef>* src = nullptr;
      if (m.name == "he" || m.name == "He" || m.name == "she" || m.name == "She")
        src = &state.recent_person;
      else if (m.plural)
        src = state.recent_groups.empty() ? nullptr : &state.recent_groups.back();
      else
        src = &state.recent_thing;
      if (!src || src->empty()) return;
      if (m.plural) {
        for (auto r : *src) {
          r.span = {tok(m.first).start, tok(m.end - 1).end};
          if (r.name.find(" (") == std::string::npos) r.name = r.name + " (" + m.name + ")";
          out->push_back(r);
        }
      } else {
        ActorRef r = src->back();
        r.span = {tok(m.first).start, tok(m.end - 1).end};
        if (r.name.find(" (") == std::string::npos) r.name = r.name + " (" + m.name + ")";
        out->push_back(r);
      }
      return;
    }
    if (!m.Known()) {
      // "police", "protesters" without a country: the country of the nearest
      // actor in the sentence ("Liberian riot police ... demonstrators").
      if (m.sector.empty() || m.code.rfind("---", 0) != 0) return;
      // "blamed a Ukrainian strike on their soldiers": a possessive's
      // antecedent, not the nearest actor.
      if (m.first > s0 && In(tok(m.first - 1).lower, {"their", "its"})) {
        const std::vector<ActorRef>* ante =
            tok(m.first - 1).lower == "its"
                ? &state.recent_thing
                : (state.recent_groups.empty() ? nullptr : &state.recent_groups.back());
        if (ante && !ante->empty() && !ante->back().country.empty()) {
          ActorRef r = RefOf(m);
          r.country = ante->back().country;
          r.code = r.country + m.sector;
          r.rule = m.rule + " + country from " + std::string(tok(m.first - 1).norm);
          out->push_back(r);
          return;
        }
      }
      // The nearest actor before it, unless one is attached right after it
      // ("police in Nairobi", "officials from Russia"): "arresting political
      // opponents, a spokeswoman for the U.S. embassy said" are Haiti's.
      const Mention* before = nullptr;
      const Mention* after = nullptr;
      for (const auto& o : mentions) {
        if (&o == &m || o.country.empty() || o.org || o.pronoun || o.dyad) continue;
        if (o.first < m.first) {
          if (!before || o.first > before->first) before = &o;
        } else if (!after || o.first < after->first) {
          after = &o;
        }
      }
      bool attached = after && m.end < s1 && after->first <= m.end + 3 &&
                      In(tok(m.end).lower, {"in", "from", "of", "at", "for"});
      // Not "the embassy in Tehran": whose embassy it is, the city does not say.
      if (attached && tok(m.end).lower == "in" &&
          In(tok(m.end - 1).lemma, {"embassy", "consulate", "mission", "legation"})) {
        attached = false;
        after = nullptr;
      }
      // Reporters are mostly not the country's own ("Biden discussed
      // China's policies with reporters"): only "journalists in Iran".
      if (!attached && m.sector == "MED") return;
      const Mention* best = attached ? after : before ? before : after;
      if (!best) return;
      ActorRef r = RefOf(m);
      r.country = best->country;
      r.code = best->country + m.sector;
      r.rule = m.rule + " + country from " + best->name;
      out->push_back(r);
      return;
    }
    out->push_back(RefOf(m));
  }

  // Updates the state with one group: counts and antecedents.
  void RememberGroup(uint32_t gi) {
    {
      const auto& actors = group_actors[gi];
      if (actors.empty()) return;
      bool pronoun_or_dyad = false;
      for (uint32_t k : groups[gi].members)
        pronoun_or_dyad |= mentions[k].pronoun || mentions[k].dyad;
      if (!pronoun_or_dyad) {
        for (uint32_t k : groups[gi].members) {
          const Mention& m = mentions[k];
          if (!m.country.empty() && m.Known() && !m.org && m.country != "---") {
            state.country_counts[m.country]++;
            if (!m.person && m.sector.empty() && !m.modifier_only)
              state.country_names.emplace(m.country, m.name);
          }
        }
      }
      // (Not a country adjective before an ordinary noun: in "the Russian
      // authorities blamed a Ukrainian strike on their soldiers", "their"
      // is the authorities'.)
      if (actors.size() > 1 || (mentions[groups[gi].members[0]].plural &&
                                !mentions[groups[gi].members[0]].modifier_only)) {
        state.recent_groups.push_back(actors);
        if (state.recent_groups.size() > 8) state.recent_groups.erase(state.recent_groups.begin());
      }
      if (actors.size() == 1) {
        const Mention& m = mentions[groups[gi].members[0]];
        if (m.person)
          state.recent_person = {actors[0]};
        else if (!m.plural && !m.pronoun)
          state.recent_thing = {actors[0]};
      }
    }
  }

  // The verb chain to the left of a head verb: auxiliaries, negation,
  // adverbs, "to" and catenative verbs.
  // The actor group that ends right before `head`, allowing up to two
  // common nouns after it ("the Hamas movement jailed"); -1 if none.
  int GroupBefore(uint32_t head) const {
    for (uint32_t k = head, n = 0; k > s0 && n <= 2; --k, ++n) {
      if (group_ending_at[k - s0] >= 0) return group_ending_at[k - s0];
      if (tok(k - 1).pos != Pos::kNoun) break;
    }
    return -1;
  }

  Chain AnalyzeChain(uint32_t head) {
    Chain c;
    c.start = head;
    bool saw_to = false, saw_governor = false;
    bool has_neg = false, has_norm = false, has_hyp = false, has_plan = false, aspectual = false;
    std::string neg_cue, norm_cue, hyp_cue, plan_cue;
    bool be_closest = false, seen_aux = false;
    const Token& h = tok(head);
    for (uint32_t k = head; k > s0;) {
      --k;
      const Token& t = tok(k);
      std::string_view w = t.lower;
      if ((t.word_class & kWcNegation) && w != "no") {
        has_neg = true;
        neg_cue = std::string(t.norm);
      } else if (w == "to" && (k + 1 == head || IsChainAdverb(tok(k + 1)))) {
        saw_to = true;
      } else if (t.word_class & kWcAuxiliary) {
        if (!seen_aux && (t.word_class & kWcBeForm)) be_closest = true;
        seen_aux = true;
        if (In(w, {"should", "must"})) {
          has_norm = true;
          norm_cue = std::string(t.norm);
        } else if (In(w, {"would", "could", "might", "may", "'d", "can", "ca"})) {
          if (w != "can" && w != "ca") {
            has_hyp = true;
            hyp_cue = std::string(t.norm);
          }
        } else if (In(w, {"will", "shall", "'ll", "wo"})) {
          has_plan = true;
          plan_cue = std::string(t.norm);
        } else if (In(w, {"has", "have", "had"}) && saw_to && !saw_governor) {
          has_norm = true;  // "has to", "have to"
          norm_cue = std::string(t.norm) + " to";
        }
      } else if (IsChainAdverb(t)) {
        // skip
      } else if (saw_to && !saw_governor &&
                 (IsVerbPos(t.pos) || t.pos == Pos::kAdjective || t.pos == Pos::kUnknown ||
                  IsIntention(t.lemma) || IsAspectual(t.lemma) || w == "need" || w == "needs" ||
                  w == "ought")) {
        saw_governor = true;
        if (In(t.lemma, {"need", "ought"}) || In(w, {"need", "needs", "ought"})) {
          has_norm = true;
          norm_cue = std::string(t.norm) + " to";
        } else if (IsRefusal(t.lemma)) {
          has_neg = true;
          neg_cue = std::string(t.norm) + " to";
        } else if (IsAspectual(t.lemma) || (t.lemma == "decide" && t.pos != Pos::kVerbGerund)) {
          // "decided to allow the candidate": a decision taken is the act.
          aspectual = true;
        } else if (IsIntention(t.lemma) || IsIntention(w)) {
          has_plan = true;
          plan_cue = std::string(t.norm) + " to";
        } else {
          // Not an intention ("led to arrests", "helped to"): an aim, which
          // states no intent of its own.
          has_plan = true;
          plan_cue = "to";
        }
        // "going to": an intention. "are set to": "set" is tagged VBN.
        if (w == "going") {
          has_plan = true;
          plan_cue = "going to";
          aspectual = false;
        }
      } else {
        break;
      }
      c.start = k;
    }
    if (saw_to && !saw_governor) {
      c.infinitive = true;
      // A bare infinitive after a noun or at the start: purpose of a trip
      // ("went to China to meet Xi") keeps the trip's truth; otherwise it is
      // an aim ("efforts to slow the slide").
      bool travel = false;
      for (uint32_t k = c.start; k > s0 && k + 10 > c.start;) {
        --k;
        if (IsTravel(tok(k).lemma)) {
          travel = true;
          break;
        }
      }
      if (!travel) {
        has_plan = true;
        plan_cue = "to";
      }
    }
    // Passive: be/get + past participle. Not a participle used as an
    // adjective with its preposition: "were engaged in ethnic cleansing",
    // "is committed to opening the economy".
    if ((h.pos == Pos::kVerbPastPart || h.pos == Pos::kVerbPast) && be_closest &&
        !(head + 1 < s1 &&
          In(h.lemma, {"engage", "involve", "commit", "dedicate", "devote", "determine", "oppose",
                       "interest", "concern", "resolve", "prepare"}) &&
          In(tok(head + 1).lower, {"in", "to", "about", "on"})))
      c.passive = true;
    // A reduced relative ("ten soldiers killed in Ukraine", "the civilians
    // imprisoned for ..."): a participle right after its noun phrase, when the
    // clause already has its verb or a "by" follows.
    if (!c.passive && c.start == head && (h.pos == Pos::kVerbPastPart || h.pos == Pos::kVerbPast) &&
        head > s0 && GroupBefore(head) >= 0) {
      bool by_follows = head + 1 < s1 && tok(head + 1).lower == "by";
      bool earlier_verb = false;
      for (uint32_t k = groups[GroupBefore(head)].first; k > s0;) {
        --k;
        const Token& t = tok(k);
        if (t.norm == "," || t.norm == ";" || IsClauseBoundary(t)) break;
        if (In(t.lower,
               {"including", "following", "according", "excluding", "concerning", "regarding"}))
          continue;
        if (IsVerbPos(t.pos) || IsAuxiliary(t)) {
          earlier_verb = true;
          break;
        }
      }
      // "gunships killed 46 civilians": a participle with its own object is
      // the clause's active verb.
      bool has_object = false;
      if (head + 1 < s1) {
        const Token& n = tok(head + 1);
        has_object = group_starting_at[head + 1 - s0] >= 0 || n.pos == Pos::kNumber ||
                     n.pos == Pos::kDeterminer || n.lower == "that" ||
                     ((n.pos == Pos::kNoun || n.pos == Pos::kAdjective) &&
                      !In(n.lower, {"today", "yesterday", "tonight", "overnight", "earlier", "last",
                                    "next", "late", "early"}));
        // "jailed a year ago", "killed two weeks ago": a time, not an object.
        for (uint32_t k = head + 1; has_object && k < s1 && k < head + 5; ++k)
          if (tok(k).lower == "ago") has_object = false;
      }
      // "the mayor, a member of the Hamas movement jailed a year ago": a
      // noun phrase inside a prepositional phrase or apposition is not a
      // subject, so its participle is a reduced relative.
      bool np_in_phrase = false;
      {
        uint32_t k = groups[GroupBefore(head)].first;
        while (k > s0 && (tok(k - 1).pos == Pos::kDeterminer || tok(k - 1).pos == Pos::kAdjective ||
                          tok(k - 1).pos == Pos::kNoun || tok(k - 1).pos == Pos::kProperNoun))
          --k;
        bool quantity = k > s0 + 1 && tok(k - 1).lower == "of" &&
                        (tok(k - 2).pos == Pos::kNumber ||
                         In(tok(k - 2).lower, {"hundreds", "thousands", "dozens", "millions",
                                               "tens", "scores", "some", "many", "most", "all",
                                               "several", "group", "members", "number"}));
        // (Regular "-ed" forms are past tense or participle alike; the
        // tagger's guess between them is weak. "withdrew", "said" are not.)
        bool participle = h.pos == Pos::kVerbPastPart || h.lower.ends_with("ed");
        if (participle && !quantity && k > s0 &&
            (tok(k - 1).pos == Pos::kPreposition || tok(k - 1).norm == ",") &&
            !In(tok(k - 1).lower,
                {"that", "because", "as", "while", "after", "before", "when", "if", "since",
                 "although", "though", "until", "once", "whether"})) {
          // Only once the sentence has had its main verb: "Opponents of
          // Rwanda's Senate protested" is the subject phrase and its verb.
          for (uint32_t q = s0; q + 1 < k && !np_in_phrase; ++q)
            np_in_phrase = IsVerbPos(tok(q).pos) && tok(q).pos != Pos::kVerbGerund;
        }
      }
      // "The civilians imprisoned for acting against Moscow were released":
      // the clause's own finite verb is still to come.
      bool later_finite = false;
      if (!has_object) {
        for (uint32_t k = head + 1; k < s1 && k < head + 20; ++k) {
          const Token& t = tok(k);
          if (t.norm == "," || IsClauseBoundary(t) || (t.word_class & kWcCoordinator) ||
              t.lower == "to")
            break;
          if (t.word_class & kWcFiniteAux) {
            later_finite = true;
            break;
          }
        }
      }
      if (by_follows || ((earlier_verb || np_in_phrase || later_finite) && !has_object))
        c.passive = true;
    }
    if (!c.passive && c.start == head && head > s0 &&
        (h.pos == Pos::kVerbPastPart || h.pos == Pos::kVerbPast)) {
      // "Liverpool striker's parents kidnapped in Colombia": in a headline
      // with no other verb, a participle of a verb that needs an object,
      // followed by where or when, is passive.
      bool headline_passive = false;
      if (head + 1 < s1 &&
          In(tok(head + 1).lower, {"in", "at", "near", "during", "after", "over", "on", "off",
                                   "outside", "inside", "across", "while", "as"}) &&
          In(h.lemma,
             {"kill",   "kidnap",  "abduct",   "arrest",  "detain",  "jail",     "wound",
              "injure", "capture", "sentence", "convict", "charge",  "execute",  "hang",
              "expel",  "deport",  "torture",  "free",    "release", "seize",    "behead",
              "stab",   "beat",    "attack",   "target",  "hold",    "imprison", "indict"})) {
        headline_passive = true;
        for (uint32_t k = s0; k < s1 && headline_passive; ++k)
          // (A participle coordinated with ours is no other verb: "arrested
          // in Hong Kong for gun possession and granted bail".)
          if (k != head &&
              (tok(k).pos == Pos::kVerb || tok(k).pos == Pos::kVerbPast ||
               tok(k).pos == Pos::kModal || (tok(k).word_class & kWcFiniteAux)) &&
              !(k > s0 && tok(k - 1).lower == "and" && tok(k).lower.ends_with("ed")))
            headline_passive = false;
      }
      if (headline_passive) c.passive = true;
    }
    // "must agree to changes before they demobilize", "until Israel
    // withdraws": a present tense in a time or condition clause is not yet
    // done.
    if (!has_hyp && !has_norm && !seen_aux && h.pos == Pos::kVerb) {
      for (uint32_t k = c.start; k > s0 && k + 8 > c.start;) {
        --k;
        const Token& t = tok(k);
        // ("before he travels to China": a trip to come; "until Israel
        // withdraws": a condition.)
        if (In(t.lower, {"before", "once"})) {
          has_plan = true;
          plan_cue = std::string(t.norm);
          break;
        }
        if (In(t.lower, {"until", "till", "unless"})) {
          has_hyp = true;
          hyp_cue = std::string(t.norm);
          break;
        }
        if (t.norm == "," || IsClauseBoundary(t) || IsVerbPos(t.pos) || t.pos == Pos::kModal) break;
      }
    }
    // Reported future: "said it would impose" is planned, not hypothetical.
    if (has_hyp && (hyp_cue == "would" || hyp_cue == "'d")) {
      for (uint32_t k = c.start; k > s0 && k + 8 > c.start;) {
        --k;
        if (In(tok(k).lemma, {"say", "announce", "state", "warn", "confirm", "declare", "tell",
                              "pledge", "vow", "promise", "threaten"})) {
          has_hyp = false;
          has_plan = true;
          plan_cue = "said ... would";
          break;
        }
      }
    }
    if (has_norm) {
      c.modality = Modality::kNormative;
      c.cue = norm_cue;
    } else if (has_hyp) {
      c.modality = Modality::kHypothetical;
      c.cue = hyp_cue;
    } else if (has_neg) {
      c.modality = Modality::kNegated;
      c.cue = neg_cue;
      // "will not", "said it would not": a refusal announced now.
      if (has_plan && !aspectual && In(plan_cue, {"will", "'ll", "wo", "shall", "said ... would"}))
        c.cue = plan_cue + " " + neg_cue;
    } else if (has_plan && !aspectual) {
      c.modality = Modality::kPlanned;
      c.cue = plan_cue;
    }
    // Inside what someone demands or urges ("demanded that the US cancel
    // plans", "urged Japan to lift the ban"), an event is wanted, not done.
    if (c.modality == Modality::kAsserted || c.modality == Modality::kPlanned) {
      for (uint32_t k = c.start; k > s0 && k + 16 > c.start;) {
        --k;
        const Token& t = tok(k);
        if (t.norm == ";" || t.norm == ":") break;
        if ((IsVerbPos(t.pos) || t.pos == Pos::kNoun) &&
            In(t.lemma, {"demand", "urge", "ask", "press", "request", "appeal", "call", "insist",
                         "recommend", "suggest", "propose", "want", "wish", "plead", "beg"})) {
          // Only when our verb is in its complement: "that ..." or "X to ...".
          bool complement = false;
          for (uint32_t q = k + 1; q < c.start && q < k + 8; ++q)
            if (tok(q).lower == "that" || tok(q).lower == "for" ||
                (tok(q).lower == "to" && q + 1 == c.start) ||
                (tok(q).lower == "on" && t.lemma == "call"))
              complement = true;
          if (c.start > s0 && tok(c.start - 1).lower == "to" && k + 1 < c.start) complement = true;
          if (complement) {
            c.modality = Modality::kNormative;
            c.cue = std::string(t.norm);
          }
          break;
        }
      }
    }
    // "China denied that it had provided weapons to Russia", "Qin Gang
    // denied China had ...": what is denied is not asserted.
    if (c.modality == Modality::kAsserted || c.modality == Modality::kPlanned) {
      for (uint32_t k = c.start; k > s0 && k + 12 > c.start;) {
        --k;
        const Token& t = tok(k);
        if (t.norm == ";" || t.norm == ":" || t.norm == "," || (t.word_class & kWcCoordinator))
          break;  // ("denied the accusations and criticized the US": its own act)
        if (IsVerbPos(t.pos) && In(t.lemma, {"deny", "refute", "rebut"})) {
          c.modality = Modality::kNegated;
          c.cue = std::string(t.norm);
          break;
        }
        if (IsVerbPos(t.pos) && !IsAuxiliary(t)) break;  // another verb's clause
      }
    }
    // Conditions and questions.
    if (c.modality == Modality::kAsserted || c.modality == Modality::kPlanned) {
      for (uint32_t k = c.start; k > s0;) {
        --k;
        const Token& t = tok(k);
        if (t.lower == ";") break;
        if (t.word_class & kWcCondition) {
          c.modality = Modality::kHypothetical;
          c.cue = std::string(tok(k).norm);
          break;
        }
      }
      if (question) {
        c.modality = Modality::kHypothetical;
        c.cue = "?";
      }
    }
    return c;
  }

  // A literal matches the token's lemma or lower-case form, or a plural /
  // 3rd-person form the tagger did not lemmatise; all compared as ids.
  // "from March 1", "in March": the month, not a protest march.
  bool IsMonthName(uint32_t k) const {
    const Token& t = tok(k);
    if (t.norm != "March") return false;
    return (k + 1 < s1 && tok(k + 1).pos == Pos::kNumber) ||
           (k > s0 && In(tok(k - 1).lower, {"in", "from", "since", "until", "by", "on", "last",
                                            "next", "early", "late", "mid", "of", "through"}));
  }

  bool TokenMatches(uint32_t token, const std::vector<uint32_t>& ids) const {
    const TokenKeys& k = keys[token];
    for (uint32_t id : ids)
      if (id == k.lemma || id == k.lower || id == k.stem || id == k.stem2) return true;
    return false;
  }

  // Finds a group starting within a few tokens of `pos` (skipping
  // determiners, adjectives, numbers); -1 if none.
  int GroupStartingNear(uint32_t pos, uint32_t window) const {
    for (uint32_t k = pos; k < s1 && k < pos + window + 1; ++k) {
      int g = group_starting_at[k - s0];
      if (g >= 0) return g;
      const Token& t = tok(k);
      if (IsClauseBoundary(t) || t.norm == "," || t.norm == ".") return -1;
      // "fired shells at targets in Jericho", "struck rebel positions near
      // Bakhmut": the places stand for the actor named after them.
      auto place_head = [&](uint32_t q) {
        return q + 1 < s1 && tok(q).pos == Pos::kNoun &&
               In(tok(q + 1).lower,
                  {"in", "near", "of", "across", "around", "outside", "inside"}) &&
               In(tok(q).lemma,
                  {"target",        "position",     "area",     "site",         "camp",
                   "base",          "village",      "town",     "home",         "house",
                   "building",      "outpost",      "post",     "part",         "district",
                   "neighbourhood", "neighborhood", "facility", "installation", "stronghold",
                   "hideout",       "depot",        "city",     "port"});
      };
      if (place_head(k) || (t.pos == Pos::kNoun && place_head(k + 1))) {
        if (!place_head(k)) ++k;  // "guerrilla camps in": a noun before the place
        ++k;
        window += 3;
        continue;
      }
      if (IsVerbPos(t.pos) && t.pos != Pos::kVerbGerund && t.pos != Pos::kVerbPastPart) return -1;
      if (!(t.pos == Pos::kDeterminer || t.pos == Pos::kAdjective || t.pos == Pos::kNumber ||
            t.pos == Pos::kAdverb ||
            In(t.lower, {"the", "a", "an", "its", "their", "his", "her", "fellow", "both", "all"})))
        return -1;
    }
    return -1;
  }

  struct PatternMatch {
    uint32_t end = 0;  // one past the last matched token
    int target_group = -1;
    int literal_group = -1;  // an actor phrase that contains a literal ("two British diplomats")
    bool target_in_subject = false;  // passive: {T} is the subject
  };

  // Literals a pattern requires before its head (TABARI and PETRARCH
  // patterns such as "- SAID WOULD NOT *"): nearest first, each within 6
  // tokens before the next, in the same sentence.
  bool MatchBefore(const VerbPattern& p, uint32_t head) const {
    uint32_t pos = head;
    for (std::size_t e = p.before.size(); e-- > 0;) {
      uint32_t k = pos;
      bool found = false;
      for (int n = 0; n < 6 && k > s0 && !found; ++n) found = TokenMatches(--k, p.before[e].ids);
      if (found)
        pos = k;
      else if (!p.before[e].optional)
        return false;
    }
    return true;
  }

  // "denounced as an ugly crime Serbia's suppression of ...", "condemned as
  // 'unacceptable' allegations by Rwanda": a judgement put before its object.
  int ObjectAfterAsPhrase(uint32_t head, uint32_t pos) const {
    if (pos >= s1 || tok(pos).lower != "as" ||
        !In(tok(head).lemma,
            {"condemn", "denounce", "criticize", "criticise", "slam", "reject", "dismiss", "brand",
             "decry", "describe", "hail", "welcome", "praise", "label", "blast"}))
      return -1;
    for (uint32_t k = pos + 1; k < s1 && k < pos + 10; ++k) {
      if (int g = group_starting_at[k - s0]; g >= 0) return k > pos + 1 ? g : -1;
      const Token& t = tok(k);
      // ("allegations by Rwanda": the one whose words are judged.)
      if (In(t.lower, {"by", "of", "from"}) && k > pos + 2 && k + 1 < s1)
        return group_starting_at[k + 1 - s0];
      if (!(t.pos == Pos::kDeterminer || t.pos == Pos::kAdjective || t.pos == Pos::kNoun ||
            t.pos == Pos::kAdverb || In(t.norm, {"\"", "`", "``", "''", "'"})))
        return -1;
    }
    return -1;
  }

  std::optional<PatternMatch> MatchPattern(const VerbPattern& p, uint32_t head,
                                           const Chain* chain) {
    if (!p.before.empty() && !MatchBefore(p, head)) return std::nullopt;
    PatternMatch r;
    uint32_t pos = head + 1;
    bool passive = chain && chain->passive;
    bool gap = false;
    for (std::size_t e = 0; e < p.elements.size(); ++e) {
      const PatternElement& el = p.elements[e];
      if (el.kind == PatternElement::kTarget) {
        int g = GroupStartingNear(pos, gap ? 12 : 3);
        if (gap && g < 0) g = GroupInClause(pos, 12, -1);
        if (g < 0 && !gap && e == 0) g = ObjectAfterAsPhrase(head, pos);
        gap = false;
        if (g < 0 && passive && e == 0) {
          r.target_in_subject = true;  // "X was accused of": X is the target
          continue;
        }
        if (g < 0) return std::nullopt;
        r.target_group = g;
        pos = groups[g].end;
        continue;
      }
      if (el.words.size() == 1 && el.words[0] == "...") {
        gap = true;
        continue;
      }
      bool found = false;
      uint32_t window = gap ? 13 : 5;
      gap = false;
      for (uint32_t k = pos; k < s1 && k < pos + window; ++k) {
        const Token& t = tok(k);
        if (TokenMatches(k, el.ids) && !IsMonthName(k)) {
          pos = k + 1;
          found = true;
          break;
        }
        if (In(t.norm, {";", ":", ".", "?", "!"}) ||
            In(t.lower, {"that", "which", "who", "because", "while"}))
          break;
        // An event noun's words form one phrase: not across a verb, another
        // preposition or a conjunction ("the Russian invasion and grows wary
        // of China", "aid at risk from the Taliban").
        if (!chain && (IsVerbPos(t.pos) || t.pos == Pos::kPreposition ||
                       t.pos == Pos::kConjunction || t.norm == ","))
          break;
        // Nor a verb's words across another verb ("Set to Lift Covid Travel
        // Restrictions" is no "set to travel").
        if (chain && IsVerbPos(t.pos) && t.pos != Pos::kVerbGerund && t.pos != Pos::kVerbPastPart &&
            !IsAuxiliary(t))
          break;
        if (group_starting_at[k - s0] >= 0) {
          // The literal may be the head of an actor phrase: "expelled two
          // British diplomats" -> the phrase is the target.
          int g = group_starting_at[k - s0];
          uint32_t inside = 0;
          for (uint32_t q = k; q < groups[g].end && !inside; ++q)
            if (TokenMatches(q, el.ids)) inside = q;
          if (inside) {
            // "opened a WTO dispute": the literal is an organisation's name.
            // ("other military intelligence": the next literal may follow
            // inside the phrase.)
            pos = inside + 1 < groups[g].end && e + 1 < p.elements.size() &&
                          p.elements[e + 1].kind != PatternElement::kTarget &&
                          TokenMatches(inside + 1, p.elements[e + 1].ids)
                      ? inside + 1
                      : groups[g].end;
            if (p.elements.size() == e + 1 && !p.has_target) r.literal_group = g;
            found = true;
            break;
          }
          if (k > pos && window <= 5) break;  // an actor in between ends the phrase
        }
      }
      if (!found && passive && chain) {
        // "sanctions were imposed on X": the object literal is the subject.
        for (uint32_t k = chain->start; k > s0 && k + 5 > chain->start;) {
          --k;
          if (TokenMatches(k, el.ids)) {
            found = true;
            break;
          }
        }
      }
      if (!found && !el.optional) return std::nullopt;
    }
    r.end = pos;
    return r;
  }

  // The ranks (positions in the head's list) of the patterns worth trying at
  // head token h: those whose first required word occurs within the next
  // few tokens, plus those that start with a target, gap or optional word.
  void Candidates(uint32_t h, uint32_t head_id, bool noun, std::vector<uint32_t>* out) {
    out->clear();
    uint32_t hid = head_id | (noun ? 0x80000000u : 0);
    if (auto* w = dicts.HeadsWithoutFirstWord(hid)) out->insert(out->end(), w->begin(), w->end());
    for (uint32_t k = h + 1; k < s1 && k < h + 6; ++k) {
      const TokenKeys& tk = keys[k];
      uint32_t ids[4] = {tk.lemma, tk.lower, tk.stem, tk.stem2};
      for (int i = 0; i < 4; ++i) {
        if (!ids[i] || (i > 0 && ids[i] == ids[0]) || (i > 1 && ids[i] == ids[1])) continue;
        if (auto* v = dicts.HeadsByFirstWord(hid, ids[i]))
          out->insert(out->end(), v->begin(), v->end());
      }
      // Words inside an actor phrase count too ("WTO dispute").
    }
    if (auto* w = dicts.HeadsByFirstWord(hid, 0)) out->insert(out->end(), w->begin(), w->end());
    std::sort(out->begin(), out->end());
    out->erase(std::unique(out->begin(), out->end()), out->end());
  }

  // The subject group of a verb chain starting at `start`, or -1.
  // The actor heading the noun phrase that ends right before token `k`: "U.N.
  // helicopters", "the Palestinian Islamic Jihad movement", "inhabitants of
  // the Golan Heights", "Recent US Predator attacks"; -1 if none.
  int ActorHeadingPhraseBefore(uint32_t k) const {
    if (k <= s0) return -1;
    const Token& before = tok(k - 1);
    bool nounish_before =
        IsNounPos(before.pos) || before.pos == Pos::kAdjective || before.norm == ")" ||
        (before.pos == Pos::kVerb && before.lower.size() > 3 && before.lower.back() == 's');
    if (nounish_before) {
      int of_object = -1;  // "Thousands of Iraqi Kurds": the actor after "of"
      for (uint32_t p = k; p > s0 && p + 12 > k;) {
        if (group_ending_at[p - s0] >= 0) {
          int g = group_ending_at[p - s0];
          uint32_t f = groups[g].first;
          // "settlers in the West Bank city of Hebron": past the article.
          while (f > s0 && f + 3 > groups[g].first &&
                 (tok(f - 1).pos == Pos::kDeterminer || tok(f - 1).pos == Pos::kAdjective))
            --f;
          if (f > s0 && tok(f - 1).pos == Pos::kPreposition &&
              !In(tok(f - 1).lower, {"that", "if", "because"})) {
            if (tok(f - 1).lower == "of" && of_object < 0) of_object = g;
            p = f;  // an actor inside a PP: keep looking left for the head
            if (p <= s0) break;
          } else {
            return g;
          }
        }
        --p;
        const Token& t = tok(p);
        if (t.norm == ")") {
          // Skip "(APEC)" inside the noun phrase.
          while (p > s0 && tok(p).norm != "(") --p;
          continue;
        }
        if ((t.lower == "and" || t.norm == ",") && p > s0 && group_ending_at[p - s0] >= 0 &&
            t.lower == "and")
          return group_ending_at[p - s0];  // "Laurent Fabius and a group of deputies held"
        // "Washington along with its allies demanded".
        if (In(t.lower, {"along", "together"}) && p > s0 && group_ending_at[p - s0] >= 0)
          return group_ending_at[p - s0];
        // (A plural the tagger took for a verb: "U.S. warplanes bombed"; only a
        // word the lemmatiser does not know as a verb: "US museum returns
        // looted sarcophagus" has its verb.)
        bool plural_as_verb = p + 1 == k && t.pos == Pos::kVerb && t.lower.size() > 3 &&
                              t.lower.back() == 's' && t.lemma == t.lower;
        if (!(IsNounPos(t.pos) || t.pos == Pos::kAdjective || t.pos == Pos::kDeterminer ||
              t.pos == Pos::kNumber || t.pos == Pos::kVerbGerund || plural_as_verb ||
              In(t.lower, {"of", "in", "from", "at", "'s", "-", "and", "with", "its", "their",
                           "his", "her", "along", "together"})))
          break;
      }
      if (of_object >= 0) return of_object;
    }
    return -1;
  }

  int FindSubject(uint32_t start, int last_subject) {
    if (start <= s0) return -1;
    uint32_t k = start;
    for (int guard = 0; guard < 8 && k > s0 && group_ending_at[k - s0] < 0; ++guard) {
      const Token& t = tok(k - 1);
      if (IsChainAdverb(t) || IsTimeWord(t)) {
        --k;
        continue;
      }
      // "on Saturday", "last week"
      if (In(t.lower, {"on", "last", "this", "early", "late", "in"}) && k < start &&
          IsTimeWord(tok(k))) {
        --k;
        continue;
      }
      break;
    }
    if (k > s0 && group_ending_at[k - s0] >= 0) {
      int g = group_ending_at[k - s0];
      // "The Turkish and Greek sides of Cyprus have agreed": an actor after
      // a preposition is inside the subject phrase; the subject is the
      // actor before it.
      uint32_t f = groups[g].first;
      if (f > s0 && tok(f - 1).pos == Pos::kPreposition &&
          !In(tok(f - 1).lower,
              {"that", "because", "while", "if", "as", "since", "when", "after", "before", "until",
               "although", "though", "once", "whereas", "unless", "whether"})) {
        // Through nested phrases: "settlers in the West Bank city of Hebron".
        int head = ActorHeadingPhraseBefore(k);
        if (head >= 0 && head != g) return head;
        for (uint32_t p = f - 1; p > s0 && p + 12 > f;) {
          --p;
          const Token& t = tok(p);
          if (t.norm == "," || t.norm == ";" || IsClauseBoundary(t) ||
              (IsVerbPos(t.pos) && t.pos != Pos::kVerbPastPart))
            break;
          if (group_ending_at[p + 1 - s0] >= 0 && p + 1 < f) return group_ending_at[p + 1 - s0];
          if (group_starting_at[p - s0] >= 0 && p < f) return group_starting_at[p - s0];
        }
        // "A group of Moroccan diplomats held": the head is a collective
        // noun, so the actor after "of" is the subject.
        if (tok(f - 1).lower == "of") return g;
        return -1;
      }
      return g;
    }
    if (k <= s0) return -1;
    // A participial modifier between the actor and its verb: "British
    // aircraft using precision guided missiles killed", "militiamen armed
    // with machetes attacked".
    bool finite = start < s1 && IsVerbPos(tok(start).pos) && tok(start).pos != Pos::kVerbGerund &&
                  tok(start).pos != Pos::kVerbPastPart;
    for (uint32_t p = k; finite && p > s0 + 1 && p + 8 > k;) {
      --p;
      const Token& t = tok(p);
      if (t.norm == "," || IsClauseBoundary(t)) break;
      if (In(t.lower, {"following", "including", "according", "regarding", "concerning",
                       "excluding", "during", "notwithstanding"}))
        break;
      bool participle = t.pos == Pos::kVerbGerund ||
                        In(t.lower, {"armed", "equipped", "backed", "supported", "loaded"});
      if (participle) {
        if (group_ending_at[p - s0] >= 0) return group_ending_at[p - s0];
        break;
      }
      if (IsVerbPos(t.pos) && t.pos != Pos::kVerbPastPart && !t.lower.ends_with("ed")) break;
    }
    const Token& before = tok(k - 1);
    // An apposition closed by a comma: "Qin Gang, China's foreign minister, met".
    if (before.norm == "," && k - 1 > s0 && group_ending_at[k - 1 - s0] >= 0) {
      int g = group_ending_at[k - 1 - s0];
      if (groups[g].members.size() == 1 && mentions[groups[g].members[0]].person) return g;
    }
    if (before.norm == "," || before.norm == "-" || before.norm == "--" || before.norm == ")") {
      // Skip a parenthetical or relative clause back to its opening comma.
      int depth = 0;
      for (uint32_t p = k - 1; p > s0 && p + 40 > k;) {
        --p;
        const Token& t = tok(p);
        if (t.norm == ";" || t.norm == ":") break;
        if (t.norm == ")") {
          ++depth;
          continue;
        }
        if (t.norm == "(" && depth > 0) {
          // "The Revolutionary United Front (RUF) announced".
          if (--depth == 0 && p > s0 && group_ending_at[p - s0] >= 0 && k - 1 > s0 &&
              tok(k - 1).norm == ")")
            return group_ending_at[p - s0];
          continue;
        }
        if (depth > 0) continue;
        if (t.norm == "," || t.norm == "-" || t.norm == "--" || t.norm == "(") {
          if (group_ending_at[p - s0] >= 0) return group_ending_at[p - s0];
          // "Recent US Predator attacks, occurring every three days, have
          // killed": the phrase before the parenthetical.
          if (t.norm == ",") {
            int g = ActorHeadingPhraseBefore(p);
            if (g >= 0) return g;
          }
          // An unknown name described by the apposition: "Kenzo Oshima, the
          // United Nations Emergency Relief Coordinator, demanded".
          bool name_only = p > s0;
          for (uint32_t q = s0; q < p; ++q)
            if (tok(q).pos != Pos::kProperNoun && tok(q).pos != Pos::kDeterminer) name_only = false;
          if (name_only && t.norm == ",") {
            for (uint32_t q = p + 1; q + 1 < k; ++q)
              if (group_starting_at[q - s0] >= 0) return group_starting_at[q - s0];
          }
          break;
        }
      }
      if (last_subject >= 0 && before.norm == ",") return last_subject;
      return -1;
    }
    if (In(before.lower, {"and", "or", "but", "then"}) && last_subject >= 0) return last_subject;
    // A list of actions after one subject: "U.S. officials have attacked
    // ...; blamed ...; added ...".
    if (before.norm == ";" && last_subject >= 0 && start < s1 && tok(start).pos == Pos::kVerbPast)
      return last_subject;
    // The actor heads a longer noun phrase: "U.N. helicopters evacuated",
    // "the Palestinian Islamic Jihad movement rejected", "inhabitants of the
    // Golan Heights threatened".
    {
      int g = ActorHeadingPhraseBefore(k);
      if (g >= 0) return g;
    }
    if (In(before.lower, {"who", "which", "that"}) && k - 1 > s0) {
      uint32_t p = k - 1;
      if (p > s0 && tok(p - 1).norm == ",") --p;
      if (group_ending_at[p - s0] >= 0) return group_ending_at[p - s0];
    }
    return -1;
  }

  // The subject of an infinitive whose governing verb is out of its chain:
  // "ministers agreed in principle on Saturday to provide aid" (the
  // governor's subject; a statement of intent, so the modality cue names the
  // governor), "allowed opposition leader X to hold a rally" (the object of
  // a verb of permission or pressure). -1 when there is no governor.
  int InfinitiveSubject(Chain* chain, int last_subject) {
    int object = -1;
    for (uint32_t v = chain->start; v > s0 && v + 12 > chain->start;) {
      --v;
      const Token& t = tok(v);
      if (IsClauseBoundary(t) || In(t.lower, {"and", "but", "or"})) return -1;
      int g = group_starting_at[v - s0];
      if (g >= 0 && !(v > s0 && tok(v - 1).pos == Pos::kPreposition)) object = g;
      if (!IsVerbPos(t.pos) || t.pos == Pos::kVerbGerund || t.pos == Pos::kVerbPastPart) continue;
      if (object >= 0) {
        if (!IsObjectControl(t.lemma)) return -1;
        return object;
      }
      int subj = subject_at[v - s0];
      Chain gov = AnalyzeChain(v);
      if (subj < 0) subj = FindSubject(gov.start, last_subject);
      if (subj < 0) return -1;
      // Only a governor followed by adverbials governs the infinitive;
      // after an object it is a purpose ("continued their hunger strike to
      // demand"), which stays an aim.
      const Token& next = tok(v + 1);
      bool adverbial = next.pos == Pos::kPreposition || next.norm == "," || IsChainAdverb(next) ||
                       IsTimeWord(next);
      if (adverbial && IsIntention(t.lemma) && gov.modality == Modality::kAsserted)
        chain->cue = std::string(t.norm) + " to";
      return subj;
    }
    return -1;
  }

  // The one who travels to the place phrase starting at `place`: the
  // possessor of a trip ("Xi's trip to"), or the subject of a verb of travel
  // ("Blinken went to Beijing"); -1 if none.
  int TravellerBefore(uint32_t place) const {
    for (uint32_t k = place; k > s0 && k + 4 > place;) {
      --k;
      const Token& t = tok(k);
      if (!IsTravel(t.lemma)) continue;
      if (IsVerbPos(t.pos)) return subject_at[k - s0];
      uint32_t q = k;
      while (q > s0 && (tok(q - 1).pos == Pos::kAdjective || tok(q - 1).norm == "'s" ||
                        tok(q - 1).pos == Pos::kPossessive))
        --q;
      return q > s0 ? group_ending_at[q - s0] : -1;
    }
    return -1;
  }

  // The victims of a passive killing right before the phrase starting at
  // `phrase`: "two Palestinians were killed in [Israeli tank shelling]",
  // "killed by [a Russian drone attack]"; -1 if none.
  int VictimsOfPassiveBefore(uint32_t phrase) const {
    if (phrase <= s0 + 1 || !In(tok(phrase - 1).lower, {"in", "by"})) return -1;
    const uint32_t v = phrase - 2;
    const Token& t = tok(v);
    if (!(t.pos == Pos::kVerbPastPart || t.pos == Pos::kVerbPast) ||
        !In(t.lemma, {"kill", "wound", "injure", "hurt", "maim"}))
      return -1;
    return subject_at[v - s0];
  }

  // Whether a natural force or an accident is named in the clause before
  // `pos` ("tornadoes ripped through the South, killing at least five").
  bool NaturalForceBefore(uint32_t pos) const {
    for (uint32_t k = pos; k > s0 && k + 16 > pos;) {
      --k;
      const Token& t = tok(k);
      if (t.norm == ";" || t.norm == ":") break;
      if (In(t.lemma,
             {"tornado",   "storm",    "earthquake", "quake",     "flood",      "flooding",
              "fire",      "wildfire", "blaze",      "hurricane", "typhoon",    "cyclone",
              "landslide", "mudslide", "avalanche",  "heatwave",  "drought",    "tsunami",
              "eruption",  "crash",    "accident",   "collapse",  "derailment", "outbreak",
              "epidemic",  "rain",     "rains",      "snowstorm", "blizzard",   "lightning",
              "explosion"}) &&
          // ("opened fire", "artillery fire": weapons.)
          !(t.lemma == "fire" && k > s0 &&
            In(tok(k - 1).lemma,
               {"open", "return", "heavy", "gun", "artillery", "rocket", "mortar", "sniper",
                "cross", "tank", "live", "exchange", "machine-gun", "naval", "anti-aircraft"})))
        return true;
    }
    return false;
  }

  // Whether this sentence already has an event of force (roots 18-20) by
  // `source` on the countries of `targets` (none named: any). ("Israel
  // intensified its airstrikes in Syria, killing two Iranian advisers" hits
  // Iran too.)
  bool ForceAlreadyCoded(const ActorRef& source, const std::vector<ActorRef>& targets) const {
    auto hit = [&](const std::string& country) {
      for (auto it = events->rbegin(); it != events->rend() && it->sentence == sentence_index; ++it)
        if (it->cameo && it->source.code == source.code &&
            In(std::string_view(it->cameo->code).substr(0, 2), {"18", "19", "20"}) &&
            (country.empty() || it->target.country == country))
          return true;
      return false;
    };
    if (targets.empty()) return hit("");
    for (const ActorRef& t : targets)
      if (!hit(t.country)) return false;
    return true;
  }

  // Whether every actor of group `g` has the country of one of `actors`.
  bool IsSameCountryOnly(int g, const std::vector<ActorRef>& actors) const {
    for (const ActorRef& b : group_actors[g]) {
      bool same = false;
      for (const ActorRef& a : actors) same |= a.country == b.country;
      if (!same) return false;
    }
    return true;
  }

  // Whether an actor of another country than `a` is named after `pos` in the
  // sentence: "threatened to hold a strike unless Israel rescinded ...",
  // "Beijing wants Washington to lift the tariffs" are not domestic plans.
  bool ForeignActorAfter(uint32_t pos, const ActorRef& a) const {
    for (uint32_t k = pos; k < s1; ++k) {
      int g = group_starting_at[k - s0];
      if (g < 0) continue;
      for (const ActorRef& b : group_actors[g])
        if (b.country != a.country) return true;
    }
    return false;
  }

  // Whether an actor of another country than `a` is named within 12 tokens
  // of `pos`: "firing artillery near the Ukrainian town of Chasiv Yar,
  // damaging nearly every house" is no damage done at home.
  bool ForeignActorNear(uint32_t pos, const ActorRef& a) const {
    const uint32_t from = pos > s0 + 12 ? pos - 12 : s0;
    for (uint32_t k = from; k < s1 && k < pos + 13; ++k) {
      int g = group_starting_at[k - s0];
      if (g < 0) continue;
      for (const ActorRef& b : group_actors[g])
        if (b.country != a.country && !b.code.starts_with("---")) return true;
    }
    return false;
  }

  // The nearest actor group in the noun phrase that ends right before `pos`
  // (through its prepositional phrases), or -1.
  int ActorInPhraseBefore(uint32_t pos) const {
    for (uint32_t k = pos; k > s0 && k + 10 > pos;) {
      if (group_ending_at[k - s0] >= 0) return group_ending_at[k - s0];
      --k;
      const Token& t = tok(k);
      if (!(IsNounPos(t.pos) || t.pos == Pos::kAdjective || t.pos == Pos::kDeterminer ||
            t.pos == Pos::kNumber || t.pos == Pos::kPreposition))
        return -1;
      if (In(t.lower, {"that", "if", "because", "as", "after", "before", "since", "while"}))
        return -1;
    }
    return -1;
  }

  // The first actor group after `pos` in the same clause, within `window`
  // tokens: "offered to hand over to Great Britain two suspects".
  int GroupInClause(uint32_t pos, uint32_t window, int not_group) const {
    for (uint32_t k = pos; k < s1 && k < pos + window; ++k) {
      int g = group_starting_at[k - s0];
      if (g >= 0 && g != not_group) return g;
      const Token& t = tok(k);
      if (t.norm == "," || IsClauseBoundary(t) || t.norm == "." ||
          In(t.lower, {"but", "after", "before", "since", "as"}))
        return -1;
      // (A "verb" right after a preposition is a noun the tagger missed:
      // "fired shells at targets in Jericho".)
      if ((t.pos == Pos::kVerbPast || t.pos == Pos::kVerb) && k > 0 && tok(k - 1).lower != "to" &&
          tok(k - 1).pos != Pos::kPreposition)
        return -1;
    }
    return -1;
  }

  int ByAgent(uint32_t from) const {
    for (uint32_t k = from; k < s1 && k < from + 12; ++k) {
      if (tok(k).lower == "by") {
        int g = GroupStartingNear(k + 1, 3);
        if (g >= 0) return g;
      }
      if (In(tok(k).norm, {";", "."})) break;
      // Not past the next finite verb, whose own agent it would be: "three
      // teenagers killed in a crash are named by police".
      if (k > from &&
          (In(tok(k).lower, {"is", "are", "was", "were", "has", "have", "had", "will", "would"}) ||
           tok(k).pos == Pos::kVerb ||
           (tok(k).pos == Pos::kVerbPast && !tok(k).lower.ends_with("ed"))))
        break;
    }
    return -1;
  }

  void ReportedDemand(uint32_t head, const Chain& chain, int subj) {
    // Walk back from the subject to a reporting verb ("said", "insisted").
    uint32_t f = groups[subj].first;
    uint32_t k = f;
    // ("said that the Sudanese government and the rebels must reach").
    if (k > s0 && In(tok(k - 1).lower, {"the", "a", "an"})) --k;
    if (k > s0 && tok(k - 1).lower == "that") --k;
    // "said on Tuesday that": step over the date words.
    for (int guard = 0;
         guard < 4 && k > s0 + 1 &&
         (IsTimeWord(tok(k - 1)) || In(tok(k - 1).lower, {"on", "here", "there", "today"}));
         ++guard)
      --k;
    if (k <= s0) return;
    const Token& v = tok(k - 1);
    if (!In(v.lemma,
            {"say",       "insist", "state",    "declare",   "tell",      "warn",     "stress",
             "demand",    "add",    "insists",  "says",      "reiterate", "announce", "conclude",
             "repeat",    "argue",  "maintain", "assert",    "write",     "note",     "emphasize",
             "emphasise", "affirm", "reaffirm", "underline", "underscore"}))
      return;
    int speaker = FindSubject(AnalyzeChain(k - 1).start, -1);
    if (speaker < 0 || speaker == subj) return;
    // "Kerry said the U.S. must work with China": a policy of one's own
    // country, no demand on it.
    bool own_country = true;
    for (const ActorRef& a : group_actors[subj]) {
      bool mine = false;
      for (const ActorRef& b : group_actors[speaker])
        mine |= a.code == a.country && a.country == b.country;
      own_country &= mine;
    }
    if (own_country) return;
    const CameoCode* demand = dicts.Cameo("100");
    if (!demand) return;
    demand_pattern.cameo = demand;
    demand_pattern.rule = "builtin:reported-demand";
    demand_pattern.text = "X said (that) Y must/should ...";
    demand_pattern.head = "say";
    Emit(demand_pattern, k - 1, k, group_actors[speaker], group_actors[subj], Modality::kAsserted,
         "");
    (void)head;
    (void)chain;
  }

  void ReresolvePerson(ActorRef* a, int32_t days) const {
    if (a->rule.rfind("actors/people", 0) != 0) return;
    const ActorEntry* best = nullptr;
    for (uint32_t i : dicts.PersonsNamed(a->name)) {
      const ActorEntry& e = dicts.actors()[i];
      if (e.from <= days && days <= e.until) {
        best = &e;
        break;
      }
    }
    if (!best) return;
    a->code = best->code;
    if (best->code.size() >= 6) {
      a->country = best->code.substr(0, 3);
      a->sector = best->code.substr(3, 3);
    }
    a->rule = best->rule;
  }

  // A place in its country, coded with the bare country: a city
  // (actors/cities.tsv) or a first-level region (actors/regions.tsv,
  // "Alaska", "the Kherson region"), which the coder reads alike.
  static bool IsPlaceRule(std::string_view rule) {
    return rule.starts_with("actors/cities.tsv") || rule.starts_with("actors/regions.tsv");
  }
  // A city: a capital (a seat of government in actors/countries.tsv) or
  // another place (IsPlaceRule).
  static bool IsCity(const ActorRef& a) {
    return (a.sector == "GOV" && a.rule.starts_with("actors/countries.tsv")) || IsPlaceRule(a.rule);
  }
  // A group that only names cities ("Algiers", "Beijing", "Kharkiv").
  bool IsCityGroup(int g) const {
    for (const ActorRef& a : group_actors[g])
      if (!IsCity(a)) return false;
    return !group_actors[g].empty();
  }
  // A group that only names places other than capitals ("California",
  // "Kharkiv"): never an actor by metonymy, as "Beijing" is.
  bool IsPlaceGroup(int g) const {
    for (const ActorRef& a : group_actors[g])
      if (!IsPlaceRule(a.rule)) return false;
    return !group_actors[g].empty();
  }
  // "talks in Taipei", "a summit in Beijing": a city after "in" is where
  // something happens, not who it happens to.
  bool IsLocativeCity(int g) const {
    uint32_t f = groups[g].first;
    if (f <= s0 || !In(tok(f - 1).lower, {"in", "at"})) return false;
    return IsCityGroup(g);
  }
  // Events whose place is their target ("a protest in Beijing", "a bombing
  // in Baghdad"), or whose pattern names the place ("open an embassy in").
  static bool ViolentRoot(const VerbPattern* p) {
    return (p->cameo &&
            In(std::string_view(p->cameo->code).substr(0, 2), {"14", "18", "19", "20"})) ||
           p->text.find("in {T}") != std::string::npos ||
           p->text.find("at {T}") != std::string::npos;
  }

  // A capital or seat of power as the target of physical force.
  bool IsPlaceOfViolence(const ActorRef& a, std::string_view code) const {
    if (a.country.empty() || !IsCity(a)) return false;
    // Physical force lands on a city: "missiles struck Kyiv", "a bombing
    // in central Baghdad".
    return In(code.substr(0, 2), {"14", "18", "19", "20"});
  }

  // TABARI's default actor search (manual 5.8), used only with TABARI or
  // PETRARCH dictionaries alone (Dictionaries::flat_modality): a missing
  // source is the first actor before the head; a missing target the first
  // actor after the trigger with another code, else the first such actor
  // before the head. False when a side stays empty.
  bool KedsDefaultActors(uint32_t head, uint32_t trigger_end, std::vector<ActorRef>* sources,
                         std::vector<ActorRef>* targets) const {
    auto code_of = [&](const std::vector<ActorRef>& v) {
      return v.empty() ? std::string() : v[0].code;
    };
    if (sources->empty())
      for (std::size_t g = 0; g < groups.size() && groups[g].end <= head; ++g)
        if (!group_actors[g].empty() && code_of(group_actors[g]) != code_of(*targets)) {
          *sources = group_actors[g];
          break;
        }
    if (targets->empty() && !sources->empty()) {
      for (std::size_t g = 0; g < groups.size() && targets->empty(); ++g)
        if (groups[g].first >= trigger_end && !group_actors[g].empty() &&
            code_of(group_actors[g]) != code_of(*sources))
          *targets = group_actors[g];
      for (std::size_t g = 0; g < groups.size() && targets->empty() && groups[g].end <= head; ++g)
        if (!group_actors[g].empty() && code_of(group_actors[g]) != code_of(*sources))
          *targets = group_actors[g];
      // A compound source with no other actor acts on itself, member on
      // member (Emit drops an actor acting on itself).
      if (targets->empty() && sources->size() >= 2) *targets = *sources;
    }
    return !sources->empty() && !targets->empty();
  }

  void Emit(const VerbPattern& p, uint32_t head, uint32_t trigger_end,
            const std::vector<ActorRef>& sources, const std::vector<ActorRef>& targets,
            Modality modality, const std::string& cue) {
    if (dicts.flat_modality() && (sources.empty() || targets.empty())) {
      std::vector<ActorRef> s = sources, t = targets;
      if (KedsDefaultActors(head, trigger_end, &s, &t))
        Emit(p, head, trigger_end, s, t, modality, cue);
      return;
    }
    for (const auto& src0 : sources) {
      // "Representative Ro Khanna ... plans trips to both China and Taiwan":
      // a country borrowed from one of the event's own targets is no
      // country of the source's, for any of the targets.
      // ("A senior leader in the Pacific warned the US": nor for demands,
      // criticism and threats when a country named as the target lent it; a
      // government or group does: "rebels insisted that Burundi's government
      // grant more rights"; force is often domestic: "armed groups kill
      // dozens in Nigeria".)
      bool borrowed_from_target = false;
      if (!p.swap && p.cameo && src0.rule.find(" + country from ") != std::string::npos)
        for (const auto& t : targets)
          borrowed_from_target |=
              (p.cameo->code < "08" && t.country == src0.country) ||
              (p.cameo->code >= "10" && p.cameo->code < "14" && t.sector.empty() &&
               t.code == t.country && src0.rule.ends_with(" + country from " + t.name));
      if (borrowed_from_target) continue;
      for (const auto& tgt0 : targets) {
        const ActorRef* src = &src0;
        const ActorRef* tgt = &tgt0;
        if (p.swap) std::swap(src, tgt);
        // An actor does not act on itself ("the United States and Jordan
        // agreed ... between the two countries").
        // "Iraqi Kurds demonstrated in the city of Kirkuk": a domestic act in
        // one of the source's own cities targets its country.
        ActorRef home;
        // (Not when another country is named: "63 Russian troops killed in a
        // Ukrainian attack on Makiivka" is no Ukrainian act on Ukraine.)
        if (tgt->country == src->country && !tgt->country.empty() && IsCity(*tgt) && p.cameo &&
            (IsDomesticRoot(p.cameo->code) ||
             In(std::string_view(p.cameo->code).substr(0, 2), {"19", "20"})) &&
            !ForeignActorAfter(s0, *src)) {
          home = *tgt;
          home.code = tgt->country;
          home.sector.clear();
          home.rule = std::string(kDomesticRule) + " + " + tgt->rule;
          tgt = &home;
        }
        if (src->code == tgt->code && !tgt->rule.starts_with(kDomesticRule)) continue;
        // "Commerce secretary traveling to China": an actor whose country was
        // borrowed from the other side of the event is unknown, not Chinese.
        // (Only for cooperation: a government acting on its own people is
        // domestic news: "Algerian police dispersed protesters".)
        if (p.cameo && p.cameo->code < "08" && src->country == tgt->country &&
            (src->rule.find(" + country from ") != std::string::npos ||
             tgt->rule.find(" + country from ") != std::string::npos))
          continue;
        // "The Pentagon's No. 2 official went to California": a trip or a
        // statement at home is no relation between states.
        // (Nor is calling such a trip off: "postponed a trip to Colorado".)
        if (p.cameo && (p.cameo->code < "08" || p.cameo->code.starts_with("16")) &&
            !src->country.empty() && src->country == tgt->country && IsPlaceRule(tgt->rule))
          continue;
        Event e;
        e.sentence = sentence_index;
        e.source = *src;
        e.target = *tgt;
        if (p.cameo && IsPlaceOfViolence(*tgt, p.cameo->code)) {
          // "a car bombing in central Baghdad": the capital is a place
          // here, so the country is the target, not its government.
          e.target.code = tgt->country;
          e.target.sector.clear();
        }
        e.cameo = p.cameo;
        if (const CameoCode* irregular = IrregularViolence(p, head, *src)) e.cameo = irregular;
        e.modality = modality;
        e.modality_cue = cue;
        e.trigger = {tok(head).start, tok(trigger_end - 1).end};
        e.rule = p.rule;
        e.pattern = p.text;
        if (story_known) {
          auto d = FindEventDate(doc->tokens, s0, s1, head, doc->meta.story_date,
                                 modality == Modality::kPlanned);
          if (d) {
            e.date = d->date;
            DatePrecision p = d->precision;
            // A relative date ("this week") is no finer than the story date
            // it is counted from.
            std::string_view words = doc->Text(d->span);
            bool explicit_year = std::any_of(words.begin(), words.end(),
                                             [](char c) { return c >= '0' && c <= '9'; }) &&
                                 words.size() >= 4;
            if (!explicit_year &&
                static_cast<int>(doc->meta.story_date_precision) > static_cast<int>(p)) {
              p = doc->meta.story_date_precision;
              auto y = d->date.year();
              e.date = p == DatePrecision::kYear
                           ? std::chrono::year_month_day{y / 1 / 1}
                           : std::chrono::year_month_day{y / d->date.month() / 1};
            }
            e.date_precision = std::string(DatePrecisionName(p));
            e.date_span = d->span;
            // "Biden says November meeting with Xi is a possibility": an act
            // dated after the story, told in no past tense, has not happened.
            if (e.modality == Modality::kAsserted && tok(head).pos != Pos::kVerbPast &&
                tok(head).pos != Pos::kVerbPastPart && IsAfterStory(e.date, p)) {
              e.modality = Modality::kPlanned;
              e.modality_cue = "future date";
            }
            // People hold the role they had on the event's date ("then-Speaker Pelosi").
            int32_t days = Days(e.date);
            ReresolvePerson(&e.source, days);
            ReresolvePerson(&e.target, days);
          } else {
            e.date = doc->meta.story_date;
            e.date_precision = "story";
          }
        }
        std::optional<Event> intent = IntentEvent(e);
        if (!intent) intent = RefusalEvent(e);
        if (!intent) intent = ConditionalThreat(e, head);
        std::optional<Event> reverse = ReverseEvent(p, e);
        events->push_back(std::move(e));
        if (intent) events->push_back(std::move(*intent));
        if (reverse) events->push_back(std::move(*reverse));
      }
    }
  }

  // CAMEO tells unconventional violence (18: bombings, killings by
  // rebels, militias and gangs) from the use of military force (19): a
  // generic "kill" or "attack" is 18 when irregulars do it or a bomb does.
  const CameoCode* IrregularViolence(const VerbPattern& p, uint32_t head,
                                     const ActorRef& source) const {
    if (!p.cameo || p.cameo->code != "190" || dicts.flat_modality() ||
        !In(tok(head).lemma, {"kill", "wound", "injure", "attack", "murder", "massacre",
                              "slaughter", "maim", "hurt"}))
      return nullptr;
    bool bomb = false;  // (near the verb: "a car bombing ... kills", "bombers killed")
    for (uint32_t k = head > s0 + 10 ? head - 10 : s0; k < s1 && k < head + 10 && !bomb; ++k)
      bomb = In(tok(k).lemma, {"bomb", "bombing", "bomber", "explosive", "ied", "suicide", "blast",
                               "landmine", "mine"}) &&
             tok(k).pos == Pos::kNoun;
    bool irregular = In(source.sector, {"REB", "UAF", "RAD", "CRM", "INS"});
    if (!bomb && !irregular) return nullptr;
    return dicts.Cameo(bomb ? "183" : "180");
  }

  // TABARI and PETRARCH paired codes ("[032:033]"): the reverse event, the
  // target acting on the source with the second code.
  static std::optional<Event> ReverseEvent(const VerbPattern& p, const Event& e) {
    if (!p.reverse || e.target.code.empty()) return std::nullopt;
    Event r = e;
    std::swap(r.source, r.target);
    r.cameo = p.reverse;
    return r;
  }

  // A planned event is also an asserted statement of intent, as CAMEO codes
  // it: "X will visit Y" is 036 (express intent to meet), "X will impose
  // sanctions on Y" is 1312 (threaten with sanctions). Predictions by others
  // ("is expected to") and aims ("efforts to") are not statements by X.
  std::optional<Event> IntentEvent(const Event& e) const {
    if (e.modality != Modality::kPlanned || no_intent) return std::nullopt;
    std::string lower_cue = e.modality_cue;  // headlines: "China Likely to Name"
    for (char& ch : lower_cue) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::string_view cue = lower_cue;
    // ("prepare for a summit", "ahead of summit": no statement either.)
    if (cue == "to" || cue.empty() || cue == "future date" || cue == "before" || cue == "once" ||
        cue.ends_with(" for") || cue.ends_with(" of"))
      return std::nullopt;
    if (cue.find("expect") != std::string_view::npos ||
        cue.find("likely") != std::string_view::npos || cue.find("set") == 0 ||
        cue.find("schedul") != std::string_view::npos || cue.find("due") == 0 ||
        cue.find("seem") == 0 || cue.find("appear") == 0 || IsPlannedNounModifier(cue) ||
        // Preparing or weighing an act is no statement of it.
        // ("is prepared to" is willingness, and a statement.)
        cue.find("preparing") == 0 || cue.find("consider") == 0 || cue.find("mull") == 0 ||
        cue.find("weigh") == 0 || cue.find("contemplat") == 0)
      return std::nullopt;
    const std::string& c = e.cameo->code;
    std::string root = c.substr(0, 2);
    std::string code;
    if (root == "03" || root == "13")
      return std::nullopt;
    else if (root == "04")
      code = "036";
    else if (root == "05")
      code = c == "057" ? "030" : "032";
    else if (root == "06")
      code = c.size() >= 3 && c[2] >= '1' && c[2] <= '4' ? "031" + c.substr(2, 1) : "031";
    else if (root == "07")
      code = c.size() >= 3 && c[2] >= '1' && c[2] <= '4' ? "033" + c.substr(2, 1) : "033";
    else if (root == "08")
      code = "035";
    else if (root == "01" || root == "02" || root == "09")
      code = "030";
    else if (root == "16")
      code = c == "163" ? "1312" : c == "161" ? "1313" : c == "162" ? "1311" : "131";
    else if (root == "17")
      code = "132";
    else if (root == "14")
      code = "133";
    else if (root == "15" || root == "18" || root == "19" || root == "20")
      code = "138";
    else
      code = "130";
    const CameoCode* cc = dicts.Cameo(code);
    if (!cc) cc = dicts.Cameo(code.substr(0, 3));
    if (!cc) return std::nullopt;
    return Derived(e, cc, "intent:", "statement of intent: ");
  }

  // Whether `date`, known to `precision`, lies after the story date.
  bool IsAfterStory(std::chrono::year_month_day date, DatePrecision precision) const {
    const auto& story = doc->meta.story_date;
    if (precision == DatePrecision::kYear) return date.year() > story.year();
    if (precision == DatePrecision::kMonth)
      return date.year() > story.year() ||
             (date.year() == story.year() && date.month() > story.month());
    return Days(date) > Days(story);
  }

  // An asserted event derived from `e` (a statement of intent, a refusal, a
  // threat): made now, so dated at the story date, not at the act's date.
  Event Derived(const Event& e, const CameoCode* cc, std::string_view rule_prefix,
                std::string_view pattern_prefix) const {
    Event d = e;
    d.cameo = cc;
    d.modality = Modality::kAsserted;
    d.rule = std::string(rule_prefix) + e.rule;
    d.pattern = std::string(pattern_prefix) + e.pattern;
    if (!d.date_precision.empty()) {
      d.date = doc->meta.story_date;
      d.date_precision = "story";
      d.date_span = {};
    }
    return d;
  }

  // A cooperative act its actor says they will not do is, as CAMEO codes
  // it, a rejection stated now: "Obama said he would not provide support
  // to Israel" is 12 (reject), asserted; the act itself stays negated.
  std::optional<Event> RefusalEvent(const Event& e) const {
    if (e.modality != Modality::kNegated) return std::nullopt;
    std::string_view cue = e.modality_cue;
    if (!(cue.starts_with("will ") || cue.starts_with("'ll ") || cue.starts_with("wo ") ||
          cue.starts_with("shall ") || cue.starts_with("said ... would ")))
      return std::nullopt;
    const std::string& c = e.cameo->code;
    std::string root = c.substr(0, 2);
    std::string code;
    if (root == "04")
      code = "125";
    else if (root == "06")
      code = c.size() >= 3 && c[2] == '1' ? "1211" : c.size() >= 3 && c[2] == '2' ? "1212" : "121";
    else if (root == "08")
      code = c.rfind("084", 0) == 0   ? "1243"
             : c.rfind("081", 0) == 0 ? "1241"
             : c.rfind("085", 0) == 0 ? "1244"
                                      : "124";
    else if (root == "03" || root == "05" || root == "07" || root == "02" || root == "01")
      code = "120";
    else
      return std::nullopt;
    const CameoCode* cc = dicts.Cameo(code);
    if (!cc) return std::nullopt;
    return Derived(e, cc, "refusal:", "stated refusal: ");
  }

  // "The EU may halt mediation efforts if cooperation founders": force or
  // sanctions held out on a condition are a threat (CAMEO 13x) made now.
  std::optional<Event> ConditionalThreat(const Event& e, uint32_t head) const {
    if (e.modality != Modality::kHypothetical && e.modality != Modality::kPlanned)
      return std::nullopt;
    const std::string& c = e.cameo->code;
    std::string root = c.substr(0, 2);
    if (!In(root, {"12", "14", "15", "16", "17", "18", "19", "20"})) return std::nullopt;
    bool condition = false;
    for (uint32_t k = head + 1; k < s1 && !condition; ++k)
      condition = In(tok(k).lower, {"if", "unless"});
    if (!condition) return std::nullopt;
    std::string code = root == "16"   ? (c == "163"   ? "1312"
                                         : c == "161" ? "1313"
                                                      : "131")
                       : root == "17" ? "132"
                       : root == "14" ? "133"
                       : root == "12" ? "130"
                                      : "138";
    const CameoCode* cc = dicts.Cameo(code);
    if (!cc) return std::nullopt;
    return Derived(e, cc, "threat:", "conditional threat: ");
  }

  // With TABARI's dictionaries alone: TABARI's own reading of the sentence
  // (code/tabari_conventions.h) instead of our clause analysis.
  void CodeTabariSentence() {
    std::vector<tabari::ActorSpan> actors;
    for (const auto& m : mentions) {
      if (m.pronoun || m.dyad || !m.Known()) continue;
      tabari::ActorSpan a;
      a.first = m.first;
      a.end = m.end;
      ActorRef r = RefOf(m);
      // A coded compound's entry ("THE_SHIRE [FRO/BIL/SAM]"): the mention
      // keeps only a country and sector; take the entry's code.
      if (m.rule.find(':') != std::string::npos)
        for (const auto& e : dicts.actors())
          if (e.rule == m.rule && e.code.find('/') != std::string::npos) {
            r.code = e.code;
            break;
          }
      // A dated discard ("ENT [### <890101]") in force: no events here.
      if (r.code.rfind("###", 0) == 0) return;
      if (r.code.find('/') == std::string::npos) {
        a.refs.push_back(std::move(r));
      } else {
        // A coded compound ("THE_SHIRE [FRO/BIL/SAM]"): each member.
        std::size_t from = 0;
        while (from <= r.code.size()) {
          std::size_t slash = std::min(r.code.find('/', from), r.code.size());
          ActorRef x = r;
          x.code = r.code.substr(from, slash - from);
          x.country = x.code.substr(0, 3);
          x.sector = x.code.size() > 3 ? x.code.substr(3) : "";
          if (!x.code.empty()) a.refs.push_back(std::move(x));
          from = slash + 1;
        }
      }
      actors.push_back(std::move(a));
    }
    std::vector<tabari::Coded> coded;
    tabari::CodeSentence(dicts, *doc, s0, s1, keys, story_known ? story_days : INT32_MIN, actors,
                         &coded, explain);
    for (const auto& c : coded) {
      VerbPattern p;
      p.cameo = c.phrase->cameo;
      p.reverse = c.phrase->reverse;
      p.swap = c.phrase->reverse_only;
      p.rule = c.phrase->rule;
      p.text = c.phrase->text;
      Emit(p, c.head, c.trigger_end, c.sources, c.targets, Modality::kAsserted, "");
    }
  }

  void CodeSentence(uint32_t si) {
    const Sentence& s = doc->sentences[si];
    sentence_index = si;
    s0 = s.first_token;
    s1 = s.end_token;
    mentions.clear();
    ComputeKeys(dicts.vocabulary(), doc->tokens, s0, s1, &key_store);
    keys = KeysView(key_store.data(), s0);
    finder.Find(*doc, s0, s1, story_known ? story_days : INT32_MIN, keys, &mentions);
    // A dateline ("LYON:", "Mexico City (AP) --") says where the story was
    // filed: no actor, and no country to lend.
    std::erase_if(mentions, [&](const Mention& m) {
      if (m.first != s0 || m.end >= s1 || m.person) return false;
      // (Not a headline's speaker: "China: US claims are slander".)
      bool upper = true;
      for (uint32_t k = m.first; k < m.end; ++k)
        for (char ch : tok(k).norm) upper &= !(ch >= 'a' && ch <= 'z');
      const Token& next = tok(m.end);
      return ((upper || IsPlaceRule(m.rule)) && In(next.norm, {":", "--", "\u2014", "\u2013"})) ||
             (next.norm == "(" && m.end + 2 < s1 && tok(m.end + 2).norm == ")" &&
              In(tok(m.end + 1).norm, {"AP", "AFP", "Reuters", "UPI", "dpa", "Xinhua"}));
    });
    MergeResidentEthnicGroups();
    question = s1 > s0 && tok(s1 - 1).norm == "?";
    BuildGroups();
    if (explain) {
      *explain += "sentence " + std::to_string(si) + ": " + std::string(doc->SentenceText(s)) +
                  "\n  actors:";
      for (uint32_t gi = 0; gi < groups.size(); ++gi) {
        *explain += " [";
        for (const auto& a : group_actors[gi]) *explain += a.code + "=" + a.name + " ";
        *explain += "]";
      }
      *explain += "\n  tokens:";
      for (uint32_t k = s0; k < s1; ++k)
        *explain += " " + std::string(tok(k).norm) + "/" + std::string(PosName(tok(k).pos)) + "/" +
                    std::string(tok(k).lemma);
      *explain += "\n";
    }
    if (dicts.conventions() == Dictionaries::Conventions::kTabari) {
      CodeTabariSentence();
      return;
    }
    in_mention.assign(s1 - s0, false);
    for (const auto& m : mentions)
      if (!m.pronoun)
        for (uint32_t k = m.first; k < m.end; ++k) in_mention[k - s0] = true;
    subject_at.assign(s1 - s0, -1);
    consumed.assign(s1 - s0, false);
    last_noun_sources.clear();
    int last_subject = -1;
    // The previous verb head's chain, for coordinated verbs.
    uint32_t prev_verb = 0;
    Modality prev_verb_modality = Modality::kAsserted;
    std::string prev_verb_cue;
    for (uint32_t h = s0; h < s1; ++h) {
      const Token& t = tok(h);
      if (!t.Is(kTokWord)) continue;
      // Inside an actor name ("Security Council") no head starts.
      if (in_mention[h - s0]) continue;
      bool verbish = IsVerbPos(t.pos);
      // After a modal or "to", a word is a verb whatever the tagger said
      // ("would boycott", "to protest").
      if (!verbish && h > s0 &&
          (tok(h - 1).pos == Pos::kModal || tok(h - 1).pos == Pos::kTo ||
           ((tok(h - 1).word_class & kWcNegation) && h - 1 > s0 && tok(h - 2).pos == Pos::kModal)))
        verbish = true;
      bool nounish = IsNounPos(t.pos) || t.pos == Pos::kUnknown;
      const std::vector<uint32_t>* verb_heads = nullptr;
      const std::vector<uint32_t>* noun_heads = nullptr;
      uint32_t verb_head_id = 0, noun_head_id = 0;
      if (verbish || t.pos == Pos::kUnknown) {
        verb_head_id = keys[h].lemma;
        verb_heads = dicts.VerbHeads(verb_head_id);
        if (!verb_heads) verb_heads = dicts.VerbHeads(verb_head_id = keys[h].lower);
        if (!verb_heads && !IsVerbPos(t.pos))
          verb_heads = dicts.VerbHeads(verb_head_id = keys[h].stem);
      }
      if (nounish || t.pos == Pos::kVerbGerund) {
        noun_head_id = keys[h].lemma;
        noun_heads = dicts.NounHeads(noun_head_id);
        if (!noun_heads) noun_heads = dicts.NounHeads(noun_head_id = keys[h].lower);
        if (!noun_heads) noun_heads = dicts.NounHeads(noun_head_id = keys[h].stem);
      }
      // Headline verbs tagged as nouns: "Xi visits Washington".
      if (!verb_heads && !noun_heads && t.pos == Pos::kNoun && h > s0 &&
          group_ending_at[h - s0] >= 0 && GroupStartingNear(h + 1, 2) >= 0) {
        verb_head_id = keys[h].lemma;
        verb_heads = dicts.VerbHeads(verb_head_id);
        if (!verb_heads) verb_heads = dicts.VerbHeads(verb_head_id = keys[h].stem);
      }
      no_intent = false;
      if (verb_heads) {
        Chain chain = AnalyzeChain(h);
        // "aims to tighten sanctions and impose a blockade", "will visit
        // Paris and meet Macron": a bare verb joined to the previous one
        // shares its modality.
        if (chain.start == h && chain.modality == Modality::kAsserted && t.pos == Pos::kVerb &&
            h > s0 + 1 && In(tok(h - 1).lower, {"and", "or"}) && prev_verb + 12 > h &&
            prev_verb_modality != Modality::kAsserted) {
          chain.modality = prev_verb_modality;
          chain.cue = prev_verb_cue;
        }
        prev_verb = h;
        prev_verb_modality = chain.modality;
        prev_verb_cue = chain.cue;
        const VerbPattern* best = nullptr;
        PatternMatch bm;
        if (chain.passive) {
          // The object's words come before the verb ("sanctions were
          // imposed"): try every pattern of the head.
          candidates.resize(verb_heads->size());
          for (uint32_t r = 0; r < candidates.size(); ++r) candidates[r] = r;
        } else {
          Candidates(h, verb_head_id, false, &candidates);
        }
        for (uint32_t rank : candidates) {
          const VerbPattern& p = dicts.patterns()[(*verb_heads)[rank]];
          auto m = MatchPattern(p, h, &chain);
          if (m) {
            best = &p;
            bm = *m;
            break;
          }
        }
        // A bare gerund after a comma or "and" continues a list of the clause
        // subject's actions ("Washington is maintaining tariffs ...,
        // countering Chinese lending, actively opposing the BRI").
        bool bare_gerund = t.pos == Pos::kVerbGerund;
        for (uint32_t k = chain.start; k < h && bare_gerund; ++k)
          if (!IsChainAdverb(tok(k))) bare_gerund = false;
        int subj = -1;
        if (bare_gerund && last_subject >= 0 && chain.start > s0 &&
            (tok(chain.start - 1).norm == "," || tok(chain.start - 1).lower == "and"))
          // "after tornadoes ripped through the South, killing five": what
          // a natural force did is no act of the clause's actor.
          subj = NaturalForceBefore(h) ? -1 : last_subject;
        else
          subj = FindSubject(chain.start, last_subject);
        // "blocked roads in the capital Algiers demanding that ...": a
        // participle after a place or object in a phrase belongs to the
        // clause's subject.
        if (t.pos == Pos::kVerbGerund && chain.start == h && subj >= 0 && last_subject >= 0 &&
            subj != last_subject && groups[subj].end == h && groups[subj].first > s0 &&
            tok(groups[subj].first - 1).pos == Pos::kPreposition &&
            (tok(groups[subj].first - 1).lower != "of" || IsCityGroup(subj)))
          subj = last_subject;
        if (explain)
          *explain += "  verb " + std::string(t.norm) + ": " +
                      (best ? best->rule + " " + best->text : std::string("no pattern matched")) +
                      " subject=" + std::to_string(subj) +
                      " passive=" + std::to_string(chain.passive) +
                      " modality=" + std::string(ModalityName(chain.modality)) + "\n";
        // Gerund clauses share the subject of the main verb ("Washington is
        // maintaining tariffs ..., countering Chinese lending").
        // So do gerunds that say what the subject's statement says ("the
        // PKK issued a declaration demanding that ...", "sent a letter urging").
        if (subj < 0 && t.pos == Pos::kVerbGerund && chain.start == h && last_subject >= 0 &&
            h > s0 && !NaturalForceBefore(h) &&
            (tok(h - 1).norm == "," || tok(h - 1).lower == "and" || IsChainAdverb(tok(h - 1)) ||
             (tok(h - 1).pos == Pos::kNoun &&
              In(tok(h - 1).lemma, {"statement", "declaration", "communique", "letter", "message",
                                    "note", "memorandum", "petition", "appeal", "ultimatum"}))))
          subj = last_subject;
        // A gerund used as a noun after its actor: "killed in Israeli tank
        // shelling", "by Russian drone bombing".
        bool nominal_gerund = false;
        if (subj < 0 && t.pos == Pos::kVerbGerund && h > s0 && group_ending_at[h - s0] >= 0) {
          uint32_t f = groups[group_ending_at[h - s0]].first;
          if (f > s0 &&
              In(tok(f - 1).lower, {"in", "by", "from", "of", "after", "amid", "during"})) {
            subj = group_ending_at[h - s0];
            nominal_gerund = true;
          }
        }
        if (subj >= 0 && !chain.infinitive && !nominal_gerund) last_subject = subj;
        // "a resolution that aims to tighten sanctions and impose a blockade":
        // a relative clause whose subject is no actor; what follows in it is
        // not the main clause subject's.
        if (subj < 0 && !chain.infinitive && chain.start == h && h > s0 &&
            In(tok(h - 1).lower, {"that", "which"}) &&
            !(h - 1 > s0 && group_ending_at[h - 1 - s0] >= 0))
          last_subject = -1;
        if (chain.infinitive && subj < 0) {
          // "Xi's trip to California to meet with Biden": the traveller.
          for (uint32_t k = chain.start; k > s0 && k + 10 > chain.start;) {
            --k;
            if (!IsTravel(tok(k).lemma)) continue;
            if (k > s0 + 1 && (tok(k - 1).norm == "'s") && group_ending_at[k - 1 - s0] >= 0)
              subj = group_ending_at[k - 1 - s0];
            else if (subject_at[k - s0] >= 0)
              subj = subject_at[k - s0];
            break;
          }
        }
        // "will visit Mauritania and Senegal to mediate": the object of a verb
        // that does not hand it the infinitive is no subject of it; the
        // verb's own subject is.
        if (chain.infinitive && subj >= 0 && groups[subj].end == chain.start &&
            groups[subj].first > s0) {
          const uint32_t v = groups[subj].first - 1;
          const Token& gv = tok(v);
          if (IsVerbPos(gv.pos) && gv.pos != Pos::kVerbGerund && !IsObjectControl(gv.lemma) &&
              !IsAuxiliary(gv) && subject_at[v - s0] >= 0 && subject_at[v - s0] != subj)
            subj = subject_at[v - s0];
        }
        // "Xi's trip to California to meet with Biden": a place does not act;
        // the traveller does.
        // ("Manitoba to ban TikTok": a province named as the actor is one.)
        if (chain.infinitive && subj >= 0 && IsPlaceGroup(subj) &&
            groups[subj].end == chain.start && groups[subj].first > s0 &&
            (tok(groups[subj].first - 1).pos == Pos::kPreposition ||
             tok(groups[subj].first - 1).pos == Pos::kTo))
          subj = TravellerBefore(groups[subj].first);
        if (chain.infinitive && subj < 0) subj = InfinitiveSubject(&chain, last_subject);
        subject_at[h - s0] = subj;
        // "Russia said that Sudan must return the helicopter": a demand by the
        // speaker of the actor who must act.
        if (chain.modality == Modality::kNormative && In(chain.cue, {"must", "should"}) &&
            subj >= 0 && !chain.infinitive)
          ReportedDemand(h, chain, subj);
        if (!best) continue;
        for (uint32_t k = h; k < bm.end && k < s1; ++k) consumed[k - s0] = true;
        if (best->stop) continue;
        std::vector<ActorRef> sources, targets;
        int tg = bm.target_group;
        if (chain.passive) {
          int by = ByAgent(bm.end > h ? bm.end : h + 1);
          if (tg >= 0) {
            // "sanctions were imposed on X by Y"
            if (by >= 0) sources = group_actors[by];
            targets = group_actors[tg];
          } else {
            if (by >= 0) sources = group_actors[by];
            // "A camp for Congolese refugees was attacked by militiamen": the
            // actor inside the subject phrase suffers the act.
            if (subj < 0 && by >= 0) subj = ActorInPhraseBefore(chain.start);
            if (subj >= 0) targets = group_actors[subj];
            // "An American journalist arrested in Russia": arrests and
            // expulsions are the acts of the state where they happen.
            if (by < 0 && !targets.empty() && best->cameo &&
                (best->cameo->code.starts_with("173") || best->cameo->code.starts_with("174")))
              for (uint32_t k = h + 1; k < s1 && k < h + 4; ++k) {
                if (tok(k).lower != "in" || k + 1 >= s1) continue;
                int g = group_starting_at[k + 1 - s0];
                if (g >= 0 && group_actors[g].size() == 1 && !group_actors[g][0].country.empty() &&
                    group_actors[g][0].sector.empty()) {
                  ActorRef state = group_actors[g][0];
                  state.code = state.country;
                  state.rule = "builtin:place of arrest + " + state.rule;
                  sources = {state};
                }
                break;
              }
          }
        } else {
          if (subj >= 0) sources = group_actors[subj];
          if (tg < 0 && bm.literal_group >= 0) tg = bm.literal_group;
          if (tg < 0 && !best->has_target) tg = ObjectAfterAsPhrase(h, bm.end);
          if (tg < 0 && !best->has_target) tg = GroupStartingNear(bm.end, 3);
          bool reciprocal_subject = sources.size() >= 2 && IsReciprocal(best->head);
          if (tg < 0 && !best->has_target && !reciprocal_subject)
            tg = GroupInClause(bm.end, 12, subj);
          // "killed in Israeli tank shelling": the shelling hit the killed.
          if (tg < 0 && nominal_gerund) {
            int v = VictimsOfPassiveBefore(groups[subj].first);
            if (v >= 0 && v != subj && !IsSameCountryOnly(v, sources)) tg = v;
          }
          // "opened a WTO dispute claiming that the Inflation Reduction Act,
          // Biden's signature bill, violates trade law": a complaint's or
          // lawsuit's target may only be named in what it claims.
          if (tg < 0 && best->cameo && In(best->cameo->code, {"114", "115", "112"}) && subj >= 0) {
            for (uint32_t k = bm.end; k < s1 && k < bm.end + 25; ++k) {
              if (tok(k).norm == ";") break;
              int g = group_starting_at[k - s0];
              if (g < 0 || g == subj) continue;
              // Not the reporter: "..., Human Rights Watch said".
              if (groups[g].end < s1 && IsSayVerb(tok(groups[g].end).lemma)) break;
              bool other = false;
              for (const auto& a : group_actors[g])
                for (const auto& b : group_actors[subj]) other |= a.country != b.country;
              if (other) {
                tg = g;
                break;
              }
            }
          }
          // "threatened to strike unless Israel withdrew": the condition's actor.
          if (tg < 0 && best->cameo &&
              (best->cameo->code.rfind("13", 0) == 0 || best->cameo->code.rfind("10", 0) == 0)) {
            for (uint32_t k = bm.end; k < s1 && k < bm.end + 14; ++k) {
              if (In(tok(k).lower, {"unless", "if", "until"})) {
                int g = GroupStartingNear(k + 1, 2);
                if (g >= 0 && g != subj) tg = g;
                break;
              }
              if (In(tok(k).norm, {";", "."})) break;
            }
          }
          if (tg >= 0 && !(IsLocativeCity(tg) && !IsTravel(best->head) && !ViolentRoot(best)))
            targets = group_actors[tg];
        }
        const VerbPattern* used = best;
        if (tg >= 0 && best->cameo && !chain.passive) {
          // "attacked China's trade with Russia": force is used on people and
          // places; an attack on a possession such as trade or policy is
          // criticism.
          std::string_view root = std::string_view(best->cameo->code).substr(0, 2);
          uint32_t after = groups[tg].end;
          if ((root == "18" || root == "19" || root == "17") && after > s0 &&
              ((tok(after - 1).norm == "'s" && after < s1 && tok(after).pos == Pos::kNoun &&
                IsAbstractPossession(tok(after).lemma)) ||
               (after + 1 < s1 && tok(after).norm == "'s" && tok(after + 1).pos == Pos::kNoun &&
                IsAbstractPossession(tok(after + 1).lemma)))) {
            verbal_attack.cameo = dicts.Cameo("111");
            verbal_attack.rule = best->rule + "+builtin:abstract-object";
            verbal_attack.text = best->text + " (on an abstract object: criticism)";
            verbal_attack.head = best->head;
            if (verbal_attack.cameo) used = &verbal_attack;
          }
        }
        // (Not 054: one recognises a state, not each other.)
        bool cooperative_pair =
            best->cameo && !best->has_target && best->cameo->code.rfind("054", 0) != 0 &&
            In(std::string_view(best->cameo->code).substr(0, 2), {"03", "04", "05", "06"});
        // "makes no apologies", "offered no concessions": not done.
        for (uint32_t k = h + 1; k < bm.end && k < s1; ++k)
          if (tok(k).lower == "no" && chain.modality == Modality::kAsserted) {
            chain.modality = Modality::kNegated;
            chain.cue = "no";
          }
        // "Blinken postpones visit to China": the tagger read the event noun as a
        // verb after a verb that calls it off.
        if (h > s0 && (In(tok(h - 1).lemma, {"postpone", "cancel", "delay", "scrap", "suspend",
                                             "shelve", "defer", "abandon", "axe", "nix"}) ||
                       In(tok(h - 1).lower, {"postpones", "cancels", "delays", "scraps", "suspends",
                                             "shelves", "defers", "abandons", "axes", "nixes"}))) {
          chain.modality = Modality::kNegated;
          chain.cue = std::string(tok(h - 1).norm);
        }
        bool pair_only = best->pair;
        if (targets.empty() && sources.size() >= 2 &&
            ((IsReciprocal(best->head) && !IsAddressed(used->cameo)) || cooperative_pair ||
             pair_only || (best->reverse && best->reverse == best->cameo))) {
          // "Washington and Beijing agreed ...", "Brazil and the United States
          // are seeking to deepen a partnership": each side to the other.
          for (std::size_t a = 0; a < sources.size(); ++a)
            for (std::size_t b = 0; b < sources.size(); ++b)
              if (a != b && sources[a].country != sources[b].country)
                Emit(*used, h, std::max(h + 1, bm.end), {sources[a]}, {sources[b]}, chain.modality,
                     chain.cue);
          continue;
        }
        if (pair_only) continue;  // "renewed negotiations" needs a pair of actors
        bool one_country = true;
        for (const ActorRef& a : sources) one_country &= a.country == sources[0].country;
        if (targets.empty() && !best->has_target && used->cameo &&
            IsDomesticRoot(used->cameo->code) && one_country && !sources.empty() &&
            (chain.modality == Modality::kAsserted || chain.modality == Modality::kNegated ||
             chain.modality == Modality::kPlanned) &&
            !(chain.modality == Modality::kPlanned ? ForeignActorAfter(s0, sources[0])
                                                   : ForeignActorNear(h, sources[0]))) {
          // "Sudan's government lifted the state of emergency", "Iraqi
          // Kurds demonstrated": no one else is named, so the action is
          // domestic: the source's own country is the target.
          for (const ActorRef& s : sources)
            if (!s.country.empty())
              Emit(*used, h, std::max(h + 1, bm.end), {s}, {Domestic(s)}, chain.modality,
                   chain.cue);
          continue;
        }
        // "Sudanese rebels shelled Juba, killing about 20 people": the deaths
        // are the shelling's toll, not another event.
        if (t.pos == Pos::kVerbGerund && chain.start == h && h > s0 &&
            (tok(h - 1).norm == "," || tok(h - 1).lower == "and" || tok(h - 1).lower == "or") &&
            In(t.lemma, {"kill", "wound", "injure", "hurt", "maim"}) && !sources.empty() &&
            ForceAlreadyCoded(sources[0], targets))
          continue;
        Emit(*used, h, std::max(h + 1, bm.end), sources, targets, chain.modality, chain.cue);
        continue;
      }
      no_intent = false;
      if (noun_heads && !consumed[h - s0]) {
        const VerbPattern* best = nullptr;
        PatternMatch bm;
        Candidates(h, noun_head_id, true, &candidates);
        for (uint32_t rank : candidates) {
          const VerbPattern& p = dicts.patterns()[(*noun_heads)[rank]];
          auto m = MatchPattern(p, h, nullptr);
          if (m) {
            best = &p;
            bm = *m;
            break;
          }
        }
        if (explain)
          *explain += "  noun " + std::string(t.norm) + ": " +
                      (best ? best->rule + " " + best->text : std::string("no pattern matched")) +
                      "\n";
        if (!best || best->stop) continue;
        // Source: a possessor or adjective ("Xi's visit", "U.S. sanctions"),
        // else the subject of the light verb ("held talks"), else the
        // subject after a fronted phrase ("In a call with Biden, Xi said").
        std::vector<ActorRef> sources;
        Modality modality = Modality::kAsserted;
        std::string cue;
        uint32_t k = h;
        // (Not past an actor: "Palestinian riots against Israeli policies".)
        while (k > s0 && k + 4 > h && group_ending_at[k - s0] < 0 &&
               (tok(k - 1).pos == Pos::kAdjective || tok(k - 1).pos == Pos::kNumber ||
                IsPlannedNounModifier(tok(k - 1).lower) ||
                tok(k - 1).lower.find('-') != std::string_view::npos)) {
          if (IsPlannedNounModifier(tok(k - 1).lower)) {
            modality = Modality::kPlanned;
            cue = std::string(tok(k - 1).norm);
          }
          --k;
        }
        // "Unlike many past meetings", "previous talks": meetings in
        // general or told before, no event of this story.
        {
          bool generic = false;
          for (uint32_t q = k; q > s0 && q + 4 > k && !generic;) {
            --q;
            generic = In(tok(q).lower, {"past", "previous", "prior", "unlike"});
          }
          if (generic) continue;
        }
        // "the latest prediction of a Chinese invasion of Taiwan", "fears of
        // a war": what is foreseen or feared has not happened.
        {
          uint32_t pf = k;
          if (pf > s0 && group_ending_at[pf - s0] >= 0) pf = groups[group_ending_at[pf - s0]].first;
          if (pf > s0 && tok(pf - 1).pos == Pos::kDeterminer) --pf;
          if (pf > s0 + 1 && tok(pf - 1).lower == "of" &&
              In(tok(pf - 2).lemma, {"prediction", "forecast", "prospect", "risk", "fear",
                                     "possibility", "threat", "danger", "likelihood", "chance",
                                     "scenario", "rumour", "rumor", "speculation", "warning"})) {
            modality = Modality::kHypothetical;
            cue = std::string(tok(pf - 2).norm) + " of";
          }
        }
        // "offered no apology", "without talks": the event did not happen.
        if (k > s0 && In(tok(k - 1).lower, {"no", "without"})) {
          modality = Modality::kNegated;
          cue = std::string(tok(k - 1).norm);
          --k;
        }
        // "is preparing a major offensive", "plans a visit": not yet done.
        {
          uint32_t v = k;
          if (v > s0 && tok(v - 1).pos == Pos::kDeterminer) --v;
          if (v > s0 && modality == Modality::kAsserted && IsVerbPos(tok(v - 1).pos) &&
              In(tok(v - 1).lemma,
                 {"prepare", "plan", "consider", "mull", "weigh", "contemplate", "propose"})) {
            modality = Modality::kPlanned;
            cue = std::string(tok(v - 1).norm);
            Chain gc = AnalyzeChain(v - 1);
            if (gc.modality == Modality::kNormative || gc.modality == Modality::kHypothetical ||
                gc.modality == Modality::kNegated) {
              modality = gc.modality;
              cue = gc.cue;
            }
          }
          // "prepare for a summit", "pave the way for talks", "ahead of the
          // visit": still to come.
          if (v > s0 + 1 && modality == Modality::kAsserted && tok(v - 1).lower == "for" &&
              In(tok(v - 2).lemma,
                 {"prepare", "plan", "push", "hope", "wait", "brace", "gear", "way", "stage",
                  "groundwork", "ground", "preparation", "plan", "lobby", "press", "hopes"})) {
            modality = Modality::kPlanned;
            cue = std::string(tok(v - 2).norm) + " for";
            // ("should prepare for a meeting": the governing verb's own
            // modality comes first.)
            if (IsVerbPos(tok(v - 2).pos)) {
              Chain gc = AnalyzeChain(v - 2);
              if (gc.modality == Modality::kNormative || gc.modality == Modality::kHypothetical ||
                  gc.modality == Modality::kNegated) {
                modality = gc.modality;
                cue = gc.cue;
              }
            }
          }
          if (v > s0 + 1 && modality == Modality::kAsserted && tok(v - 1).lower == "of" &&
              In(tok(v - 2).lower, {"ahead", "eve"})) {
            modality = Modality::kPlanned;
            cue = std::string(tok(v - 2).norm) + " of";
          }
        }
        int src_group = -1;
        if (k > s0 && (tok(k - 1).norm == "'s" || tok(k - 1).norm == "'") && k - 1 > s0 &&
            group_ending_at[k - 1 - s0] >= 0)
          src_group = group_ending_at[k - 1 - s0];
        else if (k > s0 && group_ending_at[k - s0] >= 0)
          src_group = group_ending_at[k - s0];
        // "140 Chinese arrivals in Taiwan": travellers of a nationality, not
        // a visit by their state.
        if (src_group >= 0 && In(t.lower, {"arrivals", "visitors", "travellers", "travelers"}))
          src_group = -1;
        if (src_group >= 0) {
          sources = group_actors[src_group];
        } else if (k > s0 && In(tok(k - 1).lower, {"his", "her", "their", "its", "our"})) {
          std::string_view w = tok(k - 1).lower;
          const std::vector<ActorRef>* ante =
              w == "his" || w == "her" ? &state.recent_person
              : w == "its"             ? &state.recent_thing
                           : (state.recent_groups.empty() ? nullptr : &state.recent_groups.back());
          if (ante && !ante->empty())
            sources = w == "their" ? *ante : std::vector<ActorRef>{ante->back()};
          // "The Chinese president is on his first visit": the clause's own
          // subject comes first.
          if (last_subject >= 0 && groups[last_subject].end < k) {
            bool same_clause = true;
            for (uint32_t q = groups[last_subject].end; q + 1 < k && same_clause; ++q)
              same_clause = !IsClauseBoundary(tok(q)) && tok(q).norm != ",";
            const auto& subject = group_actors[last_subject];
            bool plural = subject.size() >= 2;
            for (uint32_t mk : groups[last_subject].members) plural |= mentions[mk].plural;
            bool fits = !subject.empty() && (w == "their" ? plural : subject.size() == 1) &&
                        (w == "its" ? subject[0].sector.empty() : true) &&
                        (w == "his" || w == "her" ? !subject[0].sector.empty() : true);
            if (same_clause && fits) sources = subject;
          }
        }
        if (sources.empty()) {
          // Light verb to the left within a few tokens.
          for (uint32_t v = h; v > s0 && v + 6 > h;) {
            --v;
            const Token& vt = tok(v);
            if (IsClauseBoundary(vt) || vt.norm == ",") break;
            if (IsVerbPos(vt.pos) && vt.pos != Pos::kVerbGerund) {
              Chain vc = AnalyzeChain(v);
              int subj = subject_at[v - s0] >= 0 ? subject_at[v - s0]
                                                 : FindSubject(vc.start, last_subject);
              if (vc.infinitive) {
                int governed = InfinitiveSubject(&vc, last_subject);
                if (subj < 0) subj = governed;
              }
              // (Not a passive one's subject: "ten people were killed in a
              // mass shooting" did not shoot.)
              bool victims =
                  vc.passive && In(vt.lemma, {"kill", "injure", "wound", "hurt", "destroy",
                                              "damage", "displace", "evacuate", "trap", "bury"});
              if (subj >= 0 && !victims) sources = group_actors[subj];
              if (modality == Modality::kAsserted) {
                modality = vc.modality;
                cue = vc.cue;
              }
              if (In(vt.lemma, {"postpone", "cancel", "call"}) && vt.lemma != "call") {
                modality = Modality::kNegated;
                cue = std::string(vt.norm);
              }
              break;
            }
          }
        }
        if (sources.empty() && !last_noun_sources.empty()) {
          // "meetings with A and B, and an unscheduled meeting with C".
          for (uint32_t c = k; c > s0 && c + 4 > k;) {
            --c;
            if (In(tok(c).lower, {"and", "or", ","})) {
              sources = last_noun_sources;
              break;
            }
          }
        }
        if (sources.empty() && tok(s0).pos == Pos::kPreposition) {
          // Fronted phrase: the subject after the next comma ("In a call
          // with Biden, Xi said"). Not a speaker at the end ("... killed in
          // a bombing in Baghdad, Iraqi police said").
          for (uint32_t c = bm.end; c < s1 && c < bm.end + 12; ++c) {
            if (tok(c).norm == "," && c + 1 < s1) {
              int g = group_starting_at[c + 1 - s0];
              bool speaker_at_end = g >= 0 && groups[g].end + 1 < s1 &&
                                    IsSayVerb(tok(groups[g].end).lemma) &&
                                    tok(groups[g].end + 1).pos == Pos::kPunct;
              if (g >= 0 && groups[g].end < s1 && IsVerbPos(tok(groups[g].end).pos) &&
                  !speaker_at_end) {
                sources = group_actors[g];
                Chain vc = AnalyzeChain(groups[g].end);
                if (modality == Modality::kAsserted) {
                  modality = vc.modality;
                  cue = vc.cue;
                }
              }
              break;
            }
          }
        }
        if (question && modality == Modality::kAsserted) {
          modality = Modality::kHypothetical;
          cue = "?";
        }
        // "a clash with the US would bring disaster": the event noun is the
        // subject of a modal verb.
        if (modality == Modality::kAsserted) {
          for (uint32_t k = bm.end; k < s1 && k < bm.end + 3; ++k) {
            std::string_view w = tok(k).lower;
            if (In(w, {"would", "could", "might", "may", "'d"})) {
              modality = Modality::kHypothetical;
              cue = std::string(tok(k).norm);
              break;
            }
            // ("A new agreement between the US and Australia will deepen
            // ties": the agreement exists; what it will do is to come.)
            if (In(w, {"will", "'ll"}) &&
                In(t.lemma, {"agreement", "deal", "pact", "accord", "treaty", "partnership"}))
              break;
            if (In(w, {"will", "'ll"})) {
              modality = Modality::kPlanned;
              cue = std::string(tok(k).norm);
              // ("Chinese aggression towards Taiwan will dominate the
              // talks": a topic, no one's statement of intent.)
              no_intent = true;
              break;
            }
            if (IsVerbPos(tok(k).pos) || tok(k).norm == ",") break;
          }
        }
        // "US weighs more tariffs on Chinese EVs", "China is weighing lethal
        // aid": under consideration, not done.
        for (uint32_t v = h; v > s0 && v + 5 > h;) {
          --v;
          const Token& vt = tok(v);
          if (IsClauseBoundary(vt) || vt.norm == ",") break;
          if (IsVerbPos(vt.pos) &&
              In(vt.lemma, {"weigh", "consider", "mull", "eye", "explore", "study", "debate",
                            "contemplate", "ponder", "propose", "float", "draft"})) {
            modality = Modality::kHypothetical;
            cue = std::string(vt.norm);
            break;
          }
        }
        // "postponed a trip to Beijing", "the visit was cancelled": the event
        // did not take place.
        {
          auto off = [](std::string_view lemma) {
            return In(lemma, {"postpone", "cancel",   "delay",  "scrap",    "suspend", "shelve",
                              "defer",    "abandon",  "derail", "call off", "axe",     "nix",
                              "boycott",  "sever",    "halt",   "freeze",   "refuse",  "reject",
                              "rule",     "oppose",   "snub",   "shun",     "avoid",   "ban",
                              "bar",      "prohibit", "curb",   "restrict", "block"});
          };
          bool called_off = false;
          for (uint32_t v = h; v > s0 && v + 5 > h && !called_off;) {
            --v;
            if (off(tok(v).lemma)) called_off = true;
            if (tok(v).norm == "," || IsClauseBoundary(tok(v))) break;
          }
          for (uint32_t v = bm.end; v < s1 && v < bm.end + 5 && !called_off; ++v) {
            if (off(tok(v).lemma) ||
                (tok(v).lemma == "call" && v + 1 < s1 && tok(v + 1).lower == "off"))
              called_off = true;
            if (tok(v).norm == ",") break;
          }
          if (called_off) {
            modality = Modality::kNegated;
            cue = "called off";
          }
        }
        if (!sources.empty()) last_noun_sources = sources;
        std::vector<ActorRef> targets;
        // "a crackdown on Chinese companies": the literal is the actor's noun.
        if (bm.target_group < 0 && bm.literal_group >= 0) bm.target_group = bm.literal_group;
        if (bm.target_group >= 0 &&
            !(IsLocativeCity(bm.target_group) && !IsTravel(best->head) && !ViolentRoot(best)))
          targets = group_actors[bm.target_group];
        // "Israeli airstrikes hit Rafah", "a Russian drone attack killed
        // three in Kharkiv": force named by a noun lands on what its verb hits.
        if (targets.empty() && !sources.empty() && best->cameo &&
            In(std::string_view(best->cameo->code).substr(0, 2), {"18", "19", "20"})) {
          for (uint32_t v = bm.end; v < s1 && v < bm.end + 4; ++v) {
            const Token& vt = tok(v);
            if (!IsVerbPos(vt.pos) && vt.pos != Pos::kUnknown) continue;
            if (!In(vt.lemma, {"hit", "strike", "pound", "target", "kill", "wound", "destroy",
                               "damage", "rock", "slam", "shell", "bomb"}))
              break;
            int g = GroupInClause(v + 1, 10, -1);
            if (g >= 0 && !IsSameCountryOnly(g, sources)) targets = group_actors[g];
            break;
          }
        }
        // "Three Ukrainian soldiers were killed in a Russian drone attack":
        // the force named by the noun hit those the passive names.
        if (targets.empty() && !sources.empty() && best->cameo &&
            In(std::string_view(best->cameo->code).substr(0, 2), {"18", "19", "20"})) {
          uint32_t pf = k;
          if (pf > s0 && group_ending_at[pf - s0] >= 0) pf = groups[group_ending_at[pf - s0]].first;
          if (pf > s0 && tok(pf - 1).pos == Pos::kDeterminer) --pf;
          if (int v = VictimsOfPassiveBefore(pf); v >= 0 && !IsSameCountryOnly(v, sources))
            targets = group_actors[v];
        }
        // "talks between Israel and Syria", "a ceasefire between A and B":
        // with no third party acting, the pair acts on each other.
        if (sources.empty() && targets.size() >= 2 &&
            best->text.find("between {T}") != std::string::npos) {
          for (std::size_t a = 0; a < targets.size(); ++a)
            for (std::size_t b = 0; b < targets.size(); ++b)
              if (a != b && targets[a].country != targets[b].country)
                Emit(*best, h, std::max(h + 1, bm.end), {targets[a]}, {targets[b]}, modality, cue);
          continue;
        }
        if (targets.empty() && sources.size() >= 2 &&
            ((IsReciprocal(best->head) && !IsAddressed(best->cameo)) || best->pair)) {
          for (std::size_t a = 0; a < sources.size(); ++a)
            for (std::size_t b = 0; b < sources.size(); ++b)
              if (a != b && sources[a].country != sources[b].country)
                Emit(*best, h, std::max(h + 1, bm.end), {sources[a]}, {sources[b]}, modality, cue);
          continue;
        }
        if (best->pair) continue;
        Emit(*best, h, std::max(h + 1, bm.end), sources, targets, modality, cue);
      }
    }
  }
};

namespace {

// Two rules can code the same act of the same words ("plans to meet X" is an
// intention twice: by "plans to" and by the planned meeting): the sentence
// keeps one, or the barometer would count it twice. Actors named apart
// ("Blinken and Austin met ...") stay apart.
void DropRepeats(std::vector<Event>* events, std::size_t first) {
  auto same = [](const Event& a, const Event& b) {
    return a.cameo == b.cameo && a.modality == b.modality && a.source.code == b.source.code &&
           a.target.code == b.target.code && a.source.span.start == b.source.span.start &&
           a.source.span.end == b.source.span.end && a.target.span.start == b.target.span.start &&
           a.target.span.end == b.target.span.end;
  };
  std::size_t out = first;
  for (std::size_t i = first; i < events->size(); ++i) {
    bool repeat = false;
    for (std::size_t j = first; j < out && !repeat; ++j) repeat = same((*events)[j], (*events)[i]);
    if (repeat) continue;
    if (out != i) (*events)[out] = std::move((*events)[i]);
    ++out;
  }
  events->resize(out);
}

}  // namespace

EventCoder::EventCoder(const Dictionaries& dicts) : dicts_(dicts), finder_(dicts) {}
EventCoder::~EventCoder() = default;

void EventCoder::Code(const Document& doc, std::vector<Event>* events) {
  // One Impl per coder, reused across documents, so its per-sentence
  // buffers are allocated once.
  if (!impl_) impl_ = std::make_unique<Impl>(dicts_, finder_);
  Impl& impl = *impl_;
  impl.doc = &doc;
  impl.events = events;
  impl.explain = explain_;
  impl.state = DocState{};
  impl.story_known = false;
  impl.story_days = INT32_MIN;
  if (doc.meta.story_date_source != DateSource::kNone && doc.meta.story_date.ok()) {
    impl.story_known = true;
    impl.story_days = Days(doc.meta.story_date);
  }
  for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    const Segment& seg = doc.segments[s.segment];
    if (!seg.Coded()) continue;
    Role role = seg.paragraphs[s.paragraph].role;
    if (role == Role::kSection || role == Role::kImageAlt || role == Role::kBoilerplate) continue;
    if (static_cast<int>(s.segment) != impl.state.segment) {
      // Each segment is its own story: a teaser's "two sides" are not the
      // article's. Captions share the article's dyad.
      bool keep = seg.kind == SegmentKind::kCaption;
      if (!keep) impl.state = DocState{};
      impl.state.segment = s.segment;
    }
    const std::size_t before = events->size();
    impl.CodeSentence(si);
    DropRepeats(events, before);
  }
}

}  // namespace detente
