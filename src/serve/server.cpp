// The HTTP side of `jixiao serve` (server.hpp): routes, parameter checks,
// JSON, the store pool and uploads. Queries themselves are the store's.
#include "serve/server.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "check/report.hpp"
#include "check/rules.hpp"
#include "model/json.hpp"
#include "model/target.hpp"
#include "read/source.hpp"
#include "serve/assets.hpp"
#include "serve/export.hpp"
#include "serve/json_text.hpp"
#include "serve/upload_check.hpp"
#include "store/ingest.hpp"
#include "store/store.hpp"
#include "text/utf8.hpp"

namespace jixiao::serve {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

bool is_loopback(const std::string& host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  return false;
}

std::string validate(const ServeOptions& o) {
  if (o.port < 0 || o.port > 65535) return fmt::format("--port {} is not a TCP port (0-65535)", o.port);
  if (o.max_upload_bytes == 0) return "the upload size limit must be above 0";
  if (o.allow_upload && !is_loopback(o.host) && o.token.empty()) {
    return fmt::format(
        "--host {} is reachable from other machines: --allow-upload there needs --token so that only "
        "holders of the token can write",
        o.host);
  }
  return "";
}

namespace {

// A request that cannot be answered as asked; becomes {"error": …}.
struct HttpError {
  int status;
  std::string code;
  std::string message;
};

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  send_json(res, status, {{"error", {{"status", status}, {"code", code}, {"message", message}}}});
}

json opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }
json opt(const std::optional<int>& i) { return i ? json(*i) : json(nullptr); }
json opt(const std::optional<Decimal>& d) { return d ? json(d->to_string()) : json(nullptr); }

json amounts_json(const Amounts& a) {
  return {{"total", opt(a.total)},
          {"fiscal", opt(a.fiscal)},
          {"special", opt(a.special)},
          {"other", opt(a.other)}};
}

// Query-string values, checked before they reach the store: text must be
// UTF-8 without control characters and of bounded length, numbers in range,
// choices from their list. The first of repeated parameters counts.
class Params {
 public:
  explicit Params(const httplib::Request& req) : req_(req) {}

  std::string text(const char* name, std::size_t max_bytes = 200) const {
    std::string v = req_.get_param_value(name);
    if (v.size() > max_bytes) {
      throw HttpError{400, "bad_parameter", fmt::format("'{}' is longer than {} bytes", name, max_bytes)};
    }
    if (!utf8::valid(v)) throw HttpError{400, "bad_parameter", fmt::format("'{}' is not valid UTF-8", name)};
    for (unsigned char c : v) {
      if (c < 0x20 || c == 0x7F) {
        throw HttpError{400, "bad_parameter", fmt::format("'{}' holds a control character", name)};
      }
    }
    const auto first = v.find_first_not_of(' ');
    if (first == std::string::npos) return "";
    return v.substr(first, v.find_last_not_of(' ') - first + 1);
  }

  std::optional<long long> integer(const char* name, long long lo, long long hi) const {
    const std::string v = req_.get_param_value(name);
    if (v.empty()) return std::nullopt;
    long long n = 0;
    bool digits = v.size() <= 12;
    for (char c : v) digits = digits && c >= '0' && c <= '9';
    if (digits) n = std::stoll(v);
    if (!digits || n < lo || n > hi) {
      throw HttpError{400, "bad_parameter",
                      fmt::format("'{}' must be a whole number from {} to {}", name, lo, hi)};
    }
    return n;
  }

  bool flag(const char* name) const {
    const std::string v = req_.get_param_value(name);
    if (v.empty() || v == "0" || v == "false") return false;
    if (v == "1" || v == "true" || v == "on") return true;
    throw HttpError{400, "bad_parameter", fmt::format("'{}' must be 1 or 0", name)};
  }

  std::string choice(const char* name, std::initializer_list<const char*> options) const {
    std::string v = req_.get_param_value(name);
    if (v.empty()) return *options.begin();
    for (const char* o : options) {
      if (v == o) return v;
    }
    std::string list;
    for (const char* o : options) list += (list.empty() ? "" : ", ") + std::string(o);
    throw HttpError{400, "bad_parameter", fmt::format("'{}' must be one of: {}", name, list)};
  }

 private:
  const httplib::Request& req_;
};

struct Paging {
  int page = 1;
  int per_page = 50;
  store::Page store_page() const { return {per_page, (page - 1) * per_page}; }
};

Paging paging(const Params& p, int default_per_page = 50) {
  Paging g;
  g.page = static_cast<int>(p.integer("page", 1, 1000000).value_or(1));
  g.per_page = static_cast<int>(p.integer("per_page", 1, 500).value_or(default_per_page));
  return g;
}

store::Filter filter(const Params& p) {
  store::Filter f;
  f.text = p.text("q");
  f.department = p.text("department");
  if (auto y = p.integer("year", 1900, 2200)) f.year = static_cast<int>(*y);
  f.unit = p.text("unit");
  f.level1 = p.text("level1", 60);
  f.level2 = p.text("level2", 60);
  f.qualitative_only = p.flag("qualitative");
  return f;
}

// `more`: the count stopped early, `total` is a lower bound (store::PageOf::more).
json page_json(std::int64_t total, const Paging& g, json items, bool more = false) {
  return {{"total", total},
          {"more", more},
          {"page", g.page},
          {"per_page", g.per_page},
          {"items", std::move(items)}};
}

// A source's file name as a person knows it: uploads are kept as
// "<16 hex of the hash>-<name>", and the prefix means nothing to a reader.
std::string shown_source_name(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  if (name.size() > 17 && name[16] == '-' && std::all_of(name.begin(), name.begin() + 16, [](char c) {
        return std::isxdigit(static_cast<unsigned char>(c));
      })) {
    name.erase(0, 17);
  }
  return name;
}

