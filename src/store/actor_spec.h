// Naming one side of a dyad, as the barometer does: three letters name a
// country and match the actors of that country (USA matches USA, USAGOV,
// USAMIL...), or an organisation's own code (UNO, EUR; NATO has four and is
// matched exactly); anything longer is an exact actor code (USAGOV matches
// USAGOV only). The SQL is written so that the store's indexes find the
// events instead of a scan of every event.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace detente {

struct ActorSpec {
  std::string code;  // upper case
  bool country = false;
};

Result<ActorSpec> ParseActorSpec(std::string_view s);

// The conjunctions (ANDed column tests over events e) whose union is "the
// event's `side` ("source" or "target") matches the spec bound at ?param":
// one for a code, two for a country (its actors; an organisation's own code).
std::vector<std::string> ActorSpecBranches(std::string_view side, const ActorSpec& spec, int param);

// One indexed way of finding a dyad's events: a conjunction over events e,
// and whether its events go from A to B.
struct DyadBranch {
  std::string cond;
  bool forward = true;
};

// The branches whose union is "from A to B" (and, when `undirected`, "from
// B to A"); A is bound at ?a_param, B at ?b_param. Either spec may be empty
// (code ""): that side is free. Each branch is an equality on the leading
// columns of an index (events_dyad_day, events_source_day,
// events_target_day, the source_code unique index, events_target_code).
std::vector<DyadBranch> DyadBranches(const ActorSpec& a, const ActorSpec& b, bool undirected,
                                     int a_param, int b_param);

// " INDEXED BY events_dyad_day" when both sides are countries (every branch
// then fixes source_country and target_country, and that index also holds
// what a series reads), else "". SQLite, without statistics, would rather
// take a one-column index that gives the date order.
std::string DyadIndexHint(const ActorSpec& a, const ActorSpec& b);

// Whether one actor could match both specs (USA and USAGOV): an event can
// then be in both directions' branches.
bool SpecsOverlap(const ActorSpec& a, const ActorSpec& b);

}  // namespace detente
