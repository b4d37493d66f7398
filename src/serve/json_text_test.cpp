#include "serve/json_text.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace jixiao::serve {
namespace {

using ojson = nlohmann::ordered_json;

std::string library_dump(const ojson& j) { return j.dump(-1, ' ', false, ojson::error_handler_t::replace); }

// Every string is written as nlohmann writes it, escapes and bad bytes included.
TEST(JsonText, StringsAsTheLibraryWritesThem) {
  const std::string cases[] = {
      "",
      "plain",
      "资金支付完成率",
      "≥95%",
      "quote \" and backslash \\ here",
      std::string("nul\0byte", 8),
      "\b\f\n\r\t",
      "\x01\x1f\x7f",
      "mixed 中文\n\"x\"\\",
      "\xef\xbf\xbd is U+FFFD itself",
      "\xff bad lead byte",
      "truncated \xe4\xb8",
      "overlong \xc0\xaf slash",
      "surrogate \xed\xa0\x80 half",
      "tail \xe4",
  };
  for (const std::string& s : cases) {
    std::string out;
    put_json_string(out, s);
    EXPECT_EQ(out, library_dump(ojson(s))) << s;
  }
}

TEST(JsonText, ObjectsInTheOrderWritten) {
  std::string out;
  JsonObject o(out);
  o.integer("id", -42);
  o.text("name", std::optional<std::string>("名称"));
  o.text("none", std::optional<std::string>());
  o.integer("year", std::optional<int>());
  o.integer("count", std::optional<int>(7));
  o.boolean("more", true);
  o.key("items") += "[]";
  o.close();
  ojson j;
  j["id"] = -42;
  j["name"] = "名称";
  j["none"] = nullptr;
  j["year"] = nullptr;
  j["count"] = 7;
  j["more"] = true;
  j["items"] = ojson::array();
  EXPECT_EQ(out, library_dump(j));
}

}  // namespace
}  // namespace jixiao::serve