json document_row_json(const store::DocumentRow& d) {
  return {{"id", d.id},
          {"source_name", shown_source_name(d.source_path)},
          {"ordinal", d.ordinal},
          {"title", opt(d.title)},
          {"department", opt(d.department)},
          {"year", opt(d.year)},
          {"layout", d.layout},
          {"amount_unit", d.amount_unit},
          {"total", opt(d.total)},
          {"units", d.units},
          {"projects", d.projects},
          {"indicators", d.indicators},
          {"findings", {{"error", d.errors}, {"warning", d.warnings}, {"notice", d.notices}}},
          {"quality", opt(d.quality)}};
}

// Search rows as JSON text, written directly (json_text.hpp): a page of 50
// rows built as a json tree and then serialised cost a third of a search.
void append_decimal(JsonObject& o, std::string_view name, const std::optional<Decimal>& d) {
  if (d) return o.text(name, d->to_string());
  o.key(name) += "null";
}

void append_project_row(std::string& out, const store::ProjectRow& r) {
  JsonObject o(out);
  o.integer("document_id", r.document_id);
  o.integer("project_no", r.project_no);
  o.text("department", r.department);
  o.integer("year", r.year);
  o.text("unit", r.unit);
  o.text("name", r.name);
  o.text("amount_unit", r.amount_unit);
  o.key("amounts");
  JsonObject a(out);
  append_decimal(a, "total", r.amounts.total);
  append_decimal(a, "fiscal", r.amounts.fiscal);
  append_decimal(a, "special", r.amounts.special);
  append_decimal(a, "other", r.amounts.other);
  a.close();
  o.text("goal", r.goal);
  o.integer("indicators", r.indicators);
  o.integer("quality", r.quality);
  o.close();
}

void append_indicator_row(std::string& out, const store::IndicatorRow& r) {
  JsonObject o(out);
  o.integer("document_id", r.document_id);
  o.integer("project_no", r.project_no);
  o.integer("indicator_no", r.indicator_no);
  o.text("department", r.department);
  o.integer("year", r.year);
  o.text("unit", r.unit);
  o.text("project", r.project);
  o.text("level1", r.level1);
  o.text("level2", r.level2);
  o.text("name", r.name);
  o.text("period_target", r.period_target);
  o.text("annual_target", r.annual_target);
  o.text("annual_kind", r.annual_kind);
  // The figure behind the printed target, for charts: exact decimal text.
  const Target t = parse_target(r.annual_target.value_or(""));
  o.text("annual_comparator", comparator_symbol(t.comparator));
  append_decimal(o, "annual_number",
                 t.kind == TargetKind::Quantitative ? t.number : std::optional<Decimal>());
  o.text("annual_unit", t.unit);
  o.close();
}

// The same rows as json values (compare), from the one definition above.
json project_row_json(const store::ProjectRow& r) {
  std::string text;
  append_project_row(text, r);
  return json::parse(text);
}

json indicator_row_json(const store::IndicatorRow& r) {
  std::string text;
  append_indicator_row(text, r);
  return json::parse(text);
}

std::string dec(const std::optional<Decimal>& d) { return d ? d->to_string() : ""; }
std::string num(const std::optional<int>& i) { return i ? std::to_string(*i) : ""; }

// Read connections, at most `limit` of them, each used by one request at a
// time (a Store is used by one thread at a time, store.hpp). A request that
// finds them all in use waits its turn, first come first served: on two
// cores, 50 requests computed at once took turns in slices, so every one of
// them finished late (p99 four times the mean), and 64 connections each
// mapped the database and paid their own page faults for the same pages.
class StorePool {
 public:
  StorePool(std::string target, int limit) : target_(std::move(target)), limit_(std::max(limit, 1)) {}

  class Lease {
   public:
    Lease(StorePool& pool, std::unique_ptr<store::Store> s) : pool_(pool), store_(std::move(s)) {}
    Lease(Lease&& o) noexcept : pool_(o.pool_), store_(std::move(o.store_)), broken_(o.broken_) {}
    ~Lease() {
      if (store_) pool_.give_back(broken_ ? nullptr : std::move(store_));
    }
    store::Store* operator->() { return store_.get(); }
    store::Store& operator*() { return *store_; }
    void broken() { broken_ = true; }  // a failed connection is not reused

   private:
    StorePool& pool_;
    std::unique_ptr<store::Store> store_;
    bool broken_ = false;
  };

  // Opens every connection now and runs `use` on each once, so that the
  // first requests of a burst do not each open one, read the schema, prepare
  // statements and fault in their own memory map of the file while the rest
  // queue behind them. Throws as take() does.
  template <typename Use>
  void warm(Use&& use) {
    std::vector<Lease> held;
    for (int i = 0; i < limit_; ++i) {
      held.push_back(take());
      try {
        use(*held.back());
      } catch (...) {
        held.back().broken();
        throw;
      }
    }
  }

  // A connection for this request: a free one, else a new one while fewer
  // than the limit are open, else the next one given back (in the order the
  // requests asked). Throws store::StoreError when a new one cannot open.
  Lease take() {
    std::unique_lock lock(mu_);
    if (free_.empty() && open_ >= limit_) {
      Waiter me;
      waiting_.push_back(&me);
      me.turn.wait(lock, [&] { return me.ready; });
      if (me.store) return Lease(*this, std::move(me.store));
      // A connection was dropped (broken): its place is this request's.
    } else if (!free_.empty()) {
      auto s = std::move(free_.back());
      free_.pop_back();
      return Lease(*this, std::move(s));
    } else {
      ++open_;
    }
    lock.unlock();
    try {
      return Lease(*this, store::Store::open(target_, store::OpenMode::ReadOnly, /*long_lived=*/true));
    } catch (...) {
      give_back(nullptr);
      throw;
    }
  }

 private:
  struct Waiter {
    std::condition_variable turn;
    bool ready = false;
    std::unique_ptr<store::Store> store;  // null when the place is given, not a connection
  };

