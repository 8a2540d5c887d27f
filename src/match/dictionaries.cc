#include "match/dictionaries.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>

#include <fmt/format.h>

#include "match/tsv.h"

namespace detente {
namespace {

Status Problem(const TsvLine& l, const std::string& rel, std::string_view what) {
  return Status(ErrorCode::kInvalidInput, fmt::format("{}:{}: {}", rel, l.number, what));
}

bool ValidActorCode(std::string_view c) {
  if (c.size() < 2 || c.size() > 12) return false;
  for (char ch : c)
    if (!(ch >= 'A' && ch <= 'Z')) return false;
  return true;
}

std::vector<std::string> Plurals(const std::string& w) {
  std::vector<std::string> out{w};
  if (w.empty()) return out;
  auto ends = [&](std::string_view s) {
    return w.size() >= s.size() && w.compare(w.size() - s.size(), s.size(), s) == 0;
  };
  if (ends("man") && !ends("human"))
    out.push_back(w.substr(0, w.size() - 3) + "men");
  else if (ends("y") && w.size() > 1 &&
           std::string_view("aeiou").find(w[w.size() - 2]) == std::string_view::npos)
    out.push_back(w.substr(0, w.size() - 1) + "ies");
  else if (ends("s") || ends("x") || ends("ch") || ends("sh") || ends("z"))
    out.push_back(w + "es");
  else if (ends("person"))
    out.push_back(w.substr(0, w.size() - 6) + "people");
  else
    out.push_back(w + "s");
  return out;
}

std::vector<std::string> SortedFiles(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".tsv") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

bool ParseDays(std::string_view s, int32_t* days) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int y = 0, m = 0, d = 0;
  if (std::from_chars(s.data(), s.data() + 4, y).ec != std::errc() ||
      std::from_chars(s.data() + 5, s.data() + 7, m).ec != std::errc() ||
      std::from_chars(s.data() + 8, s.data() + 10, d).ec != std::errc())
    return false;
  std::chrono::year_month_day ymd{std::chrono::year{y},
                                  std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return false;
  *days = static_cast<int32_t>(std::chrono::sys_days(ymd).time_since_epoch().count());
  return true;
}

const CameoCode* Dictionaries::Cameo(std::string_view code) const {
  auto it = cameo_.find(code);
  return it == cameo_.end() ? nullptr : &it->second;
}

const std::vector<uint32_t>* Dictionaries::VerbHeads(std::string_view lemma) const {
  auto it = verb_heads_.find(lemma);
  return it == verb_heads_.end() ? nullptr : &it->second;
}

const std::vector<uint32_t>* Dictionaries::NounHeads(std::string_view lemma) const {
  auto it = noun_heads_.find(lemma);
  return it == noun_heads_.end() ? nullptr : &it->second;
}

Status Dictionaries::LoadCameo(const std::string& path, LoadReport* report) {
  return ForEachTsvLine(path, [&](const TsvLine& l) {
    if (l.fields.size() < 4) {
      report->problems.push_back(Problem(l, "cameo.tsv", "expected code, label, goldstein, quad"));
      return;
    }
    CameoCode c;
    c.code = std::string(l.fields[0]);
    c.label = std::string(l.fields[1]);
    if (l.fields[0] == "code") return;  // header line
    auto g = std::string(l.fields[2]);
    char* endp = nullptr;
    c.goldstein = std::strtod(g.c_str(), &endp);
    if (g.empty() || *endp) {
      report->problems.push_back(
          Problem(l, "cameo.tsv", fmt::format("Goldstein value \"{}\" is not a number", g)));
      return;
    }
    c.quad = l.fields[3].empty() ? 0 : l.fields[3][0] - '0';
    if (c.quad < 1 || c.quad > 4) {
      report->problems.push_back(Problem(l, "cameo.tsv", "quad class must be 1..4"));
      return;
    }
    ++report->codes;
    cameo_[c.code] = std::move(c);
  });
}

Status Dictionaries::LoadActors(const std::string& path, const std::string& rel,
                                LoadReport* report) {
  return ForEachTsvLine(path, [&](const TsvLine& l) {
    if (l.fields.size() < 3) {
      report->problems.push_back(Problem(l, rel, "expected code, kind, names"));
      return;
    }
    ActorEntry e;
    e.code = std::string(l.fields[0]);
    bool place = l.fields[1] == "place";
    if (place ? e.code != "---" : !ValidActorCode(e.code)) {
      report->problems.push_back(
          Problem(l, rel,
                  place ? std::string("a place's code is ---")
                        : fmt::format("actor code \"{}\" is not 2-12 capital letters", e.code)));
      return;
    }
    std::string_view kind = l.fields[1];
    if (kind == "country")
      e.kind = ActorKind::kCountry;
    else if (kind == "adj")
      e.kind = ActorKind::kAdjective;
    else if (kind == "metonym")
      e.kind = ActorKind::kMetonym;
    else if (kind == "person")
      e.kind = ActorKind::kPerson;
    else if (kind == "org")
      e.kind = ActorKind::kOrg;
    else if (kind == "group")
      e.kind = ActorKind::kGroup;
    else if (kind == "place")
      e.kind = ActorKind::kPlace;
    else {
      report->problems.push_back(Problem(l, rel, fmt::format("unknown kind \"{}\"", kind)));
      return;
    }
    if (l.fields.size() > 3 && !l.fields[3].empty() && !ParseDays(l.fields[3], &e.from)) {
      report->problems.push_back(
          Problem(l, rel, fmt::format("bad date \"{}\" (want YYYY-MM-DD)", l.fields[3])));
      return;
    }
    if (l.fields.size() > 4 && !l.fields[4].empty() && !ParseDays(l.fields[4], &e.until)) {
      report->problems.push_back(
          Problem(l, rel, fmt::format("bad date \"{}\" (want YYYY-MM-DD)", l.fields[4])));
      return;
    }
    if (e.from > e.until) {
      report->problems.push_back(Problem(l, rel, "role ends before it starts"));
      return;
    }
    auto names = SplitAlternatives(l.fields[2]);
    if (l.fields.size() > 5) e.label = std::string(l.fields[5]);
    e.name = std::string(names.empty() ? std::string_view() : names[0]);
    if (e.kind == ActorKind::kPerson && !e.label.empty()) {
      auto semi = e.label.find(';');
      e.name = e.label.substr(0, semi);
    }
    e.rule = fmt::format("{}:{}", rel, l.number);
    auto index = static_cast<uint32_t>(actors_.size());
    int added = 0;
    for (auto n : names) {
      if (n.empty()) {
        report->problems.push_back(Problem(l, rel, "empty name between '|'"));
        continue;
      }
      if (actor_trie_.Add(PhraseKeys(n), index, actor_layer_start_)) ++added;
    }
    if (!added) return;
    report->actor_names += added;
    ++report->actors;
    actors_.push_back(std::move(e));
  });
}

Status Dictionaries::LoadAgents(const std::string& path, LoadReport* report) {
  return ForEachTsvLine(path, [&](const TsvLine& l) {
    if (l.fields.size() < 3 || (l.fields[1] != "noun" && l.fields[1] != "title")) {
      report->problems.push_back(Problem(l, "agents.tsv", "expected sector, noun|title, words"));
      return;
    }
    AgentEntry a;
    a.sector = std::string(l.fields[0]);
    a.title = l.fields[1] == "title";
    a.rule = fmt::format("agents.tsv:{}", l.number);
    auto index = static_cast<uint32_t>(agents_.size());
    agents_.push_back(a);
    for (auto w : SplitAlternatives(l.fields[2])) {
      if (w.empty()) continue;
      auto keys = PhraseKeys(w);
      if (keys.empty()) continue;
      ++report->agents;
      if (a.title) {
        title_trie_.Add(keys, index, agent_layer_start_);
        continue;
      }
      // Nouns match singular and plural ("official", "officials").
      for (auto& plural : Plurals(keys.back())) {
        auto k = keys;
        k.back() = plural;
        agent_noun_trie_.Add(k, index, agent_layer_start_);
      }
    }
  });
}

Status Dictionaries::LoadVerbs(const std::string& path, const std::string& rel,
                               LoadReport* report) {
  return ForEachTsvLine(path, [&](const TsvLine& l) {
    if (l.fields.size() < 2 || l.fields[0] == "code") {
      if (l.fields.size() < 2)
        report->problems.push_back(Problem(l, rel, "expected code and pattern"));
      return;
    }
    VerbPattern p;
    p.layer = layer_;
    p.rule = fmt::format("{}:{}", rel, l.number);
    p.text = std::string(l.fields[1]);
    if (l.fields[0] == "---") {
      p.stop = true;
    } else {
      p.cameo = Cameo(l.fields[0]);
      if (!p.cameo) {
        report->problems.push_back(
            Problem(l, rel, fmt::format("unknown CAMEO code \"{}\"", l.fields[0])));
        return;
      }
    }
    if (l.fields.size() > 2 && l.fields[2].find("swap") != std::string_view::npos) p.swap = true;
    if (l.fields.size() > 2 && l.fields[2].find("pair") != std::string_view::npos) p.pair = true;
    // "mutual": both sides do it to each other ("held talks with"), so the
    // target also acts on the source with the same code.
    if (l.fields.size() > 2 && l.fields[2].find("mutual") != std::string_view::npos)
      p.reverse = p.cameo;
    // Tokens of the pattern, separated by spaces.
    std::vector<std::string> toks;
    std::string_view s = l.fields[1];
    std::size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && s[i] == ' ') ++i;
      std::size_t j = i;
      while (j < s.size() && s[j] != ' ') ++j;
      if (j > i) toks.emplace_back(s.substr(i, j - i));
      i = j;
    }
    if (toks.empty()) {
      report->problems.push_back(Problem(l, rel, "empty pattern"));
      return;
    }
    std::string head = toks[0];
    if (head[0] == '~') {
      p.noun_head = true;
      head.erase(0, 1);
    }
    if (head.empty() || head[0] == '{' || head[0] == '(' || head[0] == '[') {
      report->problems.push_back(Problem(l, rel, "a pattern must start with a verb or ~noun"));
      return;
    }
    p.head = LowerAscii(head);
    vocab_.Intern(p.head);
    for (std::size_t k = 1; k < toks.size(); ++k) {
      std::string t = toks[k];
      PatternElement e;
      if (t == "{T}") {
        if (p.has_target) {
          report->problems.push_back(Problem(l, rel, "more than one {T}"));
          return;
        }
        e.kind = PatternElement::kTarget;
        p.has_target = true;
        p.elements.push_back(e);
        continue;
      }
      if (t.size() >= 2 && t.front() == '[' && t.back() == ']') {
        e.optional = true;
        t = t.substr(1, t.size() - 2);
      }
      if (t.size() >= 2 && t.front() == '(' && t.back() == ')') t = t.substr(1, t.size() - 2);
      if (t.find_first_of("()[]{}") != std::string::npos || t.empty()) {
        report->problems.push_back(Problem(l, rel, fmt::format("malformed token \"{}\"", toks[k])));
        return;
      }
      for (auto alt : SplitAlternatives(t))
        if (!alt.empty()) {
          e.words.push_back(LowerAscii(alt));
          e.ids.push_back(vocab_.Intern(e.words.back()));
        }
      if (!e.optional) ++p.specificity;
      p.elements.push_back(std::move(e));
    }
    p.specificity = p.specificity * 2 + (p.has_target ? 1 : 0);
    auto index = static_cast<uint32_t>(patterns_.size());
    (p.noun_head ? noun_heads_ : verb_heads_)[p.head].push_back(index);
    if (p.stop)
      ++report->stop_patterns;
    else
      ++report->patterns;
    patterns_.push_back(std::move(p));
  });
}

