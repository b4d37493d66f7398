// The checker's memo of what it works out from a text alone (TextMemo in
// rule_context.hpp): kept per thread for the Lexicon last used, so two
// checkers with different policies, used one after the other in a thread,
// must each still give their own policy's findings for the same texts.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "check/policy.hpp"
#include "check/rule_context.hpp"
#include "check/rules.hpp"
#include "check/test_builders.hpp"

namespace jixiao::check::testing {
namespace {

Policy with(const std::string& text) {
  Policy p = default_policy();
  std::string error;
  EXPECT_TRUE(apply_policy(text, p, &error)) << error;
  return p;
}

TEST(TextMemo, EachCheckerKeepsItsOwnPolicyForTheSameTexts) {
  // One document whose texts each rule that uses the memo looks at: an
  // indicator name (placeholder words, direction), a qualitative target
  // (vague words) and a bounded target (comparator spelling).
  Document d = document({project(
      "项目", "10.00",
      {ind("产出指标", "数量指标", "自编占位", "≥12次"), ind("效益指标", "社会效益指标", "办结率", "增强"),
       ind("产出指标", "数量指标", "受理件数", "≤100件"),
       ind("满意度指标", "服务对象满意度指标", "服务对象满意度", "90%以上"),
       ind("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")})});
  const Checker plain(default_policy());
  // Another policy: the name is template text, 增强 is not vague and 件数 is
  // higher-better (so ≤100件 points the wrong way).
  const Checker changed(with("unfilled\t自编占位\n-vague\t增强\nhigher-better\t件数\n"));
  auto rules_of = [&](const Checker& c) {
    std::vector<std::string> out;
    for (const Finding& f : c.check(d)) out.emplace_back(f.rule);
    return out;
  };
  const std::vector<std::string> plain_rules = rules_of(plain);
  const std::vector<std::string> changed_rules = rules_of(changed);
  auto has = [](const std::vector<std::string>& v, const char* rule) {
    return std::find(v.begin(), v.end(), rule) != v.end();
  };
  EXPECT_FALSE(has(plain_rules, "complete.placeholder"));
  EXPECT_TRUE(has(changed_rules, "complete.placeholder"));
  EXPECT_TRUE(has(plain_rules, "measure.vague-qualitative"));
  EXPECT_FALSE(has(changed_rules, "measure.vague-qualitative"));
  EXPECT_FALSE(has(plain_rules, "measure.comparator-direction"));
  EXPECT_TRUE(has(changed_rules, "measure.comparator-direction"));
  // Alternating, in one thread: each gives the same as when it came first.
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(rules_of(plain), plain_rules);
    EXPECT_EQ(rules_of(changed), changed_rules);
  }
  // Another thread starts with an empty memo, and gives the same.
  std::vector<std::string> there;
  std::thread([&] { there = rules_of(changed); }).join();
  EXPECT_EQ(there, changed_rules);
}

TEST(TextMemo, AnEntryIsKeptPerTextAndLexicon) {
  const detail::Lexicon a(default_policy()), b(default_policy());
  EXPECT_NE(a.serial, b.serial);
  detail::TextMemo& memo = detail::TextMemo::of(a);
  detail::TextMemo::Entry* e = memo.find("满意度");
  ASSERT_NE(e, nullptr);
  e->vague = 1;
  EXPECT_EQ(memo.find("满意度"), e);
  EXPECT_EQ(memo.find("满意度")->vague, 1);
  EXPECT_NE(memo.find("满意率"), e);
  // Asked for another Lexicon, the memo starts again.
  detail::TextMemo& again = detail::TextMemo::of(b);
  EXPECT_EQ(again.find("满意度")->vague, -1);
}

// The facts ask for a name's slot and entry before they look it up
// (prefetch, prefetch_entry): the hash handed over finds the same entry,
// whether the text is new or known, and asking ahead changes nothing.
TEST(TextMemo, APrefetchedTextIsFoundByItsHash) {
  const detail::Lexicon lex(default_policy());
  detail::TextMemo& memo = detail::TextMemo::of(lex);
  const std::uint64_t h = memo.prefetch("满意度");
  memo.prefetch_entry(h);  // no entry yet
  detail::TextMemo::Entry* e = memo.find("满意度", h);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->text(), "满意度");
  memo.prefetch_entry(memo.prefetch("满意度"));
  EXPECT_EQ(memo.find("满意度"), e);
  EXPECT_EQ(memo.find("满意度", memo.prefetch("满意度")), e);
  EXPECT_NE(memo.find("满意率", memo.prefetch("满意率")), e);
  for (int k = 0; k < 3000; ++k) {  // across the table's growth
    const std::string text = "指标" + std::to_string(k);
    EXPECT_EQ(memo.find(text, memo.prefetch(text)), memo.find(text));
  }
  EXPECT_EQ(memo.find("满意度", memo.prefetch("满意度")), e);
}

TEST(TextMemo, EntriesStayPutAndAreFoundAgainAsTheTableGrows) {
  const detail::Lexicon lex(default_policy());
  detail::TextMemo& memo = detail::TextMemo::of(lex);
  std::vector<detail::TextMemo::Entry*> entries;
  for (int k = 0; k < 5000; ++k) {
    detail::TextMemo::Entry* e = memo.find("指标" + std::to_string(k));
    ASSERT_NE(e, nullptr);
    e->spelling = k;
    entries.push_back(e);
  }
  for (int k = 0; k < 5000; ++k) {
    detail::TextMemo::Entry* e = memo.find("指标" + std::to_string(k));
    ASSERT_EQ(e, entries[static_cast<std::size_t>(k)]);
    EXPECT_EQ(e->spelling, k);
  }
  EXPECT_EQ(memo.find("")->spelling, -1);  // the empty text is a text like any other
}

TEST(TextMemo, AFullMemoStillGivesTheSameFacts) {
  Document d = document({project("项目", "10.00",
                                 {ind("产出指标", "数量指标", "培训（含线上）人次", "≥12次"),
                                  ind("产出指标", "数量指标", "待补充", "待补充")})});
  const detail::Lexicon lex(default_policy());
  auto names_of = [&](const detail::Facts& facts) {
    std::vector<std::string> out;
    for (const auto& f : facts.indicator_pool)
      out.push_back(std::string(f.name_key) + (f.name == detail::Fill::Filled ? "" : " unfilled"));
    return out;
  };
  const std::vector<std::string> expected = {"培训人次", "待补充 unfilled"};
  EXPECT_EQ(names_of(detail::gather_facts(d, lex)), expected);
  // Fill the memo to its bound, then ask again: the texts already in it,
  // and a new one that no longer fits, are read the same.
  detail::TextMemo& memo = detail::TextMemo::of(lex);
  const std::string filler(1000, 'x');
  for (int k = 0; memo.find(filler + std::to_string(k)); ++k) ASSERT_LT(k, 100000);
  EXPECT_EQ(names_of(detail::gather_facts(d, lex)), expected);
  d.units[0].projects[0].indicators[0].name = "培训（含线下）人次";
  EXPECT_EQ(names_of(detail::gather_facts(d, lex)), expected);
}

}  // namespace
}  // namespace jixiao::check::testing
