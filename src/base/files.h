// Reading inputs from the file system with size limits and clear errors.
#pragma once

#include <string>
#include <vector>

#include "base/limits.h"
#include "base/status.h"

namespace detente {

// Reads a whole file (or standard input when path is "-"). Fails with a
// Status naming the path when it is missing, unreadable, a directory, or
// larger than limits.max_file_bytes.
Result<std::string> ReadWholeFile(const std::string& path, const Limits& limits);

// Expands the given paths: files are kept, directories are walked recursively
// (sorted, hidden entries skipped), "-" is kept as stdin. Paths that cannot be
// listed are reported in `errors` and skipped; the walk goes on.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& paths,
                                      const Limits& limits, std::vector<Status>* errors);

}  // namespace detente
