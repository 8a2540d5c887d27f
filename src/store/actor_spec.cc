#include "store/actor_spec.h"

#include <cctype>

#include <fmt/format.h>

namespace detente {

Result<ActorSpec> ParseActorSpec(std::string_view s) {
  ActorSpec spec;
  auto bad = [&] {
    return Status(
        ErrorCode::kInvalidInput,
        fmt::format(
            "'{}' is not an actor code: write a country (USA, CHN) or an actor code (USAGOV)", s));
  };
  if (s.size() > 40) return bad();
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u) && c != '-') return bad();
    spec.code.push_back(static_cast<char>(std::toupper(u)));
  }
  if (spec.code.size() < 3) return bad();
  spec.country = spec.code.size() == 3;
  return spec;
}

std::vector<std::string> ActorSpecBranches(std::string_view side, const ActorSpec& spec,
                                           int param) {
  if (spec.country)
    return {fmt::format("e.{}_country = ?{}", side, param),
            fmt::format("e.{0}_country = '' AND e.{0}_code = ?{1}", side, param)};
  return {fmt::format("e.{}_code = ?{}", side, param)};
}

std::vector<DyadBranch> DyadBranches(const ActorSpec& a, const ActorSpec& b, bool undirected,
                                     int a_param, int b_param) {
  std::vector<DyadBranch> branches;
  auto add = [&](const ActorSpec& src, int src_param, const ActorSpec& tgt, int tgt_param,
                 bool forward) {
    std::vector<std::string> s, t;
    if (!src.code.empty()) s = ActorSpecBranches("source", src, src_param);
    if (!tgt.code.empty()) t = ActorSpecBranches("target", tgt, tgt_param);
    if (s.empty()) s.push_back("");
    if (t.empty()) t.push_back("");
    for (const auto& x : s)
      for (const auto& y : t)
        branches.push_back({x.empty() ? y : y.empty() ? x : x + " AND " + y, forward});
  };
  add(a, a_param, b, b_param, true);
  if (undirected) add(b, b_param, a, a_param, false);
  return branches;
}

std::string DyadIndexHint(const ActorSpec& a, const ActorSpec& b) {
  return a.country && b.country ? " INDEXED BY events_dyad_day" : "";
}

bool SpecsOverlap(const ActorSpec& a, const ActorSpec& b) {
  return a.code.starts_with(b.code) || b.code.starts_with(a.code);
}

}  // namespace detente
