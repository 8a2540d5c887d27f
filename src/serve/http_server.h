// `detente serve`: the JSON API (api.h) and the embedded dashboard
// (assets.h) over HTTP, with cpp-httplib. Only GET and HEAD are answered
// (405 otherwise); request size, socket timeouts and each request's store
// time are bounded (limits.h); binds 127.0.0.1 unless told otherwise.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "serve/limits.h"

namespace detente {

struct ServeOptions {
  std::string db;
  std::string host = "127.0.0.1";
  int port = 8765;  // 0: any free port (see HttpServer::port)
  ServeLimits limits;
  // Called once per request with "METHOD path status" (from a worker thread).
  std::function<void(std::string_view)> log;
};

class HttpServer {
 public:
  // Opens the store's read-only connections and binds the socket.
  static Result<std::unique_ptr<HttpServer>> Create(const ServeOptions& options);
  ~HttpServer();

  int port() const;
  // Serves until Stop() (from another thread).
  Status Run();
  void Stop();

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace detente