  // `s` null: the connection is closed (or never opened), freeing its place.
  void give_back(std::unique_ptr<store::Store> s) {
    std::lock_guard lock(mu_);
    if (!waiting_.empty()) {
      Waiter* next = waiting_.front();
      waiting_.pop_front();
      next->store = std::move(s);
      next->ready = true;
      next->turn.notify_one();
      return;
    }
    if (s) {
      free_.push_back(std::move(s));
    } else {
      --open_;
    }
  }
  std::string target_;
  const int limit_;
  std::mutex mu_;
  int open_ = 0;
  std::vector<std::unique_ptr<store::Store>> free_;
  std::deque<Waiter*> waiting_;
};

// Answers that aggregate the whole database (overview, facets, common
// names) are kept until the set of sources changes.
class AggregateCache {
 public:
  template <typename Compute>
  json get(const std::string& name, const std::string& generation, Compute&& compute) {
    {
      std::lock_guard lock(mu_);
      auto it = entries_.find(name);
      if (it != entries_.end() && it->second.first == generation) return it->second.second;
    }
    json value = compute();
    std::lock_guard lock(mu_);
    entries_[name] = {generation, value};
    return value;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::pair<std::string, json>> entries_;
};

// Whole JSON answers of the read endpoints, keyed by path and parameters and
// valid for one generation of the database. Searches are repeated (paging
// back and forth, many reviewers on the same questions) while the data only
// changes at ingest, and a search over a large store costs far more than a
// lookup. Bounded by entries and bytes; the oldest entries go first.
class ResponseCache {
 public:
  ResponseCache(std::size_t max_entries, std::size_t max_bytes)
      : max_entries_(max_entries), max_bytes_(max_bytes) {}

  // The answer is shared, not copied, under the lock: every cached answer
  // passes through this one mutex, and a thread that lost its core while
  // copying tens of kilobytes under it held up all the others.
  using Body = std::shared_ptr<const std::string>;

  Body get(const std::string& key, const std::string& generation) {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.first != generation) return nullptr;
    return it->second.second;
  }

  void put(const std::string& key, const std::string& generation, const std::string& text) {
    if (max_entries_ == 0 || text.size() > max_bytes_ / 16) return;
    Body body = std::make_shared<const std::string>(text);
    std::lock_guard lock(mu_);
    auto [it, inserted] = entries_.try_emplace(key);
    if (!inserted) bytes_ -= it->second.second->size();
    it->second = {generation, std::move(body)};
    bytes_ += it->second.second->size();
    if (inserted) order_.push_back(key);
    while (!order_.empty() && (entries_.size() > max_entries_ || bytes_ > max_bytes_)) {
      auto old = entries_.find(order_.front());
      if (old != entries_.end()) {
        bytes_ -= old->second.second->size();
        entries_.erase(old);
      }
      order_.pop_front();
    }
  }

 private:
  std::mutex mu_;
  std::size_t max_entries_, max_bytes_, bytes_ = 0;
  std::unordered_map<std::string, std::pair<std::string, Body>> entries_;
  std::deque<std::string> order_;
};

std::string cache_key(const httplib::Request& req) {
  std::string key = req.path;
  for (const auto& [name, value] : req.params) {  // a multimap: sorted by name
    key += '\n';
    key += name;
    key += '=';
    key += value;
  }
  return key;
}

// Two read connections per core: enough to keep the cores busy while a
// request waits on a page from disk, few enough that requests queue instead
// of sharing the cores in slices.
int default_store_connections() {
  return static_cast<int>(std::max(2u, 2 * std::thread::hardware_concurrency()));
}

// Connections the kernel completes and holds for accept(): enough for every
// client of a burst (a browser opens 6, a load test 50 or more at once).
constexpr int kListenBacklog = SOMAXCONN;

const std::vector<const char*> kAccepted = {".pdf", ".docx", ".xlsx", ".txt", ".csv"};

}  // namespace

struct Server::Impl {
  ServeOptions options;
  httplib::Server http;
  StorePool pool;
  AggregateCache cache;
  ResponseCache responses;
  std::mutex generation_mu;
  std::string generation_value;
  std::chrono::steady_clock::time_point generation_checked{};
  // Counts data_changed(): a lookup that an upload overtook is not kept.
  std::uint64_t generation_epoch = 0;
  std::mutex write_mu;  // one upload writes at a time
  std::unique_ptr<store::Store> writer;
  int bound_port = 0;
  // The listening socket, seen by the socket-options hook before httplib binds it.
  int listen_fd = -1;

  explicit Impl(ServeOptions o)
      : options(std::move(o)),
        pool(options.db,
             options.store_connections > 0 ? options.store_connections : default_store_connections()),
        responses(static_cast<std::size_t>(options.cache_entries), 256u << 20) {}

  // The generation, looked up at most once a second: an ingest by another
  // process shows within a second; an upload here resets it at once.
  // The lookup runs outside the lock, which cached answers take too: a
  // thread that lost its core in the middle of a query would hold them up.
  // An upload during the lookup (data_changed) makes its value stale: it is
  // then used for this request only, not kept.
  std::string current_generation(store::Store& s) {
    std::uint64_t epoch = 0;
    {
      std::lock_guard lock(generation_mu);
      if (!generation_value.empty() &&
          std::chrono::steady_clock::now() - generation_checked <= std::chrono::seconds(1)) {
        return generation_value;
      }
      epoch = generation_epoch;
    }
    const auto asked = std::chrono::steady_clock::now();
    std::string value = s.generation();
    std::lock_guard lock(generation_mu);
    if (epoch == generation_epoch && asked >= generation_checked) {
      generation_value = value;
      generation_checked = asked;
    }
    return value;
  }
  // The generation when it was looked up less than a second ago, without a
  // store: a cached answer then needs no connection from the pool.
  std::optional<std::string> fresh_generation() {
    std::lock_guard lock(generation_mu);
    if (generation_value.empty() || std::chrono::steady_clock::now() - generation_checked > std::chrono::seconds(1)) {
      return std::nullopt;
    }
    return generation_value;
  }
  void data_changed() {
    std::lock_guard lock(generation_mu);
    generation_value.clear();
    ++generation_epoch;
  }

