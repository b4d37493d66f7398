// Reading one part of an Office Open XML package (a ZIP) with bounded
// memory: a part whose uncompressed size exceeds the limit, or whose
// compression ratio only a ZIP bomb has, is refused before it is inflated,
// and inflation stops at the limit whatever the header claimed.
#pragma once

#include <zip.h>

#include <memory>
#include <string>
#include <string_view>

#include "read/readers.hpp"

namespace jixiao {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipArchive = std::unique_ptr<zip_t, ZipCloser>;

// Opens `path`; on failure returns null and sets `error`.
ZipArchive open_zip(const std::string& path, std::string& error);

// Reads part `name` into `out`. False with `error` set when it is missing,
// too large, too compressed or damaged.
bool read_zip_part(zip_t* zip, const std::string& name, const ReadLimits& limits, std::string& out,
                   std::string& error);

// "w:tbl" → "tbl": OOXML is matched by local name, whatever prefix a producer chose.
std::string_view local_name(const char* qualified);

}  // namespace jixiao
