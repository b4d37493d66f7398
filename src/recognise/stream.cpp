#include "recognise/stream.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "recognise/line_search.hpp"
#include "recognise/parse.hpp"
#include "recognise/project_grid.hpp"
#include "recognise/split_tables.hpp"
#include "text/encoding.hpp"
#include "text/line_words.hpp"
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
// it: a budget code opening the line (six digits, ASCII or full-width as the
// reader folds them, or a bracket), or a department label cell with a cell
// after it (every meta.department spelling holds 部门 or 单位). Asked of
// every line, so only its first bytes are looked at; a hint, not the rule:
// split_tables decides.
bool may_name_department(std::string_view raw) {
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  const std::size_t n = raw.size();
  std::size_t i = 0;
  for (;;) {
    if (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\f')) {
      ++i;
    } else if (i + 2 < n && p[i] == 0xE3 && p[i + 1] == 0x80 && p[i + 2] == 0x80) {
      i += 3;  // U+3000
    } else {
      break;
    }
  }
  if (i >= n) return false;
  if (p[i] == '[' || p[i] == '(') return true;
  if (i + 2 < n && ((p[i] == 0xEF && p[i + 1] == 0xBC && p[i + 2] == 0x88) ||   // （
                    (p[i] == 0xE3 && p[i + 1] == 0x80 && p[i + 2] == 0x90)))  // 【
    return true;
  std::size_t digits = 0;
  for (std::size_t k = i; k < n && digits < 6; ++digits) {
    if (p[k] >= '0' && p[k] <= '9') {
      k += 1;
    } else if (k + 2 < n && p[k] == 0xEF && p[k + 1] == 0xBC && p[k + 2] >= 0x90 && p[k + 2] <= 0x99) {
      k += 3;  // ０–９
    } else {
      break;
    }
  }
  if (digits >= 6) return true;
  // A label cell is short: look for its tab among the first bytes only.
  const auto* tab = static_cast<const unsigned char*>(std::memchr(p + i, '\t', std::min<std::size_t>(n - i, 65)));
  if (tab == nullptr) return false;
  const std::string_view label = raw.substr(i, static_cast<std::size_t>(tab - (p + i)));
  return label.find("部门") != std::string_view::npos || label.find("单位") != std::string_view::npos;
}

// Who a raw line under a title names (see department_under_title), read as
// the reader reads it (cells, folding, encoding).
std::string department_named_by(std::string_view raw) {
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

// The bytes read and not yet let go. A std::string zero-filled each block
// before reading into it (resize): a 64 KB memset per file, about 3% of
// parsing a set of 20 KB files, and 1 MB per MB of a large one. Grows as a
// std::string does (at least doubling), so the memory held is the same.
class ReadBuffer {
 public:
  const char* data() const { return bytes_.get(); }
  std::size_t size() const { return size_; }
  std::size_t capacity() const { return capacity_; }
  std::string_view view() const { return {bytes_.get(), size_}; }

  // Drops the first `n` bytes.
  void erase_front(std::size_t n) {
    if (n == 0) return;
    std::memmove(bytes_.get(), bytes_.get() + n, size_ - n);
    size_ -= n;
  }
  // Room for `n` more bytes after the end, not yet part of the buffer.
  char* room(std::size_t n) {
    if (size_ + n > capacity_) replace(std::max(size_ + n, 2 * capacity_), view());
    return bytes_.get() + size_;
  }
  // The first `n` bytes of the room are now part of the buffer.
  void grow(std::size_t n) { size_ += n; }
  // Keeps only the bytes from `from` on, in storage of their size: the old
  // storage is filled with NULs, so a view of it kept by mistake reads NULs,
  // not the old text (tests/stream_test: a large table).
  void keep_from(std::size_t from) {
    std::unique_ptr<char[]> old = std::move(bytes_);
    const std::size_t old_capacity = capacity_;
    replace(size_ - from, std::string_view(old.get() + from, size_ - from));
    std::memset(old.get(), 0, old_capacity);
  }

 private:
  void replace(std::size_t capacity, std::string_view keep) {
    auto bytes = std::make_unique_for_overwrite<char[]>(capacity);
    if (!keep.empty()) std::memcpy(bytes.get(), keep.data(), keep.size());
    bytes_ = std::move(bytes);
    capacity_ = capacity;
    size_ = keep.size();
  }

  std::unique_ptr<char[]> bytes_;
  std::size_t size_ = 0, capacity_ = 0;
};

}  // namespace

