// TABARI dictionaries (TABARI 0.8 manual, chapter 5): the .verbs file's
// structure (<SYNSETS>, <TIME>, verbs with "{ FORMS }" and "- ... [code]"
// pattern lines) and the .project file that names a run's dictionaries.
// Actors and agents use the syntax shared with PETRARCH (keds_format.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "match/keds_format.h"

namespace detente::tabari {

void LoadVerbs(std::string_view text, keds::Sink* sink);

// A .options file (manual chapter 8): the settings TABARI's conventions use
// (COMPLEX: VERBS[n] CONJ[n] ACTORS[n] NOACTPRIOR; COMMA: ...; SET: CODE BY
// CLAUSE | SENTENCE, CODE ALL) go into Dictionaries::tabari_options(); other
// commands are output or program settings and are skipped.
void LoadOptions(std::string_view text, keds::Sink* sink);

// A .project file's dictionaries: <actorsfile>, <agentsfile>, <verbsfile>
// and <optionsfile> (paths relative to the project file's folder), in that
// order.
struct ProjectFile {
  std::string kind;  // "actors", "agents", "verbs", "options"
  std::string path;
};
std::vector<ProjectFile> ReadProject(std::string_view text, const std::string& dir);

}  // namespace detente::tabari
