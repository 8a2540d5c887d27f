#include "match/tabari_format.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include <fmt/format.h>

#include "match/phrase_trie.h"
#include "match/tsv.h"

namespace detente::tabari {
namespace {

struct PendingPattern {
  uint32_t line;
  std::string_view pattern, code;
};

struct Verb {
  uint32_t line = 0;
  std::vector<std::string> heads;          // the verb and its "{ FORMS }"
  std::vector<std::string> before, after;  // other words: "APPRECIATE POSITION": "position"
  bool connected = false;                  // "HAS_NO_WISH": the other words follow at once
  std::string_view code;
  std::vector<PendingPattern> patterns;
};

// One piece of a pattern as TABARI reads it: a word, an actor token, the
// verb "*", a synset "&NAME" or one of "{", "|", "}".
struct Piece {
  std::string text;
  bool adjacent = false;  // "_" or "~" before it
  bool exact = false;     // "_" or "=" after it
};

std::vector<Piece> Pieces(std::string_view pattern) {
  std::vector<Piece> out;
  std::string word;
  bool pending = false;  // a connector was seen since the last piece
  bool word_adjacent = false;
  auto flush = [&](bool exact) {
    if (word.empty()) return;
    Piece p;
    p.text = word;
    p.adjacent = word_adjacent;
    p.exact = exact;
    if (!p.text.empty() && p.text.back() == '=') {
      p.text.pop_back();
      p.exact = true;
    }
    out.push_back(std::move(p));
    word.clear();
  };
  for (char c : pattern) {
    // Hyphens are underscores (manual 5.2): "ANTI- + *" is "ANTI_ + *".
    if (c == '-') c = '_';
    if (c == '_' || c == '~') {
      flush(c == '_');
      pending = true;
    } else if (c == ' ' || c == '\t') {
      flush(false);
      pending = false;
    } else if (c == '{' || c == '|' || c == '}') {
      flush(false);
      Piece p;
      p.text = std::string(1, c);
      p.adjacent = pending;
      out.push_back(std::move(p));
      // After "{", the first word of each alternative keeps the
      // connector before the brace.
      if (c == '}') pending = false;
    } else {
      if (word.empty()) word_adjacent = pending;
      pending = false;
      word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
  }
  flush(false);
  return out;
}

TabariToken TokenOf(const Piece& p) {
  TabariToken t;
  t.adjacent = p.adjacent;
  t.exact = p.exact;
  if (p.text == "$")
    t.kind = TabariToken::kSource;
  else if (p.text == "+")
    t.kind = TabariToken::kTarget;
  else if (p.text == "%")
    t.kind = TabariToken::kCompound;
  else if (p.text == "^")
    t.kind = TabariToken::kSkip;
  else
    t.word = p.text;
  return t;
}

// Synset members as written ("SWISS_FRANC", "&TIETYPES_MEMOS"), by synset
// name: TABARI's connector rules apply inside them.
using RawSynsets = std::map<std::string, std::vector<std::string>>;

// The alternatives of a synset or a single piece, each a token sequence.
// A synset's words add nothing to a phrase's length (TABARI tries "* DOLLAR"
// before "* &CURRENCY").
std::vector<std::vector<TabariToken>> Alternatives(const Piece& p, const RawSynsets& synsets,
                                                   int depth = 0) {
  if (p.text.size() > 1 && p.text[0] == '&') {
    std::string name = p.text;
    for (auto& c : name)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    std::vector<std::vector<TabariToken>> out;
    auto it = synsets.find(name);
    if (it == synsets.end() || depth > 4) return out;
    for (const auto& member : it->second) {
      std::vector<std::vector<TabariToken>> seqs{{}};
      bool first = true;
      for (Piece q : Pieces(member)) {
        if (first) q.adjacent = p.adjacent;
        first = false;
        std::vector<std::vector<TabariToken>> next;
        for (auto& s : seqs)
          for (auto& a : Alternatives(q, synsets, depth + 1)) {
            auto v = s;
            v.insert(v.end(), a.begin(), a.end());
            next.push_back(std::move(v));
          }
        seqs = std::move(next);
      }
      for (auto& s : seqs) {
        for (auto& t : s) t.synset = true;
        if (!s.empty()) out.push_back(std::move(s));
      }
    }
    return out;
  }
  return {{TokenOf(p)}};
}

// TABARI's reading of one verb phrase: its variants (alternatives and
// synsets expanded) as phrases under `head`. False if it cannot be read.
bool AddTabariPhrases(const std::string& head, const std::vector<std::string>& extra_before,
                      const std::vector<std::string>& extra_after, bool connected,
                      std::string_view pattern, std::string_view code_field,
                      const RawSynsets& synsets, uint32_t line, keds::Sink* sink) {
  std::string code;
  for (char c : code_field)
    if (c != ' ' && c != '\t') code.push_back(c);
  TabariPhrase base;
  while (!code.empty() && (code.back() == '?' || code.back() == '!')) {
    if (code.back() == '?') base.subordinate = true;
    code.pop_back();
  }
  std::string first = code, second;
  if (auto colon = code.find(':'); colon != std::string::npos) {
    first = code.substr(0, colon);
    second = code.substr(colon + 1);
  }
  if (first.empty()) return false;
  bool no_event = first == "---" || first == "###" || first == "+++";
  if (no_event && !second.empty() && second != "---") {
    // "[---:033]": only the reverse event.
    base.cameo = sink->dicts->AddCode(second);
    base.reverse_only = true;
  } else if (no_event) {
    base.stop = true;
  } else {
    base.cameo = sink->dicts->AddCode(first);
    if (!second.empty() && second != "---") base.reverse = sink->dicts->AddCode(second);
  }
  base.rule = sink->Rule(line);
  base.text =
      fmt::format("{} [{}]", pattern.empty() ? head : fmt::format("- {}", pattern), code_field);
  // Elements: each a list of alternatives, each a token sequence.
  std::vector<std::vector<std::vector<TabariToken>>> elements;
  std::vector<Piece> pieces = pattern.empty() ? std::vector<Piece>{Piece{"*"}} : Pieces(pattern);
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const Piece& p = pieces[i];
    if (p.text == "{") {
      std::vector<std::vector<TabariToken>> alts;
      std::vector<std::vector<TabariToken>> cur{{}};
      bool closed = false;
      bool first_word = true;
      for (++i; i < pieces.size(); ++i) {
        if (pieces[i].text == "|" || pieces[i].text == "}") {
          for (auto& c : cur)
            if (!c.empty()) alts.push_back(c);
          cur = {{}};
          first_word = true;
          if (pieces[i].text == "}") {
            closed = true;
            break;
          }
          continue;
        }
        Piece q = pieces[i];
        if (first_word) q.adjacent = p.adjacent;
        first_word = false;
        std::vector<std::vector<TabariToken>> next;
        for (auto& c : cur)
          for (auto& a : Alternatives(q, synsets)) {
            auto v = c;
            v.insert(v.end(), a.begin(), a.end());
            next.push_back(std::move(v));
          }
        cur = std::move(next);
      }
      if (!closed || alts.empty()) return false;
      elements.push_back(std::move(alts));
      continue;
    }
    auto alts = Alternatives(p, synsets);
    if (alts.empty()) return false;
    elements.push_back(std::move(alts));
  }
  std::vector<std::vector<TabariToken>> variants{{}};
  for (auto& alts : elements) {
    std::vector<std::vector<TabariToken>> next;
    for (auto& v : variants)
      for (auto& a : alts) {
        auto nv = v;
        nv.insert(nv.end(), a.begin(), a.end());
        next.push_back(std::move(nv));
      }
    if (next.size() > 256) return false;
    variants = std::move(next);
  }
  for (auto& v : variants) {
    TabariPhrase ph = base;
    std::size_t star = v.size();
    for (std::size_t k = 0; k < v.size(); ++k)
      if (v[k].kind == TabariToken::kWord && v[k].word == "*") star = k;
    if (star == v.size()) return false;
    ph.verb_adjacent = v[star].adjacent;
    for (auto& w : extra_before) {
      TabariToken t;
      t.word = w;
      ph.before.push_back(t);
    }
    ph.before.insert(ph.before.end(), v.begin(), v.begin() + star);
    // A multi-word root ("HAS_NO_WISH"): its words follow the verb at once.
    for (auto& w : extra_after) {
      TabariToken t;
      t.word = w;
      t.adjacent = connected;
      ph.after.push_back(t);
    }
    ph.root_words = static_cast<int>(extra_after.size());
    ph.after.insert(ph.after.end(), v.begin() + star + 1, v.end());
    for (auto* side : {&ph.before, &ph.after})
      for (auto& t : *side) {
        if (!t.synset) ph.length += static_cast<int>(t.word.size()) + (t.adjacent ? 1 : 0);
      }
    if (pattern.empty()) ph.length = -1;  // the root alone: tried last
    sink->dicts->AddTabariPhrase(head, std::move(ph));
  }
  return true;
}

// Adds a verb's patterns under each of its forms; problems are reported
// once, for the first form.
void FlushVerb(Verb* v, const keds::Synsets& synsets, const RawSynsets& raw, keds::Sink* sink) {
  if (v->heads.empty()) return;
  LoadReport scratch;
  LoadReport* real = sink->report;
  for (std::size_t h = 0; h < v->heads.size(); ++h) {
    if (h == 1) sink->report = &scratch;
    AddTabariPhrases(v->heads[h], v->before, v->after, v->connected, "", v->code, raw, v->line,
                     sink);
    for (auto& p : v->patterns)
      AddTabariPhrases(v->heads[h], v->before, v->after, v->connected, p.pattern, p.code, raw,
                       p.line, sink);
    keds::AddVerbPattern(v->heads[h], v->before, v->after, "", v->code, synsets, v->line, sink);
    for (auto& p : v->patterns)
      keds::AddVerbPattern(v->heads[h], v->before, v->after, p.pattern, p.code, synsets, p.line,
                           sink);
  }
  sink->report = real;
  real->patterns += scratch.patterns;
  real->stop_patterns += scratch.stop_patterns;
  *v = Verb{};
}

bool IsStemWord(std::string_view w) { return !w.empty() && w.back() != '_' && w.back() != '='; }

}  // namespace

void LoadVerbs(std::string_view text, keds::Sink* sink) {
  keds::Synsets synsets;
  RawSynsets raw_synsets;
  std::string synset;  // the synset whose "+member" lines follow
  bool in_time = false;
  Verb verb;
  for (const keds::Line& l : keds::SplitLines(text, sink->flavor)) {
    std::string_view t = l.text;
    if (t[0] == '<') {
      if (t.starts_with("<TIME>"))
        in_time = true;
      else if (t.starts_with("</TIME>"))
        in_time = false;
      else if (!t.starts_with("<SYNSETS>") && !t.starts_with("</SYNSETS>"))
        sink->Unsupported(l.number, fmt::format("section tag \"{}\"", t));
      synset.clear();
      continue;
    }
    if (in_time) {
      sink->Unsupported(l.number, fmt::format("<TIME> shift \"{}\"", t));
      continue;
    }
    if (t[0] == '&') {
      std::string name(TrimBlanks(t));
      for (auto& c : name)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
      if (auto sp = name.find_first_of(" \t"); sp != std::string::npos) name.resize(sp);
      if (!name.empty() && name.back() == '_') name.pop_back();
      synset = name;
      synsets[synset];
      ++sink->report->synsets;
      continue;
    }
    if (t[0] == '+') {
      if (synset.empty()) {
        sink->Malformed(l.number, fmt::format("\"{}\" outside a synset", t));
        continue;
      }
      auto members = keds::SynsetMember(t.substr(1), synsets);
      if (members.empty())
        sink->Malformed(l.number,
                        fmt::format("synset member \"{}\" is empty or names an unknown synset", t));
      {
        std::string_view member = t.substr(1);
        member = member.substr(0, member.find(';'));
        raw_synsets[synset].push_back(std::string(TrimBlanks(member)));
      }
      auto& list = synsets[synset];
      list.insert(list.end(), members.begin(), members.end());
      continue;
    }
    synset.clear();
    if (t[0] == '{') {
      if (verb.heads.empty()) {
        sink->Malformed(l.number, "verb forms with no verb before them");
        continue;
      }
      auto close = t.find('}');
      if (close == std::string_view::npos) {
        sink->Malformed(l.number, "'{' without '}'");
        continue;
      }
      std::string_view inside = t.substr(1, close - 1);
      std::size_t i = 0;
      while (i < inside.size()) {
        while (i < inside.size() && (inside[i] == ' ' || inside[i] == '\t')) ++i;
        std::size_t j = i;
        while (j < inside.size() && inside[j] != ' ' && inside[j] != '\t') ++j;
        if (j > i) {
          std::string_view form = inside.substr(i, j - i);
          std::string head;
          std::vector<std::string> before, after;
          std::string error;
          if (!keds::SplitVerb(form, sink->flavor, &head, &before, &after, &error)) {
            sink->Malformed(l.number, error);
          } else if (after != verb.after || before != verb.before) {
            sink->Unsupported(l.number,
                              fmt::format("verb form \"{}\" has other words than its verb", form));
          } else {
            if (IsStemWord(form)) sink->dicts->AddStem(head);
            verb.heads.push_back(head);
          }
        }
        i = j;
      }
      continue;
    }
    std::string_view phrase;
    std::vector<std::string_view> blocks;
    if (!keds::SplitCodeBlocks(t, &phrase, &blocks) || blocks.size() != 1) {
      sink->Malformed(l.number, fmt::format("expected one [code] in \"{}\"", t));
      continue;
    }
    if (t[0] == '-') {
      if (verb.heads.empty()) {
        sink->Malformed(l.number, "pattern with no verb before it");
        continue;
      }
      verb.patterns.push_back(PendingPattern{l.number, TrimBlanks(phrase.substr(1)), blocks[0]});
      continue;
    }
    FlushVerb(&verb, synsets, raw_synsets, sink);
    std::string head, error;
    std::vector<std::string> before, after;
    if (!keds::SplitVerb(phrase, sink->flavor, &head, &before, &after, &error)) {
      sink->Malformed(l.number, error);
      continue;
    }
    auto sp = phrase.find_first_of(" _");
    if (sp == std::string_view::npos ? IsStemWord(phrase) : phrase[sp] == ' ')
      sink->dicts->AddStem(head);
    verb.line = l.number;
    verb.heads.push_back(head);
    verb.before = before;
    verb.after = after;
    verb.connected = phrase.find('_') != std::string_view::npos;
    verb.code = blocks[0];
  }
  FlushVerb(&verb, synsets, raw_synsets, sink);
}

namespace {

std::string UpperAscii(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  return out;
}

// "VERBS[5]" -> 5 in `text` (upper case), or -1.
int Bracketed(const std::string& text, std::string_view name) {
  auto at = text.find(std::string(name) + "[");
  if (at == std::string::npos) return -1;
  return std::atoi(text.c_str() + at + name.size() + 1);
}

// "MIN = 4" -> 4 (the name as a whole word), or -1.
int Setting(const std::string& text, std::string_view name) {
  for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
    if (at > 0 && text[at - 1] != ' ' && text[at - 1] != ':') continue;
    std::size_t k = at + name.size();
    while (k < text.size() && text[k] == ' ') ++k;
    if (k >= text.size() || text[k] != '=') continue;
    ++k;
    while (k < text.size() && text[k] == ' ') ++k;
    return std::atoi(text.c_str() + k);
  }
  return -1;
}

}  // namespace

