// The server over real HTTP on loopback: API answers, hostile query strings,
// path traversal, and every way an upload can be wrong.
#include "serve/server.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "serve/export.hpp"
#include "serve/upload_check.hpp"

namespace jixiao::serve {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path seed(int n) {
  std::vector<fs::path> seeds;
  for (const auto& e : fs::directory_iterator(fs::path(JIXIAO_TEST_DATA) / "corpus/seeds"))
    seeds.push_back(e.path());
  std::sort(seeds.begin(), seeds.end());
  return seeds.at(static_cast<std::size_t>(n));
}

// A server on a fresh database in its own thread, stopped at the end.
class Running {
 public:
  explicit Running(ServeOptions o) {
    dir_ = fs::temp_directory_path() /
           ("jixiao-serve-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    if (o.db == ServeOptions{}.db) o.db = (dir_ / "t.db").string();  // else: a database given by the test
    o.port = 0;
    options_ = o;
    server_ = std::make_unique<Server>(o);
    std::string error;
    if (!server_->bind(error)) throw std::runtime_error(error);
    thread_ = std::thread([this] { server_->run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(30, 0);
  }
  ~Running() {
    server_->stop();
    thread_.join();
    fs::remove_all(dir_);
  }
  httplib::Client& client() { return *client_; }
  const fs::path& dir() const { return dir_; }
  int port() const { return server_->port(); }
  fs::path uploads() const { return fs::path(options_.db + ".uploads"); }
  const ServeOptions& options() const { return options_; }

  httplib::Result upload(const std::string& name, const std::string& bytes, const std::string& token = "") {
    httplib::MultipartFormDataItems items = {{"file", bytes, name, "application/octet-stream"}};
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    return client_->Post("/api/upload", headers, items);
  }

 private:
  static inline int counter_ = 0;
  fs::path dir_;
  ServeOptions options_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

json body_of(const httplib::Result& r) { return json::parse(r->body); }

// Every error answer is JSON naming its status.
void expect_error(const httplib::Result& r, int status, const std::string& what) {
  ASSERT_TRUE(r) << what;
  EXPECT_EQ(r->status, status) << what << ": " << r->body;
  json j = json::parse(r->body, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << what << ": not JSON: " << r->body;
  EXPECT_EQ(j["error"]["status"], status) << what;
  EXPECT_FALSE(j["error"]["message"].get<std::string>().empty()) << what;
}

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServeOptions o;
    o.allow_upload = true;
    server_ = new Running(o);
    for (int i = 0; i < 3; ++i) {
      auto r = server_->upload(seed(i).filename().string(), slurp(seed(i)));
      ASSERT_TRUE(r);
      ASSERT_EQ(r->status, 201) << r->body;
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static Running* server_;
  httplib::Client& client() { return server_->client(); }
};
Running* ServeTest::server_ = nullptr;

TEST_F(ServeTest, OverviewCountsWhatWasIngested) {
  auto r = client().Get("/api/overview");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json; charset=utf-8");
  json o = body_of(r);
  EXPECT_EQ(o["documents"], 3);
  EXPECT_EQ(o["departments"], 3);
  EXPECT_GT(o["projects"].get<int>(), 10);
  // Amounts are exact decimal text, never floating point.
  EXPECT_TRUE(o["totals"]["total"].is_string());
  EXPECT_NE(o["totals"]["total"].get<std::string>().find('.'), std::string::npos);
  EXPECT_GE(o["findings"]["warning"].get<int>(), 1);
  EXPECT_FALSE(o["quality_ranking"].empty());
}

TEST_F(ServeTest, SearchPagesAndCountsOverAllPages) {
  auto first = body_of(client().Get("/api/search?kind=indicators&per_page=5&page=1"));
  auto second = body_of(client().Get("/api/search?kind=indicators&per_page=5&page=2"));
  EXPECT_EQ(first["items"].size(), 5u);
  EXPECT_EQ(first["total"], second["total"]);
  EXPECT_GT(first["total"].get<int>(), 10);
  EXPECT_NE(first["items"][0]["name"], second["items"][0]["name"]);
}

// Search answers are written as text (json_text.hpp), not through a json
// tree: they must read back whole and be exactly what the JSON library
// writes for the same value, as every other answer is.
TEST_F(ServeTest, SearchAnswersAreWrittenAsTheJsonLibraryWritesThem) {
  using ojson = nlohmann::ordered_json;
  for (const char* path :
       {"/api/search?kind=projects&per_page=30", "/api/search?kind=indicators&per_page=200",
        "/api/search?kind=indicators&qualitative=1&page=2&per_page=3",
        "/api/search?kind=indicators&q=%E7%8E%87"}) {
    auto r = client().Get(path);
    ASSERT_TRUE(r) << path;
    ASSERT_EQ(r->status, 200) << path;
    const ojson j = ojson::parse(r->body);
    EXPECT_EQ(j.dump(-1, ' ', false, ojson::error_handler_t::replace), r->body) << path;
    ASSERT_FALSE(j["items"].empty()) << path;
    EXPECT_TRUE(j["items"][0].contains(
        std::string(path).find("indicators") != std::string::npos ? "annual_number" : "amounts"));
  }
}

// Fewer read connections than requests at once: the rest wait their turn
// and are all answered.
TEST_F(ServeTest, RequestsBeyondTheReadConnectionsWaitTheirTurn) {
  ServeOptions o;
  o.db = (server_->dir() / "t.db").string();
  o.store_connections = 1;
  o.cache_entries = 0;
  Running one(o);
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", one.port());
      for (int i = 0; i < 5; ++i) {
        auto r = c.Get(fmt::format("/api/search?kind=indicators&per_page=3&page={}", t + i + 1));
        if (r && r->status == 200) ++ok;
      }
    });
  }
  for (auto& c : clients) c.join();
  EXPECT_EQ(ok.load(), 40);
}

// More clients connecting at once than httplib's own accept queue holds (5)
// are held by the kernel until the server accepts them, not dropped: a
// dropped connection retries after 1 s, then 3 s, and those waits were the
// p99 of the load test (bench/serve_load.sh, 50 connections at once).
TEST_F(ServeTest, ABurstOfConnectionsIsQueuedNotDropped) {
  ServeOptions o;
  o.db = (server_->dir() / "t.db").string();
  o.port = 0;
  Server idle(o);  // bound and never run: nothing accepts
  std::string error;
  ASSERT_TRUE(idle.bind(error)) << error;
  constexpr int kBurst = 64;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(idle.port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::vector<int> fds;
  for (int i = 0; i < kBurst; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    ASSERT_GE(fd, 0);
    fds.push_back(fd);
    ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr);  // in progress
  }
  // A connection the kernel queued completes at once; one it dropped stays
  // in progress (its retry is 1 s away, and the queue stays full).
  std::vector<bool> done(kBurst, false);
  int connected = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (std::count(done.begin(), done.end(), true) < kBurst && std::chrono::steady_clock::now() < deadline) {
    std::vector<pollfd> waiting;
    std::vector<int> which;
    for (int i = 0; i < kBurst; ++i) {
      if (!done[i]) {
        waiting.push_back({fds[i], POLLOUT, 0});
        which.push_back(i);
      }
    }
    if (::poll(waiting.data(), waiting.size(), 100) <= 0) continue;
    for (std::size_t k = 0; k < waiting.size(); ++k) {
      if (waiting[k].revents == 0) continue;
      int err = 0;
      socklen_t len = sizeof err;
      ::getsockopt(waiting[k].fd, SOL_SOCKET, SO_ERROR, &err, &len);
      done[which[k]] = true;
      if (err == 0) ++connected;
    }
  }
  for (int fd : fds) ::close(fd);
  EXPECT_EQ(connected, kBurst) << "connections the kernel dropped instead of queueing";
}

// With --count-limit a search counts up to the limit (or the end of the
// page asked for, if further) and says "more"; an export is never capped.
TEST_F(ServeTest, SearchCountsUpToTheLimitThenSaysMore) {
  auto exact = body_of(client().Get("/api/search?kind=indicators&per_page=1"));
  const int all = exact["total"];
  ASSERT_GT(all, 12);
  EXPECT_EQ(exact["more"], false);
  ServeOptions o;
  o.db = (server_->dir() / "t.db").string();
  o.count_limit = 5;
  o.cache_entries = 0;
  Running capped(o);
  auto first = body_of(capped.client().Get("/api/search?kind=indicators&per_page=2&page=1"));
  EXPECT_EQ(first["total"], 5);
  EXPECT_EQ(first["more"], true);
  EXPECT_EQ(first["items"].size(), 2u);
  auto fifth = body_of(capped.client().Get("/api/search?kind=indicators&per_page=2&page=5"));
  EXPECT_EQ(fifth["total"], 10) << "the count reaches the page shown";
  EXPECT_EQ(fifth["more"], true);
  auto whole = body_of(capped.client().Get("/api/search?kind=indicators&per_page=500"));
  EXPECT_EQ(whole["total"], all);
  EXPECT_EQ(whole["more"], false);
  const int projects = body_of(client().Get("/api/search?kind=projects"))["total"];
  ASSERT_GT(projects, 5);
  auto csv = capped.client().Get("/api/search.csv?kind=projects");
  ASSERT_TRUE(csv);
  EXPECT_EQ(std::count(csv->body.begin(), csv->body.end(), '\n'), projects + 1) << "header and every match";
}

// By default a search counts five pages of the workbench's 50 rows
// (server.hpp), as the README and the API docs say: with more matches than
// that it answers 250 and "more", whatever the page length up to 250.
TEST(ServeDefaults, SearchesCountFivePagesOfFifty) {
  ServeOptions o;
  o.allow_upload = true;
  o.cache_entries = 0;
  Running s(o);
  for (int i = 0; i < 5; ++i) {  // every seed: 264 indicators
    auto r = s.upload(seed(i).filename().string(), slurp(seed(i)));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 201) << r->body;
  }
  ServeOptions all = o;
  all.db = s.options().db;
  all.allow_upload = false;
  all.count_limit = 0;
  Running exact(all);
  const int indicators = body_of(exact.client().Get("/api/search?kind=indicators&per_page=1"))["total"];
  ASSERT_GT(indicators, 250) << "the test needs more matches than the limit";
  ASSERT_LE(indicators, 300);
  for (const char* page : {"per_page=50&page=1", "per_page=50&page=5", "per_page=1&page=1"}) {
    auto b = body_of(s.client().Get(std::string("/api/search?kind=indicators&") + page));
    EXPECT_EQ(b["total"], 250) << page;
    EXPECT_EQ(b["more"], true) << page;
  }
  auto sixth = body_of(s.client().Get("/api/search?kind=indicators&per_page=50&page=6"));
  EXPECT_EQ(sixth["total"], indicators) << "past the limit the count reaches the page shown, here the end";
  EXPECT_EQ(sixth["more"], false);
  auto whole = body_of(s.client().Get("/api/search?kind=indicators&per_page=500"));
  EXPECT_EQ(whole["total"], indicators);
  EXPECT_EQ(whole["more"], false);
}

TEST_F(ServeTest, TextFiltersAreLiteralNotSqlOrPatterns) {
  const int projects = body_of(client().Get("/api/search?kind=projects"))["total"];
  // SQL in a parameter is text to look for: nothing matches, nothing breaks.
  for (const char* hostile :
       {"%27%3B%20DROP%20TABLE%20projects%3B%20--", "1%27%20OR%20%271%27%3D%271", "%22%29%20OR%201%3D1%20--",
        "_",  // '_' would match everything as a LIKE pattern
        "%5C", "%E7%89%A9%E4%B8%9A%25%27"}) {
    auto r = client().Get(std::string("/api/search?kind=projects&q=") + hostile);
    ASSERT_TRUE(r) << hostile;
    ASSERT_EQ(r->status, 200) << hostile << ": " << r->body;
    EXPECT_EQ(body_of(r)["total"], 0) << hostile;
  }
  // '%' is a literal percent sign (goals print "≥95%"), not "anything".
  EXPECT_LT(body_of(client().Get("/api/search?kind=projects&q=%25"))["total"].get<int>(), projects);
  EXPECT_EQ(body_of(client().Get("/api/search?kind=projects"))["total"], projects)
      << "the table is still whole";
  // A real substring still matches.
  EXPECT_GT(body_of(client().Get("/api/search?kind=projects&q=%E7%89%A9%E4%B8%9A"))["total"].get<int>(), 0);
}

TEST_F(ServeTest, BadParametersAreRefusedWith400) {
  const std::vector<std::string> bad = {
      "/api/search?page=0",
      "/api/search?page=-1",
      "/api/search?page=abc",
      "/api/search?page=99999999999999999999",
      "/api/search?per_page=100000",
      "/api/search?year=2023%20OR%201%3D1",
      "/api/search?year=1e3",
      "/api/search?kind=users",
      "/api/search?qualitative=maybe",
      "/api/search?q=%FF%FE",  // not UTF-8
      "/api/search?q=a%00b",   // NUL
      "/api/search?q=a%0Ab",   // control character
      "/api/search?q=" + std::string(300, 'x'),
      "/api/documents/1/source?from=10&to=5",
      "/api/documents/1/source?from=1&to=100000",
      "/api/compare?kind=indicator",  // no name
      "/api/compare/names?limit=100000",
  };
  for (const auto& url : bad) expect_error(client().Get(url), 400, url);
}

TEST_F(ServeTest, UnknownThingsAre404AndJsonUnderApi) {
  expect_error(client().Get("/api/nothing"), 404, "unknown endpoint");
  expect_error(client().Get("/api/documents/999999"), 404, "unknown document");
  expect_error(client().Get("/api/documents/99999999999999999999"), 404, "id too long");
  expect_error(client().Get("/api/documents/999999/source"), 404, "unknown document source");
  expect_error(client().Delete("/api/documents/1"), 404, "no delete");
}

TEST_F(ServeTest, StaticFilesComeOnlyFromTheEmbeddedAssets) {
  auto index = client().Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_NE(index->body.find("/app.js"), std::string::npos);
  EXPECT_EQ(client().Get("/app.js")->status, 200);
  EXPECT_EQ(client().Get("/app.css")->get_header_value("Content-Type"), "text/css; charset=utf-8");
  for (const char* path :
       {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
        "/app.js/../../../etc/passwd", "//etc/passwd", "/%2fetc%2fpasswd", "/etc/passwd",
        "/....//....//etc/passwd", "/index.html%00.png", "/CMakeLists.txt", "/src/serve/server.cpp"}) {
    auto r = client().Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_NE(r->status, 200) << path;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << path;
  }
}

TEST_F(ServeTest, DocumentCarriesFindingsAndSourceLines) {
  auto list = body_of(client().Get("/api/documents?per_page=1"));
  ASSERT_EQ(list["items"].size(), 1u);
  const int id = list["items"][0]["id"];
  auto doc = body_of(client().Get("/api/documents/" + std::to_string(id)));
  EXPECT_EQ(doc["document"]["format"], "jixiao/1");
  ASSERT_FALSE(doc["findings"].empty());
  // A finding's lines can be fetched and are the lines of the source file.
  json located;
  for (const auto& f : doc["findings"]) {
    if (!f["where"]["first_line"].is_null()) {
      located = f;
      break;
    }
  }
  ASSERT_FALSE(located.is_null());
  const int line = located["where"]["first_line"];
  auto src = body_of(client().Get(fmt::format("/api/documents/{}/source?from={}&to={}", id, line, line)));
  ASSERT_EQ(src["lines"].size(), 1u);
  EXPECT_EQ(src["lines"][0]["n"], line);
}

TEST_F(ServeTest, CsvAndXlsxExportsOfASearch) {
  auto csv = client().Get("/api/search.csv?kind=indicators&per_page=7&page=1");
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(std::count(csv->body.begin(), csv->body.end(), '\n'), 8) << "header and the 7 rows of that page";
  EXPECT_NE(csv->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  auto all = client().Get("/api/search.csv?kind=projects");
  const int projects = body_of(client().Get("/api/search?kind=projects"))["total"];
  EXPECT_EQ(std::count(all->body.begin(), all->body.end(), '\n'), projects + 1) << "no page: every match";
  auto xlsx = client().Get("/api/search.xlsx?kind=projects&page=1");
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->body.substr(0, 4), std::string("PK\x03\x04", 4));
}

TEST_F(ServeTest, AnUploadIsSeenAtOnceDespiteTheResponseCache) {
  const std::string url = "/api/search?kind=projects&per_page=5";
  const int before = body_of(client().Get(url))["total"];
  auto again = client().Get(url);
  EXPECT_EQ(again->get_header_value("X-Jixiao-Cache"), "hit");
  auto r = server_->upload(seed(4).filename().string(), slurp(seed(4)));
  ASSERT_EQ(r->status, 201) << r->body;
  auto after = client().Get(url);
  EXPECT_EQ(after->get_header_value("X-Jixiao-Cache"), "");
  EXPECT_GT(body_of(after)["total"].get<int>(), before);
}

TEST_F(ServeTest, UploadRefusalsSayWhy) {
  expect_error(server_->upload("a.pdf", "this is not a pdf"), 415, "text named .pdf");
  expect_error(server_->upload("a.txt", std::string("%PDF-1.4\n", 9)), 415, "PDF named .txt");
  expect_error(server_->upload("a.xlsx", std::string("PK\x03\x04garbage", 11)), 415,
               "zip that is not office");
  expect_error(server_->upload("a.txt", std::string("\x00\x01\x02\xff\xfe", 5)), 415, "binary text");
  expect_error(server_->upload("a.exe", "MZ\x90"), 415, "executable");
  expect_error(server_->upload("a.txt", ""), 415, "empty");
  expect_error(server_->upload("notes.txt", "只是一段说明文字，没有表格。\n"), 422, "text without a table");
  // Not multipart, or no field named file.
  expect_error(client().Post("/api/upload", "raw body", "text/plain"), 400, "not multipart");
  httplib::MultipartFormDataItems wrong_field = {{"document", "x", "a.txt", "text/plain"}};
  expect_error(client().Post("/api/upload", wrong_field), 400, "wrong field");
}

TEST_F(ServeTest, UploadNamesCannotLeaveTheUploadFolder) {
  const fs::path outside = server_->dir() / "evil.txt";
  for (const char* name : {"../evil.txt", "..\\..\\evil.txt", "/tmp/../evil.txt", "..", ".hidden.txt"}) {
    auto r = server_->upload(name, slurp(seed(3)));
    ASSERT_TRUE(r) << name;
    EXPECT_EQ(r->status, 201) << name << ": " << r->body;
  }
  EXPECT_FALSE(fs::exists(outside));
  EXPECT_FALSE(fs::exists(server_->dir().parent_path() / "evil.txt"));
  for (const auto& e : fs::directory_iterator(server_->uploads())) {
    const std::string n = e.path().filename().string();
    EXPECT_NE(n.front(), '.') << n;
    EXPECT_EQ(n.find('/'), std::string::npos) << n;
  }
}

TEST(ServeUpload, TokenWhenSet) {
  ServeOptions o;
  o.allow_upload = true;
  o.token = "s3cret-token";
  Running with_token(o);
  expect_error(with_token.upload("a.txt", slurp(seed(0))), 401, "no token");
  expect_error(with_token.upload("a.txt", slurp(seed(0)), "wrong"), 401, "wrong token");
  expect_error(with_token.upload("a.txt", slurp(seed(0)), "s3cret-tokeN"), 401, "near token");
  auto ok = with_token.upload("a.txt", slurp(seed(0)), "s3cret-token");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 201) << ok->body;
}

TEST(ServeUpload, OffUnlessAllowed) {
  const fs::path db = fs::temp_directory_path() / ("jixiao-serve-off-" + std::to_string(::getpid()) + ".db");
  fs::remove(db);
  {
    ServeOptions read_only;
    read_only.db = db.string();
    EXPECT_THROW(Server{read_only}, std::exception) << "no tables and no uploads: nothing to serve";
  }
  {
    ServeOptions writable;
    writable.db = db.string();
    writable.allow_upload = true;
    Running filled(writable);
    auto r = filled.upload("a.txt", slurp(seed(0)));
    ASSERT_EQ(r->status, 201);
  }
  ServeOptions read_only;
  read_only.db = db.string();
  Running server(read_only);
  expect_error(server.upload("a.txt", slurp(seed(1))), 403, "uploads off");
  EXPECT_EQ(body_of(server.client().Get("/api/overview"))["documents"], 1) << "nothing was written";
  fs::remove(db);
  fs::remove_all(db.string() + ".uploads");
  fs::remove(db.string() + "-wal");
  fs::remove(db.string() + "-shm");
}

TEST(ServeUpload, TooLargeIs413) {
  ServeOptions o;
  o.allow_upload = true;
  o.max_upload_bytes = 4096;
  Running small(o);
  expect_error(small.upload("big.txt", std::string(8192, 'a')), 413, "over the limit");
  expect_error(small.upload("big.txt", std::string(200000, 'a')), 413, "far over the limit");
}

TEST(ServeOptionsCheck, NonLoopbackUploadNeedsAToken) {
  ServeOptions o;
  o.host = "0.0.0.0";
  o.allow_upload = true;
  EXPECT_NE(validate(o), "");
  o.token = "t";
  EXPECT_EQ(validate(o), "");
  o.host = "127.0.0.1";
  o.token.clear();
  EXPECT_EQ(validate(o), "");
  EXPECT_TRUE(is_loopback("127.0.0.1"));
  EXPECT_TRUE(is_loopback("127.1.2.3"));
  EXPECT_TRUE(is_loopback("::1"));
  EXPECT_TRUE(is_loopback("localhost"));
  EXPECT_FALSE(is_loopback("0.0.0.0"));
  EXPECT_FALSE(is_loopback("192.168.1.2"));
  EXPECT_FALSE(is_loopback("::"));
}

TEST(UploadCheck, TypesByFirstBytes) {
  struct Case {
    const char* name;
    std::string bytes;
    const char* extension;  // "" = refused
  } cases[] = {
      {"a.pdf", "%PDF-1.7\n...", ".pdf"},
      {"A.PDF", "%PDF-1.7\n...", ".pdf"},
      {"a.docx", std::string("PK\x03\x04....word/document.xml", 26), ".docx"},
      {"a.xlsx", std::string("PK\x03\x04....xl/workbook.xml", 24), ".xlsx"},
      {"a.docx", std::string("PK\x03\x04....xl/workbook.xml", 24), ""},
      {"a.txt", "部门名称：某部门\n", ".txt"},
      {"a", "部门名称：某部门\n", ".txt"},
      {"a.txt", "\xb2\xbf\xc3\xc5\xc3\xfb\xb3\xc6\n", ".txt"},  // GBK 部门名称
      {"a.txt", std::string("a\0b", 3), ""},
      {"a.pdf", "plain", ""},
      {"a.html", "<html>", ""},
      {"a.txt", "", ""},
  };
  for (const auto& c : cases) {
    UploadType t = classify_upload(c.name, c.bytes);
    EXPECT_EQ(t.extension, c.extension) << c.name << " " << t.error;
    EXPECT_EQ(t.ok(), std::string(c.extension) != "") << c.name;
  }
}

TEST(UploadCheck, SafeFileNames) {
  EXPECT_EQ(safe_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(safe_file_name("..\\..\\win.ini"), "win.ini");
  EXPECT_EQ(safe_file_name(".."), "upload");
  EXPECT_EQ(safe_file_name(".bashrc"), "bashrc");
  EXPECT_EQ(safe_file_name("a\nb\x01"
                           "c.txt"),
            "abc.txt");
  EXPECT_EQ(safe_file_name("部门 2023.txt"), "部门 2023.txt");
  EXPECT_EQ(safe_file_name(""), "upload");
  EXPECT_EQ(safe_file_name("\xff\xfe.txt"), "txt");
  const std::string long_name = safe_file_name(std::string(100, 'x') + "部门");
  EXPECT_LE(long_name.size(), 80u);
  for (const char* n : {"a/../b", "x/..", "../", "....//"}) {
    const std::string s = safe_file_name(n);
    EXPECT_EQ(s.find('/'), std::string::npos) << n;
    EXPECT_NE(s.front(), '.') << n;
  }
}

TEST(Export, CsvQuotesAndDefusesFormulas) {
  Table t;
  t.columns = {{"名称"}, {"总计", true}};
  t.rows = {{"=HYPERLINK(\"x\")", "-12.50"}, {"a,b", "1.00"}, {"+1", ""}, {"line\nbreak", "3"}};
  const std::string csv = to_csv(t);
  EXPECT_EQ(csv,
            "\xEF\xBB\xBF名称,总计\r\n\"'=HYPERLINK(\"\"x\"\")\",-12.50\r\n\"a,b\",1.00\r\n'+1,"
            "\r\n\"line\nbreak\",3\r\n");
}

}  // namespace
}  // namespace jixiao::serve
