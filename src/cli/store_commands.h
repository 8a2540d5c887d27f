// Subcommands that work on the event store: ingest, events, stats.
#pragma once

#include <CLI/CLI.hpp>

namespace detente {

// Adds the store subcommands to `app`; their callbacks run the commands and
// store the exit status in *exit_code.
void RegisterStoreCommands(CLI::App* app, int* exit_code);

}  // namespace detente