  // with_store, answered from the response cache when the same request was
  // answered in this generation. A hit while the generation is fresh takes
  // no store connection: cached answers do not queue behind searches that
  // hold the pool's few connections.
  template <typename Body>
  void cached(const httplib::Request& req, httplib::Response& res, Body&& body) {
    const std::string key = cache_key(req);
    auto answer_hit = [&](const std::string& generation) {
      auto hit = responses.get(key, generation);
      if (!hit) return false;
      res.status = 200;
      res.set_header("Cache-Control", "no-store");
      res.set_header("X-Jixiao-Cache", "hit");
      res.set_content(*hit, "application/json; charset=utf-8");
      return true;
    };
    if (auto generation = fresh_generation(); generation && answer_hit(*generation)) return;
    with_store(req, res, [&](store::Store& s, const Params& p) {
      const std::string generation = current_generation(s);
      if (answer_hit(generation)) return;
      body(s, p);
      if (res.status == 200) responses.put(key, generation, res.body);
    });
  }

  // Runs `body` with a leased store, turning failures into JSON errors.
  template <typename Body>
  void with_store(const httplib::Request& req, httplib::Response& res, Body&& body) {
    try {
      auto lease = pool.take();
      try {
        body(*lease, Params(req));
      } catch (const store::StoreError&) {
        lease.broken();
        throw;
      }
    } catch (const HttpError& e) {
      send_error(res, e.status, e.code, e.message);
    } catch (const store::StoreError& e) {
      const std::string what = e.what();
      const bool busy = what.find("locked") != std::string::npos || what.find("busy") != std::string::npos;
      send_error(res, busy ? 503 : 500, busy ? "store_busy" : "store_error", what);
    } catch (const std::exception& e) {
      send_error(res, 500, "internal", e.what());
    }
  }

  void routes();
  void overview(store::Store& s, httplib::Response& res);
  void facets(store::Store& s, httplib::Response& res);
  void document(store::Store& s, std::int64_t id, httplib::Response& res);
  void source(store::Store& s, std::int64_t id, const Params& p, httplib::Response& res);
  void search(store::Store& s, const Params& p, httplib::Response& res, const std::string& format);
  void compare(store::Store& s, const Params& p, httplib::Response& res);
  void compare_names(store::Store& s, const Params& p, httplib::Response& res);
  void upload(const httplib::Request& req, httplib::Response& res);
  bool authorised(const httplib::Request& req) const;
};

void Server::Impl::overview(store::Store& s, httplib::Response& res) {
  json body = cache.get("overview", current_generation(s), [&] {
    const store::Filter all;
    json o;
    o["documents"] = s.documents(all, {0, 0}).total;
    auto scalar = [&](const char* sql) {
      auto r = s.sql(sql);
      return r.rows.empty() || !r.rows[0][0] ? std::string("0") : *r.rows[0][0];
    };
    o["departments"] = std::stoll(scalar("SELECT COUNT(DISTINCT department) FROM documents"));
    o["units"] = std::stoll(scalar("SELECT COUNT(*) FROM units"));
    o["projects"] = std::stoll(scalar("SELECT COUNT(*) FROM projects"));
    o["indicators"] = std::stoll(scalar("SELECT COUNT(*) FROM indicators"));
    json years = json::array();
    for (const auto& r : s.sql("SELECT year, COUNT(*) FROM documents GROUP BY year ORDER BY year").rows) {
      years.push_back({{"year", r[0] ? json(std::stoi(*r[0])) : json(nullptr)},
                       {"documents", std::stoll(r[1].value_or("0"))}});
    }
    o["years"] = years;
    auto sev = s.sql("SELECT SUM(errors), SUM(warnings), SUM(notices) FROM documents");
    auto count_at = [&](int i) { return sev.rows.empty() ? 0LL : std::stoll(sev.rows[0][i].value_or("0")); };
    o["findings"] = {{"error", count_at(0)}, {"warning", count_at(1)}, {"notice", count_at(2)}};

    // Sums are per amount unit (万元 and 元 never add up); the overview shows
    // the unit most projects use and says which it is.
    const auto by_year = s.totals(store::TotalsBy::Year, all);
    std::map<std::string, int> unit_projects;
    for (const auto& t : by_year) unit_projects[t.amount_unit] += t.projects;
    std::string unit = "万元";
    int most = -1;
    for (const auto& [u, n] : unit_projects) {
      if (n > most) unit = u, most = n;
    }
    o["amount_unit"] = unit;
    Amounts total;
    auto add = [](std::optional<Decimal>& into, const std::optional<Decimal>& v) {
      if (v) into = into ? *into + *v : *v;
    };
    json years_totals = json::array();
    for (const auto& t : by_year) {
      if (t.amount_unit != unit) continue;
      add(total.total, t.amounts.total);
      add(total.fiscal, t.amounts.fiscal);
      add(total.special, t.amounts.special);
      add(total.other, t.amounts.other);
      json row = amounts_json(t.amounts);
      row["year"] = t.key.empty() ? json(nullptr) : json(std::stoi(t.key));
      years_totals.push_back(row);
    }
    std::sort(years_totals.begin(), years_totals.end(),
              [](const json& a, const json& b) { return a["year"].dump() < b["year"].dump(); });
    o["totals"] = amounts_json(total);
    o["totals_by_year"] = years_totals;

    json departments = json::array();
    for (const auto& t : s.totals(store::TotalsBy::Department, all)) {
      if (t.amount_unit != unit) continue;
      if (departments.size() == 10) break;
      departments.push_back(
          {{"department", t.key}, {"total", opt(t.amounts.total)}, {"projects", t.projects}});
    }
    o["top_departments"] = departments;

    json ranking = json::array();
    for (const auto& d : s.rank_departments(all, false)) {
      if (ranking.size() == 20) break;
      ranking.push_back({{"department", d.department},
                         {"year", opt(d.year)},
                         {"projects", d.projects},
                         {"quality", d.quality},
                         {"worst", d.worst}});
    }
    o["quality_ranking"] = ranking;
    json worst = json::array();
    for (const auto& p : s.rank_projects(all, true, {10, 0}).rows) {
      worst.push_back({{"document_id", p.document_id},
                       {"project_no", p.project_no},
                       {"department", opt(p.department)},
                       {"year", opt(p.year)},
                       {"unit", p.unit},
                       {"name", opt(p.name)},
                       {"quality", opt(p.quality)}});
    }
    o["worst_projects"] = worst;
    return o;
  });
  send_json(res, 200, body);
}

