#include "match/keds_format.h"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "match/phrase_trie.h"
#include "match/tsv.h"

namespace detente::keds {
namespace {

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  return out;
}

// Words of a dictionary phrase: '_' and blanks separate words; a word
// followed by '_' (or ending in '=') is exact, not a stem.
struct Word {
  std::string text;
  bool exact = false;
};
std::vector<Word> SplitWords(std::string_view s) {
  std::vector<Word> out;
  std::string cur;
  auto flush = [&](bool exact) {
    if (cur.empty()) return;
    Word w;
    w.exact = exact;
    if (cur.back() == '=') {
      cur.pop_back();
      w.exact = true;
    }
    if (!cur.empty()) {
      w.text = cur;
      out.push_back(std::move(w));
    }
    cur.clear();
  };
  for (char c : s) {
    if (c == '_')
      flush(true);
    else if (c == ' ' || c == '\t')
      flush(false);
    else
      cur.push_back(c);
  }
  flush(false);
  return out;
}

}  // namespace

void Sink::Malformed(uint32_t line, std::string_view what) {
  ++report->malformed;
  report->problems.emplace_back(ErrorCode::kInvalidInput,
                                fmt::format("{}:{}: {}", file, line, what));
}

void Sink::Unsupported(uint32_t line, std::string_view what) {
  ++report->unsupported;
  report->problems.emplace_back(ErrorCode::kInvalidInput,
                                fmt::format("{}:{}: not expressible: {}", file, line, what));
}

std::string Sink::Rule(uint32_t line) const { return fmt::format("{}:{}", file, line); }

std::vector<Line> SplitLines(std::string_view text, Flavor flavor) {
  (void)flavor;
  std::vector<Line> out;
  uint32_t number = 0;
  bool in_xml_comment = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view raw = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++number;
    if (in_xml_comment) {
      if (raw.find("-->") != std::string_view::npos) in_xml_comment = false;
      continue;
    }
    std::string_view t = TrimBlanks(raw);
    if (t.empty()) continue;
    if (t.starts_with("<!")) {  // "<!-- ... -->", also written "<! -- ... -->"
      if (t.find("-->") == std::string_view::npos) in_xml_comment = true;
      continue;
    }
    if (t.starts_with("~~FINISH")) break;
    if (t[0] == '#' || t[0] == '/') continue;
    // Cut a trailing comment: ';' anywhere, '#' after a blank; never
    // inside a [...] code block ("[###]").
    int depth = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
      char c = t[i];
      if (c == '[')
        ++depth;
      else if (c == ']' && depth > 0)
        --depth;
      else if (depth == 0 &&
               (c == ';' || (c == '#' && i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t')))) {
        t = TrimBlanks(t.substr(0, i));
        break;
      }
    }
    if (t.empty()) continue;
    Line l;
    l.number = number;
    l.text = t;
    l.indented = raw[0] == ' ' || raw[0] == '\t';
    out.push_back(l);
  }
  return out;
}

bool ParseKedsDate(std::string_view s, int32_t* days) {
  if (!IsDigits(s) || (s.size() != 6 && s.size() != 8)) return false;
  std::string iso;
  if (s.size() == 6) {
    int yy = (s[0] - '0') * 10 + (s[1] - '0');
    iso = fmt::format("{}{}-{}-{}", yy < 30 ? "20" : "19", s.substr(0, 2), s.substr(2, 2),
                      s.substr(4, 2));
  } else {
    iso = fmt::format("{}-{}-{}", s.substr(0, 4), s.substr(4, 2), s.substr(6, 2));
  }
  return ParseDays(iso, days);
}

