// The JSON API of `detente serve` (docs/API.md documents every endpoint):
// a router from a request's path and query parameters to a status and a JSON
// body. No HTTP here (http_server.h adds it), so every endpoint can be
// called directly by tests. Read-only: it only ever runs SELECTs, on
// connections opened read-only.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "serve/limits.h"
#include "serve/params.h"
#include "serve/store_pool.h"

namespace detente {

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON
};

// {"error": message, "parameter": parameter or null}
ApiResponse ErrorResponse(int status, std::string_view message, std::string_view parameter = "");

class Api {
 public:
  Api(StorePool* pool, const ServeLimits& limits) : pool_(pool), limits_(limits) {}

  // `path` is the decoded path after "/api" ("/events", "/events/12").
  ApiResponse Handle(std::string_view path, const QueryParams::Map& params);

 private:
  ApiResponse Overview(const QueryParams::Map& params);
  ApiResponse DyadSeries(std::string_view a, std::string_view b, const QueryParams::Map& params);
  ApiResponse Events(const QueryParams::Map& params);
  ApiResponse Event(std::string_view id, const QueryParams::Map& params);
  ApiResponse Document(std::string_view id, const QueryParams::Map& params);
  ApiResponse Store(const QueryParams::Map& params);

  StorePool* pool_;
  ServeLimits limits_;
  // The overview scans every dyad of the window: its answers are kept until
  // the store changes (the key includes the last event and mention ids).
  std::mutex cache_mu_;
  std::map<std::string, std::string> overview_cache_;
};

}  // namespace detente