std::unique_ptr<Dictionaries> Dictionaries::Create() {
  return std::unique_ptr<Dictionaries>(new Dictionaries());
}

Result<std::unique_ptr<Dictionaries>> Dictionaries::Load(const std::string& dir,
                                                         LoadReport* report) {
  auto d = Create();
  DETENTE_RETURN_IF_ERROR(d->LoadDir(dir, report));
  d->Finalize();
  return d;
}

Status Dictionaries::LoadDir(const std::string& dir, LoadReport* report) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir))
    return Status(ErrorCode::kNotFound,
                  fmt::format("{}: dictionary folder not found (pass --dict-dir)", dir));
  DETENTE_RETURN_IF_ERROR(LoadCameo(dir + "/cameo.tsv", report));
  DETENTE_RETURN_IF_ERROR(LoadAgents(dir + "/agents.tsv", report));
  for (const auto& f : SortedFiles(dir + "/actors"))
    DETENTE_RETURN_IF_ERROR(LoadActors(f, "actors/" + fs::path(f).filename().string(), report));
  auto verb_files = SortedFiles(dir + "/verbs");
  if (verb_files.empty())
    return Status(ErrorCode::kNotFound,
                  fmt::format("{}/verbs: no verb pattern files (*.tsv)", dir));
  for (const auto& f : verb_files)
    DETENTE_RETURN_IF_ERROR(LoadVerbs(f, "verbs/" + fs::path(f).filename().string(), report));
  return Status::Ok();
}

