// Every limit `detente serve` puts on a request, named in one place (the
// dashboard is read-only, but it may be reached by other users of the host).
#pragma once

#include <cstddef>
#include <cstdint>

namespace detente {

struct ServeLimits {
  // The API takes no request bodies; anything bigger is answered 413.
  std::size_t max_payload_bytes = 64 * 1024;
  // Slow clients are dropped after these.
  int read_timeout_seconds = 5;
  int write_timeout_seconds = 10;
  // The store work of one request; past it SQLite is interrupted and the
  // answer is 503 with a JSON error.
  int query_millis = 2000;
  // Worker threads (each with its own read-only SQLite connection).
  int threads = 4;
  // Rows per page of a list: default and maximum of `limit`.
  int64_t default_page = 50;
  int64_t max_page = 500;
  // `total` of an event list counts at most this many rows, for at most
  // this long (null past it: a very selective filter on a big store).
  int64_t max_count = 10000;
  int count_millis = 60;
  // Longest text search (`q`).
  std::size_t max_text_bytes = 200;
};

}  // namespace detente
