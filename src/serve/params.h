// Validation of an API request's query parameters. Every accessor checks its
// parameter and records the first problem as a BadRequest (the 400 answer
// names the parameter); unknown and repeated parameters are problems too, so
// a typo never silently means "no filter".
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace detente {

struct BadRequest {
  std::string parameter;  // "" when the problem is not one parameter's
  std::string message;
};

class QueryParams {
 public:
  using Map = std::multimap<std::string, std::string>;  // what cpp-httplib decodes

  // `known`: the parameters this endpoint takes; any other is an error.
  QueryParams(const Map& params, std::initializer_list<std::string_view> known);

  bool ok() const { return !error_; }
  const std::optional<BadRequest>& error() const { return error_; }
  void Fail(std::string_view parameter, std::string message);

  bool Has(std::string_view name) const { return params_.count(std::string(name)) > 0; }
  // The value, or `def` when absent.
  std::string Str(std::string_view name, std::string_view def = "", std::size_t max_bytes = 200);
  // An integer in [min, max].
  int64_t Int(std::string_view name, int64_t def, int64_t min, int64_t max);
  // A number in [min, max].
  double Number(std::string_view name, double def, double min, double max);
  // 1/true/yes or 0/false/no.
  bool Flag(std::string_view name, bool def = false);
  // YYYY-MM-DD, YYYY-MM or YYYY: the first day (or with `last`, the last),
  // as days since 1970-01-01.
  std::optional<int32_t> Day(std::string_view name, bool last);
  // A comma-separated list whose items are all in `allowed` (any when empty).
  std::vector<std::string> List(std::string_view name, const std::set<std::string>& allowed,
                                std::string_view def = "");
  // One of `allowed`.
  std::string OneOf(std::string_view name, const std::set<std::string>& allowed,
                    std::string_view def);

 private:
  const std::string* Get(std::string_view name);

  const Map& params_;
  std::optional<BadRequest> error_;
};

// "a, b, c" for messages.
std::string JoinSet(const std::set<std::string>& values);

}  // namespace detente
