// `jixiao serve`: the web workbench — a JSON API over the store and the
// front end built from web/ — in one process (cpp-httplib).
//
// Promises:
//  - Every answer under /api is JSON (errors too: {"error": {"status",
//    "code", "message"}} with a status that fits: 400 bad parameter, 401/403
//    token or upload off, 404 unknown, 413 too large, 415 not a table file,
//    422 nothing readable, 500/503 store failures). README "API" lists them.
//  - Queries reach the database only through the store's parameterised API;
//    text from a request is never spliced into SQL.
//  - Static files come only from the assets embedded at build time; no path
//    from a request ever reaches the file system.
//  - Uploads are off unless `allow_upload`; when on they are size-limited,
//    checked by their first bytes, written under `uploads_dir` with a name
//    the server makes, and ingested in one transaction. A server bound to
//    anything but loopback refuses to start with uploads on and no token.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace jixiao::serve {

struct ServeOptions {
  std::string db = "jixiao.db";  // SQLite file or postgresql:// URL
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 = any free port (see Server::port)
  bool allow_upload = false;
  std::string token;                             // required for uploads when set (always when not loopback)
  std::uint64_t max_upload_bytes = 20ull << 20;  // per request
  std::string uploads_dir;                       // "" = beside the database: <db>.uploads/
  int threads = 0;                               // worker threads; 0 = 64
  // Read connections to the store, i.e. requests computed at once; more
  // wait their turn in arrival order. 0 = two per core.
  int store_connections = 0;
  int cache_entries = 4096;  // answers kept per database generation; 0 = no response cache
  // A search counts its matches up to this many, then answers "more than"
  // (JSON "more": true); 0 counts them all, which a common word makes slow.
  // 250 is five pages of the workbench's 50 rows: the pager needs no more to
  // offer the next page, and counting a common word's matches (a substring
  // index walk, 0.6-4.7 thousand instructions a match) was half of a search.
  std::int64_t count_limit = 250;
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback(const std::string& host);

// Why `options` cannot be served ("" when they can): a non-loopback host
// with uploads on and no token, a port out of range, a size limit of 0.
std::string validate(const ServeOptions& options);

class Server {
 public:
  // Opens the store (creating its schema when uploads are allowed), checks
  // the options; throws std::runtime_error with a message for the user when
  // either fails.
  explicit Server(ServeOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the socket; false (with `error`) when the address is taken or invalid.
  bool bind(std::string& error);
  int port() const;  // the bound port (useful with port 0)
  // Serves until stop() (from another thread or a signal handler's thread).
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jixiao::serve