bool ParseCodeBlock(std::string_view inside, CodeBlock* out, std::string* error) {
  std::string_view s = TrimBlanks(inside);
  std::size_t sp = 0;
  while (sp < s.size() && s[sp] != ' ' && s[sp] != '\t' && s[sp] != '<' && s[sp] != '>') ++sp;
  std::string code(s.substr(0, sp));
  std::string dates;
  for (char c : s.substr(sp))
    if (c != ' ' && c != '\t') dates.push_back(c);
  *out = CodeBlock{};
  if (code.empty() || IsDigits(code.substr(0, 1))) {
    *error = fmt::format("code block \"[{}]\" has no code", inside);
    return false;
  }
  bool special = code == "---" || code == "###" || code == "+++";
  for (char c : code) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '/' || c == '~' || (special && (c == '-' || c == '#' || c == '+')) ||
              (c == '-' && code.starts_with("---"));
    if (!ok) {
      *error = fmt::format("code \"{}\" has a character other than letters and digits", code);
      return false;
    }
  }
  out->code = Upper(code);
  if (dates.empty()) return true;
  if (dates[0] == '<' || dates[0] == '>') {
    int32_t d = 0;
    if (!ParseKedsDate(std::string_view(dates).substr(1), &d)) {
      *error = fmt::format("bad date \"{}\" (want YYMMDD or YYYYMMDD)", dates.substr(1));
      return false;
    }
    if (dates[0] == '<')
      out->until = d - 1;
    else
      out->from = d;
    return true;
  }
  auto dash = dates.find('-');
  int32_t a = 0, b = 0;
  if (dash == std::string::npos || !ParseKedsDate(std::string_view(dates).substr(0, dash), &a) ||
      !ParseKedsDate(std::string_view(dates).substr(dash + 1), &b)) {
    *error = fmt::format("bad date range \"{}\" (want YYMMDD-YYMMDD, <YYMMDD or >YYMMDD)", dates);
    return false;
  }
  if (a > b) {
    *error = fmt::format("date range \"{}\" ends before it starts", dates);
    return false;
  }
  out->from = a;
  out->until = b;
  return true;
}

bool SplitCodeBlocks(std::string_view line, std::string_view* phrase,
                     std::vector<std::string_view>* blocks) {
  blocks->clear();
  std::size_t open = line.find('[');
  *phrase = TrimBlanks(line.substr(0, open));
  while (open != std::string_view::npos) {
    std::size_t close = line.find(']', open);
    if (close == std::string_view::npos) return false;
    blocks->push_back(line.substr(open + 1, close - open - 1));
    open = line.find('[', close);
  }
  return true;
}

std::vector<std::string> PhraseKeysOf(std::string_view phrase, Flavor flavor, bool* stem) {
  auto words = SplitWords(phrase);
  std::string joined;
  for (const auto& w : words) {
    if (!joined.empty()) joined.push_back(' ');
    joined += LowerAscii(w.text);
  }
  *stem = flavor == Flavor::kTabari && !words.empty() && !words.back().exact;
  return PhraseKeys(joined);
}

void NotePhraseStem(Dictionaries* d, const std::vector<std::string>& keys, bool stem) {
  if (stem && !keys.empty() && keys.back().size() >= 3 && keys.back()[0] != '^')
    d->AddStem(keys.back());
}

// --- Actors ---------------------------------------------------------------

