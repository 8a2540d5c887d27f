#include "cli/serve_command.h"

#include <pthread.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "serve/http_server.h"

namespace detente {
namespace {

struct ServeArgs {
  std::string db;
  std::string host = "127.0.0.1";
  int port = 8765;
  int threads = 4;
  int query_ms = 2000;
  bool quiet = false;
};

int RunServe(const ServeArgs& args) {
  ServeOptions options;
  options.db = !args.db.empty()                                          ? args.db
               : std::getenv("DETENTE_DB") && *std::getenv("DETENTE_DB") ? std::getenv("DETENTE_DB")
                                                                         : "detente.db";
  options.host = args.host;
  options.port = args.port;
  options.limits.threads = args.threads;
  options.limits.query_millis = args.query_ms;
  auto log_mu = std::make_shared<std::mutex>();
  if (!args.quiet)
    options.log = [log_mu](std::string_view line) {
      std::lock_guard lock(*log_mu);
      fmt::print(stderr, "{}\n", line);
    };

  // SIGINT and SIGTERM are taken by one thread that stops the server; the
  // worker threads the server starts inherit the blocked mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto server = HttpServer::Create(options);
  if (!server.ok()) {
    fmt::print(stderr, "detente: error: {}\n", server.status().message());
    return 2;
  }
  std::string host = options.host.find(':') != std::string::npos ? fmt::format("[{}]", options.host)
                                                                 : options.host;
  // One line on stdout, flushed: scripts (and the tests) read the port from it.
  fmt::print("detente serve: dashboard and API on http://{}:{}/ (store {}; Ctrl-C stops)\n", host,
             (*server)->port(), options.db);
  std::fflush(stdout);
  if (options.host != "127.0.0.1" && options.host != "localhost" && options.host != "::1")
    fmt::print(stderr,
               "detente: warning: listening on {}: other hosts can read the store's events "
               "(there is no authentication)\n",
               options.host);

  std::atomic<bool> done{false};
  HttpServer* srv = server->get();
  std::thread waiter([&] {
    timespec tick{0, 200 * 1000 * 1000};
    while (!done) {
      if (sigtimedwait(&signals, nullptr, &tick) > 0) {
        srv->Stop();
        return;
      }
    }
  });
  Status st = srv->Run();
  done = true;
  waiter.join();
  if (!st.ok()) {
    fmt::print(stderr, "detente: error: {}\n", st.message());
    return 1;
  }
  if (!args.quiet) fmt::print(stderr, "detente serve: stopped\n");
  return 0;
}

}  // namespace

void RegisterServeCommand(CLI::App* app, int* exit_code) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = app->add_subcommand(
      "serve", "Serve the web dashboard and its read-only JSON API over HTTP (docs/API.md)");
  cmd->add_option("--db", args->db, "Event store file (default: $DETENTE_DB, else ./detente.db)");
  cmd->add_option("--host", args->host,
                  "Address to listen on (127.0.0.1: this machine only; 0.0.0.0: every interface)")
      ->capture_default_str();
  cmd->add_option("--port", args->port, "Port (0: any free one, printed on stdout)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--threads", args->threads, "Worker threads (each with its own connection)")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_option("--query-ms", args->query_ms,
                  "Time a request's store queries may take before a 503")
      ->capture_default_str()
      ->check(CLI::Range(10, 600000));
  cmd->add_flag("-q,--quiet", args->quiet, "Do not log requests on stderr");
  cmd->callback([args, exit_code] { *exit_code = RunServe(*args); });
}

}  // namespace detente