void Server::Impl::facets(store::Store& s, httplib::Response& res) {
  json body = cache.get("facets", current_generation(s), [&] {
    json departments = json::array(), years = json::array();
    for (const auto& r : s.sql("SELECT DISTINCT department FROM documents WHERE department IS NOT NULL ORDER "
                               "BY department LIMIT 5000")
                             .rows) {
      departments.push_back(r[0].value_or(""));
    }
    for (const auto& r :
         s.sql("SELECT DISTINCT year FROM documents WHERE year IS NOT NULL ORDER BY year").rows) {
      years.push_back(std::stoi(r[0].value_or("0")));
    }
    json level1 = json::array();
    for (Level1 l : {Level1::Output, Level1::Benefit, Level1::Satisfaction, Level1::Cost})
      level1.push_back(level1_name(l));
    return json{{"departments", departments}, {"years", years}, {"level1", level1}};
  });
  send_json(res, 200, body);
}

void Server::Impl::document(store::Store& s, std::int64_t id, httplib::Response& res) {
  std::optional<Document> doc = s.load_document(id);
  if (!doc) throw HttpError{404, "not_found", fmt::format("no document {}", id)};
  // The review is made again from the stored model with the default policy
  // (deterministic), because it carries every finding's full location.
  static thread_local check::Checker checker;
  auto review = checker.review(*doc);
  check::CheckedDocument checked;
  checked.path = doc->source_path;
  checked.department = doc->department;
  checked.findings = std::move(review.findings);
  checked.score = std::move(review.score);
  json report = check::json_report({checked}, "default");
  json& d = report["documents"][0];
  JsonOptions jo;
  jo.with_provenance = true;
  jo.with_structured_targets = true;
  json model = to_json(*doc, jo);
  json diagnostics = model.contains("diagnostics") ? model["diagnostics"] : json::array();
  json body = {{"id", id},
               {"source", {{"name", shown_source_name(doc->source_path)}, {"layout", doc->layout}}},
               {"document", std::move(model)},
               {"findings", d["findings"]},
               {"counts", d["counts"]},
               {"score", d["score"]},
               {"diagnostics", diagnostics}};
  send_json(res, 200, body);
}

