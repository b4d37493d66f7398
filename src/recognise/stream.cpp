#include "recognise/stream.hpp"

#include <array>
#include <cstring>
#include <deque>
#include <string_view>

#include "recognise/line_search.hpp"
#include "recognise/parse.hpp"
#include "recognise/project_grid.hpp"
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

// Whether a line (raw bytes, UTF-8 or GB18030) is a table title, as
// split_tables asks it; only a hint here, split_tables decides.
bool title_line(std::string_view raw) {
  if (utf8::valid(raw)) return is_table_title(raw);
  std::string decoded;
  return convert_encoding(raw, "GB18030", "UTF-8", decoded) && is_table_title(decoded);
}

// Whether a raw line can name a department as department_under_title reads
// it: a cell after a label cell, or a budget code opening the line (six
// digits, ASCII or full-width as the reader folds them, or a bracket). Most
// lines under title-like lines are goals under a 绩效目标 label, and need
// not be read for it. A line that is not UTF-8 is read.
bool may_name_department(std::string_view raw) {
  if (!utf8::valid(raw)) return true;
  std::size_t i = 0;
  for (;;) {
    if (i < raw.size() && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\f')) {
      ++i;
    } else if (raw.substr(i, 3) == "\xE3\x80\x80") {  // U+3000
      i += 3;
    } else {
      break;
    }
  }
  const std::string_view rest = raw.substr(i);
  if (rest.find('\t') != std::string_view::npos) return true;
  for (std::string_view open : {std::string_view("["), std::string_view("("), std::string_view("（"),
                                std::string_view("【")}) {
    if (rest.substr(0, open.size()) == open) return true;
  }
  std::size_t digits = 0;
  for (std::size_t k = 0; k < rest.size() && digits < 6;) {
    if (rest[k] >= '0' && rest[k] <= '9') {
      k += 1;
    } else if (rest.substr(k, 2) == "\xEF\xBC" && k + 2 < rest.size() &&
               static_cast<unsigned char>(rest[k + 2]) >= 0x90 && static_cast<unsigned char>(rest[k + 2]) <= 0x99) {
      k += 3;  // ０–９
    } else {
      break;
    }
    ++digits;
  }
  return digits >= 6;
}

// Who a raw line under a title names (see department_under_title), read as
// the reader reads it (cells, folding, encoding).
std::string department_named_by(std::string_view raw) {
  if (!may_name_department(raw)) return {};
  Source one = read_text(raw, std::string());
  if (!one.readable || one.lines.empty()) return {};
  return department_under_title(one.lines.front());
}

// A '\r' not followed by '\n' ends a line for read_text but not here: the
// reader's line numbers would then not be the stream's.
bool has_lone_cr(std::string_view bytes) {
  for (std::size_t at = bytes.find('\r'); at != std::string_view::npos; at = bytes.find('\r', at + 1)) {
    if (at + 1 >= bytes.size() || bytes[at + 1] != '\n') return true;
  }
  return false;
}

}  // namespace