namespace {

struct ActorGroup {
  uint32_t line = 0;
  std::vector<std::pair<uint32_t, std::string_view>> phrases;
  std::vector<std::pair<uint32_t, std::string_view>> blocks;
};

ActorKind KindOf(const std::string& code, bool dated) {
  if (code.starts_with("IGO") || code.starts_with("NGO") || code.starts_with("IMG") ||
      code.starts_with("MNC"))
    return ActorKind::kOrg;
  if (dated) return ActorKind::kMetonym;
  return code.size() <= 3 ? ActorKind::kCountry : ActorKind::kMetonym;
}

std::string ReadableName(std::string_view phrase) {
  std::string out;
  for (char c : phrase) out.push_back(c == '_' ? ' ' : c);
  return std::string(TrimBlanks(out));
}

void FlushActor(ActorGroup* g, Sink* sink, std::unordered_map<std::string, uint32_t>* seen) {
  if (g->phrases.empty()) return;
  std::string first(g->phrases[0].second);
  if (g->blocks.empty()) {
    sink->Malformed(g->line, fmt::format("actor \"{}\" has no [code]", first));
    g->phrases.clear();
    return;
  }
  std::vector<std::vector<std::string>> keys;
  std::vector<uint32_t> key_lines;
  for (auto& [line, p] : g->phrases) {
    bool stem = false;
    auto k = PhraseKeysOf(p, sink->flavor, &stem);
    if (k.empty()) {
      sink->Malformed(line, fmt::format("empty actor phrase \"{}\"", p));
      continue;
    }
    std::string joined;
    for (auto& w : k) joined += w + ' ';
    auto [it, fresh] = seen->emplace(joined, line);
    if (!fresh) {
      sink->Malformed(
          line, fmt::format("duplicate actor phrase \"{}\" (first at line {}); the first is kept",
                            p, it->second));
      continue;
    }
    NotePhraseStem(sink->dicts, k, stem);
    keys.push_back(std::move(k));
  }
  std::vector<ActorEntry> dated, undated;
  for (auto& [line, inside] : g->blocks) {
    CodeBlock b;
    std::string error;
    if (!ParseCodeBlock(inside, &b, &error)) {
      sink->Malformed(line, error);
      continue;
    }
    if (b.code == "###" && sink->flavor == Flavor::kTabari &&
        (b.from != INT32_MIN || b.until != INT32_MAX)) {
      // "ENT [### <890101] [ENT]": a discard only in a date range: kept as
      // a dated actor code "###" that TABARI's conventions treat as a
      // discard (code/tabari_conventions.h).
    } else if (b.code == "###") {
      for (auto& k : keys) {
        sink->dicts->AddDiscard(k, DiscardEntry{false, sink->Rule(line)});
        ++sink->report->discards;
      }
      continue;
    }
    if (b.code == "---") {
      if (b.from == INT32_MIN && b.until == INT32_MAX)
        sink->Unsupported(line, fmt::format("null-coded actor \"{}\" [---] (no actor)", first));
      else
        sink->Unsupported(line,
                          fmt::format("null-coded date range for \"{}\" (no actor then)", first));
      continue;
    }
    if (b.code == "+++") {
      sink->Unsupported(line, fmt::format("complex-coded actor \"{}\" [+++]", first));
      continue;
    }
    if (b.code.find('/') != std::string::npos && sink->flavor != Flavor::kTabari) {
      sink->Unsupported(line,
                        fmt::format("compound actor code \"{}\" (one code per entry)", b.code));
      continue;
    }
    if (b.code.find('~') != std::string::npos) {
      sink->Malformed(line, fmt::format("agent code \"{}\" in an actor file", b.code));
      continue;
    }
    ActorEntry e;
    e.code = b.code;
    e.from = b.from;
    e.until = b.until;
    bool is_dated = b.from != INT32_MIN || b.until != INT32_MAX;
    e.kind = KindOf(e.code, is_dated);
    e.name = ReadableName(first);
    e.rule = sink->Rule(line);
    (is_dated ? dated : undated).push_back(std::move(e));
  }
  // Dated roles first: the first entry whose dates cover the story wins.
  std::size_t added = 0;
  if (!keys.empty())
    for (auto* list : {&dated, &undated})
      for (auto& e : *list)
        if (sink->dicts->AddActor(std::move(e), keys)) ++added;
  if (added) {
    sink->report->actors += added;
    sink->report->actor_names += keys.size();
  }
  g->phrases.clear();
  g->blocks.clear();
}

}  // namespace

