// The web front end, built from web/ by npm at build time and compiled into
// the binary (web/build.mjs writes the table), so serving needs no files.
#pragma once

#include <string_view>

namespace jixiao::serve {

struct Asset {
  std::string_view path;          // "/index.html", "/app.js", "/app.css"
  std::string_view content_type;  // with charset for text
  std::string_view bytes;
};

// The asset at exactly `path`, or nullptr. Paths are compared as bytes: no
// decoding, no normalisation, so "/../x" or "/%2e%2e/x" simply do not exist.
const Asset* find_asset(std::string_view path);

}  // namespace jixiao::serve
