// Dictionaries from several sources: our own TSV folder (optional) plus any
// number of TABARI or PETRARCH dictionaries given as `--dict` specs:
//
//   [tabari:|petrarch:][actors:|agents:|verbs:|discards:|issues:]PATH
//
// PATH may be one dictionary file, a TABARI .project file or a PETRARCH
// .ini config (each lists its dictionaries). Without a prefix the format and
// the kind are detected from the file name and content. Each spec is one
// layer, loaded after our own dictionaries: a phrase (actor, agent) or verb
// head that a later layer defines replaces what earlier layers gave it
// (docs/DICTIONARIES.md, "Other formats").
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "match/dictionaries.h"
#include "match/keds_format.h"

namespace detente {

// Loads one dictionary's text of a known flavor and kind ("actors",
// "agents", "verbs", "discards", "issues") into `d` (no new layer). `label`
// names the file in problems and rules. Never fails: bad entries become
// problems in *report.
void LoadDictText(std::string_view text, keds::Flavor flavor, std::string_view kind,
                  const std::string& label, Dictionaries* d, LoadReport* report);

// The kind of a dictionary file guessed from its content.
std::string DetectDictKind(std::string_view text);
keds::Flavor DetectDictFlavor(std::string_view text, std::string_view path);

// Loads one spec as a new layer. Fails only when a file cannot be read or
// the spec is malformed.
Status LoadDictSpec(const std::string& spec, Dictionaries* d, LoadReport* report);

// Our folder (empty or "none": none) then each spec, then Finalize().
Result<std::unique_ptr<Dictionaries>> LoadDictionarySources(const std::string& own_dir,
                                                            const std::vector<std::string>& specs,
                                                            LoadReport* report);

// "12 actors (30 names), 4 agents, ..." for the load summary line.
std::string LoadCounts(const LoadReport& report);

}  // namespace detente