void LoadActors(std::string_view text, Sink* sink) {
  ActorGroup g;
  std::unordered_map<std::string, uint32_t> seen;
  std::string_view section;
  for (const Line& l : SplitLines(text, sink->flavor)) {
    std::string_view t = l.text;
    if (t[0] == '<') {
      if (t.starts_with("</")) {
        section = {};
      } else if (t.starts_with("<NOUN>") || t.starts_with("<ADJECTIVE>") ||
                 t.starts_with("<ATTRIB>")) {
        section = t;
      } else {
        sink->Malformed(l.number, fmt::format("unknown tag line \"{}\" ignored", t));
      }
      continue;
    }
    if (!section.empty()) {
      if (sink->flavor == Flavor::kTabari &&
          (section.starts_with("<NOUN>") || section.starts_with("<ADJECTIVE>"))) {
        // Parsing hints for TABARI's conventions (code/tabari_conventions.h):
        // adjectives inside compound actors, nouns that are not verbs.
        std::string_view w = t.substr(0, t.find_first_of(" \t;"));
        std::string word;
        for (char c : w) word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
        while (!word.empty() && (word.back() == '_' || word.back() == '=')) word.pop_back();
        for (auto& c : word)
          if (c == '_') c = ' ';
        if (!word.empty())
          sink->dicts->AddTabariWordClass(word, section.starts_with("<NOUN>") ? 'N' : 'A');
        continue;
      }
      sink->Unsupported(l.number,
                        fmt::format("{} entry \"{}\" (a parsing hint; not used)", section, t));
      continue;
    }
    std::string_view phrase;
    std::vector<std::string_view> blocks;
    if (!SplitCodeBlocks(t, &phrase, &blocks)) {
      sink->Malformed(l.number, fmt::format("'[' without ']' in \"{}\"", t));
      continue;
    }
    if (phrase.empty()) {
      // "\t[HOBGOV 950601-990815]": a code line of the current actor.
      if (g.phrases.empty()) {
        sink->Malformed(l.number, "code line with no actor before it");
        continue;
      }
      for (auto b : blocks) g.blocks.emplace_back(l.number, b);
      continue;
    }
    if (phrase[0] == '+') {
      if (g.phrases.empty()) {
        sink->Malformed(l.number, fmt::format("synonym \"{}\" with no actor before it", phrase));
        continue;
      }
      phrase.remove_prefix(1);
      g.phrases.emplace_back(l.number, TrimBlanks(phrase));
      for (auto b : blocks) g.blocks.emplace_back(l.number, b);
      continue;
    }
    FlushActor(&g, sink, &seen);
    g.line = l.number;
    g.phrases.emplace_back(l.number, phrase);
    for (auto b : blocks) g.blocks.emplace_back(l.number, b);
  }
  FlushActor(&g, sink, &seen);
}

// --- Agents -----------------------------------------------------------------

namespace {

// Expands "!NAME!" substitution markers (PETRARCH agents).
std::vector<std::string> ExpandMacros(
    std::string_view phrase,
    const std::map<std::string, std::vector<std::string>, std::less<>>& macros,
    std::string* unknown) {
  std::vector<std::string> out{std::string(phrase)};
  for (int guard = 0; guard < 4; ++guard) {
    std::vector<std::string> next;
    bool changed = false;
    for (auto& p : out) {
      auto a = p.find('!');
      auto b = a == std::string::npos ? a : p.find('!', a + 1);
      if (b == std::string::npos) {
        next.push_back(p);
        continue;
      }
      std::string name = p.substr(a, b - a + 1);
      auto it = macros.find(name);
      if (it == macros.end()) {
        *unknown = name;
        return {};
      }
      changed = true;
      for (auto& v : it->second) next.push_back(p.substr(0, a) + v + p.substr(b + 1));
    }
    out = std::move(next);
    if (!changed) break;
  }
  return out;
}

}  // namespace

