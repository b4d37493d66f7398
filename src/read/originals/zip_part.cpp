#include "read/originals/zip_part.hpp"

#include <cstring>

namespace jixiao {

ZipArchive open_zip(const std::string& path, std::string& error) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!z) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, err);
    error = std::string("not a readable ZIP package: ") + zip_error_strerror(&ze);
    zip_error_fini(&ze);
  }
  return ZipArchive(z);
}

bool read_zip_part(zip_t* zip, const std::string& name, const ReadLimits& limits, std::string& out,
                   std::string& error) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(zip, name.c_str(), 0, &st) != 0) {
    error = "the package has no part " + name;
    return false;
  }
  if ((st.valid & ZIP_STAT_SIZE) && st.size > limits.max_xml_bytes) {
    error = "part " + name + " inflates to " + std::to_string(st.size) + " bytes, more than the limit of " +
            std::to_string(limits.max_xml_bytes) + ": refused (a ZIP bomb or not a table)";
    return false;
  }
  if ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) && st.comp_size > 0 &&
      st.size > (1u << 20) && st.size / st.comp_size > limits.max_zip_ratio) {
    error = "part " + name + " is compressed " + std::to_string(st.size / st.comp_size) +
            ":1, which only a ZIP bomb is: refused";
    return false;
  }
  zip_file_t* f = zip_fopen(zip, name.c_str(), 0);
  if (!f) {
    error = "cannot open part " + name + ": " + zip_strerror(zip);
    return false;
  }
  out.clear();
  char buf[65536];
  while (true) {
    zip_int64_t n = zip_fread(f, buf, sizeof buf);
    if (n < 0) {
      error = "part " + name + " is damaged: " + zip_file_strerror(f);
      zip_fclose(f);
      return false;
    }
    if (n == 0) break;
    if (out.size() + static_cast<std::size_t>(n) > limits.max_xml_bytes) {
      // The header understated the size: stop inflating here.
      error = "part " + name + " inflates past the limit of " + std::to_string(limits.max_xml_bytes) +
              " bytes: refused (a ZIP bomb or not a table)";
      zip_fclose(f);
      return false;
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
  zip_fclose(f);
  return true;
}

std::string_view local_name(const char* qualified) {
  std::string_view s(qualified);
  std::size_t colon = s.find(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

}  // namespace jixiao
