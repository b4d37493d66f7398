// The name vote of scanned documents, on constructed documents.
#include "recognise/ocr_names.hpp"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

Project project(std::string name, std::optional<std::string> goal = std::nullopt) {
  Project p;
  p.name = std::move(name);
  p.goal = std::move(goal);
  return p;
}

Document document(std::string department, std::string unit, std::vector<Project> projects) {
  Document doc;
  doc.department = std::move(department);
  Unit u;
  u.name = std::move(unit);
  u.projects = std::move(projects);
  doc.units.push_back(std::move(u));
  return doc;
}

TEST(NameVote, OneMisreadCharacterInAProjectNameIsOutvoted) {
  Document doc = document("某省某市东湖区审计局", "某省某市东湖区审计局",
                          {project("某省某市东湖区审计局2023年运维项目"), project("某省某市东胡区审计局2024年运维项目",
                                                                                 "保障某省某市东谢区审计局的正常运作。")});
  EXPECT_EQ(mend_repeated_names(doc), 2u);
  EXPECT_EQ(*doc.units[0].projects[1].name, "某省某市东湖区审计局2024年运维项目");
  EXPECT_EQ(*doc.units[0].projects[1].goal, "保障某省某市东湖区审计局的正常运作。");
  ASSERT_EQ(doc.diagnostics.size(), 2u);
  EXPECT_EQ(doc.diagnostics[0].code, "ocr.name-vote");
  EXPECT_EQ(doc.diagnostics[0].severity, Severity::Notice);
  EXPECT_NE(doc.diagnostics[0].message.find("'某省某市东胡区审计局' for '某省某市东湖区审计局'"), std::string::npos);
}

TEST(NameVote, ANameWrittenOnlyOnceHasNoVote) {
  // The department's name is printed once, and the unit's differs: no reference.
  Document doc = document("某市东湖区审计局", "某市东湖区财政局", {project("某市东胡区审计局项目")});
  EXPECT_EQ(mend_repeated_names(doc), 0u);
  EXPECT_EQ(*doc.units[0].projects[0].name, "某市东胡区审计局项目");
  EXPECT_TRUE(doc.diagnostics.empty());
}

TEST(NameVote, TwoWrongCharactersInANameOfTenAreAnotherName) {
  Document doc = document("某省某市东湖区审计局", "某省某市东湖区审计局", {project("某省某市西山区审计局协作项目")});
  EXPECT_EQ(mend_repeated_names(doc), 0u);
  EXPECT_EQ(*doc.units[0].projects[0].name, "某省某市西山区审计局协作项目");
}

TEST(NameVote, TwoWrongCharactersInALongNameAreMended) {
  Document doc = document("某省某市荷塘区人民检察院", "某省某市荷塘区人民检察院", {project("某省某市功注区人民检察院运维项目")});
  EXPECT_EQ(mend_repeated_names(doc), 1u);
  EXPECT_EQ(*doc.units[0].projects[0].name, "某省某市荷塘区人民检察院运维项目");
}

TEST(NameVote, ASpellingPrintedMoreOftenIsNotOutvoted) {
  // Two copies of the department's spelling, three of the other.
  Document doc = document("某省某市东湖区审计局", "某省某市东湖区审计局",
                          {project("某省某市东胡区审计局甲项目"), project("某省某市东胡区审计局乙项目"),
                           project("某省某市东胡区审计局丙项目")});
  EXPECT_EQ(mend_repeated_names(doc), 0u);
}

TEST(NameVote, ATieGoesToTheDepartmentsAndUnitsSpelling) {
  // OCR misread the same character the same way in two project copies.
  Document doc = document("某省某市东湖区审计局", "某省某市东湖区审计局",
                          {project("某省某市东胡区审计局甲项目"), project("某省某市东胡区审计局乙项目")});
  EXPECT_EQ(mend_repeated_names(doc), 2u);
  EXPECT_EQ(*doc.units[0].projects[1].name, "某省某市东湖区审计局乙项目");
}

TEST(NameVote, NumeralsAndDirectionsTellNamesApart) {
  Document doc = document("某省某市第一人民医院", "某省某市第一人民医院", {project("与某省某市第二人民医院协作项目")});
  EXPECT_EQ(mend_repeated_names(doc), 0u);
  Document west = document("某省某市东湖区审计局", "某省某市东湖区审计局", {project("某省某市西湖区审计局协作项目")});
  EXPECT_EQ(mend_repeated_names(west), 0u);
}

TEST(NameVote, AnotherUnitOfTheDocumentIsNotAMisreading) {
  // Two units whose names differ in one character are both references.
  Document doc = document("某省某市东湖区审计局", "某省某市东湖区审计局", {project("某省某市东湖区审计局甲项目")});
  Unit other;
  other.name = "某省某市东胡区审计局";
  other.projects.push_back(project("某省某市东胡区审计局乙项目"));
  doc.units.push_back(std::move(other));
  EXPECT_EQ(mend_repeated_names(doc), 0u);
  EXPECT_EQ(*doc.units[1].projects[0].name, "某省某市东胡区审计局乙项目");
}

TEST(NameVote, OnlyIdeographsAreVotedOn) {
  // A digit or Latin letter in place of a character is not voted on.
  Document doc = document("某省某市东湖区审计局", "某省某市东湖区审计局", {project("某省某市东1区审计局项目")});
  EXPECT_EQ(mend_repeated_names(doc), 0u);
}

TEST(NameVote, AUnitNamedOnceIsNotMendedNorAreItsCopies) {
  Document doc = document("某省某市东湖区审计局", "某省某市东湖区审计局", {project("某省某市东湖区审计局甲项目")});
  Unit other;
  other.name = "某省某市东胡区审计局";
  other.projects.push_back(project("某省某市西山区乙项目", "为某省某市东胡区审计局服务。"));
  doc.units.push_back(std::move(other));
  EXPECT_EQ(mend_repeated_names(doc), 0u);
  EXPECT_EQ(doc.units[1].name, "某省某市东胡区审计局");
  EXPECT_EQ(*doc.units[1].projects[0].goal, "为某省某市东胡区审计局服务。");
}

TEST(NameVote, TheDepartmentsOwnNameIsKeptAsRead) {
  Document doc = document("某省某市东胡区审计局", "某省某市东湖区审计局",
                          {project("某省某市东湖区审计局甲项目"), project("某省某市东湖区审计局乙项目")});
  EXPECT_EQ(mend_repeated_names(doc), 0u);
  EXPECT_EQ(*doc.department, "某省某市东胡区审计局");
}

}  // namespace
}  // namespace jixiao