void LoadAgents(std::string_view text, Sink* sink) {
  std::map<std::string, std::vector<std::string>, std::less<>> macros;
  std::unordered_map<std::string, uint32_t> seen;
  for (const Line& l : SplitLines(text, sink->flavor)) {
    std::string_view t = l.text;
    if (t[0] == '<') continue;
    if (t[0] == '!' && t.find('=') != std::string_view::npos &&
        t.find('[') == std::string_view::npos) {
      auto eq = t.find('=');
      std::string name(TrimBlanks(t.substr(0, eq)));
      std::vector<std::string> values;
      std::string cur;
      for (char c : t.substr(eq + 1)) {
        if (c == ',') {
          if (!TrimBlanks(cur).empty()) values.emplace_back(TrimBlanks(cur));
          cur.clear();
        } else {
          cur.push_back(c);
        }
      }
      if (!TrimBlanks(cur).empty()) values.emplace_back(TrimBlanks(cur));
      if (name.size() < 3 || name.back() != '!' || values.empty()) {
        sink->Malformed(l.number, fmt::format("bad substitution line \"{}\"", t));
        continue;
      }
      macros[name] = std::move(values);
      continue;
    }
    std::string_view phrase;
    std::vector<std::string_view> blocks;
    if (!SplitCodeBlocks(t, &phrase, &blocks) || blocks.size() != 1) {
      sink->Malformed(l.number, fmt::format("expected \"PHRASE [~CODE]\", got \"{}\"", t));
      continue;
    }
    // "ATTORNEY_GENERAL {ATTORNEYS_GENERAL}": explicit plurals; "{}": none.
    std::string_view plurals_text;
    bool has_plurals = false;
    if (auto open = phrase.find('{'); open != std::string_view::npos) {
      auto close = phrase.find('}', open);
      if (close == std::string_view::npos) {
        sink->Malformed(l.number, "'{' without '}'");
        continue;
      }
      plurals_text = phrase.substr(open + 1, close - open - 1);
      has_plurals = true;
      phrase = TrimBlanks(phrase.substr(0, open));
    }
    std::string code;
    for (char c : blocks[0])
      if (c != ' ' && c != '\t') code.push_back(c);
    code = Upper(code);
    if (code.size() < 2 || code.find('~') == std::string::npos) {
      sink->Malformed(l.number, fmt::format("agent code \"{}\" has no '~'", code));
      continue;
    }
    if (code[0] != '~') {
      sink->Unsupported(
          l.number, fmt::format("agent code \"{}\" puts the agent before the actor's code", code));
      continue;
    }
    AgentEntry a;
    a.sector = code.substr(1);
    a.rule = sink->Rule(l.number);
    std::string unknown;
    auto expanded = ExpandMacros(phrase, macros, &unknown);
    if (!unknown.empty()) {
      sink->Malformed(l.number, fmt::format("unknown substitution {}", unknown));
      continue;
    }
    std::vector<std::vector<std::string>> nouns, explicit_plurals;
    for (auto& p : expanded) {
      bool stem = false;
      auto k = PhraseKeysOf(p, sink->flavor, &stem);
      if (k.empty()) continue;
      std::string joined;
      for (auto& w : k) joined += w + ' ';
      auto [it, fresh] = seen.emplace(joined, l.number);
      if (!fresh) {
        sink->Malformed(
            l.number,
            fmt::format("duplicate agent phrase \"{}\" (first at line {}); the first is kept", p,
                        it->second));
        continue;
      }
      nouns.push_back(std::move(k));
    }
    if (has_plurals) {
      std::string cur;
      std::vector<std::string> items;
      for (char c : plurals_text) {
        if (c == ' ' || c == '\t') {
          if (!cur.empty()) items.push_back(cur);
          cur.clear();
        } else {
          cur.push_back(c);
        }
      }
      if (!cur.empty()) items.push_back(cur);
      for (auto& item : items) {
        for (auto& p : ExpandMacros(item, macros, &unknown)) {
          bool stem = false;
          auto k = PhraseKeysOf(p, sink->flavor, &stem);
          if (!k.empty()) explicit_plurals.push_back(std::move(k));
        }
      }
    }
    if (nouns.empty()) continue;
    sink->report->agents += nouns.size();
    if (has_plurals) {
      auto all = nouns;
      all.insert(all.end(), explicit_plurals.begin(), explicit_plurals.end());
      sink->dicts->AddAgent(a, all, false, nouns);
    } else {
      sink->dicts->AddAgent(a, nouns, true, nouns);
    }
  }
}

// --- Verb patterns ----------------------------------------------------------