void Dictionaries::BeginLayer() {
  ++layer_;
  actor_layer_start_ = static_cast<uint32_t>(actors_.size());
  agent_layer_start_ = static_cast<uint32_t>(agents_.size());
}

const CameoCode* Dictionaries::AddCode(std::string_view code) {
  if (auto* c = Cameo(code)) return c;
  CameoCode c;
  c.code = std::string(code);
  int root = 0;
  if (code.size() >= 2 && code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9')
    root = (code[0] - '0') * 10 + (code[1] - '0');
  c.quad = root >= 1 && root <= 5 ? 1
           : root <= 9 && root    ? 2
           : root <= 14 && root   ? 3
           : root <= 20 && root   ? 4
                                  : 0;
  auto [it, inserted] = cameo_.emplace(c.code, std::move(c));
  return &it->second;
}

bool Dictionaries::AddActor(ActorEntry e, const std::vector<std::vector<std::string>>& phrases) {
  auto index = static_cast<uint32_t>(actors_.size());
  bool added = false;
  for (const auto& keys : phrases)
    if (actor_trie_.Add(keys, index, actor_layer_start_)) added = true;
  if (added) actors_.push_back(std::move(e));
  return added;
}

void Dictionaries::AddAgent(AgentEntry a, const std::vector<std::vector<std::string>>& nouns,
                            bool plurals, const std::vector<std::vector<std::string>>& titles) {
  auto index = static_cast<uint32_t>(agents_.size());
  AgentEntry noun = a;
  noun.title = false;
  bool any = false;
  for (const auto& keys : nouns) {
    if (keys.empty()) continue;
    any = true;
    if (!plurals) {
      agent_noun_trie_.Add(keys, index, agent_layer_start_);
      continue;
    }
    for (auto& plural : Plurals(keys.back())) {
      auto k = keys;
      k.back() = plural;
      agent_noun_trie_.Add(k, index, agent_layer_start_);
    }
  }
  if (any) {
    agents_.push_back(noun);
    index = static_cast<uint32_t>(agents_.size());
  }
  AgentEntry title = a;
  title.title = true;
  bool any_title = false;
  for (const auto& keys : titles)
    if (title_trie_.Add(keys, index, agent_layer_start_)) any_title = true;
  if (any_title) agents_.push_back(title);
}

void Dictionaries::AddPattern(VerbPattern p) {
  p.layer = layer_;
  p.head = LowerAscii(p.head);
  vocab_.Intern(p.head);
  p.specificity = 0;
  p.has_target = false;
  for (auto& e : p.elements) {
    if (e.kind == PatternElement::kTarget) {
      p.has_target = true;
      continue;
    }
    e.ids.clear();
    for (auto& w : e.words) {
      w = LowerAscii(w);
      e.ids.push_back(vocab_.Intern(w));
    }
    if (!e.optional && !(e.words.size() == 1 && e.words[0] == "...")) ++p.specificity;
  }
  for (auto& e : p.before) {
    e.kind = PatternElement::kLiteral;
    e.ids.clear();
    for (auto& w : e.words) {
      w = LowerAscii(w);
      e.ids.push_back(vocab_.Intern(w));
    }
    ++p.specificity;
  }
  p.specificity = p.specificity * 2 + (p.has_target ? 1 : 0);
  auto index = static_cast<uint32_t>(patterns_.size());
  (p.noun_head ? noun_heads_ : verb_heads_)[p.head].push_back(index);
  patterns_.push_back(std::move(p));
}

void Dictionaries::AddStem(std::string_view word) {
  vocab_.MarkStem(vocab_.Intern(LowerAscii(word)));
}

void Dictionaries::AddDiscard(const std::vector<std::string>& phrase, DiscardEntry d) {
  if (discard_trie_.Add(phrase, static_cast<uint32_t>(discards_.size())))
    discards_.push_back(std::move(d));
}

void Dictionaries::AddIssue(const std::vector<std::string>& phrase, IssueEntry i) {
  if (issue_trie_.Add(phrase, static_cast<uint32_t>(issues_.size())))
    issues_.push_back(std::move(i));
}

std::span<const uint32_t> Dictionaries::PersonsNamed(std::string_view name) const {
  auto [lo, hi] =
      std::equal_range(persons_.begin(), persons_.end(), name, [&](const auto& x, const auto& y) {
        if constexpr (std::is_same_v<std::decay_t<decltype(x)>, uint32_t>)
          return std::string_view(actors_[x].name) < y;
        else
          return x < std::string_view(actors_[y].name);
      });
  return {persons_.data() + (lo - persons_.begin()), static_cast<std::size_t>(hi - lo)};
}

std::span<const uint32_t> Dictionaries::PersonsWithFamilyName(std::string_view lower_word) const {
  auto lo = std::lower_bound(family_names_.begin(), family_names_.end(), lower_word,
                             [](const auto& x, std::string_view w) { return x.first < w; });
  auto hi = std::upper_bound(lo, family_names_.end(), lower_word,
                             [](std::string_view w, const auto& x) { return w < x.first; });
  return {family_name_persons_.data() + (lo - family_names_.begin()),
          static_cast<std::size_t>(hi - lo)};
}

void Dictionaries::AddTabariPhrase(const std::string& head, TabariPhrase p) {
  tabari_phrases_[head].push_back(std::move(p));
}

void Dictionaries::Finalize() {
  auto* d = this;
  for (auto& [head, list] : tabari_phrases_)
    std::stable_sort(list.begin(), list.end(), [](const TabariPhrase& a, const TabariPhrase& b) {
      return a.length > b.length;
    });
  persons_.clear();
  for (uint32_t i = 0; i < actors_.size(); ++i)
    if (actors_[i].kind == ActorKind::kPerson) persons_.push_back(i);
  std::stable_sort(persons_.begin(), persons_.end(),
                   [&](uint32_t a, uint32_t b) { return actors_[a].name < actors_[b].name; });
  family_names_.clear();
  for (uint32_t i : persons_) {
    std::string_view name = actors_[i].name;
    std::size_t first_end = name.find(' '), last_start = name.rfind(' ');
    if (first_end == std::string_view::npos) continue;
    family_names_.emplace_back(LowerAscii(name.substr(0, first_end)), i);
    family_names_.emplace_back(LowerAscii(name.substr(last_start + 1)), i);
  }
  std::stable_sort(family_names_.begin(), family_names_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  family_name_persons_.clear();
  for (const auto& [word, i] : family_names_) family_name_persons_.push_back(i);
  // A head defined in a later layer drops the earlier layers' patterns.
  for (auto* heads : {&d->verb_heads_, &d->noun_heads_})
    for (auto& [head, list] : *heads) {
      uint16_t top = 0;
      for (uint32_t i : list) top = std::max(top, d->patterns_[i].layer);
      std::erase_if(list, [&](uint32_t i) { return d->patterns_[i].layer != top; });
    }
  // Flat id -> heads tables for the coder's per-token lookups.
  d->verb_by_id_.assign(d->vocab_.size(), nullptr);
  d->noun_by_id_.assign(d->vocab_.size(), nullptr);
  for (auto& [head, list] : d->verb_heads_) d->verb_by_id_[d->vocab_.Lookup(head)] = &list;
  for (auto& [head, list] : d->noun_heads_) d->noun_by_id_[d->vocab_.Lookup(head)] = &list;
  // Most specific patterns first; file order breaks ties.
  for (auto* heads : {&d->verb_heads_, &d->noun_heads_})
    for (auto& [head, list] : *heads)
      std::stable_sort(list.begin(), list.end(), [&](uint32_t a, uint32_t b) {
        return d->patterns_[a].specificity > d->patterns_[b].specificity;
      });
  // Index each head's patterns by their first required literal, so the
  // coder tries only the patterns whose first word is near the head.
  for (int noun = 0; noun < 2; ++noun) {
    auto& heads = noun ? d->noun_heads_ : d->verb_heads_;
    for (auto& [head, list] : heads) {
      uint32_t hid = d->vocab_.Lookup(head) | (noun ? 0x80000000u : 0);
      for (uint32_t rank = 0; rank < list.size(); ++rank) {
        const VerbPattern& p = d->patterns_[list[rank]];
        const PatternElement* first = nullptr;
        for (const auto& e : p.elements) {
          if (e.kind == PatternElement::kTarget) break;
          if (e.optional) continue;
          if (e.words.size() == 1 && e.words[0] == "...") break;
          first = &e;
          break;
        }
        if (!first || p.elements.empty() || p.elements[0].kind == PatternElement::kTarget ||
            first != &p.elements[0]) {
          // Starts with {T}, an optional word or a gap: always a candidate.
          if (!first || first != &p.elements[0]) {
            d->without_first_word_[hid].push_back(rank);
            continue;
          }
        }
        for (uint32_t w : first->ids) {
          uint32_t& slot = d->by_first_word_index_[(static_cast<uint64_t>(hid) << 32) | w];
          if (!slot) {
            d->first_word_lists_.emplace_back();
            slot = static_cast<uint32_t>(d->first_word_lists_.size());
          }
          d->first_word_lists_[slot - 1].push_back(rank);
        }
      }
    }
  }
}

}  // namespace detente
