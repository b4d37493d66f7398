// The message table, and what a finding views: a finding made from a
// document formats its messages from the table when asked, and keep() lets
// it outlive the document.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <iterator>
#include <memory>

#include "check/test_builders.hpp"

namespace jixiao::check::testing {
namespace {

TEST(CheckMessages, EveryFormFormatsWithItsArgumentsAndHasBothFixesOrNeither) {
  MessageArgs args;
  for (int i = 0; i < MessageArgs::kMax; ++i) args.copy("«" + std::to_string(i) + "»");
  for (int id = 0; id < static_cast<int>(MessageId::Count_); ++id) {
    SCOPED_TRACE(id);
    const MessageForm& form = message_form(static_cast<MessageId>(id));
    EXPECT_EQ(form.fix_zh == nullptr, form.fix_en == nullptr);
    for (MessagePart part :
         {MessagePart::MessageZh, MessagePart::MessageEn, MessagePart::FixZh, MessagePart::FixEn}) {
      std::string out;
      // A form naming an argument past kMax, or a stray brace, throws here.
      EXPECT_NO_THROW(format_message(static_cast<MessageId>(id), part, args, out));
      if (part == MessagePart::MessageZh || part == MessagePart::MessageEn) EXPECT_FALSE(out.empty());
    }
  }
}

// format_message substitutes the fields itself: what it gives is what fmt
// gives for the same form and texts, with any number of texts (those not
// given are empty), and braces inside a text are not fields.
TEST(CheckMessages, FormattingIsWhatFmtGives) {
  const std::vector<std::string_view> texts = {"“有效{1}提升”", "",  "{0}", "a}b{", "≥95%",
                                               "第三方",        "x", "",    "长",   "尾"};
  for (int given = 0; given <= MessageArgs::kMax; ++given) {
    MessageArgs args;
    std::string_view a[MessageArgs::kMax];
    for (int i = 0; i < given; ++i) {
      args.view(texts[static_cast<std::size_t>(i)]);
      a[i] = texts[static_cast<std::size_t>(i)];
    }
    for (int id = 0; id < static_cast<int>(MessageId::Count_); ++id) {
      const MessageForm& form = message_form(static_cast<MessageId>(id));
      const char* parts[] = {form.message_zh, form.message_en, form.fix_zh, form.fix_en};
      for (int part = 0; part < 4; ++part) {
        SCOPED_TRACE(::testing::Message() << "form " << id << " part " << part << " texts " << given);
        std::string expected;
        if (parts[part])
          fmt::vformat_to(std::back_inserter(expected), fmt::string_view(parts[part]),
                          fmt::make_format_args(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]));
        std::string out = "前";  // appended to, not replaced
        format_message(static_cast<MessageId>(id), static_cast<MessagePart>(part), args, out);
        EXPECT_EQ(out, "前" + expected);
      }
    }
  }
}

TEST(CheckMessages, ArgumentsAreViewsOrCopiesAndSurviveAMove) {
  std::string shown = "有效提升";
  MessageArgs args;
  args.view(shown);
  args.copy("短");  // kept inside the record (small: in the string's own buffer)
  MessageArgs moved = std::move(args);
  EXPECT_EQ(moved[0], "有效提升");
  EXPECT_EQ(moved[1], "短");
  moved.keep();
  shown.assign("变了");
  EXPECT_EQ(moved[0], "有效提升");  // a copy now
}

TEST(CheckMessages, AKeptFindingOutlivesItsDocument) {
  auto d = std::make_unique<Document>([] {
    Project p = good_project("某项目");
    p.indicators.push_back(ind("效益指标", "社会效益指标", "司法公正性水平", "提升"));
    return document({p});
  }());
  std::vector<Finding> found = check_document(*d);
  const Finding* vague = first_of(found, "measure.vague-qualitative");
  ASSERT_NE(vague, nullptr);
  const std::string zh = vague->message_zh(), en = vague->message_en();
  EXPECT_NE(zh.find("“提升”"), std::string::npos) << zh;
  EXPECT_EQ(vague->where.indicator_name, "司法公正性水平");
  EXPECT_EQ(*vague->fix_zh(), "能量化的给出数值（如“≥x%”“≤x天”），不能量化的写明分级分档标准");
  for (Finding& f : found) f.keep();
  // Overwrite the document's texts before freeing it: a view left behind
  // would read the new bytes (or freed memory, under a sanitizer).
  for (Unit& u : d->units) {
    u.name.assign(u.name.size(), 'x');
    for (Project& p : u.projects) {
      if (p.name) p.name->assign(p.name->size(), 'x');
      for (Indicator& i : p.indicators) {
        i.name.assign(i.name.size(), 'x');
        if (i.annual_target) i.annual_target->qualitative.assign(i.annual_target->qualitative.size(), 'x');
      }
    }
  }
  d.reset();
  vague = first_of(found, "measure.vague-qualitative");
  EXPECT_EQ(vague->message_zh(), zh);
  EXPECT_EQ(vague->message_en(), en);
  EXPECT_EQ(vague->where.indicator_name, "司法公正性水平");
  EXPECT_EQ(vague->where.project_name, "某项目");
}

}  // namespace
}  // namespace jixiao::check::testing