std::vector<std::vector<std::string>> SynsetMember(std::string_view text, const Synsets& synsets) {
  // Words joined by '_' or blanks; "&NAME" expands to each member of NAME.
  std::vector<std::vector<std::string>> out{{}};
  std::string s(text);
  for (auto& c : s)
    if (c == '_' || c == '~') c = ' ';
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j == i) break;
    std::string w = s.substr(i, j - i);
    i = j;
    if (w[0] == '&') {
      auto it = synsets.find(Upper(w));
      if (it == synsets.end()) return {};
      std::vector<std::vector<std::string>> next;
      for (auto& prefix : out)
        for (auto& m : it->second) {
          auto v = prefix;
          v.insert(v.end(), m.begin(), m.end());
          if (next.size() < 256) next.push_back(std::move(v));
        }
      out = std::move(next);
      continue;
    }
    if (w.back() == '=') w.pop_back();
    if (w.empty() || w == "$" || w == "+" || w == "%" || w == "^" || w == "*") continue;
    for (auto& v : out) v.push_back(LowerAscii(w));
  }
  std::erase_if(out, [](const auto& v) { return v.empty(); });
  return out;
}

bool SplitVerb(std::string_view verb, Flavor flavor, std::string* head,
               std::vector<std::string>* before, std::vector<std::string>* after,
               std::string* error) {
  (void)flavor;
  auto words = SplitWords(verb);
  before->clear();
  after->clear();
  std::size_t h = 0;
  for (std::size_t i = 0; i < words.size(); ++i)
    if (words[i].text[0] == '+') h = i;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string x = words[i].text;
    if (x[0] == '+') x.erase(0, 1);
    if (x.empty()) continue;
    if (i < h)
      before->push_back(LowerAscii(x));
    else if (i > h)
      after->push_back(LowerAscii(x));
    else
      *head = LowerAscii(x);
  }
  if (head->empty()) {
    *error = fmt::format("verb \"{}\" has no word", verb);
    return false;
  }
  return true;
}

namespace {

struct Unit {
  enum Kind : uint8_t { kWord, kVerb, kTarget, kSource, kCompound, kSkip } kind = kWord;
  std::vector<std::vector<std::string>> alts;
};

// Parses a pattern into units; false with *error on failure.
bool ParseUnits(std::string_view pattern, const Synsets& synsets, std::vector<Unit>* out,
                std::string* error) {
  std::string s;
  for (char c : pattern) {
    if (c == '_' || c == '~')
      s.push_back(' ');
    else if (c == '{' || c == '}' || c == '|') {
      s.push_back(' ');
      s.push_back(c);
      s.push_back(' ');
    } else {
      s.push_back(c);
    }
  }
  std::vector<std::string> toks;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) toks.push_back(s.substr(i, j - i));
    i = j;
  }
  auto word_alts = [&](const std::string& w, std::vector<std::vector<std::string>>* alts) {
    if (w[0] == '&') {
      auto it = synsets.find(Upper(w));
      if (it == synsets.end()) {
        *error = fmt::format("unknown synset {}", w);
        return false;
      }
      *alts = it->second;
      return true;
    }
    std::string x = w;
    if (x.back() == '=') x.pop_back();
    *alts = {{LowerAscii(x)}};
    return !x.empty();
  };
  for (std::size_t k = 0; k < toks.size(); ++k) {
    const std::string& t = toks[k];
    Unit u;
    if (t == "*")
      u.kind = Unit::kVerb;
    else if (t == "+")
      u.kind = Unit::kTarget;
    else if (t == "$")
      u.kind = Unit::kSource;
    else if (t == "%")
      u.kind = Unit::kCompound;
    else if (t == "^")
      u.kind = Unit::kSkip;
    else if (t == "{") {
      std::vector<std::vector<std::string>> alts{{}};
      std::vector<std::vector<std::string>> cur{{}};
      bool closed = false;
      for (++k; k < toks.size(); ++k) {
        if (toks[k] == "}" || toks[k] == "|") {
          for (auto& c : cur)
            if (!c.empty()) u.alts.push_back(c);
          cur = {{}};
          if (toks[k] == "}") {
            closed = true;
            break;
          }
          continue;
        }
        if (toks[k] == "*" || toks[k] == "+" || toks[k] == "$" || toks[k] == "%" ||
            toks[k] == "^" || toks[k] == "{") {
          *error = fmt::format("\"{}\" inside {{ ... }} alternatives", toks[k]);
          return false;
        }
        std::vector<std::vector<std::string>> wa;
        if (!word_alts(toks[k], &wa)) return false;
        std::vector<std::vector<std::string>> next;
        for (auto& c : cur)
          for (auto& w : wa) {
            auto v = c;
            v.insert(v.end(), w.begin(), w.end());
            next.push_back(std::move(v));
          }
        cur = std::move(next);
      }
      if (!closed || u.alts.empty()) {
        *error = "'{' without '}' (or empty alternatives)";
        return false;
      }
    } else if (t == "}" || t == "|") {
      *error = fmt::format("'{}' outside {{ ... }}", t);
      return false;
    } else {
      if (!word_alts(t, &u.alts)) return false;
    }
    out->push_back(std::move(u));
  }
  return true;
}

}  // namespace

