#include "cli/setup.h"

#include <chrono>

#include "match/dict_sources.h"

#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

#include "read/dates.h"

namespace detente {

int PrepareReadOptions(const CommonArgs& args, ReadOptions* options) {
  options->limits = args.limits;
  if (!args.date.empty()) {
    auto d = ParseDateString(args.date);
    if (!d || d->precision != DatePrecision::kDay) {
      fmt::print(stderr, "detente: error: --date {} is not a date; write it as YYYY-MM-DD\n", args.date);
      return 2;
    }
    options->date = d->date;
  }
  static std::unique_ptr<Lexicon> lexicon;
  if (!lexicon) {
    auto loaded = Lexicon::Load();
    if (!loaded.ok()) {
      fmt::print(stderr, "detente: error: {}\n", loaded.status().message());
      return 2;
    }
    lexicon = std::move(loaded).value();
  }
  options->lexicon = lexicon.get();
  return 0;
}

const Dictionaries* LoadDictionaries(const std::string& dir_flag, bool quiet,
                                     const std::vector<std::string>& specs_flag, bool list_all) {
  static std::unique_ptr<Dictionaries> dicts;
  if (dicts) return dicts.get();
  std::string dir = dir_flag;
  if (dir.empty()) {
    const char* env = std::getenv("DETENTE_DICT_DIR");
    dir = env && *env ? env : DETENTE_DICT_DIR;
  }
  std::vector<std::string> specs = specs_flag;
  if (specs.empty()) {
    const char* env = std::getenv("DETENTE_DICT");
    std::string_view v = env ? env : "";
    while (!v.empty()) {
      auto comma = v.find(',');
      auto item = v.substr(0, comma);
      if (!item.empty()) specs.emplace_back(item);
      if (comma == std::string_view::npos) break;
      v.remove_prefix(comma + 1);
    }
  }
  LoadReport report;
  auto start = std::chrono::steady_clock::now();
  auto loaded =
      specs.empty() ? Dictionaries::Load(dir, &report) : LoadDictionarySources(dir, specs, &report);
  if (!loaded.ok()) {
    fmt::print(stderr, "detente: error: {}\n", loaded.status().message());
    return nullptr;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::size_t shown = 0;
  for (const auto& p : report.problems) {
    if (!specs.empty() && !list_all && shown >= 20) break;
    if (!quiet || specs.empty())
      fmt::print(stderr, "detente: warning: dictionary {}\n", p.message());
    ++shown;
  }
  if (!specs.empty()) {
    if (!quiet || list_all)
      fmt::print(stderr, "detente: dictionaries loaded in {:.2f} s: {}{}\n", seconds,
                 LoadCounts(report),
                 shown < report.problems.size()
                     ? fmt::format(" ({} more problem(s) not listed; --explain lists all)",
                                   report.problems.size() - shown)
                     : "");
  } else if (!quiet && !report.problems.empty()) {
    fmt::print(stderr, "detente: dictionaries: {} problem line(s) skipped (fix them or ignore)\n", report.problems.size());
  }
  dicts = std::move(loaded).value();
  return dicts.get();
}

int ReportProblems(const ReadReport& report, bool quiet, std::string_view verb) {
  for (const auto& w : report.warnings)
    if (!quiet) fmt::print(stderr, "detente: warning: {}\n", w.message());
  for (const auto& e : report.errors) fmt::print(stderr, "detente: error: {}\n", e.message());
  if (!quiet || !report.errors.empty())
    fmt::print(stderr, "detente: {} {} document(s) from {} input(s), {:.1f} MB; {} error(s), {} warning(s)\n",
               verb, report.documents, report.inputs, report.bytes / 1e6, report.errors.size(),
               report.warnings.size());
  return report.errors.empty() ? 0 : 1;
}

}  // namespace detente
