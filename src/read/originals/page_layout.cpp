#include "read/originals/page_layout.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "text/page_number.hpp"
#include "text/utf8.hpp"

namespace jixiao {
namespace {

struct UnionFind {
  std::vector<int> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int find(int x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void join(int a, int b) { parent[find(a)] = find(b); }
};

// Collinear pieces (a border drawn cell by cell) become one rule.
std::vector<Rule> merge_rules(std::vector<Rule> rules, bool horizontal, const LayoutTolerance& tol) {
  std::vector<Rule> in;
  for (const Rule& r : rules) {
    if (r.horizontal == horizontal) in.push_back(r);
  }
  std::sort(in.begin(), in.end(), [](const Rule& a, const Rule& b) {
    return a.pos != b.pos ? a.pos < b.pos : a.from < b.from;
  });
  // Group by position first, then join overlapping extents within a group.
  std::vector<Rule> out;
  std::size_t i = 0;
  while (i < in.size()) {
    std::size_t j = i;
    double sum = 0;
    while (j < in.size() && in[j].pos - in[i].pos <= tol.snap) sum += in[j++].pos;
    const double pos = sum / static_cast<double>(j - i);
    std::vector<Rule> group(in.begin() + static_cast<long>(i), in.begin() + static_cast<long>(j));
    std::sort(group.begin(), group.end(), [](const Rule& a, const Rule& b) { return a.from < b.from; });
    Rule cur = group.front();
    cur.pos = pos;
    for (std::size_t k = 1; k < group.size(); ++k) {
      if (group[k].from <= cur.to + tol.snap) {
        cur.to = std::max(cur.to, group[k].to);
      } else {
        if (cur.to - cur.from >= tol.min_rule) out.push_back(cur);
        cur = group[k];
        cur.pos = pos;
      }
    }
    if (cur.to - cur.from >= tol.min_rule) out.push_back(cur);
    i = j;
  }
  return out;
}

bool covers(const Rule& r, double at, double slack) { return at >= r.from - slack && at <= r.to + slack; }

std::vector<double> distinct(std::vector<double> v, double snap) {
  std::sort(v.begin(), v.end());
  std::vector<double> out;
  for (double x : v) {
    if (out.empty() || x - out.back() > snap) out.push_back(x);
  }
  return out;
}

struct Table {
  std::vector<double> xs, ys;  // column and row boundaries
  std::vector<Rule> h, v;      // its rules
  bool open_top = false, open_bottom = false;
  // Cell id per base cell (row band i, column band j) and each id's extent.
  std::vector<int> id;
  struct Extent {
    int r0, c0, r1, c1;
  };
  std::map<int, Extent> extent;
  int cols() const { return static_cast<int>(xs.size()) - 1; }
  int rows() const { return static_cast<int>(ys.size()) - 1; }
};

bool has_rule(const std::vector<Rule>& rules, double pos, double along, double snap) {
  for (const Rule& r : rules) {
    if (std::abs(r.pos - pos) <= snap && covers(r, along, -snap)) return true;
  }
  return false;
}

void build_cells(Table& t, const LayoutTolerance& tol) {
  const int nr = t.rows(), nc = t.cols();
  UnionFind uf(static_cast<std::size_t>(nr * nc));
  for (int i = 0; i < nr; ++i) {
    const double my = (t.ys[i] + t.ys[i + 1]) / 2;
    for (int j = 0; j < nc; ++j) {
      const double mx = (t.xs[j] + t.xs[j + 1]) / 2;
      if (j + 1 < nc && !has_rule(t.v, t.xs[j + 1], my, tol.snap)) uf.join(i * nc + j, i * nc + j + 1);
      if (i + 1 < nr && !has_rule(t.h, t.ys[i + 1], mx, tol.snap)) uf.join(i * nc + j, (i + 1) * nc + j);
    }
  }
  t.id.assign(static_cast<std::size_t>(nr * nc), 0);
  for (int i = 0; i < nr; ++i) {
    for (int j = 0; j < nc; ++j) {
      int root = uf.find(i * nc + j);
      t.id[static_cast<std::size_t>(i * nc + j)] = root;
      auto it = t.extent.find(root);
      if (it == t.extent.end()) {
        t.extent[root] = {i, j, i, j};
      } else {
        it->second.r0 = std::min(it->second.r0, i);
        it->second.c0 = std::min(it->second.c0, j);
        it->second.r1 = std::max(it->second.r1, i);
        it->second.c1 = std::max(it->second.c1, j);
      }
    }
  }
}

int band(const std::vector<double>& bounds, double at) {
  auto it = std::upper_bound(bounds.begin(), bounds.end(), at);
  if (it == bounds.begin() || it == bounds.end()) return -1;
  return static_cast<int>(it - bounds.begin()) - 1;
}

bool ascii_word_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Words → text lines (top to bottom), each line's words left to right.
std::vector<std::vector<const PositionedWord*>> text_lines(std::vector<const PositionedWord*> words) {
  std::sort(words.begin(), words.end(), [](const PositionedWord* a, const PositionedWord* b) {
    return a->box.y0 + a->box.y1 < b->box.y0 + b->box.y1;
  });
  std::vector<std::vector<const PositionedWord*>> lines;
  double top = 0, bottom = 0;
  for (const PositionedWord* w : words) {
    const double mid = (w->box.y0 + w->box.y1) / 2;
    if (!lines.empty() && mid >= top && mid <= bottom) {
      lines.back().push_back(w);
      top = std::min(top, w->box.y0 + (w->box.y1 - w->box.y0) * 0.25);
      bottom = std::max(bottom, w->box.y1 - (w->box.y1 - w->box.y0) * 0.25);
      continue;
    }
    lines.push_back({w});
    top = w->box.y0;
    bottom = w->box.y1;
  }
  for (auto& l : lines) {
    std::sort(l.begin(), l.end(),
              [](const PositionedWord* a, const PositionedWord* b) { return a->box.x0 < b->box.x0; });
  }
  return lines;
}

// One text line's words: a space where the producer put one between Latin
// words or figures, or where the gap is wide; none inside CJK text.
std::string join_words(const std::vector<const PositionedWord*>& words) {
  std::string out;
  for (std::size_t k = 0; k < words.size(); ++k) {
    const PositionedWord& w = *words[k];
    if (k > 0 && !out.empty()) {
      const PositionedWord& p = *words[k - 1];
      const double height = std::max(1.0, p.box.y1 - p.box.y0);
      const double gap = w.box.x0 - p.box.x1;
      const bool latin = ascii_word_char(out.back()) && !w.text.empty() && ascii_word_char(w.text.front());
      if ((latin && (p.space_after || gap > height * 0.15)) || gap > height * 0.8) out.push_back(' ');
    }
    out += w.text;
  }
  return out;
}

float min_confidence(const std::vector<const PositionedWord*>& words) {
  float m = -1;
  for (const PositionedWord* w : words) {
    if (w->confidence >= 0 && (m < 0 || w->confidence < m)) m = w->confidence;
  }
  return m;
}

// Same text line: the vertical extents overlap by half the shorter one.
bool on_same_line(const Box& a, const Box& b) {
  const double overlap = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  return overlap >= 0.5 * std::min(a.y1 - a.y0, b.y1 - b.y0);
}

// A heading too long for the page wraps: its lines, each centred on the
// same axis, in the same type, one right under the other, the first as wide
// as the page allows. They are one line of text (a project's title must be
// read whole to start the project).
std::vector<std::vector<const PositionedWord*>> wrapped_lines_joined(
    std::vector<std::vector<const PositionedWord*>> lines, double page_width) {
  if (page_width <= 0) return lines;
  auto box_of = [](const std::vector<const PositionedWord*>& line) {
    Box b;
    for (const PositionedWord* w : line) b.include(w->box);
    return b;
  };
  auto glyph_height = [](const std::vector<const PositionedWord*>& line) {
    double h = 0;
    for (const PositionedWord* w : line) h = std::max(h, w->box.y1 - w->box.y0);
    return h;
  };
  std::vector<std::vector<const PositionedWord*>> out;
  for (auto& line : lines) {
    if (!out.empty()) {
      const Box a = box_of(out.back()), b = box_of(line);
      const double ha = glyph_height(out.back()), hb = glyph_height(line);
      const bool full = a.x1 - a.x0 >= page_width * 0.8;
      const bool same_type = std::abs(ha - hb) <= 0.1 * ha;
      // Word boxes run from ascent to descent and may overlap between lines.
      const double dy = (b.y0 + b.y1) / 2 - (a.y0 + a.y1) / 2;
      const bool next_line = dy >= 0.3 * ha && dy <= 1.6 * ha;
      const bool same_axis = std::abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2) <= page_width * 0.02;
      if (full && same_type && next_line && same_axis) {
        out.back().insert(out.back().end(), line.begin(), line.end());
        continue;
      }
    }
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace

namespace {
std::vector<Table> find_tables(const std::vector<Rule>& rules, const LayoutTolerance& tol) {
  std::vector<Rule> h = merge_rules(rules, true, tol);
  std::vector<Rule> v = merge_rules(rules, false, tol);
  // Tables: rules connected by crossings.
  const std::size_t nh = h.size();
  UnionFind uf(nh + v.size());
  for (std::size_t a = 0; a < nh; ++a) {
    for (std::size_t b = 0; b < v.size(); ++b) {
      if (covers(h[a], v[b].pos, tol.snap * 2) && covers(v[b], h[a].pos, tol.snap * 2))
        uf.join(static_cast<int>(a), static_cast<int>(nh + b));
    }
  }
  std::map<int, Table> by_root;
  for (std::size_t a = 0; a < nh; ++a) by_root[uf.find(static_cast<int>(a))].h.push_back(h[a]);
  for (std::size_t b = 0; b < v.size(); ++b) by_root[uf.find(static_cast<int>(nh + b))].v.push_back(v[b]);
  std::vector<Table> tables;
  for (auto& [root, t] : by_root) {
    if (t.v.size() < 2 || t.h.empty()) continue;
    std::vector<double> xs, ys;
    double top = 1e18, bottom = -1e18;
    for (const Rule& r : t.v) {
      xs.push_back(r.pos);
      top = std::min(top, r.from);
      bottom = std::max(bottom, r.to);
    }
    for (const Rule& r : t.h) ys.push_back(r.pos);
    t.xs = distinct(xs, tol.snap);
    t.ys = distinct(ys, tol.snap);
    // Columns drawn past the first or last horizontal rule: a row the page
    // break cut, whose closing rule is on the other page.
    if (top < t.ys.front() - tol.snap * 3) {
      t.ys.insert(t.ys.begin(), top);
      t.open_top = true;
    }
    if (bottom > t.ys.back() + tol.snap * 3) {
      t.ys.push_back(bottom);
      t.open_bottom = true;
    }
    if (t.xs.size() < 2 || t.ys.size() < 2) continue;
    build_cells(t, tol);
    tables.push_back(std::move(t));
  }
  std::sort(tables.begin(), tables.end(), [](const Table& a, const Table& b) { return a.ys.front() < b.ys.front(); });

  return tables;
}
}  // namespace

std::vector<Box> table_cells(const std::vector<Rule>& rules, const LayoutTolerance& tol) {
  std::vector<Box> out;
  for (const Table& t : find_tables(rules, tol)) {
    for (const auto& [id, e] : t.extent) out.push_back({t.xs[e.c0], t.ys[e.r0], t.xs[e.c1 + 1], t.ys[e.r1 + 1]});
  }
  return out;
}

PageRows layout_page(const PageGeometry& page, const LayoutTolerance& tol) {
  std::vector<Table> tables = find_tables(page.rules, tol);
  // Words into cells, or outside.
  std::vector<std::map<int, std::vector<const PositionedWord*>>> in_cell(tables.size());
  std::vector<const PositionedWord*> outside;
  for (const PositionedWord& w : page.words) {
    const double cx = (w.box.x0 + w.box.x1) / 2, cy = (w.box.y0 + w.box.y1) / 2;
    bool placed = false;
    for (std::size_t t = 0; t < tables.size() && !placed; ++t) {
      int i = band(tables[t].ys, cy), j = band(tables[t].xs, cx);
      if (i < 0 || j < 0) continue;
      in_cell[t][tables[t].id[static_cast<std::size_t>(i * tables[t].cols() + j)]].push_back(&w);
      placed = true;
    }
    if (!placed) outside.push_back(&w);
  }

  // Rows with their top y, merged in reading order.
  std::vector<std::pair<double, TableRow>> ordered;
  for (const auto& line : wrapped_lines_joined(text_lines(outside), page.width)) {
    Box where;
    for (const PositionedWord* w : line) where.include(w->box);
    const bool margin = page.height > 0 && (where.y1 < page.height * 0.07 || where.y0 > page.height * 0.92);
    // A page number in the margin is page furniture, not text of the table.
    if (margin && is_margin_page_number(join_words(line))) continue;
    TableRow row;
    row.paragraph = true;
    row.page = page.page;
    TableCell cell;
    cell.text = join_words(line);
    cell.page = page.page;
    cell.confidence = min_confidence(line);
    for (const PositionedWord* w : line) cell.box.include(w->box);
    row.cells.push_back(std::move(cell));
    ordered.emplace_back(line.front()->box.y0, std::move(row));
  }
  PageRows result;
  std::vector<std::pair<double, int>> table_marks;  // (y, +1 first row / +2 last row)
  for (std::size_t t = 0; t < tables.size(); ++t) {
    const Table& tb = tables[t];
    for (int i = 0; i < tb.rows(); ++i) {
      TableRow row;
      row.page = page.page;
      for (int j = 0; j < tb.cols(); ++j) {
        const int id = tb.id[static_cast<std::size_t>(i * tb.cols() + j)];
        const Table::Extent& e = tb.extent.at(id);
        if (e.c0 != j) continue;  // covered by a cell spanning from the left
        TableCell cell;
        cell.page = page.page;
        cell.box = {tb.xs[e.c0], tb.ys[e.r0], tb.xs[e.c1 + 1], tb.ys[e.r1 + 1]};
        if (e.r0 == i) {
          auto it = in_cell[t].find(id);
          if (it != in_cell[t].end()) {
            for (const auto& line : text_lines(it->second)) append_cell_line(cell.text, join_words(line));
            cell.confidence = min_confidence(it->second);
          }
        }
        row.cells.push_back(std::move(cell));
      }
      ordered.emplace_back(tb.ys[i] + 1e-3, std::move(row));
    }
  }
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  // Which rows are the first and last table rows of the page (for joining
  // rows the page break cut).
  double first_table_y = tables.empty() ? 0 : tables.front().ys.front() + 1e-3;
  double last_table_y = 0;
  if (!tables.empty()) {
    const Table* last = &tables.front();
    for (const Table& tb : tables) {
      if (tb.ys.back() >= last->ys.back()) last = &tb;
    }
    last_table_y = last->ys[last->ys.size() - 2] + 1e-3;
    result.open_top = tables.front().open_top;
    result.open_bottom = last->open_bottom;
  }
  for (auto& [y, row] : ordered) {
    if (!tables.empty() && !row.paragraph) {
      if (y == first_table_y && result.first_table_row < 0) result.first_table_row = static_cast<int>(result.rows.size());
      if (y == last_table_y) result.last_table_row = static_cast<int>(result.rows.size());
    }
    result.rows.push_back(std::move(row));
  }
  return result;
}

namespace {
std::string signature(const TableRow& row) {
  std::string s;
  for (const TableCell& c : row.cells) {
    for (char ch : c.text) {
      if (ch != ' ') s.push_back(ch);
    }
    s.push_back('\t');
  }
  return s;
}

// Whether a page's first table row repeats the document's header. A scan
// reads the same printed header a little differently on every page (〈 for
// （, a dropped stroke), so the cells must agree in number and their text
// nearly: an exact comparison took a repeated header for the rest of the
// row the break cut, and glued the header's words into that row.
bool repeats_header(const std::string& header, const std::string& row) {
  if (std::count(header.begin(), header.end(), '\t') != std::count(row.begin(), row.end(), '\t')) return false;
  return row == header || utf8::similarity(header, row) >= 0.8;
}
}  // namespace

void PageJoiner::add(PageRows&& page) {
  const std::size_t base = rows_.size();
  int first = page.first_table_row;
  if (first >= 0 && header_.empty()) header_ = signature(page.rows[static_cast<std::size_t>(first)]);
  // A repeated header: the row the break cut is the one after it.
  if (first >= 0 && !header_.empty() && base > 0 && repeats_header(header_, signature(page.rows[static_cast<std::size_t>(first)]))) {
    const std::size_t next = static_cast<std::size_t>(first) + 1;
    first = next < page.rows.size() && !page.rows[next].paragraph ? static_cast<int>(next) : -1;
  }
  // Only the earlier page tells a cut row: its cells run on past the last
  // rule. A page whose table starts without a top rule alone is not enough:
  // with collapsed borders the rule between two rows is printed once, at the
  // foot of the earlier page, so a row that merely starts the next page has
  // no rule above it either (two stacked grid cells would otherwise be
  // glued into one).
  int joined = -1;
  if (last_table_row_ >= 0 && first >= 0 && last_open_bottom_) {
    TableRow& above = rows_[static_cast<std::size_t>(last_table_row_)];
    TableRow& below = page.rows[static_cast<std::size_t>(first)];
    if (above.cells.size() == below.cells.size()) {
      for (std::size_t k = 0; k < above.cells.size(); ++k) append_cell_line(above.cells[k].text, below.cells[k].text);
      above.last_page = below.page;
      joined = first;
    }
  }
  int last_index = -1;
  for (std::size_t k = 0; k < page.rows.size(); ++k) {
    if (static_cast<int>(k) == joined) {
      if (static_cast<int>(k) == page.last_table_row) last_index = last_table_row_;
      continue;
    }
    if (static_cast<int>(k) == page.last_table_row) last_index = static_cast<int>(rows_.size());
    rows_.push_back(std::move(page.rows[k]));
  }
  if (page.last_table_row >= 0) {
    last_table_row_ = last_index;
    last_open_bottom_ = page.open_bottom;
  }
}

std::size_t drop_margin_noise(std::vector<PositionedWord>& words, double max_text_height, float confident) {
  auto blank = [](const PositionedWord& w) {
    return w.text.find_first_not_of(" \t\n") == std::string::npos;
  };
  auto height = [](const PositionedWord& w) { return w.box.y1 - w.box.y0; };
  auto text_like = [&](const PositionedWord& w) { return !blank(w) && height(w) <= max_text_height; };
  std::vector<const PositionedWord*> anchors;
  for (const PositionedWord& w : words) {
    if (text_like(w) && w.confidence >= confident) anchors.push_back(&w);
  }
  std::vector<bool> keep(words.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    const PositionedWord& w = words[i];
    keep[i] = text_like(w) &&
              (w.confidence >= confident ||
               std::any_of(anchors.begin(), anchors.end(),
                           [&](const PositionedWord* a) { return on_same_line(a->box, w.box); }));
  }
  std::vector<PositionedWord> kept;
  kept.reserve(words.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (keep[i]) kept.push_back(std::move(words[i]));
  }
  const std::size_t dropped = words.size() - kept.size();
  words = std::move(kept);
  return dropped;
}

std::vector<WeakLine> weak_text_lines(const std::vector<PositionedWord>& words, double page_height, float weak,
                                      std::size_t min_words) {
  struct Group {
    std::vector<std::size_t> words;
    Box box;
  };
  std::vector<Group> lines;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Box& b = words[i].box;
    if (words[i].text.find_first_not_of(" \t\n") == std::string::npos) continue;
    Group* line = nullptr;
    for (Group& g : lines) {
      if (on_same_line(g.box, b)) {
        line = &g;
        break;
      }
    }
    if (!line) {
      lines.push_back({{}, b});
      line = &lines.back();
    }
    line->words.push_back(i);
    line->box = {std::min(line->box.x0, b.x0), std::min(line->box.y0, b.y0), std::max(line->box.x1, b.x1),
                 std::max(line->box.y1, b.y1)};
  }
  std::vector<WeakLine> weak_lines;
  for (const Group& g : lines) {
    if (g.words.size() < min_words) continue;
    float sum = 0;
    for (std::size_t k : g.words) sum += std::max(0.0f, words[k].confidence);
    const float mean = sum / static_cast<float>(g.words.size());
    if (mean >= weak) continue;
    WeakLine w;
    w.words = g.words;
    std::sort(w.words.begin(), w.words.end(),
              [&](std::size_t a, std::size_t b) { return words[a].box.x0 < words[b].box.x0; });
    w.box = g.box;
    w.mean_confidence = mean;
    w.top = 0;
    w.bottom = page_height;
    for (const Group& other : lines) {
      if (&other == &g) continue;
      if (other.box.y1 <= g.box.y0) w.top = std::max(w.top, other.box.y1);
      if (other.box.y0 >= g.box.y1) w.bottom = std::min(w.bottom, other.box.y0);
    }
    weak_lines.push_back(std::move(w));
  }
  return weak_lines;
}

}  // namespace jixiao
