#include "recognise/stream.hpp"

#include <array>
#include <cstring>
#include <deque>
#include <string_view>

#include "recognise/line_search.hpp"
#include "recognise/parse.hpp"
#include "recognise/split_tables.hpp"
#include "text/encoding.hpp"
#include "text/utf8.hpp"

namespace jixiao {
namespace {

// A marker in both encodings, searched in raw bytes: GB18030 trail bytes
// never equal '\n', so lines split the same way in either encoding.
std::string gb18030_of(std::string_view utf8_text) {
  std::string out;
  return convert_encoding(utf8_text, "UTF-8", "GB18030", out) ? out : std::string();
}

struct Marker {
  std::string utf8, gb;
  explicit Marker(std::string_view text) : utf8(text), gb(gb18030_of(text)) {}
  bool in(std::string_view line) const {
    return utf8::find(line, utf8) != std::string_view::npos ||
           (!gb.empty() && utf8::find(line, gb) != std::string_view::npos);
  }
};

// A Marker asked of every line of a buffer: each spelling is searched once
// through the buffer (see WordInLines), not once per line.
class MarkerInLines {
 public:
  explicit MarkerInLines(const Marker& m) : utf8_({}, m.utf8), gb_({}, m.gb), has_gb_(!m.gb.empty()) {}
  bool in(std::string_view line) { return utf8_.in(line) || (has_gb_ && gb_.in(line)); }
  void reset(std::string_view text) {
    utf8_.reset(text);
    gb_.reset(text);
  }

 private:
  WordInLines utf8_, gb_;
  bool has_gb_;
};

}  // namespace

std::size_t parse_stream(std::istream& in, const std::string& path,
                         const std::function<void(Document&&)>& sink) {
  static const Marker department("部门名称");
  static const Marker title("绩效目标表");
  // Heads of the indicators, not 项目名称: many provinces print 部门名称
  // below 项目名称, inside the same table.
  static const std::array<Marker, 3> heads = {Marker("一级指标"), Marker("绩效指标"), Marker("三级指标")};

  std::string chunk;
  int chunk_first_line = 1;
  int line_number = 0;
  std::string chunk_department;  // the 部门名称 line of the current table
  bool has_heads = false;
  // The last few lines' offsets in `chunk`, to move a title above 部门名称
  // into the next table.
  struct Recent {
    std::size_t offset;
    int number;
    bool blank;
  };
  std::deque<Recent> recent;
  std::size_t documents = 0;

  auto emit = [&](std::size_t upto, int next_first_line) {
    std::string rest = chunk.substr(upto);
    chunk.resize(upto);
    // The raw bytes are not needed once decoded: free them before the
    // recogniser builds the model, so a large table is not held twice.
    Source source = read_text(chunk, path, chunk_first_line);
    std::string().swap(chunk);
    // The 部门名称 rule is applied here as the bytes stream by; split_tables
    // adds the grid titles' department lines.
    for (Source& part : split_tables(std::move(source))) {
      Document doc = recognise(part);
      part = Source();
      ++documents;
      sink(std::move(doc));
    }
    chunk = std::move(rest);
    chunk_first_line = next_first_line;
    has_heads = false;
    recent.clear();
  };

  // Lines are cut out of large blocks read at once, as views: getline copied
  // every line into a string of its own. Same lines as getline gives: split
  // at '\n', and a last line without one still counts when it is not empty.
  // Memory: one block and the line it ends inside.
  constexpr std::size_t kBlock = 1 << 20;
  MarkerInLines department_in(department), head_in[] = {MarkerInLines(heads[0]), MarkerInLines(heads[1]),
                                                        MarkerInLines(heads[2])};
  MarkerInLines* scans[] = {&department_in, &head_in[0], &head_in[1], &head_in[2]};
  std::string buffer;
  std::size_t pos = 0;
  bool at_eof = false;
  auto next_line = [&](std::string_view& out) {
    std::size_t scanned = pos;  // bytes before it hold no '\n'
    for (;;) {
      if (const void* nl = std::memchr(buffer.data() + scanned, '\n', buffer.size() - scanned)) {
        const std::size_t end = static_cast<std::size_t>(static_cast<const char*>(nl) - buffer.data());
        out = std::string_view(buffer).substr(pos, end - pos);
        pos = end + 1;
        return true;
      }
      if (at_eof) {
        if (pos >= buffer.size()) return false;
        out = std::string_view(buffer).substr(pos);
        pos = buffer.size();
        return true;
      }
      buffer.erase(0, pos);
      pos = 0;
      scanned = buffer.size();
      buffer.resize(scanned + kBlock);
      in.read(buffer.data() + scanned, static_cast<std::streamsize>(kBlock));
      const auto got = static_cast<std::size_t>(in.gcount());
      buffer.resize(scanned + got);
      if (got < kBlock) at_eof = true;
      for (MarkerInLines* m : scans) m->reset(buffer);
    }
  };

  std::string_view line;
  while (next_line(line)) {
    ++line_number;
    std::string_view view = line;
    if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
    if (department_in.in(view)) {
      if (has_heads && std::string(view) != chunk_department) {
        // Cut before a title line just above (blank lines between allowed).
        std::size_t cut = chunk.size();
        int first = line_number;
        for (auto it = recent.rbegin(); it != recent.rend(); ++it) {
          if (it->blank) continue;
          if (title.in(
                  std::string_view(chunk).substr(it->offset, chunk.find('\n', it->offset) - it->offset))) {
            cut = it->offset;
            first = it->number;
          }
          break;
        }
        emit(cut, first);
      }
      chunk_department = std::string(view);
    } else if (!has_heads) {
      for (MarkerInLines& m : head_in) has_heads = has_heads || m.in(view);
    }
    recent.push_back({chunk.size(), line_number, view.find_first_not_of(" \t") == std::string_view::npos});
    if (recent.size() > 4) recent.pop_front();
    chunk.append(line);
    chunk.push_back('\n');
  }
  if (!chunk.empty() || documents == 0) emit(chunk.size(), line_number + 1);
  return documents;
}

}  // namespace jixiao
