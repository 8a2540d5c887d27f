// Shared set-up for commands: loading the lexicon, parsing --date, and
// reporting read problems.
#pragma once

#include <memory>
#include <string>

#include "cli/commands.h"
#include "read/reader.h"
#include "match/dictionaries.h"
#include "text/lexicon.h"

namespace detente {

// Loads the shared lexicon once (exits with a message naming the missing
// Debian package if it cannot). Returns 0 or an exit status.
int PrepareReadOptions(const CommonArgs& args, ReadOptions* options);

// Loads the dictionaries from `dir` (or the shipped default; "none" for no
// folder) plus the TABARI/PETRARCH `specs` (match/dict_sources.h; when empty,
// the comma-separated DETENTE_DICT environment variable), reporting problems
// with file:line on stderr. Returns null (after a message) on failure.
// `list_all` prints every problem of other formats (else the first 20).
const Dictionaries* LoadDictionaries(const std::string& dir, bool quiet,
                                     const std::vector<std::string>& specs = {},
                                     bool list_all = false);

// Prints one line per error and warning on stderr ("detente: error: ..."),
// and a summary line; returns the exit status (0 clean, 1 some input failed).
int ReportProblems(const ReadReport& report, bool quiet, std::string_view verb);

}  // namespace detente