void Server::Impl::source(store::Store& s, std::int64_t id, const Params& p, httplib::Response& res) {
  std::optional<Document> doc = s.load_document(id);
  if (!doc) throw HttpError{404, "not_found", fmt::format("no document {}", id)};
  const int from = static_cast<int>(p.integer("from", 1, 100000000).value_or(1));
  const int to = static_cast<int>(p.integer("to", 1, 100000000).value_or(from + 49));
  if (to < from || to - from >= 500) {
    throw HttpError{400, "bad_parameter", "'to' must be at or after 'from', at most 500 lines further"};
  }
  // The path is the one the store recorded at ingest, never one from the request.
  std::ifstream in(doc->source_path, std::ios::binary);
  if (!in) {
    throw HttpError{404, "source_unavailable",
                    fmt::format("the source file {} is no longer where it was ingested from",
                                fs::path(doc->source_path).filename().string())};
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const Source src = read_text(bytes.str(), doc->source_path);
  if (!src.readable) {
    throw HttpError{404, "source_unavailable", "the source is not a text file; its lines cannot be shown"};
  }
  json lines = json::array();
  int last = 0;
  for (const Line& l : src.lines) {
    last = std::max(last, l.number);
    if (l.number < from || l.number > to) continue;
    lines.push_back({{"n", l.number}, {"page", l.page}, {"text", std::string(l.text)}});
  }
  send_json(res, 200,
            {{"name", shown_source_name(doc->source_path)},
             {"from", from},
             {"to", to},
             {"total_lines", last},
             {"lines", lines}});
}

void Server::Impl::search(store::Store& s, const Params& p, httplib::Response& res,
                          const std::string& format) {
  const std::string kind = p.choice("kind", {"projects", "indicators"});
  const store::Filter f = filter(p);
  const Paging g = paging(p);
  // An export without a page is every match, up to this many rows.
  constexpr int kExportRows = 100000;
  const bool whole = format != "json" && p.integer("page", 1, 1000000) == std::nullopt;

  Table table;
  std::string items = "[";  // JSON text of the rows (format json)
  std::int64_t total = 0;
  bool more = false;
  auto fetch = [&](auto&& query, auto&& emit) {
    if (!whole) {
      store::Page counted = g.store_page();
      counted.count_limit = options.count_limit;
      auto page = query(counted);
      total = page.total;
      more = page.more;
      for (auto& r : page.rows) emit(r);
      return;
    }
    for (int offset = 0; offset < kExportRows; offset += 10000) {
      auto page = query(store::Page{10000, offset});
      total = page.total;
      for (auto& r : page.rows) emit(r);
      if (page.rows.size() < 10000) break;
    }
  };
  if (kind == "projects") {
    table.sheet = "项目";
    table.columns = {{"部门名称"},       {"年度"},       {"资金使用单位"},   {"项目名称"},
                     {"单位"},           {"总计", true}, {"财政拨款", true}, {"财政专户拨款", true},
                     {"其他资金", true}, {"绩效目标"},   {"指标数"},         {"质量分"}};
    fetch([&](const store::Page& pg) { return s.projects(f, pg); },
          [&](const store::ProjectRow& r) {
            if (format == "json") {
              if (items.size() > 1) items += ',';
              return append_project_row(items, r);
            }
            table.rows.push_back({r.department.value_or(""), num(r.year), r.unit, r.name.value_or(""),
                                  r.amount_unit, dec(r.amounts.total), dec(r.amounts.fiscal),
                                  dec(r.amounts.special), dec(r.amounts.other), r.goal.value_or(""),
                                  std::to_string(r.indicators), num(r.quality)});
          });
  } else {
    table.sheet = "指标";
    table.columns = {{"部门名称"}, {"年度"},     {"资金使用单位"},   {"项目名称"},   {"一级指标"},
                     {"二级指标"}, {"三级指标"}, {"实施周期指标值"}, {"年度指标值"}, {"指标值类型"}};
    fetch([&](const store::Page& pg) { return s.indicators(f, pg); },
          [&](const store::IndicatorRow& r) {
            if (format == "json") {
              if (items.size() > 1) items += ',';
              return append_indicator_row(items, r);
            }
            table.rows.push_back({r.department.value_or(""), num(r.year), r.unit, r.project.value_or(""),
                                  r.level1, r.level2, r.name, r.period_target.value_or(""),
                                  r.annual_target.value_or(""), r.annual_kind});
          });
  }
  if (format == "json") {
    // page_json's members, then the kind.
    items += ']';
    std::string body;
    body.reserve(items.size() + 128);
    JsonObject o(body);
    o.integer("total", total);
    o.boolean("more", more);
    o.integer("page", g.page);
    o.integer("per_page", g.per_page);
    o.key("items") += items;
    o.text("kind", kind);
    o.close();
    res.status = 200;
    res.set_header("Cache-Control", "no-store");
    res.set_content(std::move(body), "application/json; charset=utf-8");
    return;
  }
  const std::string name = "jixiao-" + kind;
  if (format == "csv") {
    res.set_header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
    res.set_content(to_csv(table), "text/csv; charset=utf-8");
    return;
  }
  std::string error;
  std::string bytes = to_xlsx(table, error);
  if (bytes.empty()) throw HttpError{500, "export_failed", error};
  res.set_header("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"");
  res.set_content(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

namespace {
std::string without_spaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\t') out += c;
  }
  return out;
}
}  // namespace

void Server::Impl::compare(store::Store& s, const Params& p, httplib::Response& res) {
  const std::string kind = p.choice("kind", {"indicator", "project"});
  const std::string name = p.text("name");
  if (name.empty())
    throw HttpError{400, "bad_parameter", "'name' is required: the indicator or project to compare"};
  constexpr std::size_t kMaxRows = 2000;
  json rows = json::array();
  bool truncated = false;
  if (kind == "project") {
    for (const auto& r : s.project_history(name)) {
      if (rows.size() == kMaxRows) {
        truncated = true;
        break;
      }
      rows.push_back(project_row_json(r));
    }
  } else {
    // The store matches a substring; the comparison wants the same indicator,
    // so names are compared whole (spaces ignored) here.
    store::Filter f;
    f.text = name;
    f.department = p.text("department");
    const std::string key = without_spaces(name);
    for (int offset = 0; offset < 50000 && !truncated; offset += 5000) {
      auto page = s.indicators(f, {5000, offset});
      for (const auto& r : page.rows) {
        if (without_spaces(r.name) != key) continue;
        if (rows.size() == kMaxRows) {
          truncated = true;
          break;
        }
        rows.push_back(indicator_row_json(r));
      }
      if (page.rows.size() < 5000) break;
    }
  }
  send_json(res, 200, {{"kind", kind}, {"name", name}, {"rows", rows}, {"truncated", truncated}});
}

void Server::Impl::compare_names(store::Store& s, const Params& p, httplib::Response& res) {
  const std::string kind = p.choice("kind", {"indicator", "project"});
  const auto limit = static_cast<std::size_t>(p.integer("limit", 1, 200).value_or(30));
  json all = cache.get("names-" + kind, current_generation(s), [&] {
    // Constant SQL: the most common names, for the compare page's suggestions.
    auto r =
        s.sql(kind == "indicator"
                  ? "SELECT name, COUNT(*) AS n FROM indicators GROUP BY name ORDER BY n DESC, name LIMIT 200"
                  : "SELECT name, COUNT(*) AS n FROM projects WHERE name IS NOT NULL GROUP BY name "
                    "ORDER BY n DESC, name LIMIT 200");
    json items = json::array();
    for (const auto& row : r.rows)
      items.push_back({{"name", row[0].value_or("")}, {"count", std::stoll(row[1].value_or("0"))}});
    return items;
  });
  json items = json::array();
  for (std::size_t i = 0; i < all.size() && i < limit; ++i) items.push_back(all[i]);
  send_json(res, 200, {{"kind", kind}, {"items", items}});
}

bool Server::Impl::authorised(const httplib::Request& req) const {
  if (options.token.empty()) return true;
  const std::string bearer = "Bearer " + options.token;
  const std::string given = req.has_header("Authorization") ? req.get_header_value("Authorization") : "";
  // Constant-time comparison, so the token cannot be guessed byte by byte.
  if (given.size() != bearer.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < given.size(); ++i) diff |= static_cast<unsigned char>(given[i] ^ bearer[i]);
  return diff == 0;
}

void Server::Impl::upload(const httplib::Request& req, httplib::Response& res) {
  if (!options.allow_upload) {
    return send_error(res, 403, "upload_disabled",
                      "uploads are off on this server (start it with --allow-upload)");
  }
  if (!authorised(req)) {
    res.set_header("WWW-Authenticate", "Bearer");
    return send_error(res, 401, "unauthorised",
                      "uploads need the server's token: Authorization: Bearer <token>");
  }
  if (!req.is_multipart_form_data() || !req.has_file("file")) {
    return send_error(res, 400, "bad_upload", "send the file as multipart/form-data in a field named 'file'");
  }
  const httplib::MultipartFormData file = req.get_file_value("file");
  if (file.content.size() > options.max_upload_bytes) {
    return send_error(res, 413, "too_large",
                      fmt::format("the file is larger than the limit of {} bytes", options.max_upload_bytes));
  }
  const std::string shown_name = safe_file_name(file.filename);
  const UploadType type = classify_upload(shown_name, file.content);
  if (!type.ok()) return send_error(res, 415, "unsupported_type", shown_name + ": " + type.error);

  // The bytes are kept under a name the server makes (content hash, then the
  // client's name made safe), so the source lines stay viewable and the same
  // file uploaded twice is one source.
  const std::string hash = store::content_hash(file.content);
  std::string stem = shown_name;
  const auto dot = stem.rfind('.');
  if (dot != std::string::npos && dot > 0) stem.resize(dot);
  const fs::path dir = options.uploads_dir;
  const fs::path final_path = dir / (hash.substr(7, 16) + "-" + stem + type.extension);
  std::error_code ec;
  fs::create_directories(dir, ec);
  const fs::path temp = dir / (".incoming-" + hash.substr(7, 16) + "-" +
                               std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id())));
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(file.content.data(), static_cast<std::streamsize>(file.content.size()));
    if (!out) {
      fs::remove(temp, ec);
      return send_error(res, 500, "upload_write_failed", "the upload could not be saved on the server");
    }
  }
  fs::rename(temp, final_path, ec);
  if (ec) {
    fs::remove(temp, ec);
    return send_error(res, 500, "upload_write_failed", "the upload could not be saved on the server");
  }

  try {
    std::lock_guard lock(write_mu);
    if (!writer) writer = store::Store::open(options.db, store::OpenMode::ReadWrite);
    static const check::Checker checker;
    store::FileReading reading = store::read_file(final_path.string(), checker);
    // A file in which no table was recognised (no unit, no project) is
    // refused, not stored: the database keeps readings, not stray files.
    bool any_table = false;
    for (const auto& rd : reading.documents) any_table = any_table || !rd.document.units.empty();
    if (!any_table) {
      fs::remove(final_path, ec);
      std::string why = reading.error;
      for (const auto& rd : reading.documents) {
        for (const Diagnostic& d : rd.document.diagnostics) {
          if (why.empty() && d.severity == Severity::Error) why = d.message;
        }
      }
      return send_error(
          res, 422, "no_table",
          shown_name + ": no 绩效目标表 was recognised in the file" + (why.empty() ? "" : " (" + why + ")"));
    }
    for (const auto& rd : reading.documents) {
      if (std::string why = store::storable(rd.document); !why.empty()) {
        fs::remove(final_path, ec);
        return send_error(res, 422, "not_storable", shown_name + ": " + std::move(why));
      }
    }
    std::vector<std::int64_t> ids = writer->put_file(reading);
    data_changed();
    json docs = json::array();
    for (std::size_t i = 0; i < ids.size() && i < reading.documents.size(); ++i) {
      const auto& rd = reading.documents[i];
      std::size_t projects = 0;
      for (const auto& u : rd.document.units) projects += u.projects.size();
      docs.push_back({{"id", ids[i]},
                      {"title", opt(rd.document.title)},
                      {"department", opt(rd.document.department)},
                      {"year", opt(rd.document.year)},
                      {"projects", projects},
                      {"findings",
                       {{"error", check::count_severity(rd.findings, Severity::Error)},
                        {"warning", check::count_severity(rd.findings, Severity::Warning)},
                        {"notice", check::count_severity(rd.findings, Severity::Notice)}}}});
    }
    send_json(res, 201,
              {{"name", shown_name},
               {"documents", docs},
               {"error", reading.error.empty() ? json(nullptr) : json(reading.error)}});
  } catch (const store::StoreError& e) {
    writer.reset();
    send_error(res, 500, "store_error", e.what());
  }
}

