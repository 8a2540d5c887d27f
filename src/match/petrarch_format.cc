#include "match/petrarch_format.h"

#include <algorithm>

#include <fmt/format.h>

#include "match/phrase_trie.h"
#include "match/tsv.h"

namespace detente::petrarch {
namespace {

struct VerbEntry {
  uint32_t line = 0;
  std::string head;
  std::vector<std::string> before, after;
  std::string_view code;  // its own code, else the block's
};

struct PendingPattern {
  uint32_t line;
  std::string_view pattern, code;
};

struct Block {
  uint32_t line = 0;
  std::string_view code;
  std::vector<VerbEntry> verbs;
  std::vector<PendingPattern> patterns;
};

void FlushBlock(Block* b, const keds::Synsets& synsets, keds::Sink* sink) {
  if (b->verbs.empty()) {
    if (!b->patterns.empty()) sink->Malformed(b->line, "verb block with patterns but no verb");
    *b = Block{};
    return;
  }
  LoadReport scratch;
  LoadReport* real = sink->report;
  for (std::size_t i = 0; i < b->verbs.size(); ++i) {
    const VerbEntry& v = b->verbs[i];
    keds::AddVerbPattern(v.head, v.before, v.after, "", v.code.empty() ? b->code : v.code, synsets,
                         v.line, sink);
    if (i == 0) sink->report = &scratch;  // report each pattern's problems once
    for (auto& p : b->patterns) {
      if (i == 0) sink->report = real;
      keds::AddVerbPattern(v.head, v.before, v.after, p.pattern, p.code, synsets, p.line, sink);
      if (i == 0) sink->report = &scratch;
    }
  }
  sink->report = real;
  real->patterns += scratch.patterns;
  real->stop_patterns += scratch.stop_patterns;
  *b = Block{};
}

// "BAN {BANS BANNED} [191]": the verb, its forms and its own code.
void AddVerbLine(const keds::Line& l, Block* block, keds::Sink* sink) {
  std::string_view t = l.text;
  std::string_view forms;
  if (auto open = t.find('{'); open != std::string_view::npos) {
    auto close = t.find('}', open);
    if (close == std::string_view::npos) {
      sink->Malformed(l.number, "'{' without '}'");
      return;
    }
    forms = t.substr(open + 1, close - open - 1);
    // Keep views valid: the code block is after the forms, find it in t.
    std::string_view phrase;
    std::vector<std::string_view> blocks;
    if (!keds::SplitCodeBlocks(t.substr(close + 1), &phrase, &blocks)) {
      sink->Malformed(l.number, "'[' without ']'");
      return;
    }
    std::string_view verb = TrimBlanks(t.substr(0, open));
    std::string_view code = blocks.empty() ? std::string_view() : blocks[0];
    std::vector<std::string_view> all{verb};
    std::size_t i = 0;
    while (i < forms.size()) {
      while (i < forms.size() && (forms[i] == ' ' || forms[i] == '\t')) ++i;
      std::size_t j = i;
      while (j < forms.size() && forms[j] != ' ' && forms[j] != '\t') ++j;
      if (j > i) all.push_back(forms.substr(i, j - i));
      i = j;
    }
    for (auto v : all) {
      VerbEntry e;
      std::string error;
      if (!keds::SplitVerb(v, sink->flavor, &e.head, &e.before, &e.after, &error)) {
        sink->Malformed(l.number, error);
        continue;
      }
      e.line = l.number;
      e.code = code;
      block->verbs.push_back(std::move(e));
    }
    return;
  }
  std::string_view phrase;
  std::vector<std::string_view> blocks;
  if (!keds::SplitCodeBlocks(t, &phrase, &blocks) || blocks.size() > 1) {
    sink->Malformed(l.number, fmt::format("bad verb line \"{}\"", t));
    return;
  }
  VerbEntry e;
  std::string error;
  if (!keds::SplitVerb(phrase, sink->flavor, &e.head, &e.before, &e.after, &error)) {
    sink->Malformed(l.number, error);
    return;
  }
  e.line = l.number;
  if (!blocks.empty()) e.code = blocks[0];
  block->verbs.push_back(std::move(e));
}

}  // namespace

void LoadVerbs(std::string_view text, keds::Sink* sink) {
  keds::Synsets synsets;
  std::string synset;
  Block block;
  for (const keds::Line& l : keds::SplitLines(text, sink->flavor)) {
    std::string_view t = l.text;
    if (t[0] == '<') continue;
    if (t.starts_with("---")) {
      FlushBlock(&block, synsets, sink);
      synset.clear();
      std::string_view phrase;
      std::vector<std::string_view> blocks;
      if (!keds::SplitCodeBlocks(t, &phrase, &blocks) || blocks.size() != 1) {
        sink->Malformed(l.number, fmt::format("verb block header \"{}\" needs one [code]", t));
        block.line = l.number;
        block.code = "---";
        continue;
      }
      block.line = l.number;
      block.code = blocks[0];
      continue;
    }
    if (t[0] == '&') {
      std::string name(t);
      if (auto sp = name.find_first_of(" \t"); sp != std::string::npos) name.resize(sp);
      for (auto& c : name)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
      if (!name.empty() && name.back() == '_') name.pop_back();
      synset = name;
      synsets[synset];
      ++sink->report->synsets;
      continue;
    }
    if (t[0] == '+' && !synset.empty()) {
      auto members = keds::SynsetMember(t.substr(1), synsets);
      if (members.empty())
        sink->Malformed(l.number,
                        fmt::format("synset member \"{}\" is empty or names an unknown synset", t));
      auto& list = synsets[synset];
      list.insert(list.end(), members.begin(), members.end());
      continue;
    }
    synset.clear();
    if (t[0] == '-') {
      std::string_view phrase;
      std::vector<std::string_view> blocks;
      if (!keds::SplitCodeBlocks(t, &phrase, &blocks) || blocks.size() != 1) {
        sink->Malformed(l.number, fmt::format("pattern \"{}\" needs one [code]", t));
        continue;
      }
      if (block.verbs.empty()) {
        sink->Malformed(l.number, "pattern with no verb before it");
        continue;
      }
      block.patterns.push_back(PendingPattern{l.number, TrimBlanks(phrase.substr(1)), blocks[0]});
      continue;
    }
    if (block.line == 0) {
      sink->Malformed(l.number,
                      fmt::format("verb \"{}\" outside a \"--- VERB [code] ---\" block", t));
      continue;
    }
    AddVerbLine(l, &block, sink);
  }
  FlushBlock(&block, synsets, sink);
}

void LoadDiscards(std::string_view text, keds::Sink* sink) {
  for (const keds::Line& l : keds::SplitLines(text, sink->flavor)) {
    std::string_view t = l.text;
    if (t[0] == '<') continue;
    DiscardEntry d;
    if (t[0] == '+') {
      d.story = true;
      t = TrimBlanks(t.substr(1));
    }
    if (t.find('[') != std::string_view::npos) {
      sink->Malformed(l.number, fmt::format("discard phrase \"{}\" has a [code]", t));
      continue;
    }
    bool stem = false;
    auto keys = keds::PhraseKeysOf(t, sink->flavor, &stem);
    if (keys.empty()) {
      sink->Malformed(l.number, "empty discard phrase");
      continue;
    }
    d.rule = sink->Rule(l.number);
    sink->dicts->AddDiscard(keys, std::move(d));
    ++sink->report->discards;
  }
}

void LoadIssues(std::string_view text, keds::Sink* sink) {
  for (const keds::Line& l : keds::SplitLines(text, sink->flavor)) {
    std::string_view t = l.text;
    if (t[0] == '<') continue;
    if (t[0] == '~') {
      sink->Unsupported(l.number, fmt::format("issue exclusion phrase \"{}\"", t));
      continue;
    }
    std::string_view phrase;
    std::vector<std::string_view> blocks;
    if (!keds::SplitCodeBlocks(t, &phrase, &blocks) || blocks.size() != 1 ||
        TrimBlanks(blocks[0]).empty() || phrase.empty()) {
      sink->Malformed(l.number, fmt::format("expected \"phrase [ISSUE]\", got \"{}\"", t));
      continue;
    }
    // Words: "n:" marks a noun (singular and plural); '+' joins two words
    // written with a hyphen or a blank ("pre+n:school").
    std::vector<std::string> variants{""};
    std::size_t i = 0;
    std::string p(phrase);
    for (auto& c : p)
      if (c == '_') c = ' ';
    while (i < p.size()) {
      while (i < p.size() && p[i] == ' ') ++i;
      std::size_t j = i;
      while (j < p.size() && p[j] != ' ') ++j;
      if (j == i) break;
      std::string w = p.substr(i, j - i);
      i = j;
      std::vector<std::string> forms{""};
      std::size_t k = 0;
      while (k <= w.size()) {
        std::size_t plus = w.find('+', k);
        std::string part = w.substr(k, plus == std::string::npos ? std::string::npos : plus - k);
        bool noun = part.starts_with("n:");
        if (noun) part.erase(0, 2);
        std::vector<std::string> next;
        for (auto& f : forms) {
          std::vector<std::string> joins =
              f.empty() ? std::vector<std::string>{""} : std::vector<std::string>{"-", " "};
          // (At most 32 forms: each '+' doubles them, "a+++++…" would not end.)
          for (auto& jn : joins) {
            if (next.size() >= 32) break;
            next.push_back(f + jn + part);
            if (noun) next.push_back(f + jn + part + (part.ends_with("s") ? "es" : "s"));
          }
        }
        forms = std::move(next);
        if (plus == std::string::npos) break;
        k = plus + 1;
      }
      std::vector<std::string> next;
      for (auto& v : variants)
        for (auto& f : forms)
          if (next.size() < 32) next.push_back(v.empty() ? f : v + " " + f);
      variants = std::move(next);
    }
    IssueEntry e;
    e.issue = std::string(TrimBlanks(blocks[0]));
    e.rule = sink->Rule(l.number);
    bool any = false;
    for (auto& v : variants) {
      auto keys = PhraseKeys(LowerAscii(v));
      if (keys.empty()) continue;
      sink->dicts->AddIssue(keys, e);
      any = true;
    }
    if (any)
      ++sink->report->issues;
    else
      sink->Malformed(l.number, "empty issue phrase");
  }
}

std::vector<ConfigFile> ReadConfig(std::string_view text, const std::string& dir) {
  std::vector<ConfigFile> out;
  bool in_dicts = false;
  std::size_t pos = 0;
  auto path_of = [&](std::string_view f) {
    return f[0] == '/' ? std::string(f) : dir + "/" + std::string(f);
  };
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = TrimBlanks(text.substr(pos, nl - pos));
    pos = nl + 1;
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line[0] == '[') {
      in_dicts = line.starts_with("[Dictionaries]");
      continue;
    }
    if (!in_dicts) continue;
    auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = TrimBlanks(line.substr(0, eq)), value = TrimBlanks(line.substr(eq + 1));
    std::string kind = key == "verbfile_name"      ? "verbs"
                       : key == "actorfile_list"   ? "actors"
                       : key == "agentfile_name"   ? "agents"
                       : key == "discardfile_name" ? "discards"
                       : key == "issuefile_name"   ? "issues"
                                                   : "";
    if (kind.empty()) continue;
    std::size_t i = 0;
    while (i < value.size()) {
      std::size_t comma = value.find(',', i);
      if (comma == std::string_view::npos) comma = value.size();
      std::string_view f = TrimBlanks(value.substr(i, comma - i));
      if (!f.empty()) out.push_back(ConfigFile{kind, path_of(f)});
      i = comma + 1;
    }
  }
  static const char* kOrder[] = {"actors", "agents", "verbs", "discards", "issues"};
  auto rank = [](const std::string& k) {
    for (int i = 0; i < 5; ++i)
      if (k == kOrder[i]) return i;
    return 5;
  };
  std::stable_sort(out.begin(), out.end(), [&](const ConfigFile& a, const ConfigFile& b) {
    return rank(a.kind) < rank(b.kind);
  });
  return out;
}

}  // namespace detente::petrarch
