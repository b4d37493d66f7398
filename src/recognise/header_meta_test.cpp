// read_department on the lines a table prints under its title, and the
// cheap test split_tables asks first: it may say "maybe" of a line that
// names no code, never "no" of one that does.
#include "recognise/header_meta.hpp"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

struct DepartmentCase {
  const char* text;
  const char* code;  // "" when read_department finds none
};

TEST(ReadDepartment, BudgetCodeOnlyWhereOneOpensTheText) {
  const DepartmentCase cases[] = {
      {"209101天津市河西区人民法院", "209101"},
      {"  209101天津市河西区人民法院  单位：万元", "209101"},
      {"[209]广州市某某局", "209"},
      {"（209）广州市某某局", "209"},
      {"【2091】某某局", "2091"},
      {"(209单位：万元", ""},  // the bracket closes nowhere once 单位 is cut off
      {"20910天津市", ""},     // five digits bare
      {"[20]某某局", ""},      // two in brackets
      {"1.对法院信息化系统及设备进行维护", ""},
      {"天津市河西区人民法院 209101", ""},
      {"单位：万元", ""},
      {"", ""},
      {"　209101某某局", "209101"},  // an ideographic space before it
  };
  for (const DepartmentCase& c : cases) {
    Document doc;
    read_department(c.text, doc);
    const std::string code = doc.department_code.value_or("");
    EXPECT_EQ(code, c.code) << c.text;
    // Never "no" where read_department finds a code.
    if (!code.empty()) EXPECT_TRUE(may_open_with_budget_code(c.text)) << c.text;
  }
  EXPECT_FALSE(may_open_with_budget_code("1.对法院信息化系统及设备进行维护"));
  EXPECT_FALSE(may_open_with_budget_code("天津市河西区人民法院 209101"));
  EXPECT_FALSE(may_open_with_budget_code("[20]某某局"));
  EXPECT_FALSE(may_open_with_budget_code(""));
}

// The amount unit is the one after the last 单位： (the name may hold the
// word itself).
TEST(ReadDepartment, TheUnitAfterTheLast单位Label) {
  Document doc;
  read_department("209101某某局 单位：处室 单位：万元", doc);
  EXPECT_EQ(doc.amount_unit, "万元");
  EXPECT_EQ(doc.department_code.value_or(""), "209101");
  EXPECT_EQ(doc.department.value_or(""), "某某局 单位：处室");
  Document ascii;
  read_department("209101某某局 单位:元", ascii);
  EXPECT_EQ(ascii.amount_unit, "元");
  EXPECT_EQ(ascii.department.value_or(""), "某某局");
}

}  // namespace
}  // namespace jixiao
