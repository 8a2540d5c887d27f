#include "cli/measure_commands.h"

namespace detente {

void RegisterMeasureCommands(CLI::App* app, int* exit_code) {
  (void)app;
  (void)exit_code;
}

}  // namespace detente
