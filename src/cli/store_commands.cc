#include "cli/store_commands.h"

namespace detente {

void RegisterStoreCommands(CLI::App* app, int* exit_code) {
  (void)app;
  (void)exit_code;
}

}  // namespace detente
