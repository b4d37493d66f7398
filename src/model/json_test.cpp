#include "model/json.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace jixiao::testing {
namespace {

TEST(JsonWriter, WritesValidJsonThatReadsBackToTheSameDocument) {
  for (const Seed& s : seeds()) {
    Document doc = parse_text(s.text, s.stem);
    for (int indent : {-1, 2}) {
      std::string text = json_text(doc, {}, indent);
      nlohmann::json parsed = nlohmann::json::parse(text);  // throws on invalid JSON
      Document again = document_from_json(parsed);
      EXPECT_EQ(json_text(again, {}, indent), text) << s.stem;
    }
    JsonOptions full{true, true};
    nlohmann::json with_extras = nlohmann::json::parse(json_text(doc, full));
    EXPECT_TRUE(with_extras.contains("diagnostics")) << s.stem;
    EXPECT_TRUE(with_extras["units"][0]["projects"][0].contains("source")) << s.stem;
  }
}

TEST(JsonWriter, EscapesWhatJsonRequiresAndReplacesInvalidBytes) {
  Document doc;
  doc.title = std::string("引号\"反斜杠\\换行\n制表\t控制\x01结束");
  doc.department = std::string("坏字节\xff在此");
  std::string text = json_text(doc, {}, -1);
  nlohmann::json j = nlohmann::json::parse(text);
  EXPECT_EQ(j["title"], *doc.title);
  EXPECT_EQ(j["department"], "坏字节\xEF\xBF\xBD在此");
  EXPECT_EQ(text.find('\n'), std::string::npos) << "compact output is one line";
}

TEST(JsonWriter, RejectsWhatIsNotJixiao1) {
  EXPECT_THROW(document_from_json(nlohmann::json::parse(R"({"format":"other/2"})")),
               nlohmann::json::exception);
}

TEST(JsonWriter, AnAmountThatIsNotADecimalIsReportedAndTheRestKept) {
  Document doc = document_from_json(nlohmann::json::parse(
      R"({"format":"jixiao/1","units":[{"name":"u","projects":[)"
      R"({"name":"p","amounts":{"total":"1.2.3","fiscal":"4.50"}}]}]})"));
  ASSERT_EQ(doc.units.size(), 1u);
  ASSERT_EQ(doc.units[0].projects.size(), 1u);
  const Project& p = doc.units[0].projects[0];
  EXPECT_EQ(p.name, "p");
  EXPECT_FALSE(p.amounts.total.has_value());
  ASSERT_TRUE(p.amounts.fiscal.has_value());
  EXPECT_EQ(p.amounts.fiscal->to_string(), "4.50");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].severity, Severity::Error);
  EXPECT_EQ(doc.diagnostics[0].code, "amount.not-decimal");
  EXPECT_NE(doc.diagnostics[0].message.find("unit 1 project 1 total"), std::string::npos)
      << doc.diagnostics[0].message;
  EXPECT_NE(doc.diagnostics[0].message.find("1.2.3"), std::string::npos);
}

// Page boxes are the one place a double is written; they must land inside
// the JSON where they belong, not ahead of the buffered text.
TEST(JsonWriter, PageBoxesAreWrittenInPlace) {
  Document doc;
  doc.title = "t";
  Unit u;
  u.name = "u";
  u.span.first_line = 3;
  u.span.last_line = 4;
  u.span.page = 2;
  u.span.x0 = 10.25;
  u.span.y0 = 20;
  u.span.x1 = 300.5;
  u.span.y1 = 40;
  doc.units.push_back(u);
  JsonOptions with_source;
  with_source.with_provenance = true;
  for (int indent : {-1, 2}) {
    const std::string text = json_text(doc, with_source, indent);
    nlohmann::json j = nlohmann::json::parse(text);  // throws if a figure escaped the buffer
    const nlohmann::json& box = j["units"][0]["source"]["bbox"];
    ASSERT_EQ(box.size(), 4u) << text;
    EXPECT_DOUBLE_EQ(box[0].get<double>(), 10.2);  // one decimal: printed as %.1f
    EXPECT_DOUBLE_EQ(box[2].get<double>(), 300.5);
    EXPECT_EQ(j["units"][0]["source"]["page"], 2);
  }
}

}  // namespace
}  // namespace jixiao::testing
