// Arithmetic rules: every row adds up across (总计 = 财政拨款 + 财政专户拨款 +
// 其他资金) and every column adds up down (projects → unit → 合计). Exact
// Decimal sums; a blank cell in a row that has figures counts as zero, as it
// does on the printed form. The difference is reported as found − expected.
#include <fmt/format.h>

#include "check/rule_context.hpp"

namespace jixiao::check::detail {
namespace {

struct Column {
  const char* zh;
  const char* en;
  const char* field;
  std::optional<Decimal> Amounts::*member;
};

constexpr Column kColumns[] = {
    {"总计", "total", "total", &Amounts::total},
    {"财政拨款", "fiscal", "fiscal", &Amounts::fiscal},
    {"财政专户拨款", "special", "special", &Amounts::special},
    {"其他资金", "other", "other", &Amounts::other},
};

Decimal value_or_zero(const std::optional<Decimal>& d) { return d ? *d : Decimal(0, 0); }

bool within_tolerance(const Decimal& diff, const Policy& policy) {
  return abs_decimal(diff).compare(policy.sum_tolerance) <= 0;
}

// 总计 against the sum of the funding columns; nothing to check when the row
// has no 总计 or no funding figure at all.
// The place is made only for a finding (`where()`): rows nearly always add up,
// and a project's place (names, span) was built for every row.
template <typename Where>
void check_row(Context& ctx, const Amounts& a, Where where_of, const char* row_zh, const char* row_en) {
  if (!a.total || (!a.fiscal && !a.special && !a.other)) return;
  Decimal sum = value_or_zero(a.fiscal) + value_or_zero(a.special) + value_or_zero(a.other);
  Decimal diff = *a.total - sum;
  if (within_tolerance(diff, ctx.policy)) return;
  Location where = where_of();
  where.field = "total";
  MessageArgs args{row_zh, row_en};
  args.copy(a.total->to_string());
  args.copy(sum.to_string());
  args.copy(diff.to_string());
  args.view(ctx.doc.amount_unit);
  Finding& f = ctx.emit(std::move(where), MessageId::SumRow, std::move(args));
  f.difference = diff.to_string();
}

// Column by column, the parent's figure against the sum of its children's.
void check_columns(Context& ctx, const Amounts& parent, const std::vector<const Amounts*>& children,
                   const Location& where, const char* children_zh, const char* parent_zh,
                   const char* children_en, const char* parent_en) {
  for (const Column& c : kColumns) {
    const auto& parent_value = parent.*c.member;
    bool any_child = false;
    Decimal sum(0, 0);
    for (const Amounts* a : children) {
      if (a->*c.member) {
        any_child = true;
        sum = sum + *(a->*c.member);
      }
    }
    if (!parent_value && !any_child) continue;
    Decimal found = value_or_zero(parent_value);
    Decimal diff = found - sum;
    if (within_tolerance(diff, ctx.policy)) continue;
    Location l = where;
    l.field = c.field;
    MessageArgs args{children_zh, c.zh};
    args.copy(sum.to_string());
    args.view(parent_zh);
    args.copy(found.to_string());
    args.copy(diff.to_string());
    args.view(ctx.doc.amount_unit);
    args.view(children_en);
    args.view(c.en);
    args.view(parent_en);
    Finding& f = ctx.emit(std::move(l), MessageId::SumColumn, std::move(args));
    f.difference = diff.to_string();
  }
}

}  // namespace

RuleFns sum_project_row() {
  RuleFns f;
  f.project = [](Context& ctx, int u, int p, const Project& project, const ProjectFacts&) {
    check_row(ctx, project.amounts, [&] { return ctx.at_project(u, p); }, "项目行", "project row");
  };
  return f;
}

RuleFns sum_unit_row() {
  RuleFns f;
  f.before = [](Context& ctx) {
    for (std::size_t u = 0; u < ctx.doc.units.size(); ++u) {
      check_row(ctx, ctx.doc.units[u].amounts, [&] { return ctx.at_unit(int(u)); }, "单位行", "unit row");
    }
  };
  return f;
}

RuleFns sum_total_row() {
  RuleFns f;
  f.before = [](Context& ctx) {
    if (ctx.doc.total) check_row(ctx, *ctx.doc.total, [&] { return ctx.at_document(); }, "合计行", "合计 row");
  };
  return f;
}

RuleFns sum_projects_to_unit() {
  RuleFns f;
  f.before = [](Context& ctx) {
    for (std::size_t u = 0; u < ctx.doc.units.size(); ++u) {
      const Unit& unit = ctx.doc.units[u];
      // A unit printed without figures (the per-project layout) has nothing to add up to.
      if (unit.amounts.empty() || unit.projects.empty()) continue;
      std::vector<const Amounts*> children;
      for (const Project& p : unit.projects) children.push_back(&p.amounts);
      check_columns(ctx, unit.amounts, children, ctx.at_unit(int(u)), "各项目", "单位", "the unit's projects",
                    "the unit row");
    }
  };
  return f;
}

RuleFns sum_units_to_total() {
  RuleFns f;
  f.before = [](Context& ctx) {
    if (!ctx.doc.total || ctx.doc.total->empty() || ctx.doc.units.empty()) return;
    // A unit without its own row counts with the sum of its projects.
    std::vector<Amounts> unit_amounts;
    for (const Unit& unit : ctx.doc.units) {
      if (!unit.amounts.empty()) {
        unit_amounts.push_back(unit.amounts);
        continue;
      }
      Amounts sum;
      for (const Project& p : unit.projects) {
        for (const Column& c : kColumns) {
          if (p.amounts.*c.member) sum.*c.member = value_or_zero(sum.*c.member) + *(p.amounts.*c.member);
        }
      }
      unit_amounts.push_back(sum);
    }
    std::vector<const Amounts*> children;
    for (const Amounts& a : unit_amounts) children.push_back(&a);
    check_columns(ctx, *ctx.doc.total, children, ctx.at_document(), "各单位", "合计", "the units",
                  "the 合计 row");
  };
  return f;
}

}  // namespace jixiao::check::detail