std::size_t parse_stream(std::istream& in, const std::string& path,
                         const std::function<void(Document&&)>& sink) {
  static const Marker department("部门名称");
  static const Marker title("绩效目标表");
  // Heads of the indicators, not 项目名称: many provinces print 部门名称
  // below 项目名称, inside the same table.
  static const std::array<Marker, 3> heads = {Marker("一级指标"), Marker("绩效指标"), Marker("三级指标")};

  // The file is read in blocks into `buffer`; the current table's lines
  // (the chunk) are the bytes from `chunk_begin` to `pos`, where the next
  // line starts: lines are not copied out of the block they were read in.
  // `newlines` holds where each '\n' of the chunk is (offsets from
  // chunk_begin), found while splitting lines, for read_text not to search
  // for them again.
  ReadBuffer buffer;
  std::size_t chunk_begin = 0;
  std::size_t pos = 0;
  std::vector<std::size_t> newlines;
  // The words (text/line_words.hpp) of each line of the chunk, found in one
  // pass for this loop (部门名称) and handed to read_text for split_tables
  // and the head search, which no longer search the lines again.
  std::vector<std::uint8_t> line_words;
  auto chunk = [&] { return buffer.view().substr(chunk_begin, pos - chunk_begin); };
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
  // At most five (one past the four kept), in order, held together from
  // `first` on; a std::deque cost an allocation check and a block walk per
  // line, and moving the kept ones down on every pop (each line pops one)
  // cost a copy of four. Popping moves the start instead, and the kept ones
  // go back to the front only when a push finds no room after them.
  struct RecentLines {
    std::array<Recent, 16> items;
    std::size_t first = 0;
    std::size_t count = 0;
    bool empty() const { return count == 0; }
    std::size_t size() const { return count; }
    const Recent& front() const { return items[first]; }
    void push_back(const Recent& r) {
      if (first + count == items.size()) {
        std::move(items.begin() + static_cast<std::ptrdiff_t>(first), items.end(), items.begin());
        first = 0;
      }
      items[first + count++] = r;
    }
    void pop_front() {
      ++first;
      --count;
    }
    void clear() { first = count = 0; }
    Recent* begin() { return items.data() + first; }
    Recent* end() { return items.data() + first + count; }
    std::reverse_iterator<Recent*> rbegin() { return std::reverse_iterator<Recent*>(end()); }
    std::reverse_iterator<Recent*> rend() { return std::reverse_iterator<Recent*>(begin()); }
  } recent;
  std::size_t documents = 0;
  // The chunk is the rest of one that began with a byte order mark, cut at
  // grid titles only: read whole, all of it was "utf-8-bom".
  bool chunk_bom = false;

  // The chunk's first `upto` bytes (whole lines) as read_text reads them.
  auto read_chunk = [&](std::size_t upto, int first_line) {
    const auto ends = static_cast<std::size_t>(std::lower_bound(newlines.begin(), newlines.end(), upto) -
                                               newlines.begin());
    const std::string_view bytes = chunk().substr(0, upto);
    const std::size_t lines = ends + (!bytes.empty() && bytes.back() != '\n' ? 1 : 0);
    Source source =
        read_text_lines(bytes, path, first_line, std::span<const std::size_t>(newlines.data(), ends),
                        std::span<const std::uint8_t>(line_words.data(), std::min(lines, line_words.size())));
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

  // Lines are cut out of large blocks read at once, as views: getline copied
  // every line into a string of its own. Same lines as getline gives: split
  // at '\n', and a last line without one still counts when it is not empty.
  // Memory: the current table's bytes and one block. Blocks start small and
  // double up to 1 MB: resize zero-fills the block, and most files are a few
  // tens of KB (a 1 MB first block cost a 1 MB memset per file, about 5% of
  // parsing a corpus of 20 KB files).
  constexpr std::size_t kMaxBlock = 1 << 20;
  std::size_t block = 64 << 10;
  LineWordScan words_in;
  MarkerInLines head_in[] = {MarkerInLines(heads[0]), MarkerInLines(heads[1]), MarkerInLines(heads[2])};
  auto reset_scans = [&] {
    words_in.reset(buffer.view());
    for (MarkerInLines& m : head_in) m.reset(buffer.view());
  };

  // The chunk's first `upto` bytes are done with: the rest starts the next.
  auto drop_front = [&](std::size_t upto) {
    chunk_begin += upto;
    const auto gone = std::lower_bound(newlines.begin(), newlines.end(), upto);
    // `upto` starts a line: the lines before it are those whose '\n' goes.
    line_words.erase(
        line_words.begin(),
        line_words.begin() + std::min<std::ptrdiff_t>(gone - newlines.begin(),
                                                      static_cast<std::ptrdiff_t>(line_words.size())));
    newlines.erase(newlines.begin(), gone);
    for (std::size_t& at : newlines) at -= upto;
  };

  // A large table's bytes are let go once read, before the recogniser builds
  // its model, so they are not held twice; a small table's stay where they
  // are (the buffer is reused). Only bytes before the chunk go: a view of a
  // line in the chunk is found again at the same distance from the end.
  auto release_read_bytes = [&] {
    if (buffer.capacity() <= 4 * kMaxBlock) return;
    // A few ms per large table (the old bytes are cleared).
    buffer.keep_from(chunk_begin);
    pos -= chunk_begin;
    chunk_begin = 0;
    reset_scans();
  };

  auto emit = [&](std::size_t upto, int next_first_line) {
    Source source = read_chunk(upto, chunk_first_line);
    drop_front(upto);
    release_read_bytes();
    // The 部门名称 rule is applied here as the bytes stream by; split_tables
    // adds the grid titles' department lines.
    for (Source& part : split_tables(std::move(source))) hand_over(part);
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
  // The last line read by department_named_by, and who it named.
  std::string named_by_line, named_by;
  bool named_by_known = false;
  auto cut_at_grid_title = [&] {
    failed_size = chunk().size();
    if (has_lone_cr(chunk())) return;
    Source prefix = read_chunk(chunk().size(), chunk_first_line);
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
    // The cut line starts after the chunk's (cut_line - chunk_first_line)th '\n'.
    const std::size_t offset = newlines[static_cast<std::size_t>(cut_line - chunk_first_line) - 1] + 1;
    drop_front(offset);
    release_read_bytes();
    chunk_first_line = cut_line;
    chunk_bom = chunk_bom || bom;
    while (!recent.empty() && recent.front().offset < offset) recent.pop_front();
    for (Recent& r : recent) r.offset -= offset;
    for (Source& part : parts) hand_over(part);
  };

  bool at_eof = false;
  // The next line, without its '\n', as a view into the buffer; pos moves
  // past it, so the chunk then ends with it.
  auto next_line = [&](std::string_view& out) {
    std::size_t scanned = pos;  // bytes before it hold no '\n'
    for (;;) {
      if (const void* nl = scanned < buffer.size()
                               ? std::memchr(buffer.data() + scanned, '\n', buffer.size() - scanned)
                               : nullptr) {
        const std::size_t end = static_cast<std::size_t>(static_cast<const char*>(nl) - buffer.data());
        out = buffer.view().substr(pos, end - pos);
        newlines.push_back(end - chunk_begin);
        pos = end + 1;
        return true;
      }
      if (at_eof) {
        if (pos >= buffer.size()) return false;
        out = buffer.view().substr(pos);
        pos = buffer.size();
        return true;
      }
      // Keep the chunk: move it to the front (once per chunk and block) and
      // read the next block after the line begun.
      buffer.erase_front(chunk_begin);
      pos -= chunk_begin;
      chunk_begin = 0;
      scanned = buffer.size();
      in.read(buffer.room(block), static_cast<std::streamsize>(block));
      const auto got = static_cast<std::size_t>(in.gcount());
      buffer.grow(got);
      if (got < block) at_eof = true;
      block = std::min(2 * block, kMaxBlock);
      reset_scans();
    }
  };

  std::string_view line;
  while (next_line(line)) {
    ++line_number;
    std::string_view view = line;
    if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
    // Blank: spaces and tabs only (a loop: find_first_not_of calls memchr
    // on " \t" for every byte, and a grid row starts with a tab).
    bool blank = true;
    for (const char c : view) {
      if (c != ' ' && c != '\t') {
        blank = false;
        break;
      }
    }
    // A blank line holds no word (half the lines of a table exported row by row).
    const std::uint8_t words = blank ? 0 : words_in.in(view);
    const bool department_line = (words & (line_word::kDepartmentName | line_word::kDepartmentNameGb)) != 0;
    if (department_line) {
      if (has_heads && std::string(view) != chunk_department) {
        // Cut before a title line just above (blank lines between allowed).
        // The chunk so far ends before this line.
        const std::string_view before = buffer.view().substr(
            chunk_begin, static_cast<std::size_t>(line.data() - buffer.data()) - chunk_begin);
        std::size_t cut = before.size();
        int first = line_number;
        for (auto it = recent.rbegin(); it != recent.rend(); ++it) {
          if (it->blank) continue;
          if (title.in(before.substr(it->offset, before.find('\n', it->offset) - it->offset))) {
            cut = it->offset;
            first = it->number;
          }
          break;
        }
        // emit may move the bytes kept: the line is as far from the end as before.
        const std::size_t from_end = buffer.size() - static_cast<std::size_t>(line.data() - buffer.data());
        emit(cut, first);
        line = buffer.view().substr(buffer.size() - from_end, line.size());
        view = line.substr(0, view.size());
      }
      chunk_department = std::string(view);
    } else if (!has_heads && !blank) {
      for (MarkerInLines& m : head_in) has_heads = has_heads || m.in(view);
    }
    recent.push_back({static_cast<std::size_t>(line.data() - buffer.data()) - chunk_begin, line_number, blank});
    line_words.push_back(words);
    if (recent.size() > 4) recent.pop_front();
    if (blank) continue;
    // As split_tables reads a title: the next non-blank line within two
    // names who it belongs to. Asked from that line back: lines that can
    // name a department are few, titles are found only above them.
    if (!may_name_department(view)) continue;
    for (auto it = std::next(recent.rbegin()); it != recent.rend(); ++it) {
      if (it->blank) continue;
      if (it->number + 2 < line_number) break;
      const std::string_view so_far = chunk();
      std::string_view above = so_far.substr(it->offset, so_far.find('\n', it->offset) - it->offset);
      if (!above.empty() && above.back() == '\r') above.remove_suffix(1);
      if (department.in(above)) break;
      const bool is_title = title_line(above);
      // split_tables asks the same of that line: the answer goes with its words.
      if (const auto k = static_cast<std::size_t>(it->number - chunk_first_line); k < line_words.size())
        line_words[k] |= is_title ? line_word::kTitle : line_word::kTitleTested;
      if (!is_title) break;
      // A grid book prints the same department line under each title: the
      // last line's answer serves again (it depends on the bytes alone).
      if (!named_by_known || view != named_by_line) {
        named_by_line.assign(view);
        named_by = department_named_by(view);
        named_by_known = true;
      }
      if (const std::string& named = named_by; !named.empty()) {
        if (!last_named.empty() && named != last_named && chunk().size() >= 2 * failed_size) cut_at_grid_title();
        last_named = named;
      }
      break;
    }
  }
  if (!chunk().empty() || documents == 0) emit(chunk().size(), line_number + 1);
  return documents;
}

}  // namespace jixiao
