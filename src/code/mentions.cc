#include "code/mentions.h"

#include <array>
#include <climits>
#include <cstring>
#include <string_view>

#include "text/word_class.h"

namespace detente {
namespace {

bool IsPossessive(const Token& t) { return t.norm == "'s" || t.norm == "'"; }

bool IsOneOf(std::string_view w, std::initializer_list<std::string_view> list) {
  if (w.empty()) return false;
  const char c = w[0];
  for (auto x : list)
    if (x.size() == w.size() && x[0] == c && std::memcmp(x.data(), w.data(), w.size()) == 0)
      return true;
  return false;
}

// A capitalised proper noun that can be part of a person's name (not a
// weekday or month: "officials Friday").
// Whether a sentence is written in prose, not title case: most of its words
// begin in lower case.
bool IsProse(const std::vector<Token>& toks, uint32_t first, uint32_t end) {
  int lower = 0, upper = 0;
  for (uint32_t k = first; k < end; ++k) {
    if (!toks[k].Is(kTokWord) || toks[k].Is(kTokHasDigit)) continue;
    (toks[k].Is(kTokCapitalized) ? upper : lower) += 1;
  }
  return lower > upper;
}

bool IsNameOfDay(const Token& t) {
  return IsOneOf(t.lower, {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                           "sunday", "january", "february", "march", "april", "may", "june", "july",
                           "august", "september", "october", "november", "december"});
}

bool IsNameToken(const Token& t) {
  if (!t.Is(kTokCapitalized) || t.pos != Pos::kProperNoun) return false;
  return !IsOneOf(t.lower, {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                            "sunday", "january", "february", "march", "april", "may", "june",
                            "july", "august", "september", "october", "november", "december"});
}

bool IsNpModifier(const Token& t) {
  if (t.pos == Pos::kAdjective || t.pos == Pos::kNumber) return true;
  return t.word_class & kWcNpModifier;
}

std::string CountryOf(const std::string& code) {
  return code.size() >= 3 ? code.substr(0, 3) : code;
}

std::string SectorOf(const std::string& code) {
  return code.size() >= 6 ? code.substr(3, 3) : std::string();
}

constexpr std::array<std::string_view, 14> kDyadNouns = {
    "sides",  "countries", "governments", "nations",     "capitals", "militaries", "leaders",
    "powers", "states",    "presidents",  "delegations", "armies",   "ministers",  "side"};

}  // namespace

void MentionFinder::ResolveFamilyName(std::span<const Token> toks, uint32_t mention_first,
                                      uint32_t name_first, uint32_t name_end, int32_t story_days,
                                      Mention* m) const {
  // Family names are shared across nations ("Governor Greg Abbott" is no
  // Tony Abbott, "Representative Khanna" no Indian): only a lone family name
  // after a head of state's or government's title, matched against the
  // people who held such an office.
  if (name_end != name_first + 1) return;
  std::string_view office;
  for (uint32_t q = mention_first; q < name_first; ++q) {
    std::string_view w = toks[q].lower;
    if (IsOneOf(w, {"president", "premier", "chancellor", "king", "queen", "emir", "sultan"}))
      office = w;
    else if (w == "minister" && q > mention_first && toks[q - 1].lower == "prime")
      office = "prime minister";
  }
  if (office.empty()) return;
  std::string word = LowerAscii(toks[name_first].norm);
  // The role part of the label: "Ronald Reagan; President" -> "president"
  // (not "first vice president").
  auto held = [&](const ActorEntry& e) {
    std::string label = LowerAscii(e.label);
    std::size_t semi = label.find("; ");
    return std::string_view(label)
        .substr(semi == std::string::npos ? 0 : semi + 2)
        .starts_with(office);
  };
  const ActorEntry* covering = nullptr;
  std::string country;
  for (uint32_t p : dicts_.PersonsWithFamilyName(word)) {
    const ActorEntry& e = dicts_.actors()[p];
    std::string c = e.code.size() >= 6 ? CountryOf(e.code) : e.code;
    if (!country.empty() && c != country) return;  // "President Kim": which Korea?
    country = c;
    if (!held(e)) continue;
    if (story_days != INT32_MIN && e.from <= story_days && story_days <= e.until) covering = &e;
  }
  if (country.size() != 3) return;
  bool held_office = covering != nullptr;
  for (uint32_t p : dicts_.PersonsWithFamilyName(word)) held_office |= held(dicts_.actors()[p]);
  if (!held_office) return;
  bool former = false;
  for (uint32_t q = mention_first; q < name_end; ++q)
    former |= IsOneOf(toks[q].lower, {"former", "ex", "then", "late"});
  if (covering)
    m->code = covering->code;
  else if (!former && !m->sector.empty())
    m->code = country + m->sector;
  else
    m->code = country + "ELI";
  m->country = country;
  m->sector = SectorOf(m->code);
  m->rule += " + family name";
}

void MentionFinder::Find(const Document& doc, uint32_t first, uint32_t end, int32_t story_days,
                         const KeysView& all, std::vector<Mention>* out) const {
  const auto& toks = doc.tokens;
  uint32_t i = first;
  while (i < end) {
    const Token& t0 = toks[i];
    // "the two sides", "both countries", "each side": the story's dyad.
    {
      uint32_t j = i;
      std::string_view w = toks[j].lower;
      if (w == "the" || w == "both" || w == "each" || w == "neither" || w == "either") {
        ++j;
        if (j < end && (toks[j].lower == "two" || toks[j].lower == "respective")) ++j;
        if (j < end && j > i) {
          std::string_view n = toks[j].lower;
          bool dyad = false;
          for (auto d : kDyadNouns)
            if (n == d) dyad = true;
          // "the two" is needed for nouns that are not about a pair alone.
          if (dyad && w == "the" && toks[i + 1].lower != "two") dyad = false;
          if (dyad && n == "side" && w != "each" && w != "either" && w != "neither") dyad = false;
          if (dyad) {
            Mention m;
            m.first = i;
            m.end = j + 1;
            m.dyad = true;
            m.plural = true;
            m.sector = (n == "militaries" || n == "armies") ? "MIL"
                       : (n == "sides" || n == "side" || n == "countries" || n == "nations" ||
                          n == "states" || n == "powers")
                           ? ""
                           : "GOV";
            m.name = std::string(doc.text.substr(toks[i].start, toks[j].end - toks[i].start));
            m.rule = "builtin:dyad";
            out->push_back(std::move(m));
            i = j + 1;
            continue;
          }
        }
      }
    }
    // Pronouns stand for an earlier actor; the coder resolves them.
    if (IsOneOf(t0.lower, {"he", "she", "they", "it", "we"}) && t0.pos != Pos::kPossPronoun) {
      Mention m;
      m.first = i;
      m.end = i + 1;
      m.pronoun = true;
      m.plural = t0.lower == "they" || t0.lower == "we";
      m.name = std::string(t0.norm);
      out->push_back(std::move(m));
      ++i;
      continue;
    }

    uint32_t j = i;
    Mention m;
    m.first = i;
    bool have = false, done = false, after_agent = false, title = false;
    const ActorEntry* base = nullptr;  // metonym/org/group/country
    bool after_possessive = false;     // "China's ..."
    uint32_t place_end = 0;            // end of a place name met first
    for (int step = 0; step < 10 && j < end && !done; ++step) {
      uint32_t len = 0;
      auto payloads = dicts_.actor_names().LongestMatch(all, j, end, &len);
      if (len && dicts_.actors()[payloads[0]].kind == ActorKind::kPlace) {
        // "the Taiwan Strait": a place named after an actor is not one.
        if (!have) place_end = j + len;
        break;
      }
      if (len) {
        // Prefer a person in role, then institutions, then countries.
        const ActorEntry* person = nullptr;
        const ActorEntry* person_any = nullptr;
        const ActorEntry* inst = nullptr;
        const ActorEntry* country = nullptr;
        for (uint32_t p : payloads) {
          const ActorEntry& e = dicts_.actors()[p];
          if (e.kind == ActorKind::kPerson) {
            bool covers =
                story_days == INT32_MIN || (e.from <= story_days && story_days <= e.until);
            if (covers && (!person || (story_days == INT32_MIN && e.until > person->until)))
              person = &e;
            if (!person_any) {
              person_any = &e;
            } else if (story_days != INT32_MIN) {
              // The role nearest in time to the story.
              auto dist = [&](const ActorEntry* x) {
                return story_days < x->from ? int64_t(x->from) - story_days
                                            : int64_t(story_days) - x->until;
              };
              if (dist(&e) < dist(person_any)) person_any = &e;
            }
          } else if (e.kind == ActorKind::kMetonym || e.kind == ActorKind::kOrg ||
                     e.kind == ActorKind::kGroup) {
            bool covers =
                story_days == INT32_MIN || (e.from <= story_days && story_days <= e.until);
            if (covers && !inst) inst = &e;
          } else if (!country) {
            country = &e;
          }
        }
        if (person || person_any) {
          const ActorEntry& e = person ? *person : *person_any;
          m.person = true;
          m.name = e.name;
          m.rule = e.rule;
          bool former = false;
          for (uint32_t q = i; q < j; ++q)
            if (toks[q].lower == "former" || toks[q].lower == "ex" || toks[q].lower == "then")
              former = true;
          if (person) {
            m.code = e.code;
          } else if (title && !former && e.code.size() >= 6 && !m.sector.empty()) {
            // No dictionary role on this date, but the text gives a current
            // title ("Vice Foreign Minister Xie Feng"): trust the text.
            m.code = CountryOf(e.code) + m.sector;
          } else {
            // Out of office on the story date: an elite of their country.
            m.code = e.code.size() >= 6 ? CountryOf(e.code) + "ELI" : e.code;
          }
          if (m.code.size() >= 6 || e.code.size() >= 6) {
            m.country = CountryOf(m.code);
            m.sector = SectorOf(m.code);
          } else {
            m.org = true;
          }
          j += len;
          have = true;
          done = true;
          break;
        }
        if (after_agent || title) {
          // A country after a sector noun begins a new phrase ("officials in China").
          break;
        }
        if (inst && !(country && j + len < end && IsPossessive(toks[j + len]) && false)) {
          base = inst;
          m.code = inst->code;
          if (!m.country.empty() && inst->kind == ActorKind::kMetonym &&
              CountryOf(inst->code) != m.country && inst->code.size() >= 6) {
            // "Rwanda's Senate", "Nigeria's Supreme Court": an institution
            // name shared by many countries belongs to the one named.
            base = nullptr;
            m.code = m.country + SectorOf(inst->code);
            m.rule = inst->rule;
            m.sector = SectorOf(inst->code);
            m.name.clear();
            j += len;
            have = true;
            done = true;
            break;
          }
          m.rule = inst->rule;
          m.name =
              std::string(doc.text.substr(toks[j].start, toks[j + len - 1].end - toks[j].start));
          if (inst->kind == ActorKind::kOrg) {
            m.org = true;
          } else {
            m.country = CountryOf(inst->code);
            m.sector = SectorOf(inst->code);
          }
          j += len;
          have = true;
          if (j < end && IsPossessive(toks[j])) {
            ++j;
            continue;  // "Beijing's top diplomat", "NATO's chief"
          }
          // "UN troops", "Kremlin officials": the institution's people.
          uint32_t nlen = 0;
          if (j < end && dicts_.agent_nouns().LongestMatch(all, j, end, &nlen).size() &&
              IsNounPos(toks[j + nlen - 1].pos)) {
            auto nouns2 = dicts_.agent_nouns().LongestMatch(all, j, end, &nlen);
            if (inst->kind != ActorKind::kOrg) m.sector = dicts_.agents()[nouns2[0]].sector;
            std::string_view last = toks[j + nlen - 1].lower;
            m.plural = last.size() > 1 && last.back() == 's';
            j += nlen;
            after_agent = inst->kind != ActorKind::kOrg;
          }
          done = true;
          break;
        }
        if (country) {
          if (!m.country.empty() && m.country != CountryOf(country->code)) break;
          m.country = CountryOf(country->code);
          m.code = m.country;
          m.rule = country->rule;
          m.name =
              std::string(doc.text.substr(toks[j].start, toks[j + len - 1].end - toks[j].start));
          j += len;
          have = true;
          if (j < end && IsPossessive(toks[j])) {
            ++j;
            after_possessive = true;
          }
          continue;
        }
        break;
      }
      // "Vietnamese-led forces", "Iranian-backed militias", "U.S.-brokered":
      // the country before the hyphen, as a modifier.
      if (!have || (!after_agent && !title)) {
        std::string_view lw = toks[j].lower;
        auto dash = lw.rfind('-');
        if (dash != std::string_view::npos && dash > 0) {
          std::string_view suffix = lw.substr(dash + 1);
          if (suffix == "led" || suffix == "backed" || suffix == "based" || suffix == "owned" ||
              suffix == "run" || suffix == "sponsored" || suffix == "supported" ||
              suffix == "allied" || suffix == "aligned" || suffix == "funded" ||
              suffix == "controlled") {
            auto hits = dicts_.actor_names().Find(lw.substr(0, dash));
            // ("US-led", "UK-backed": short capitals are keyed as "^US".)
            std::string caps;
            if (hits.empty() && dash <= 4) {
              caps = "^" + std::string(toks[j].norm.substr(0, dash));
              hits = dicts_.actor_names().Find(caps);
            }
            for (uint32_t p : hits) {
              const ActorEntry& e = dicts_.actors()[p];
              if (e.kind == ActorKind::kAdjective || e.kind == ActorKind::kCountry) {
                m.country = CountryOf(e.code);
                m.code = m.country;
                m.rule = e.rule;
                have = true;
                break;
              }
            }
            if (have && m.country.size()) {
              ++j;
              continue;
            }
          }
        }
      }
      // Titles ("President", "Secretary of State") and sector nouns.
      auto titles = dicts_.titles().LongestMatch(all, j, end, &len);
      if (len && toks[j].Is(kTokCapitalized)) {
        m.sector = dicts_.agents()[titles[0]].sector;
        if (m.rule.empty()) m.rule = dicts_.agents()[titles[0]].rule;
        title = true;
        have = true;
        j += len;
        continue;
      }
      auto nouns = dicts_.agent_nouns().LongestMatch(all, j, end, &len);
      // "military exercises", "consumer demand", "police station": a sector
      // word modifying another noun is not the sector's people. ("government
      // officials" continues to the second sector noun.)
      if (len) {
        uint32_t next = j + len;
        bool modifier = next < end && toks[next].pos == Pos::kNoun;
        if (modifier) {
          uint32_t l2 = 0;
          if (dicts_.agent_nouns().LongestMatch(all, next, end, &l2).size()) modifier = false;
        }
        if (modifier || !(IsNounPos(toks[next - 1].pos) || toks[next - 1].pos == Pos::kUnknown ||
                          toks[next - 1].pos == Pos::kAdjective))
          len = 0;
      }
      if (len) {
        // A sector noun takes the sector; for institutions the noun refines
        // them ("the Pentagon's top official").
        m.sector = dicts_.agents()[nouns[0]].sector;
        if (m.rule.empty()) m.rule = dicts_.agents()[nouns[0]].rule;
        std::string_view last = toks[j + len - 1].lower;
        m.plural = last.size() > 1 && last.back() == 's';
        after_agent = true;
        have = true;
        j += len;
        continue;
      }
      // An unknown name after a title or a singular sector noun: "Chinese
      // Ambassador Xie Feng", "Libyan leader Muammar Gaddafi".
      // Also a full name right after a country's possessive: "Brazil's Luiz
      // Inacio Lula da Silva" (a person of that country, sector unknown).
      bool possessive_name = after_possessive && !title && !after_agent && j + 1 < end &&
                             IsNameToken(toks[j]) && IsNameToken(toks[j + 1]);
      if ((title || (after_agent && !m.plural) || possessive_name) && IsNameToken(toks[j])) {
        uint32_t k = j;
        while (k < end && k < j + 4 && IsNameToken(toks[k])) ++k;
        m.person = true;
        m.name = std::string(doc.text.substr(toks[j].start, toks[k - 1].end - toks[j].start));
        if (!m.country.empty() && base == nullptr) m.code = m.country + m.sector;
        if (m.country.empty() && base == nullptr && title)
          ResolveFamilyName(toks, i, j, k, story_days, &m);
        j = k;
        done = true;
        break;
      }
      // Modifiers, and after a country also noun modifiers ("China's top
      // foreign policy official", "U.S. trade representative").
      bool modifier =
          IsNpModifier(toks[j]) || (have && !m.country.empty() && toks[j].pos == Pos::kNoun);
      if (modifier && j + 1 < end) {
        // Look ahead: only skip modifiers that lead to a title, noun or name.
        bool leads = false;
        for (uint32_t k = j + 1; k < end && k <= j + 3; ++k) {
          uint32_t l2 = 0;
          if (dicts_.agent_nouns().LongestMatch(all, k, end, &l2).size() ||
              dicts_.titles().LongestMatch(all, k, end, &l2).size() ||
              (have && dicts_.actor_names().LongestMatch(all, k, end, &l2).size())) {
            leads = true;
            break;
          }
          if (!IsNpModifier(toks[k]) && !(have && toks[k].pos == Pos::kNoun)) break;
        }
        if (leads) {
          ++j;
          continue;
        }
      }
      break;
    }
    if (!have) {
      i = std::max(i + 1, place_end);
      continue;
    }
    // Trim trailing modifiers we skipped without finding a head.
    while (j > i + 1 && IsNpModifier(toks[j - 1]) && !after_agent && !title && !m.person &&
           m.code.empty())
      --j;
    m.end = j;
    if (!m.person) {
      if (base && !m.sector.empty() && base->kind != ActorKind::kOrg) {
        m.code = CountryOf(base->code) + m.sector;
      } else if (base && base->kind == ActorKind::kOrg) {
        m.code = base->code;
      } else if (!m.country.empty()) {
        m.code = m.country + m.sector;
        if (m.sector.empty() && j < end && IsNounPos(toks[j].pos) &&
            toks[j].pos != Pos::kProperNoun && m.end > m.first &&
            doc.tokens[m.end - 1].norm != "'s")
          m.modifier_only = true;  // "Chinese lending", "U.S. restrictions"
      } else if (!m.sector.empty()) {
        m.code = "---" + m.sector;
      } else {
        i = j;
        continue;
      }
      if (m.name.empty() || after_agent || title)
        m.name = std::string(
            doc.text.substr(toks[m.first].start, toks[m.end - 1].end - toks[m.first].start));
    } else if (m.country.empty() && !m.org) {
      // An unknown person after a title: country from the adjective, if any.
      m.code = "---" + m.sector;
    }
    if (m.person && m.code.empty()) m.code = m.country + m.sector;
    // "ethnic Albanians in Serbia" are not Albania: people of unknown
    // country, who take the country they live in from the context.
    if (m.first > first && toks[m.first - 1].lower == "ethnic" && !m.person && !m.org) {
      if (!m.sector.empty()) {
        i = j;
        continue;
      }
      m.first -= 1;
      m.country.clear();
      m.sector = "CVL";
      m.code = "---CVL";
      m.plural = true;
      m.modifier_only = false;
      m.name = std::string(
          doc.text.substr(toks[m.first].start, toks[m.end - 1].end - toks[m.first].start));
      m.rule += " + ethnic";
    }
    // "Montenegro Municipality Association (AKK)": an abbreviation in
    // parentheses after a name stands for that name, not for the person
    // known by the same letters.
    if (m.person && m.end == m.first + 1 && m.first > first + 1 && m.end < end &&
        toks[m.first - 1].norm == "(" && toks[m.end].norm == ")" && toks[m.first].Is(kTokAllCaps) &&
        toks[m.first - 2].Is(kTokCapitalized)) {
      i = j;
      continue;
    }
    // "Daniil Medvedev" is not Dmitry: a family name alone after another
    // given name is someone else.
    // (In prose only: a headline capitalises every word, "Everything Biden
    // and Xi Need".)
    if (m.person && m.end == m.first + 1 && m.first > first &&
        toks[m.first - 1].Is(kTokCapitalized) && toks[m.first - 1].pos == Pos::kProperNoun &&
        (out->empty() || out->back().end < m.first) && !IsNameOfDay(toks[m.first - 1]) &&
        (m.first - 1 == first || !toks[m.first - 2].Is(kTokCapitalized)) &&
        IsProse(toks, first, end)) {
      // (A transliteration of the same given name stays: "Benyamin Netanyahu".)
      auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
      std::string_view given = toks[m.first - 1].lower;
      const bool same_initials = given.size() >= 2 && m.name.size() >= 2 &&
                                 given[0] == lower(m.name[0]) && given[1] == lower(m.name[1]);
      uint32_t title_len = 0;
      if (!same_initials &&
          dicts_.titles().LongestMatch(all, m.first - 1, m.first, &title_len).empty() &&
          dicts_.agent_nouns().LongestMatch(all, m.first - 1, m.first, &title_len).empty()) {
        i = j;
        continue;
      }
    }
    // "The Washington Post", "the Jerusalem Post", "The Japan Times": a
    // place named before a newspaper's word is the paper, a media actor of
    // that country, not its government.
    if (!m.person && !m.org && !m.country.empty() && m.end < end && m.end == j &&
        toks[m.end].Is(kTokCapitalized) &&
        IsOneOf(toks[m.end].lower,
                {"post", "times", "daily", "journal", "herald", "tribune", "globe", "gazette",
                 "telegraph", "observer", "examiner", "chronicle", "courier", "independent",
                 "inquirer", "guardian", "standard", "mirror"})) {
      ++m.end;
      j = m.end;
      m.sector = "MED";
      m.code = m.country + "MED";
      m.plural = false;
      m.modifier_only = false;
      m.name = std::string(
          doc.text.substr(toks[m.first].start, toks[m.end - 1].end - toks[m.first].start));
      m.rule += " + newspaper";
    }
    // "anti-American protesters", "pro-Russian separatists", "a prominent
    // anti-Syria journalist": for or against a country, not of it; their
    // own country comes from the context.
    {
      uint32_t dash = m.first;
      if (toks[dash].norm != "-" && dash > first) --dash;
      if (toks[dash].norm == "-" && dash > first && !m.person && !m.org &&
          !dicts_.flat_modality() && m.rule.starts_with("actors/countries.tsv") &&
          (toks[dash - 1].lower == "anti" || toks[dash - 1].lower == "pro")) {
        if (m.sector.empty()) {
          i = j;
          continue;
        }
        if (m.first == dash) ++m.first;
        m.country.clear();
        m.org = false;
        m.code = "---" + m.sector;
        m.name = std::string(
            doc.text.substr(toks[m.first].start, toks[m.end - 1].end - toks[m.first].start));
        m.rule += " + " + std::string(toks[dash - 1].lower) + "-";
      }
    }
    // South Sudan was part of Sudan until 9 July 2011: "Sudanese rebels
    // shelled Juba" in 1990 is Sudan acting on Sudan.
    constexpr int32_t kSouthSudanIndependence = 15164;  // 2011-07-09
    if (m.country == "SSD" && story_days != INT32_MIN && story_days < kSouthSudanIndependence) {
      m.country = "SDN";
      if (m.code.starts_with("SSD")) m.code.replace(0, 3, "SDN");
      m.rule += " + Sudan before 2011-07-09";
    }
    out->push_back(std::move(m));
    i = j;
  }
}

}  // namespace detente
