// Vocabulary keys: the spelling-insensitive form used to look up headers,
// labels and level names (spaces removed, full-width brackets and colons
// folded), and a reader for the data/*.tsv tables.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

// "项目名称（资金使用单位）" → "项目名称(资金使用单位)"; "其中：财政    资金" →
// "其中:财政资金".
std::string vocabulary_key(std::string_view printed);

// The same key of text that is valid UTF-8 (as the readers make every text),
// copied in runs between the bytes that can change, found sixteen at a time:
// for long texts (a goal runs to hundreds of bytes). Malformed bytes where a
// change could start are left to vocabulary_key to repair; elsewhere they are
// copied, so give it only valid text.
std::string vocabulary_key_of_valid_utf8(std::string_view text);

// The first byte of vocabulary_key(text), told without building the key
// where the text's first kept character tells it (the key drops white space
// and U+3000, folds （）：【】 to ASCII and keeps every other well-formed
// character's bytes): ASCII or a well-formed three-byte character. -1 for an
// empty key or any other first character (build the key to know).
int key_first_byte(std::string_view text);

// Removes bracketed decorations: "产出指标(50分)" → "产出指标",
// "数量指标（必填硬性指标）" → "数量指标". Works on vocabulary keys.
std::string strip_brackets(std::string_view key);

// Calls `row` with the tab-separated fields of each non-empty, non-comment line.
void for_each_tsv_row(std::string_view tsv,
                      const std::function<void(const std::vector<std::string_view>&)>& row);

}  // namespace jixiao
