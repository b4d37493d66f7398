// Converting text between encodings (iconv): GB18030, a superset of GBK
// and GB2312, is what Chinese government sites publish in besides UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace jixiao {

// Converts `in` from encoding `from` to `to` (iconv names). False when a
// byte sequence is invalid in `from` or the conversion is unknown; `out`
// then holds what was converted before the fault.
bool convert_encoding(std::string_view in, const char* from, const char* to, std::string& out);

}  // namespace jixiao
