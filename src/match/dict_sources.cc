#include "match/dict_sources.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "match/petrarch_format.h"
#include "match/tabari_format.h"

namespace detente {
namespace {

Result<std::string> ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kNotFound, fmt::format("{}: cannot open dictionary", path));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status(ErrorCode::kIo, fmt::format("{}: read error", path));
  return ss.str();
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct FileSpec {
  std::string flavor, kind, path;
};

}  // namespace

void LoadDictText(std::string_view text, keds::Flavor flavor, std::string_view kind,
                  const std::string& label, Dictionaries* d, LoadReport* report) {
  keds::Sink sink;
  sink.dicts = d;
  sink.report = report;
  sink.flavor = flavor;
  sink.file = label;
  if (kind == "actors")
    keds::LoadActors(text, &sink);
  else if (kind == "agents")
    keds::LoadAgents(text, &sink);
  else if (kind == "options" && flavor == keds::Flavor::kTabari)
    tabari::LoadOptions(text, &sink);
  else if (kind == "verbs" && flavor == keds::Flavor::kTabari) {
    tabari::LoadVerbs(text, &sink);
    report->tabari_verbs = true;
  } else if (kind == "verbs") {
    petrarch::LoadVerbs(text, &sink);
    report->petrarch_verbs = true;
  } else if (kind == "discards")
    petrarch::LoadDiscards(text, &sink);
  else if (kind == "issues")
    petrarch::LoadIssues(text, &sink);
  else
    sink.Malformed(0, fmt::format("unknown dictionary kind \"{}\"", kind));
}

std::string DetectDictKind(std::string_view text) {
  std::size_t bracket = 0, agent = 0, pattern = 0, block = 0;
  bool synsets = false;
  for (const auto& l : keds::SplitLines(text, keds::Flavor::kPetrarch)) {
    std::string_view t = l.text;
    if (t.starts_with("<ISSUE")) return "issues";
    if (t.starts_with("<SYNSETS>")) synsets = true;
    if (t.starts_with("---") && t.find('[') != std::string_view::npos) ++block;
    if (t.starts_with("-") && t.find('*') != std::string_view::npos) ++pattern;
    auto open = t.find('[');
    if (open != std::string_view::npos) {
      ++bracket;
      auto close = t.find(']', open);
      if (t.substr(open, close == std::string_view::npos ? std::string_view::npos : close - open)
              .find('~') != std::string_view::npos)
        ++agent;
    }
  }
  if (block || pattern || synsets) return "verbs";
  if (bracket && agent * 2 >= bracket) return "agents";
  if (bracket) return "actors";
  return "discards";
}

keds::Flavor DetectDictFlavor(std::string_view text, std::string_view path) {
  for (auto ext : {".actors", ".agents", ".verbs", ".project"})
    if (EndsWith(path, ext)) return keds::Flavor::kTabari;
  if (text.find("~~FINISH") != std::string_view::npos ||
      text.find("<NOUN>") != std::string_view::npos ||
      text.find("<SYNSETS>") != std::string_view::npos ||
      text.find("<TIME>") != std::string_view::npos)
    return keds::Flavor::kTabari;
  return keds::Flavor::kPetrarch;
}

Status LoadDictSpec(const std::string& spec, Dictionaries* d, LoadReport* report) {
  std::string_view s = spec;
  std::string flavor, kind;
  for (;;) {
    auto colon = s.find(':');
    if (colon == std::string_view::npos) break;
    std::string_view word = s.substr(0, colon);
    if (word == "tabari" || word == "petrarch")
      flavor = std::string(word);
    else if (word == "actors" || word == "agents" || word == "verbs" || word == "discards" ||
             word == "issues")
      kind = std::string(word);
    else
      break;
    s.remove_prefix(colon + 1);
  }
  std::string path(s);
  if (path.empty())
    return Status(ErrorCode::kInvalidInput, fmt::format("--dict {}: no path", spec));
  namespace fs = std::filesystem;
  std::string dir = fs::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  std::vector<FileSpec> files;
  if (kind.empty() && EndsWith(path, ".project")) {
    auto text = ReadText(path);
    if (!text.ok()) return text.status();
    for (auto& f : tabari::ReadProject(*text, dir))
      files.push_back(FileSpec{"tabari", f.kind, f.path});
    if (files.empty())
      return Status(ErrorCode::kInvalidInput,
                    fmt::format("{}: project file names no dictionaries", path));
  } else if (kind.empty() && EndsWith(path, ".ini")) {
    auto text = ReadText(path);
    if (!text.ok()) return text.status();
    for (auto& f : petrarch::ReadConfig(*text, dir))
      files.push_back(FileSpec{"petrarch", f.kind, f.path});
    if (files.empty())
      return Status(ErrorCode::kInvalidInput, fmt::format("{}: no [Dictionaries] files", path));
  } else {
    files.push_back(FileSpec{flavor, kind, path});
  }
  d->BeginLayer();
  for (auto& f : files) {
    auto text = ReadText(f.path);
    if (!text.ok()) return text.status();
    keds::Flavor fl = f.flavor == "tabari"     ? keds::Flavor::kTabari
                      : f.flavor == "petrarch" ? keds::Flavor::kPetrarch
                                               : DetectDictFlavor(*text, f.path);
    std::string k = f.kind.empty() ? DetectDictKind(*text) : f.kind;
    LoadDictText(*text, fl, k, fs::path(f.path).filename().string(), d, report);
  }
  return Status::Ok();
}

Result<std::unique_ptr<Dictionaries>> LoadDictionarySources(const std::string& own_dir,
                                                            const std::vector<std::string>& specs,
                                                            LoadReport* report) {
  auto d = Dictionaries::Create();
  if (!own_dir.empty() && own_dir != "none") {
    DETENTE_RETURN_IF_ERROR(d->LoadDir(own_dir, report));
  } else if (specs.empty()) {
    return Status(ErrorCode::kInvalidInput,
                  "no dictionaries: --dict-dir none needs at least one --dict");
  }
  for (const auto& s : specs) DETENTE_RETURN_IF_ERROR(LoadDictSpec(s, d.get(), report));
  if (own_dir.empty() || own_dir == "none")
    d->set_conventions(report->tabari_verbs ? Dictionaries::Conventions::kTabari
                                            : Dictionaries::Conventions::kPetrarch);
  d->Finalize();
  return d;
}

std::string LoadCounts(const LoadReport& r) {
  return fmt::format(
      "{} actor entries ({} phrases), {} agent phrases, {} patterns, {} no-event patterns, {} "
      "synsets, {} discards, "
      "{} issue phrases; {} entries not expressible, {} malformed",
      r.actors, r.actor_names, r.agents, r.patterns, r.stop_patterns, r.synsets, r.discards,
      r.issues, r.unsupported, r.malformed);
}

}  // namespace detente
