// Arithmetic rules: rows add across, children add down, the difference is exact.
#include <gtest/gtest.h>

#include "check/policy.hpp"
#include "check/test_builders.hpp"

namespace jixiao::check::testing {
namespace {

std::optional<Decimal> amount(const char* s) {
  if (!*s) return std::nullopt;
  return *Decimal::parse(s);
}

struct RowCase {
  const char *total, *fiscal, *special, *other;
  bool fires;
  const char* difference;
};

TEST(CheckArithmetic, ProjectRowAddsAcross) {
  const RowCase cases[] = {
      {"100", "60", "30", "10", false, ""},
      {"100.00", "100", "", "", false, ""},       // scale does not matter
      {"100", "", "", "", false, ""},             // nothing to add
      {"1300.16", "", "", "1300.16", false, ""},  // 其他资金 alone
      {"100", "60", "30", "9.99", true, "0.01"},
      {"10", "", "", "10.01", true, "-0.01"},
      {"2376.02", "1075.86", "", "1300.15", true, "0.01"},
  };
  for (const RowCase& c : cases) {
    Project p = good_project("项目");
    p.amounts = {amount(c.total), amount(c.fiscal), amount(c.special), amount(c.other)};
    Document d = document({p});
    d.units[0].amounts = p.amounts;  // keep the other sums true
    d.total = p.amounts;
    auto f = findings_of(d);
    SCOPED_TRACE(std::string(c.total) + " = " + c.fiscal + " + " + c.special + " + " + c.other);
    // The unit and 合计 rows repeat the project's figures, so they fire with it.
    EXPECT_EQ(count_rule(f, "sum.project-row"), c.fires ? 1 : 0) << rules_text(f);
    EXPECT_EQ(count_rule(f, "sum.unit-row"), c.fires ? 1 : 0);
    EXPECT_EQ(count_rule(f, "sum.total-row"), c.fires ? 1 : 0);
    if (c.fires) {
      const Finding* row = first_of(f, "sum.project-row");
      EXPECT_EQ(row->difference, c.difference);
      EXPECT_EQ(row->severity, Severity::Error);
      EXPECT_EQ(row->where.project_name, "项目");
      EXPECT_EQ(row->where.field, "total");
    }
    EXPECT_EQ(count_rule(f, "sum.projects-to-unit"), 0);
    EXPECT_EQ(count_rule(f, "sum.units-to-total"), 0);
  }
}

TEST(CheckArithmetic, ToleranceIsPolicy) {
  Project p = good_project("项目");
  p.amounts.fiscal = *Decimal::parse("99.99");
  Document d = document({p});
  EXPECT_EQ(count_rule(findings_of(d), "sum.project-row"), 1);
  Policy lenient = default_policy();
  std::string error;
  ASSERT_TRUE(apply_policy("sum-tolerance = 0.01\n", lenient, &error)) << error;
  EXPECT_EQ(count_rule(findings_of(d, lenient), "sum.project-row"), 0);
}

TEST(CheckArithmetic, ProjectsAddUpToTheirUnitPerColumn) {
  Document d = document({good_project("甲", "10.00"), good_project("乙", "20.50")});
  EXPECT_TRUE(findings_of(d).empty()) << rules_text(findings_of(d));

  d.units[0].amounts.fiscal = *Decimal::parse("30.40");  // unit row now wrong in 财政拨款 only
  d.units[0].amounts.total = *Decimal::parse("30.40");
  auto f = findings_of(d);
  ASSERT_EQ(count_rule(f, "sum.projects-to-unit"), 2) << rules_text(f);
  for (const auto& x : f) {
    if (x.rule == "sum.projects-to-unit") {
      EXPECT_EQ(x.difference, "-0.10");
      EXPECT_EQ(x.where.project, -1);
      EXPECT_EQ(x.where.unit, 0);
    }
  }
  // A unit printed without figures (the per-project layout) is not summed.
  d.units[0].amounts = {};
  d.total.reset();
  EXPECT_EQ(count_rule(findings_of(d), "sum.projects-to-unit"), 0);
}

TEST(CheckArithmetic, UnitsAddUpToTheTotal) {
  Document d = document({good_project("甲", "10.00")});
  Unit second;
  second.name = "第二单位";
  second.projects.push_back(good_project("乙", "5.25"));
  second.amounts.total = *Decimal::parse("5.25");
  second.amounts.fiscal = *Decimal::parse("5.25");
  d.units.push_back(second);
  d.total = Amounts{*Decimal::parse("15.25"), *Decimal::parse("15.25"), std::nullopt, std::nullopt};
  EXPECT_EQ(count_rule(findings_of(d), "sum.units-to-total"), 0);

  d.total->other = *Decimal::parse("1.00");  // a 其他资金 figure no unit has
  auto f = findings_of(d);
  ASSERT_EQ(count_rule(f, "sum.units-to-total"), 1) << rules_text(f);
  EXPECT_EQ(first_of(f, "sum.units-to-total")->where.field, "other");
  EXPECT_EQ(first_of(f, "sum.units-to-total")->difference, "1.00");
  EXPECT_EQ(count_rule(f, "sum.total-row"), 1);  // and the 合计 row no longer adds across

  // A unit without its own row counts with its projects' sum.
  d.total->other.reset();
  d.units[1].amounts = {};
  EXPECT_EQ(count_rule(findings_of(d), "sum.units-to-total"), 0) << rules_text(findings_of(d));
}

}  // namespace
}  // namespace jixiao::check::testing
