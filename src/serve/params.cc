#include "serve/params.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "measure/period.h"

namespace detente {

std::string JoinSet(const std::set<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

QueryParams::QueryParams(const Map& params, std::initializer_list<std::string_view> known)
    : params_(params) {
  for (auto it = params_.begin(); it != params_.end(); it = params_.upper_bound(it->first)) {
    bool found = false;
    for (std::string_view k : known) found = found || k == it->first;
    if (!found) {
      std::string list;
      for (std::string_view k : known) list += fmt::format("{}{}", list.empty() ? "" : ", ", k);
      Fail(it->first, fmt::format("unknown parameter '{}'; this endpoint takes: {}", it->first,
                                  list.empty() ? "none" : list));
      return;
    }
    if (params_.count(it->first) > 1) {
      Fail(it->first, fmt::format("parameter '{}' is given more than once", it->first));
      return;
    }
  }
}

void QueryParams::Fail(std::string_view parameter, std::string message) {
  if (!error_) error_ = BadRequest{std::string(parameter), std::move(message)};
}

const std::string* QueryParams::Get(std::string_view name) {
  auto it = params_.find(std::string(name));
  return it == params_.end() ? nullptr : &it->second;
}

std::string QueryParams::Str(std::string_view name, std::string_view def, std::size_t max_bytes) {
  const std::string* v = Get(name);
  if (!v) return std::string(def);
  if (v->size() > max_bytes) {
    Fail(name, fmt::format("'{}' is longer than {} bytes", name, max_bytes));
    return std::string(def);
  }
  return *v;
}

int64_t QueryParams::Int(std::string_view name, int64_t def, int64_t min, int64_t max) {
  const std::string* v = Get(name);
  if (!v) return def;
  int64_t x = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
  if (ec != std::errc() || end != v->data() + v->size() || v->empty()) {
    Fail(name, fmt::format("'{}' must be an integer, not '{}'", name, *v));
    return def;
  }
  if (x < min || x > max) {
    Fail(name, fmt::format("'{}' must be between {} and {}, not {}", name, min, max, x));
    return def;
  }
  return x;
}

double QueryParams::Number(std::string_view name, double def, double min, double max) {
  const std::string* v = Get(name);
  if (!v) return def;
  char* end = nullptr;
  errno = 0;
  double x = std::strtod(v->c_str(), &end);
  if (v->empty() || end != v->c_str() + v->size() || errno != 0 || !std::isfinite(x)) {
    Fail(name, fmt::format("'{}' must be a number, not '{}'", name, *v));
    return def;
  }
  if (x < min || x > max) {
    Fail(name, fmt::format("'{}' must be between {} and {}, not {}", name, min, max, *v));
    return def;
  }
  return x;
}

bool QueryParams::Flag(std::string_view name, bool def) {
  const std::string* v = Get(name);
  if (!v) return def;
  if (*v == "1" || *v == "true" || *v == "yes" || v->empty()) return true;
  if (*v == "0" || *v == "false" || *v == "no") return false;
  Fail(name, fmt::format("'{}' must be 1 or 0 (true or false), not '{}'", name, *v));
  return def;
}

std::optional<int32_t> QueryParams::Day(std::string_view name, bool last) {
  const std::string* v = Get(name);
  if (!v || v->empty()) return std::nullopt;
  auto day = ParseDayBound(*v, last);
  if (!day)
    Fail(name, fmt::format("'{}' must be a date (YYYY-MM-DD, YYYY-MM or YYYY), not '{}'", name,
                           v->substr(0, 40)));
  return day;
}

std::vector<std::string> QueryParams::List(std::string_view name,
                                           const std::set<std::string>& allowed,
                                           std::string_view def) {
  const std::string* v = Get(name);
  std::string_view s = v ? std::string_view(*v) : def;
  std::vector<std::string> out;
  if (s.size() > 1000) {
    Fail(name, fmt::format("'{}' is too long", name));
    return out;
  }
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t comma = s.find(',', pos);
    if (comma == std::string_view::npos) comma = s.size();
    std::string item(s.substr(pos, comma - pos));
    pos = comma + 1;
    if (item.empty()) continue;
    if (!allowed.empty() && !allowed.count(item)) {
      Fail(name, fmt::format("'{}' is not one of {}", item.substr(0, 40), JoinSet(allowed)));
      return {};
    }
    out.push_back(std::move(item));
  }
  return out;
}

std::string QueryParams::OneOf(std::string_view name, const std::set<std::string>& allowed,
                               std::string_view def) {
  const std::string* v = Get(name);
  if (!v) return std::string(def);
  if (!allowed.count(*v)) {
    Fail(name,
         fmt::format("'{}' must be one of {}, not '{}'", name, JoinSet(allowed), v->substr(0, 40)));
    return std::string(def);
  }
  return *v;
}

}  // namespace detente
