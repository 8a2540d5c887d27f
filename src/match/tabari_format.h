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

// A .project file's dictionaries: <actorsfile>, <agentsfile>, <verbsfile>
// (paths relative to the project file's folder), in that order.
struct ProjectFile {
  std::string kind;  // "actors", "agents", "verbs"
  std::string path;
};
std::vector<ProjectFile> ReadProject(std::string_view text, const std::string& dir);

}  // namespace detente::tabari
