// CAMEO codes to PLOVER event types, read at run time from dict/plover.tsv
// (docs/STORE.md describes the file; the facts follow the CAMEO2PLOVER
// conversion table of the PLOVER manual, draft 0.8, September 2021).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"

namespace detente {

struct PloverType {
  std::string event;    // "CONSULT"
  std::string mode;     // "visit", or ""
  std::string context;  // "diplomatic", or "" (several are joined by '|')
};

class PloverMap {
 public:
  // Loads `path`; bad lines are listed in *problems and skipped.
  static Result<PloverMap> Load(const std::string& path, std::vector<Status>* problems);

  // The type for a CAMEO code: the code's own line, else its 3-digit base
  // code's, else its root's; null when none applies (CAMEO roots 01 and 02
  // have no PLOVER counterpart in the table).
  const PloverType* Find(std::string_view cameo) const;
  std::size_t size() const { return map_.size(); }

 private:
  std::unordered_map<std::string, PloverType> map_;
};

}  // namespace detente