std::size_t parse_stream(std::istream& in, const std::string& path,
                         const std::function<void(Document&&)>& sink) {
  static const Marker department("部门名称");
  static const Marker title("绩效目标表");
  static const Marker aim("目标");  // in every table title is_table_title takes
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
  // The chunk is the rest of one that began with a byte order mark, cut at
  // grid titles only: read whole, all of it was "utf-8-bom".
  bool chunk_bom = false;

  auto read_chunk = [&](std::string_view bytes, int first_line) {
    Source source = read_text(bytes, path, first_line);
    if (chunk_bom && source.encoding == "utf-8") source.encoding = "utf-8-bom";
    return source;
  };
  auto hand_over = [&](Source& part) {
    Document doc = recognise(part);
    part = Source();
    ++documents;
    sink(std::move(doc));
  };

  std::size_t failed_size = 0;  // chunk size at a look for grid cuts that found none (below)

  auto emit = [&](std::size_t upto, int next_first_line) {
    std::string rest = chunk.substr(upto);
    chunk.resize(upto);
    // The raw bytes are not needed once decoded: free them before the
    // recogniser builds the model, so a large table is not held twice.
    Source source = read_chunk(chunk, chunk_first_line);
    std::string().swap(chunk);
    // The 部门名称 rule is applied here as the bytes stream by; split_tables
    // adds the grid titles' department lines.
    for (Source& part : split_tables(std::move(source))) hand_over(part);
    chunk = std::move(rest);
    chunk_first_line = next_first_line;
    chunk_bom = false;
    failed_size = 0;
    has_heads = false;
    recent.clear();
  };

  // Per-project grids carry no 部门名称 line: a grid book's departments
  // follow one another with only the line under each table title naming
  // who it belongs to, and without a cut here the whole file would be one
  // chunk. When a title's line names another department than the last
  // title's, the chunk so far (whole lines, up to that one) goes through
  // split_tables, and everything before its last GridTitle cut is handed
  // over: split_tables decides each cut from lines up to two past it, and
  // starts from the same state at a GridTitle cut as when run on the whole
  // chunk (split_tables.hpp), so the documents are those the whole chunk
  // would give. The rest stays, to be read again with the lines to come.
  std::string last_named;       // who the last title's line named
  int title_number = 0;         // a title whose next line is still to come
  auto cut_at_grid_title = [&] {
    failed_size = chunk.size();
    if (has_lone_cr(chunk)) return;
    Source prefix = read_chunk(chunk, chunk_first_line);
    // Reader diagnostics (damaged bytes) and the encoding are decided over
    // the whole chunk; a clean chunk reads the same in parts.
    if (!prefix.readable || !prefix.diagnostics.empty()) return;
    const bool bom = prefix.encoding == "utf-8-bom";
    std::vector<TableCut> why;
    std::vector<Source> parts = split_tables(std::move(prefix), &why);
    std::size_t last = parts.size();
    for (std::size_t k = parts.size(); k-- > 1;) {
      if (why[k] == TableCut::GridTitle) {
        last = k;
        break;
      }
    }
    if (last == parts.size()) return;
    failed_size = 0;
    const int cut_line = parts[last].lines.front().number;
    parts.resize(last);
    std::size_t offset = 0;
    for (int n = chunk_first_line; n < cut_line; ++n) offset = chunk.find('\n', offset) + 1;
    // Free the bytes read before the recogniser builds the models (as emit).
    std::string rest = chunk.substr(offset);
    std::string().swap(chunk);
    chunk = std::move(rest);
    chunk_first_line = cut_line;
    chunk_bom = chunk_bom || bom;
    while (!recent.empty() && recent.front().offset < offset) recent.pop_front();
    for (Recent& r : recent) r.offset -= offset;
    for (Source& part : parts) hand_over(part);
  };

  // Lines are cut out of large blocks read at once, as views: getline copied
  // every line into a string of its own. Same lines as getline gives: split
  // at '\n', and a last line without one still counts when it is not empty.
  // Memory: one block and the line it ends inside.
  constexpr std::size_t kBlock = 1 << 20;
  MarkerInLines department_in(department), head_in[] = {MarkerInLines(heads[0]), MarkerInLines(heads[1]),
                                                        MarkerInLines(heads[2])};
  MarkerInLines aim_in(aim);
  MarkerInLines* scans[] = {&department_in, &head_in[0], &head_in[1], &head_in[2], &aim_in};
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
    const bool department_line = department_in.in(view);
    if (department_line) {
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
    const bool blank = view.find_first_not_of(" \t") == std::string_view::npos;
    recent.push_back({chunk.size(), line_number, blank});
    if (recent.size() > 4) recent.pop_front();
    chunk.append(line);
    chunk.push_back('\n');
    if (blank) continue;
    // As split_tables reads a title: the next non-blank line within two.
    if (title_number != 0) {
      if (line_number <= title_number + 2) {
        std::string named = department_named_by(view);
        if (!named.empty()) {
          if (!last_named.empty() && named != last_named && chunk.size() >= 2 * failed_size) cut_at_grid_title();
          last_named = std::move(named);
        }
      }
      title_number = 0;
    }
    if (!department_line && aim_in.in(view) && title_line(view)) title_number = line_number;
  }
  if (!chunk.empty() || documents == 0) emit(chunk.size(), line_number + 1);
  return documents;
}

}  // namespace jixiao
