// The message table: every message a rule says, in Chinese and in English,
// with its suggested repair. A Finding names its form (MessageId) and the
// texts it is filled in with ({0} … {9}: names, figures, spellings); the
// messages are formatted only when written. Changing a message's wording is
// an edit here, in one place (docs/CHECK.md lists the rules).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace jixiao::check {

class MessageArgs;

enum class MessageId : std::uint8_t {
  Plain,  // {0} and {1} are the Chinese and English message; no fix
  // arithmetic
  SumRow,
  SumColumn,
  // completeness
  NoIndicators,
  Withheld,
  EmptyGoal,
  PlaceholderGoal,
  PlaceholderIndicator,
  NoTarget,
  NoOutput,
  NoBenefit,
  NoBenefitOnlySatisfaction,
  NoSatisfaction,
  NoCost,
  JunkDocument,
  JunkProject,
  // taxonomy
  LevelMissing,
  Level1Unknown,
  Level2Unknown,
  LevelMisspelled,
  CodeMismatch,
  WrongParent,
  MisfiledQuantity,
  MisfiledEffect,
  // measurability
  VagueRate,
  Vague,
  Descriptive,
  PercentOver,
  CeilingOnHigher,
  FloorOnLower,
  RateWithoutPercent,
  UnitMissing,
  // consistency
  BoilerplateGoal,
  BoilerplateIndicators,
  PeriodAnnual,
  CostOverBudget,
  DuplicateIndicator,
  ComparatorSpelling,
  CorpusBoilerplate,
  Count_
};

enum class MessagePart : std::uint8_t { MessageZh, MessageEn, FixZh, FixEn };

struct MessageForm {
  const char* message_zh;
  const char* message_en;
  const char* fix_zh;  // nullptr: no fix is suggested
  const char* fix_en;
};

const MessageForm& message_form(MessageId id);

// Appends `part` of form `id` filled in with `args` to `out`; nothing for a
// fix the form does not have.
void format_message(MessageId id, MessagePart part, const MessageArgs& args, std::string& out);

}  // namespace jixiao::check
