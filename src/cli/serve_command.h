// The `serve` subcommand: the web dashboard and its JSON API (docs/API.md).
#pragma once

#include <CLI/CLI.hpp>

namespace detente {

// Adds `serve` to `app`; its callback runs the server until Ctrl-C or
// SIGTERM and stores the exit status in *exit_code.
void RegisterServeCommand(CLI::App* app, int* exit_code);

}  // namespace detente
