#include "match/tabari_format.h"

#include <algorithm>

#include <fmt/format.h>

#include "match/phrase_trie.h"

namespace detente::tabari {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

struct PendingPattern {
  uint32_t line;
  std::string_view pattern, code;
};

struct Verb {
  uint32_t line = 0;
  std::vector<std::string> heads;          // the verb and its "{ FORMS }"
  std::vector<std::string> before, after;  // other words: "APPRECIATE POSITION": "position"
  std::string_view code;
  std::vector<PendingPattern> patterns;
};

// Adds a verb's patterns under each of its forms; problems are reported
// once, for the first form.
void FlushVerb(Verb* v, const keds::Synsets& synsets, keds::Sink* sink) {
  if (v->heads.empty()) return;
  LoadReport scratch;
  LoadReport* real = sink->report;
  for (std::size_t h = 0; h < v->heads.size(); ++h) {
    if (h == 1) sink->report = &scratch;
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
      std::string name(Trim(t));
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
      verb.patterns.push_back(PendingPattern{l.number, Trim(phrase.substr(1)), blocks[0]});
      continue;
    }
    FlushVerb(&verb, synsets, sink);
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
    verb.code = blocks[0];
  }
  FlushVerb(&verb, synsets, sink);
}

std::vector<ProjectFile> ReadProject(std::string_view text, const std::string& dir) {
  std::vector<ProjectFile> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = Trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    for (auto [tag, kind] :
         {std::pair{"<actorsfile>", "actors"}, std::pair{"<agentsfile>", "agents"},
          std::pair{"<verbsfile>", "verbs"}}) {
      if (!line.starts_with(tag)) continue;
      std::string_view file = Trim(line.substr(std::string_view(tag).size()));
      if (file.empty()) continue;
      std::string path = file[0] == '/' ? std::string(file) : dir + "/" + std::string(file);
      out.push_back(ProjectFile{kind, path});
    }
  }
  // Actors and agents before verbs, so the order of a project file does not matter.
  std::stable_sort(out.begin(), out.end(), [](const ProjectFile& a, const ProjectFile& b) {
    return (a.kind == "verbs") < (b.kind == "verbs");
  });
  return out;
}

}  // namespace detente::tabari
