#include "serve/http_server.h"

#include <httplib.h>

#include <cstdlib>

#include <fmt/format.h>

#include "serve/api.h"
#include "serve/assets.h"
#include "serve/store_pool.h"

namespace detente {

struct HttpServer::Impl {
  ServeOptions options;
  std::unique_ptr<StorePool> pool;
  std::unique_ptr<Api> api;
  httplib::Server server;
  int port = 0;
};

namespace {

void SetJson(httplib::Response& res, const ApiResponse& r) {
  res.status = r.status;
  res.set_content(r.body, "application/json; charset=utf-8");
  res.set_header("Cache-Control", "no-store");
}

}  // namespace

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpServer::~HttpServer() = default;

Result<std::unique_ptr<HttpServer>> HttpServer::Create(const ServeOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  const ServeLimits& limits = options.limits;
  auto pool = StorePool::Open(options.db, limits.threads);
  if (!pool.ok()) return pool.status();
  impl->pool = std::move(pool).value();
  impl->api = std::make_unique<Api>(impl->pool.get(), limits);

  httplib::Server& svr = impl->server;
  int threads = std::max(1, limits.threads);
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  svr.set_payload_max_length(limits.max_payload_bytes);
  svr.set_read_timeout(limits.read_timeout_seconds);
  svr.set_write_timeout(limits.write_timeout_seconds);
  svr.set_keep_alive_timeout(5);
  // Answers go out at once (no Nagle delay waiting for the client's ACK:
  // 40 ms per request on a kept-alive connection otherwise).
  svr.set_tcp_nodelay(true);
  // SO_REUSEADDR only: cpp-httplib's default also sets SO_REUSEPORT, which
  // would let a second server share a port already in use instead of failing.
  svr.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const char*>(&yes), sizeof(yes));
  });
  svr.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                           {"X-Frame-Options", "DENY"},
                           {"Referrer-Policy", "no-referrer"}});
  // Read-only: anything but GET and HEAD is refused before routing.
  std::size_t max_payload = limits.max_payload_bytes;
  svr.set_pre_routing_handler([max_payload](const httplib::Request& req, httplib::Response& res) {
    // cpp-httplib does not read a GET's body, so it does not bound it either.
    uint64_t length = std::strtoull(req.get_header_value("Content-Length").c_str(), nullptr, 10);
    if (length > max_payload || req.has_header("Transfer-Encoding")) {
      SetJson(res, ErrorResponse(413, fmt::format("the request is too large (the API takes no "
                                                  "request body; at most {} bytes)",
                                                  max_payload)));
      res.set_header("Connection", "close");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.method == "GET" || req.method == "HEAD")
      return httplib::Server::HandlerResponse::Unhandled;
    SetJson(res,
            ErrorResponse(405, fmt::format("{} is not allowed: the API is read-only (GET, HEAD)",
                                           req.method.substr(0, 20))));
    res.set_header("Allow", "GET, HEAD");
    res.set_header("Connection", "close");  // its body, if any, is not read
    return httplib::Server::HandlerResponse::Handled;
  });
  Api* api = impl->api.get();
  svr.Get(R"(/api(/.*)?)", [api](const httplib::Request& req, httplib::Response& res) {
    std::string_view path(req.path);
    SetJson(res, api->Handle(path.substr(4), req.params));
  });
  svr.Get(R"(/.*)", [](const httplib::Request& req, httplib::Response& res) {
    const WebAsset* asset = FindWebAsset(req.path);
    if (!asset) {
      SetJson(res, ErrorResponse(404, "no such file"));
      return;
    }
    res.set_content(asset->data.data(), asset->data.size(), std::string(asset->mime).c_str());
    // Vite names assets by content hash: they never change under one name.
    bool hashed = asset->path.starts_with("/assets/");
    res.set_header("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                   "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
  });
  svr.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string_view what = res.status == 413   ? "the request is too large"
                            : res.status == 414 ? "the request URI is too long"
                            : res.status == 404 ? "not found"
                                                : "bad request";
    SetJson(res, ErrorResponse(res.status, what));
  });
  svr.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "internal error";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = fmt::format("internal error: {}", e.what());
        } catch (...) {
        }
        SetJson(res, ErrorResponse(500, what));
      });
  if (options.log)
    svr.set_logger([log = options.log](const httplib::Request& req, const httplib::Response& res) {
      log(fmt::format("{} {} {}", req.method, req.target.substr(0, 300), res.status));
    });

  if (options.port == 0) {
    impl->port = svr.bind_to_any_port(options.host);
  } else {
    impl->port = svr.bind_to_port(options.host, options.port) ? options.port : -1;
  }
  if (impl->port <= 0)
    return Status(ErrorCode::kIo, fmt::format("cannot listen on {}:{} (in use, or not an address "
                                              "of this host)",
                                              options.host, options.port));
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

int HttpServer::port() const { return impl_->port; }

Status HttpServer::Run() {
  if (!impl_->server.listen_after_bind())
    return Status(ErrorCode::kIo, "the server stopped on a socket error");
  return Status::Ok();
}

void HttpServer::Stop() { impl_->server.stop(); }

}  // namespace detente
