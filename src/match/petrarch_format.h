// PETRARCH dictionaries (PETRARCH 0.4+/1.0 formats): the verb file's
// "--- VERB [code] ---" blocks with synsets ("&NAME" + "+member" lines),
// verb forms "{FORMS}" and "- ... [code]" patterns; discard files (phrases,
// '+' for story-level); issue files (<ISSUE> sections, "n:" nouns, '~'
// exclusions); and the PETR_config.ini [Dictionaries] section. Actors and
// agents use the syntax shared with TABARI (keds_format.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "match/keds_format.h"

namespace detente::petrarch {

void LoadVerbs(std::string_view text, keds::Sink* sink);
void LoadDiscards(std::string_view text, keds::Sink* sink);
void LoadIssues(std::string_view text, keds::Sink* sink);

// The [Dictionaries] files of a PETR_config.ini (relative to its folder):
// kind is "actors", "agents", "verbs", "discards" or "issues".
struct ConfigFile {
  std::string kind;
  std::string path;
};
std::vector<ConfigFile> ReadConfig(std::string_view text, const std::string& dir);

}  // namespace detente::petrarch
