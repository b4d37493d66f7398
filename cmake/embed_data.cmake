# Writes every data/*.tsv into one header as raw string constants:
# data/level_synonyms.tsv → jixiao::data::level_synonyms_tsv.
file(GLOB files ${DATA_DIR}/*.tsv)
list(SORT files)
set(content "// Generated from data/*.tsv by cmake/embed_data.cmake. Do not edit.\n#pragma once\n#include <string_view>\nnamespace jixiao::data {\n")
foreach(f ${files})
  get_filename_component(name ${f} NAME_WE)
  file(READ ${f} text)
  string(APPEND content "inline constexpr std::string_view ${name}_tsv = R\"jixiaodata(${text})jixiaodata\";\n")
endforeach()
string(APPEND content "}  // namespace jixiao::data\n")
file(WRITE ${OUT}.tmp "${content}")
file(RENAME ${OUT}.tmp ${OUT})
