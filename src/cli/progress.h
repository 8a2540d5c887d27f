// A one-line progress report on stderr, shown only when stderr is a terminal
// and the job has run for more than a second, refreshed at most 5 times a
// second.
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

#include <fmt/format.h>

namespace detente {

class Progress {
 public:
  explicit Progress(std::string what) : what_(std::move(what)), enabled_(::isatty(2) != 0) {}
  ~Progress() { Done(); }

  void Update(std::size_t items, std::size_t bytes, std::size_t total_bytes = 0) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    double elapsed = std::chrono::duration<double>(now - start_).count();
    if (elapsed < 1.0 || now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double rate = items / elapsed;
    std::string eta;
    if (total_bytes > bytes && bytes > 0)
      eta = fmt::format(", ETA {:.0f}s", elapsed * (double(total_bytes) / bytes - 1.0));
    fmt::print(stderr, "\r{}: {} ({:.0f}/s, {:.1f} MB{})\x1b[K", what_, items, rate, bytes / 1e6, eta);
    shown_ = true;
  }
  void Done() {
    if (shown_) fmt::print(stderr, "\r\x1b[K");
    shown_ = false;
  }

 private:
  std::string what_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace detente
