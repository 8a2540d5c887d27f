// Fuzzes the dictionary loaders (actors, agents, verb patterns) with
// arbitrary file contents: no crash, no sanitizer report, and whatever loads
// can be matched against a sentence.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "code/coder.h"
#include "match/dictionaries.h"
#include "read/reader.h"

namespace {

namespace fs = std::filesystem;

const std::string& Dir() {
  static std::string dir = [] {
    std::string d = fs::temp_directory_path() / ("detente_dict_fuzz_" + std::to_string(::getpid()));
    fs::create_directories(d + "/actors");
    fs::create_directories(d + "/verbs");
    fs::copy_file(std::string(DETENTE_DICT_DIR) + "/cameo.tsv", d + "/cameo.tsv", fs::copy_options::overwrite_existing);
    return d;
  }();
  return dir;
}

void Write(const std::string& path, const uint8_t* data, size_t size) {
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The same bytes serve as each kind of file; one byte picks which files.
  const std::string& d = Dir();
  uint8_t which = size ? data[0] : 0;
  Write(d + "/agents.tsv", data, (which & 1) ? size : 0);
  Write(d + "/actors/fuzz.tsv", data, (which & 2) ? size : 0);
  Write(d + "/verbs/fuzz.tsv", data, size);
  detente::LoadReport report;
  auto dicts = detente::Dictionaries::Load(d, &report);
  if (!dicts.ok()) return 0;
  static auto lex = detente::Lexicon::Load();
  detente::ReadOptions opt;
  opt.lexicon = lex.ok() ? lex.value().get() : nullptr;
  detente::Reader reader(opt);
  detente::ReadReport rr;
  detente::EventCoder coder(*dicts.value());
  std::vector<detente::Event> events;
  reader.ReadBuffer("s.txt",
                    std::string("The United States and China agreed to hold talks. Russia attacked Ukraine on "
                                "Monday, officials said, and the two sides could meet.\n") +
                        std::string(reinterpret_cast<const char*>(data), size < 200 ? size : 200),
                    [&](detente::Document& doc) {
                      coder.Code(doc, &events);
                      return true;
                    },
                    &rr);
  for (const auto& e : events)
    if (!e.cameo) std::abort();
  return 0;
}
