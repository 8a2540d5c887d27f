// Fuzzes the TABARI (DETENTE_FUZZ_TABARI) or PETRARCH dictionary loaders
// with arbitrary file contents: no crash, no sanitizer report, and whatever
// loads can be matched against a sentence, discards and issues included.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "code/coder.h"
#include "code/discards.h"
#include "match/dict_sources.h"
#include "read/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
#ifdef DETENTE_FUZZ_TABARI
  static const char* kKinds[] = {"actors", "agents", "verbs"};
  const auto flavor = detente::keds::Flavor::kTabari;
#else
  static const char* kKinds[] = {"actors", "agents", "verbs", "discards", "issues"};
  const auto flavor = detente::keds::Flavor::kPetrarch;
#endif
  constexpr std::size_t kCount = sizeof(kKinds) / sizeof(kKinds[0]);
  // The first byte picks the kind of file the rest is read as; the input is
  // also read as every other kind, so one entry can use all of them.
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::size_t first = size ? data[0] % kCount : 0;
  auto dicts = detente::Dictionaries::Create();
  detente::LoadReport report;
  for (std::size_t k = 0; k < kCount; ++k)
    detente::LoadDictText(text, flavor, kKinds[(first + k) % kCount], "fuzz.txt", dicts.get(),
                          &report);
  (void)detente::DetectDictKind(text);
  (void)detente::DetectDictFlavor(text, "fuzz.txt");
  dicts->Finalize();
  for (const auto& p : report.problems)
    if (p.message().find("fuzz.txt:") != 0) std::abort();  // every problem names file:line
  static auto lex = detente::Lexicon::Load();
  detente::ReadOptions opt;
  opt.lexicon = lex.ok() ? lex.value().get() : nullptr;
  detente::Reader reader(opt);
  detente::ReadReport rr;
  detente::EventCoder coder(*dicts);
  std::vector<detente::Event> events;
  reader.ReadBuffer(
      "s.txt",
      std::string(
          "Arnor attacked Gondor on Monday. The government said it would meet the rebels in "
          "Osgiliath and accused them of smuggling dollars.\n") +
          std::string(text.substr(0, 200)),
      [&](detente::Document& doc) {
        events.clear();
        coder.Code(doc, &events);
        detente::ApplyDiscardsAndIssues(*dicts, doc, &events);
        for (const auto& e : events)
          if (!e.cameo) std::abort();
        return true;
      },
      &rr);
  return 0;
}
