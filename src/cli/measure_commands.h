// Subcommands that measure relationships from the store: trend, alerts, report.
#pragma once

#include <CLI/CLI.hpp>

namespace detente {

// Adds the barometer subcommands to `app`; their callbacks run the commands
// and store the exit status in *exit_code.
void RegisterMeasureCommands(CLI::App* app, int* exit_code);

}  // namespace detente