void LoadOptions(std::string_view text, keds::Sink* sink) {
  TabariOptions o = sink->dicts->tabari_options();
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string line = UpperAscii(TrimBlanks(text.substr(pos, nl - pos)));
    pos = nl + 1;
    if (line.empty() || line[0] == '/' || line[0] == '#') continue;
    if (line.starts_with("COMPLEX:")) {
      o.complex_verbs = Bracketed(line, "VERBS");
      o.complex_conjunctions = Bracketed(line, "CONJ");
      o.complex_actors = Bracketed(line, "ACTORS");
      o.no_actor_prior = line.find("NOACTPRIOR") != std::string::npos;
    } else if (line.starts_with("COMMA:")) {
      if (line.find("OFF") != std::string::npos) {
        o.comma_off = true;
        continue;
      }
      o.comma_off = false;
      for (auto [name, field] :
           {std::pair{"MIN", &o.comma_min}, std::pair{"MAX", &o.comma_max},
            std::pair{"EMIN", &o.comma_emin}, std::pair{"EMAX", &o.comma_emax},
            std::pair{"BMIN", &o.comma_bmin}, std::pair{"BMAX", &o.comma_bmax}})
        if (int v = Setting(line, name); v >= 0) *field = v;
    } else if (line.starts_with("SET:")) {
      if (line.find("CODE BY SENTENCE") != std::string::npos)
        o.code_by = TabariOptions::kSentence;
      else if (line.find("CODE BY CLAUSE") != std::string::npos)
        o.code_by = TabariOptions::kClause;
      else if (line.find("CODE ALL") != std::string::npos)
        o.code_by = TabariOptions::kAll;
    }
  }
  sink->dicts->set_tabari_options(o);
}

std::vector<ProjectFile> ReadProject(std::string_view text, const std::string& dir) {
  std::vector<ProjectFile> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = TrimBlanks(text.substr(pos, nl - pos));
    pos = nl + 1;
    for (auto [tag, kind] :
         {std::pair{"<actorsfile>", "actors"}, std::pair{"<agentsfile>", "agents"},
          std::pair{"<verbsfile>", "verbs"}, std::pair{"<optionsfile>", "options"}}) {
      if (!line.starts_with(tag)) continue;
      std::string_view file = TrimBlanks(line.substr(std::string_view(tag).size()));
      if (file.empty()) continue;
      std::string path = file[0] == '/' ? std::string(file) : dir + "/" + std::string(file);
      out.push_back(ProjectFile{kind, path});
    }
  }
  // Actors and agents before verbs, so the order of a project file does not matter.
  std::stable_sort(out.begin(), out.end(), [](const ProjectFile& a, const ProjectFile& b) {
    return (a.kind == "verbs" || a.kind == "options") < (b.kind == "verbs" || b.kind == "options");
  });
  return out;
}

}  // namespace detente::tabari