void Server::Impl::routes() {
  auto id_of = [](const httplib::Request& req) {
    const std::string& m = req.matches[1].str();
    if (m.size() > 15) throw HttpError{404, "not_found", "no such document"};
    return std::stoll(m);
  };

  http.Get("/api/config", [this](const httplib::Request&, httplib::Response& res) {
    json accept = json::array();
    for (const char* a : kAccepted) accept.push_back(a);
    send_json(res, 200,
              {{"upload", options.allow_upload},
               {"token_required", options.allow_upload && !options.token.empty()},
               {"max_upload_bytes", options.max_upload_bytes},
               {"accept", accept}});
  });
  http.Get("/api/overview", [this](const httplib::Request& req, httplib::Response& res) {
    with_store(req, res, [&](store::Store& s, const Params&) { overview(s, res); });
  });
  http.Get("/api/facets", [this](const httplib::Request& req, httplib::Response& res) {
    with_store(req, res, [&](store::Store& s, const Params&) { facets(s, res); });
  });
  http.Get("/api/documents", [this](const httplib::Request& req, httplib::Response& res) {
    cached(req, res, [&](store::Store& s, const Params& p) {
      const Paging g = paging(p, 20);
      auto page = s.documents(filter(p), g.store_page());
      json items = json::array();
      for (const auto& d : page.rows) items.push_back(document_row_json(d));
      send_json(res, 200, page_json(page.total, g, std::move(items)));
    });
  });
  http.Get(R"(/api/documents/(\d+))", [this, id_of](const httplib::Request& req, httplib::Response& res) {
    cached(req, res, [&](store::Store& s, const Params&) { document(s, id_of(req), res); });
  });
  http.Get(R"(/api/documents/(\d+)/source)",
           [this, id_of](const httplib::Request& req, httplib::Response& res) {
             with_store(req, res, [&](store::Store& s, const Params& p) { source(s, id_of(req), p, res); });
           });
  for (const auto& [path, format] : {std::pair{"/api/search", "json"}, std::pair{"/api/search.csv", "csv"},
                                     std::pair{"/api/search.xlsx", "xlsx"}}) {
    const std::string f = format;
    http.Get(path, [this, f](const httplib::Request& req, httplib::Response& res) {
      auto run = [&](store::Store& s, const Params& p) { search(s, p, res, f); };
      if (f == "json") return cached(req, res, run);
      with_store(req, res, run);
    });
  }
  http.Get("/api/compare", [this](const httplib::Request& req, httplib::Response& res) {
    cached(req, res, [&](store::Store& s, const Params& p) { compare(s, p, res); });
  });
  http.Get("/api/compare/names", [this](const httplib::Request& req, httplib::Response& res) {
    with_store(req, res, [&](store::Store& s, const Params& p) { compare_names(s, p, res); });
  });
  http.Post("/api/upload", [this](const httplib::Request& req, httplib::Response& res) {
    try {
      upload(req, res);
    } catch (const std::exception& e) {
      send_error(res, 500, "internal", e.what());
    }
  });

  // Everything else: an embedded asset, else 404 (JSON under /api).
  http.Get(R"(/.*)", [](const httplib::Request& req, httplib::Response& res) {
    if (req.path.rfind("/api/", 0) == 0 || req.path == "/api") {
      return send_error(res, 404, "not_found", "no such API endpoint (see the README's API section)");
    }
    const Asset* asset = find_asset(req.path == "/" ? "/index.html" : req.path);
    if (!asset) {
      res.status = 404;
      res.set_content("not found\n", "text/plain; charset=utf-8");
      return;
    }
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'");
    res.set_content(std::string(asset->bytes), std::string(asset->content_type));
  });

  // Requests the router has no handler for (other methods, bad paths) and
  // httplib's own refusals (413 too large …) still answer in JSON.
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    const bool api = req.path.rfind("/api", 0) == 0;
    if (!api && res.status == 404) {
      res.set_content("not found\n", "text/plain; charset=utf-8");
      return;
    }
    const int status = res.status;
    const std::string code = status == 413   ? "too_large"
                             : status == 404 ? "not_found"
                             : status == 405 ? "method_not_allowed"
                                             : "bad_request";
    const std::string message = status == 413   ? "the request is larger than the server accepts"
                                : status == 404 ? "no such API endpoint (see the README's API section)"
                                : status == 414 ? "the address is too long"
                                                : "the request could not be read";
    send_error(res, status, code, message);
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, const std::exception_ptr& ep) {
    std::string what = "unexpected error";
    try {
      std::rethrow_exception(ep);
    } catch (const HttpError& e) {
      return send_error(res, e.status, e.code, e.message);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    send_error(res, 500, "internal", what);
  });
}