void AddVerbPattern(std::string_view head, const std::vector<std::string>& extra_before,
                    const std::vector<std::string>& extra_after, std::string_view pattern,
                    std::string_view code_field, const Synsets& synsets, uint32_t line,
                    Sink* sink) {
  std::string written = pattern.empty() ? std::string(head) : fmt::format("- {}", pattern);
  // Codes: "064", "013:012" (the event and the reverse event), "---" (no
  // event), "###" (discard), "+++" (complex).
  std::string code;
  for (char c : code_field)
    if (c != ' ' && c != '\t') code.push_back(c);
  if (!code.empty() && code.back() == '!') {
    sink->Unsupported(line, fmt::format("code suffix '!' in [{}] ignored", code));
    code.pop_back();
  }
  if (code.empty()) {
    sink->Malformed(line, "pattern without a code");
    return;
  }
  std::string first = code, second;
  if (auto colon = code.find(':'); colon != std::string::npos) {
    first = code.substr(0, colon);
    second = code.substr(colon + 1);
  }
  auto valid = [](const std::string& c) {
    if (c == "---" || c == "###" || c == "+++") return true;
    if (c.empty()) return false;
    for (char ch : c)
      if (!((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')))
        return false;
    return true;
  };
  if (!valid(first) || (!second.empty() && !valid(second))) {
    sink->Malformed(line, fmt::format("bad event code [{}]", code_field));
    return;
  }
  if (first == "###" || first == "+++") {
    sink->Unsupported(
        line, fmt::format("[{}] on a verb pattern; treated as a no-event ([---]) pattern", first));
    first = "---";
  }

  std::vector<Unit> units;
  std::string error;
  if (!pattern.empty()) {
    if (!ParseUnits(pattern, synsets, &units, &error)) {
      sink->Malformed(line, fmt::format("pattern \"{}\": {}", pattern, error));
      return;
    }
    std::size_t verbs = 0;
    for (auto& u : units) verbs += u.kind == Unit::kVerb;
    if (verbs != 1) {
      sink->Malformed(line,
                      fmt::format("pattern \"{}\" needs exactly one '*' (the verb)", pattern));
      return;
    }
  } else {
    units.push_back(Unit{Unit::kVerb, {}});
  }
  std::size_t v = 0;
  while (units[v].kind != Unit::kVerb) ++v;
  bool target_before = false, compound = false;
  // Words before the verb: literals the coder finds before the head.
  std::vector<std::vector<PatternElement>> before(1);
  for (auto& w : extra_before) {
    PatternElement e;
    e.words = {w};
    before[0].push_back(e);
  }
  auto append = [&](std::vector<std::vector<PatternElement>>* vars, const Unit& u) {
    bool single = true;
    for (auto& a : u.alts) single = single && a.size() == 1;
    if (single) {
      PatternElement e;
      for (auto& a : u.alts) e.words.push_back(a[0]);
      for (auto& var : *vars) var.push_back(e);
      return true;
    }
    std::vector<std::vector<PatternElement>> next;
    for (auto& var : *vars)
      for (auto& a : u.alts) {
        auto nv = var;
        for (auto& w : a) {
          PatternElement x;
          x.words = {w};
          nv.push_back(x);
        }
        next.push_back(std::move(nv));
      }
    if (next.size() > 64) return false;
    *vars = std::move(next);
    return true;
  };
  for (std::size_t k = 0; k < v; ++k) {
    switch (units[k].kind) {
      case Unit::kWord:
        if (!append(&before, units[k])) {
          sink->Unsupported(
              line, fmt::format("pattern \"{}\" expands to more than 64 alternatives", pattern));
          return;
        }
        break;
      case Unit::kTarget:
        target_before = true;
        break;
      case Unit::kCompound:
        compound = true;
        break;
      default:
        break;
    }
  }
  // Post-verb units into element sequences (alternatives of several words
  // become separate patterns).
  std::vector<std::vector<PatternElement>> variants(1);
  for (auto& w : extra_after) {
    PatternElement e;
    e.words = {w};
    variants[0].push_back(e);
  }
  int slots = 0;
  bool source_after = false;
  for (std::size_t k = v + 1; k < units.size(); ++k) {
    const Unit& u = units[k];
    PatternElement e;
    if (u.kind == Unit::kTarget || u.kind == Unit::kSource || u.kind == Unit::kCompound) {
      ++slots;
      if (u.kind == Unit::kSource) source_after = true;
      if (u.kind == Unit::kCompound) compound = true;
      e.kind = PatternElement::kTarget;
      for (auto& var : variants) var.push_back(e);
      continue;
    }
    if (u.kind == Unit::kSkip) {
      e.words = {"..."};
      for (auto& var : variants) var.push_back(e);
      continue;
    }
    if (!append(&variants, u)) {
      sink->Unsupported(
          line, fmt::format("pattern \"{}\" expands to more than 64 alternatives", pattern));
      return;
    }
  }
  if (slots > 1) {
    sink->Unsupported(
        line, fmt::format("pattern \"{}\": more than one actor slot after the verb", pattern));
    return;
  }
  if (target_before && !source_after) {
    sink->Unsupported(
        line,
        fmt::format("pattern \"{}\": target before the verb without a source after it", pattern));
    return;
  }
  if (compound)
    sink->Unsupported(line,
                      fmt::format("pattern \"{}\": '%' (compound actor as source and target) is "
                                  "coded as an ordinary actor slot",
                                  pattern));
  // "[032:033]": the event and the reverse event; "[---:033]": only the
  // reverse event.
  bool reverse_only = first == "---" && !second.empty() && second != "---";
  std::string code_used = reverse_only ? second : first;
  if (second == "---") second.clear();
  for (auto& pre : before)
    for (auto& var : variants) {
      VerbPattern p;
      p.head = std::string(head);
      p.elements = var;
      p.before = pre;
      p.stop = code_used == "---";
      if (!p.stop) p.cameo = sink->dicts->AddCode(code_used);
      if (!p.stop && !reverse_only && !second.empty()) p.reverse = sink->dicts->AddCode(second);
      p.swap = source_after != reverse_only;
      p.rule = sink->Rule(line);
      p.text = fmt::format("{} [{}]", written, code_field);
      if (sink->flavor == Flavor::kTabari) {
        // TABARI's "verbs" are words whatever their part of speech ("show
        // no SIGN", "its VOICE"): the pattern also applies at a noun.
        VerbPattern q = p;
        q.noun_head = true;
        sink->dicts->AddPattern(std::move(q));
      }
      sink->dicts->AddPattern(std::move(p));
      if (code_used == "---")
        ++sink->report->stop_patterns;
      else
        ++sink->report->patterns;
    }
}

}  // namespace detente::keds
