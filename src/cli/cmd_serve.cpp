// `jixiao serve [--db FILE|URL] [--host H] [--port N] [--allow-upload]
// [--token T] [--max-upload-mb N]`: the web workbench (src/serve/server.hpp).
//
// Prints "listening on http://HOST:PORT/" once the socket is bound (with
// --port 0 that names the port picked), then serves until SIGINT/SIGTERM.
#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <thread>

#include "cli/commands.hpp"
#include "serve/server.hpp"

namespace jixiao::cli {
namespace {

int run_serve(const serve::ServeOptions& options) {
  // Signals are taken by one thread with sigwait, so stopping the server
  // never happens inside an asynchronous signal handler.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  std::unique_ptr<serve::Server> server;
  try {
    server = std::make_unique<serve::Server>(options);
  } catch (const std::exception& e) {
    fmt::print(stderr, "jixiao serve: {}\n", e.what());
    return 2;
  }
  std::string error;
  if (!server->bind(error)) {
    fmt::print(stderr, "jixiao serve: {}\n", error);
    return 2;
  }
  const std::string shown_host =
      options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  fmt::print("jixiao serve: {} on http://{}:{}/ (uploads {})\n", options.db, shown_host, server->port(),
             options.allow_upload ? "on" : "off");
  fmt::print("listening on http://{}:{}/\n", shown_host, server->port());
  std::fflush(stdout);

  std::thread waiter([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    server->stop();
  });
  server->run();
  // run() also returns when the listener fails: wake the waiter with a
  // process-directed signal (blocked everywhere, so only sigwait takes it).
  kill(getpid(), SIGTERM);
  waiter.join();
  return 0;
}

}  // namespace

void register_serve(CLI::App& app) {
  auto opt = std::make_shared<serve::ServeOptions>();
  auto upload_mb = std::make_shared<std::uint64_t>(20);
  CLI::App* cmd = app.add_subcommand("serve", "Serve the web workbench and its JSON API over the store");
  cmd->add_option("--db", opt->db, "SQLite file or postgresql:// URL")->capture_default_str();
  cmd->add_option("--host", opt->host, "address to listen on; other than loopback needs --token for uploads")
      ->capture_default_str();
  cmd->add_option("--port", opt->port, "TCP port; 0 picks a free one")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_flag("--allow-upload", opt->allow_upload, "accept uploaded files (ingested into --db)");
  cmd->add_option("--token", opt->token, "token uploads must send as 'Authorization: Bearer TOKEN'");
  cmd->add_option("--max-upload-mb", *upload_mb, "largest upload accepted, in MiB")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--uploads-dir", opt->uploads_dir, "where uploaded files are kept (default: DB.uploads/)");
  cmd->add_option("--threads", opt->threads, "worker threads (default 64)")->check(CLI::Range(1, 1024));
  cmd->add_option("--store-connections", opt->store_connections,
                  "requests computed at once, each on its own read connection; more wait their turn "
                  "(default: two per core)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--cache-entries", opt->cache_entries,
                  "JSON answers kept until the database changes (0 = none)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--count-limit", opt->count_limit,
                  "a search counts its matches up to this many, then says \"more than\" (0 = count all)")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{100000000}));
  cmd->callback([opt, upload_mb]() {
    opt->max_upload_bytes = *upload_mb << 20;
    int status = run_serve(*opt);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace jixiao::cli