Server::Server(ServeOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  ServeOptions& o = impl_->options;
  if (std::string why = validate(o); !why.empty()) throw std::runtime_error(why);
  store::prepare_for_concurrent_queries();  // before the first connection, or it cannot take effect
  if (o.uploads_dir.empty())
    o.uploads_dir = store::is_postgres_url(o.db) ? "jixiao-uploads" : o.db + ".uploads";
  // With uploads on, an empty database is fine (uploads fill it): create the
  // schema. Without, the database must already hold jixiao tables.
  if (o.allow_upload) impl_->writer = store::Store::open(o.db, store::OpenMode::ReadWrite);
  // Every reader opened and used once now: a bad --db fails at start, not on
  // the first request, and the first burst of searches finds the connections
  // ready. Measured (bench/serve_load.sh, every search computed): the first
  // searches on fresh connections took 6-38 ms instead of 0.6-3 ms while the
  // other connections' searches queued behind them. A search of each shape
  // (no text, text through each substring index) opens the tables and
  // indexes a search reads; the word is any word.
  impl_->pool.warm([count_limit = o.count_limit](store::Store& s) {
    s.generation();
    store::Page page;
    page.count_limit = count_limit;
    store::Filter f;
    s.projects(f, page);
    s.indicators(f, page);
    f.text = "指标";
    s.projects(f, page);
    s.indicators(f, page);
    f.qualitative_only = true;
    s.indicators(f, page);
  });
  const int threads = o.threads > 0 ? o.threads : 64;
  impl_->http.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<std::size_t>(threads));
  };
  impl_->http.set_payload_max_length(o.max_upload_bytes + std::uint64_t{64} * 1024);  // room for the multipart framing
  // A response goes out in more than one write (headers, then the body). With
  // Nagle's algorithm on, the body waits for the client's ACK of the headers,
  // which a keep-alive client delays by up to 40 ms: measured, every cached
  // search then took 43 ms at the median under load instead of about 2.
  impl_->http.set_tcp_nodelay(true);
  // The listening socket: httplib's usual options (address reuse), and its
  // descriptor noted so that bind() can lengthen the accept queue.
  impl_->http.set_socket_options([impl = impl_.get()](socket_t sock) {
    httplib::default_socket_options(sock);
    impl->listen_fd = sock;
  });
  impl_->http.set_keep_alive_max_count(1000);
  impl_->http.set_read_timeout(30, 0);
  impl_->routes();
}

Server::~Server() = default;

bool Server::bind(std::string& error) {
  const ServeOptions& o = impl_->options;
  if (o.port == 0) {
    impl_->bound_port = impl_->http.bind_to_any_port(o.host.c_str());
  } else {
    impl_->bound_port = impl_->http.bind_to_port(o.host.c_str(), o.port) ? o.port : -1;
  }
  if (impl_->bound_port <= 0) {
    error = fmt::format("cannot listen on {}:{} (address in use, or not an address of this machine)", o.host,
                        o.port);
    return false;
  }
  // httplib (Debian's shared build) listens with a backlog of 5. When more
  // clients connect at once than the server has accepted, the kernel drops
  // their SYNs (or the handshake's last ACK) and they try again after 1 s,
  // then 3 s: measured, the 50 connections wrk opens at the start of a load
  // run overflowed that queue up to 270 times, and runs had a p99 of 0.1 to
  // 4.7 s (README, issue 8). listen() again on the bound socket only
  // lengthens the queue (the kernel caps it at net.core.somaxconn).
  if (impl_->listen_fd < 0 || ::listen(impl_->listen_fd, kListenBacklog) != 0) {
    error = fmt::format("cannot set the accept queue of {}:{}", o.host, impl_->bound_port);
    return false;
  }
  return true;
}

int Server::port() const { return impl_->bound_port; }
void Server::run() { impl_->http.listen_after_bind(); }
void Server::stop() { impl_->http.stop(); }

}  // namespace jixiao::serve
