#include "store/plover.h"

#include <fmt/format.h>

#include "match/tsv.h"

namespace detente {
namespace {

bool IsCameoCode(std::string_view s) {
  if (s.size() < 2 || s.size() > 4) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool IsUpperWord(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!(c >= 'A' && c <= 'Z') && c != '_') return false;
  return true;
}

}  // namespace

Result<PloverMap> PloverMap::Load(const std::string& path, std::vector<Status>* problems) {
  PloverMap m;
  Status st = ForEachTsvLine(path, [&](const TsvLine& l) {
    auto bad = [&](std::string_view why) {
      problems->push_back(
          Status(ErrorCode::kInvalidInput, fmt::format("{}:{}: {}", path, l.number, why)));
    };
    if (l.fields.size() < 2) return bad("expected cameo, event[, mode[, context]]");
    std::string_view code = l.fields[0];
    if (code == "cameo") return;  // header line
    if (!IsCameoCode(code)) return bad(fmt::format("\"{}\" is not a CAMEO code", code));
    if (!IsUpperWord(l.fields[1]))
      return bad(fmt::format("\"{}\" is not a PLOVER event type", l.fields[1]));
    PloverType t;
    t.event = std::string(l.fields[1]);
    if (l.fields.size() > 2) t.mode = std::string(l.fields[2]);
    if (l.fields.size() > 3) t.context = std::string(l.fields[3]);
    if (!m.map_.emplace(std::string(code), std::move(t)).second)
      bad(fmt::format("CAMEO code {} is listed twice; the first line wins", code));
  });
  if (!st.ok()) return st;
  if (m.map_.empty())
    return Status(ErrorCode::kEmpty, fmt::format("{}: no CAMEO to PLOVER lines", path));
  return m;
}

const PloverType* PloverMap::Find(std::string_view cameo) const {
  for (std::size_t len : {cameo.size(), std::size_t{3}, std::size_t{2}}) {
    if (len > cameo.size()) continue;
    auto it = map_.find(std::string(cameo.substr(0, len)));
    if (it != map_.end()) return &it->second;
  }
  return nullptr;
}

}  // namespace detente
