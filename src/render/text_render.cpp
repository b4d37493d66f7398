#include "render/text_render.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "synth/generator.hpp"
#include "text/utf8.hpp"

namespace jixiao {
namespace {

constexpr const char* kHeader =
    "项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标";
// Seed 001: the header cell 财政专户拨款 wrapped inside its narrow column.
constexpr const char* kWrappedHeader =
    "项目名称（资金使用单位） 总计 财政拨款\n财政专户拨\n\n款\n其他资金 绩效目标 绩效指标";

int char_width(char32_t cp) { return cp < 0x80 ? 1 : 2; }

bool ascii_letter(char32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }
// Characters a line breaker keeps together with their neighbours: a number
// ("11733.38", "1,200", "95%") or a Latin word ("ITIL", "GB/T22239").
bool word_char(char32_t c) {
  return ascii_letter(c) || ascii_digit(c) || c == '.' || c == ',' || c == '%' || c == '/' || c == '_';
}

// Whether a wrapped line may end between a and b. Joining the lines again
// without a separator (utf8::append_wrapped) must give the text back, and
// the breaks must be ones a PDF export makes (see the header).
bool can_break(char32_t a, char32_t b, bool inside_numbers) {
  if (a == ' ' || b == ' ') return false;      // the reader trims lines: a space at a wrap would be lost
  if (b == '-' && word_char(a)) return false;  // "2025-2026": break after the hyphen, not before
  if (word_char(a) && word_char(b)) {
    if (inside_numbers && (ascii_digit(a) || a == '.') && (ascii_digit(b) || b == '.')) return true;
    return false;
  }
  return true;
}

// A line of nothing but figures would read as an amounts row.
bool looks_like_figures(std::string_view line) {
  if (line.empty()) return false;
  for (char ch : line) {
    if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == ',' || ch == '%' || ch == '-')) return false;
  }
  return true;
}

class Renderer {
 public:
  explicit Renderer(const TextRenderOptions& o) : opt_(o), rng_(o.seed ^ 0x5DEECE66DULL) {}

  std::string& out() { return out_; }
  SynthRng& rng() { return rng_; }
  const TextRenderOptions& opt() const { return opt_; }

  void line(std::string_view s) {
    out_.append(s);
    out_.push_back('\n');
    ++lines_;
  }
  void blank() { line(""); }
  void maybe_blank(int percent) {
    if (rng_.percent(percent)) blank();
  }

  // Splits `text` into lines no wider than `width_cjk` CJK characters (± the
  // jitter), breaking only where can_break allows; an unbreakable run wider
  // than the column stays whole, as a real export overflows it.
  std::vector<std::string_view> wrap(std::string_view text, int width_cjk) {
    std::vector<std::string_view> lines;
    const int base = width_cjk * 2;
    auto draw_limit = [&] {
      int j = opt_.width_jitter;
      int limit = base + (j > 0 ? static_cast<int>(rng_.between(-j, j)) : 0);
      return limit < 4 ? 4 : limit;
    };
    int limit = draw_limit();
    std::size_t line_start = 0, atom_start = 0;
    int line_w = 0, atom_w = 0;
    auto place = [&](std::size_t atom_end) {
      if (line_w > 0 && line_w + atom_w > limit) {
        lines.push_back(text.substr(line_start, atom_start - line_start));
        line_start = atom_start;
        line_w = 0;
        limit = draw_limit();
      }
      line_w += atom_w;
      atom_start = atom_end;
      atom_w = 0;
    };
    char32_t prev = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t len = 0;
      char32_t cp = utf8::decode(text, pos, &len);
      if (pos > 0 && can_break(prev, cp, opt_.break_inside_numbers)) place(pos);
      atom_w += char_width(cp);
      prev = cp;
      pos += len;
    }
    place(text.size());
    if (line_start < text.size()) lines.push_back(text.substr(line_start));
    // Fold a trailing line of bare figures back (see looks_like_figures).
    for (std::size_t i = lines.size(); i-- > 1;) {
      if (looks_like_figures(lines[i])) {
        std::string_view a = lines[i - 1];
        lines[i - 1] = std::string_view(a.data(), a.size() + lines[i].size());
        lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i));
      }
    }
    return lines;
  }

  // Writes wrapped lines with blank lines sprinkled between them. With
  // `may_break_page` a full page ends between two of its lines: the cell runs
  // on after the next page's header, as a row split over two pages does.
  void cell(std::string_view text, int width_cjk, bool may_break_page = false) {
    std::vector<std::string_view> lines = wrap(text, width_cjk);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) {
        if (may_break_page && page_full())
          page_break();
        else
          maybe_blank(opt_.blank_line_percent);
      }
      line(lines[i]);
    }
  }

  // A row's name cell (项目名称 column) and its figures: on one line when the
  // name fits, else the name's lines and then the figures on a line of their
  // own (seed 001).
  void name_row(std::string_view indent, const std::string& name, const std::string& figures, int width_cjk) {
    std::vector<std::string_view> lines = wrap(name, width_cjk);
    if (lines.size() <= 1) {
      line(std::string(indent) + name + (figures.empty() ? "" : " " + figures));
      return;
    }
    line(std::string(indent) + std::string(lines[0]));
    for (std::size_t i = 1; i < lines.size(); ++i) {
      maybe_blank(opt_.blank_line_percent);
      line(lines[i]);
    }
    maybe_blank(opt_.blank_line_percent);
    if (!figures.empty()) line(figures);
  }

  // The summary's column header, in one line or wrapped as in seed 001.
  void header() {
    std::string_view h = wrapped_header_ ? kWrappedHeader : kHeader;
    std::size_t pos = 0;
    while (pos <= h.size()) {
      std::size_t nl = h.find('\n', pos);
      if (nl == std::string_view::npos) nl = h.size();
      line(h.substr(pos, nl - pos));
      pos = nl + 1;
    }
  }
  void set_wrapped_header(bool b) { wrapped_header_ = b; }

  bool page_full() const { return opt_.lines_per_page > 0 && lines_ >= opt_.lines_per_page; }
  void page_break() {
    blank();
    blank();
    // Seed 004 repeats the column header on the new page; seed 000 shows only
    // the gap.
    if (rng_.percent(75)) {
      blank();
      header();
      blank();
    }
    lines_ = 0;
  }

 private:
  const TextRenderOptions& opt_;
  SynthRng rng_;
  std::string out_;
  int lines_ = 0;  // since the last page break
  bool wrapped_header_ = false;
};

std::string amounts_text(const Amounts& a) {
  std::string s;
  for (const auto* v : {&a.total, &a.fiscal, &a.special, &a.other}) {
    if (!*v) continue;
    if (!s.empty()) s.push_back(' ');
    s += format_amount(**v);
  }
  return s;
}

}  // namespace

std::string indicator_level1_text(const Indicator& ind, bool summary) {
  if (!ind.level1) return ind.level1_printed;
  return summary ? summary_level1_label(*ind.level1) : std::string(level1_name(*ind.level1));
}

std::string indicator_level2_text(const Indicator& ind, bool summary) {
  if (!ind.level2) return ind.level2_printed;
  return summary ? summary_level2_label(*ind.level2) : std::string(level2_name(*ind.level2));
}

namespace {

// The 绩效指标 cell. With `noise`, some separators come out as an OCR reads
// them (seed 002: "1、1-产出指标: 11-数量指标: 名称: 实施周期指标值:12; 年度…").
std::string indicator_running_text(const std::vector<Indicator>& indicators, SynthRng* noise, int percent) {
  static constexpr const char* kSwaps[] = {"; ", ": ", ";", "；"};
  static const std::string_view kStop = "。";
  auto sep = [&](std::string& s) {
    // Not after a value ending in "。": "考核。; 年度…" reads as the end of
    // the item to the recogniser (a known limit, see the damage header).
    const bool after_stop = s.size() >= kStop.size() && s.compare(s.size() - kStop.size(), kStop.size(), kStop) == 0;
    if (noise && !after_stop && noise->percent(percent))
      s += noise->pick(kSwaps);
    else
      s += "；";
  };
  std::string s;
  int n = 0;
  for (const Indicator& ind : indicators) {
    s += std::to_string(++n);
    s += "、";
    s += indicator_level1_text(ind, true);
    sep(s);
    s += indicator_level2_text(ind, true);
    sep(s);
    s += ind.name;
    sep(s);
    if (ind.period_target) {
      s += "实施周期指标值:";
      s += ind.period_target->text;
      sep(s);
    }
    if (ind.annual_target) {
      s += "年度指标值:";
      s += ind.annual_target->text;
    }
    s += "。";
  }
  return s;
}

// OCR's spaces after the separators of a figure in a cell: "13, 586. 01".
std::string spaced_figure(std::string figure, SynthRng& rng, int percent) {
  if (percent <= 0 || !rng.percent(percent)) return figure;  // no draw: clean renders stay as they were
  std::string out;
  for (char ch : figure) {
    out.push_back(ch);
    if (ch == ',' || ch == '.') out.push_back(' ');
  }
  return out;
}

}  // namespace

// The 绩效指标 cell: every indicator in one running text.
std::string summary_indicator_text(const std::vector<Indicator>& indicators) {
  return indicator_running_text(indicators, nullptr, 0);
}

// Paragraph starts in a goal: a numbered item ("2、", "3.") right after a
// sentence end. Authors type these as new paragraphs.
std::vector<std::string_view> goal_paragraphs(std::string_view goal) {
  std::vector<std::string_view> paras;
  static const std::string_view kStop = "。";
  std::size_t start = 0;
  for (std::size_t i = kStop.size(); i < goal.size(); ++i) {
    if (!ascii_digit(static_cast<unsigned char>(goal[i])) ||
        goal.compare(i - kStop.size(), kStop.size(), kStop) != 0) {
      continue;
    }
    std::size_t j = i;
    while (j < goal.size() && ascii_digit(static_cast<unsigned char>(goal[j]))) ++j;
    bool item = j < goal.size() && (goal[j] == '.' || goal.compare(j, 3, "、") == 0);
    if (item && goal.compare(i, j - i, "1") != 0) {
      paras.push_back(goal.substr(start, i - start));
      start = i;
    }
  }
  paras.push_back(goal.substr(start));
  return paras;
}

namespace {

void summary_project(Renderer& r, const Project& p, const TextRenderOptions& o) {
  SynthRng& rng = r.rng();
  r.name_row("    ", p.name.value_or(""), amounts_text(p.amounts), o.name_width);
  if (p.goal && !p.goal->empty()) {
    r.maybe_blank(60);
    bool paragraphs = o.noise && rng.percent(50);
    std::vector<std::string_view> parts =
        paragraphs ? goal_paragraphs(*p.goal) : std::vector<std::string_view>{std::string_view(*p.goal)};
    for (std::size_t k = 0; k < parts.size(); ++k) {
      std::vector<std::string_view> lines = r.wrap(parts[k], o.goal_width);
      for (std::size_t i = 0; i < lines.size(); ++i) {
        if (k > 0 || i > 0) r.maybe_blank(o.blank_line_percent);
        // Seed 000: " 3、提供…" — a stray space before a typed paragraph.
        bool lead = k > 0 && i == 0 && o.noise && rng.percent(30);
        bool trail = k + 1 == parts.size() && i + 1 == lines.size() && o.noise && rng.percent(5);
        r.line((lead ? " " : "") + std::string(lines[i]) + (trail ? "    " : ""));
      }
    }
  }
  if (!p.indicators.empty()) {
    r.maybe_blank(95);
    r.cell(indicator_running_text(p.indicators, o.separator_swap_percent > 0 ? &rng : nullptr, o.separator_swap_percent), o.indicator_width,
           o.page_break_in_cells);
  }
  r.blank();
  if (rng.percent(8)) {
    r.blank();
    r.blank();
  }
}

}  // namespace

TextRenderOptions TextRenderOptions::varied(std::uint64_t seed) {
  SynthRng r(seed ^ 0xA0761D6478BD642FULL);
  TextRenderOptions o;
  o.seed = seed;
  o.name_width = static_cast<int>(r.between(10, 16));
  o.goal_width = static_cast<int>(r.between(13, 26));
  o.indicator_width = static_cast<int>(r.between(22, 34));
  o.width_jitter = static_cast<int>(r.between(0, 2));
  o.blank_line_percent = static_cast<int>(r.between(0, 60));
  o.lines_per_page = r.percent(15) ? 0 : static_cast<int>(r.between(30, 90));
  o.noise = r.percent(85);
  o.break_inside_numbers = r.percent(25);
  o.page_break_in_cells = r.percent(30);
  return o;
}

std::string summary_level1_label(Level1 level) {
  return std::string(level1_code(level)) + "-" + level1_name(level);
}

std::string summary_level2_label(Level2 level) {
  std::string name = level2_name(level);
  std::string code = level2_code(level);
  // The Guangdong export drops 指标 from the 效益 and 满意度 二级 ("22-社会效益",
  // "31-服务对象满意度") but keeps it for 产出's ("13-时效指标").
  static const std::string kSuffix = "指标";
  if (!code.empty() && (code[0] == '2' || code[0] == '3') && name.size() > kSuffix.size() &&
      name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0) {
    name.resize(name.size() - kSuffix.size());
  }
  return code + "-" + name;
}

int display_width(std::string_view text) {
  int w = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t len = 0;
    w += char_width(utf8::decode(text, pos, &len));
    pos += len;
  }
  return w;
}

std::string format_amount(const Decimal& amount) {
  const std::string plain = amount.to_string();
  const std::size_t sign = plain[0] == '-' ? 1 : 0;
  const std::size_t int_end = std::min(plain.find('.'), plain.size());
  std::string s = plain.substr(0, sign);
  for (std::size_t i = sign; i < int_end; ++i) {
    if (i > sign && (int_end - i) % 3 == 0) s.push_back(',');
    s.push_back(plain[i]);
  }
  s.append(plain, int_end, std::string::npos);
  return s;
}

std::string render_summary_text(const Document& doc, const TextRenderOptions& options) {
  Renderer r(options);
  SynthRng& rng = r.rng();
  const bool noise = options.noise;
  r.set_wrapped_header(noise && rng.percent(20));
  if (noise && rng.percent(60)) r.blank();
  if (doc.title) {
    r.line(*doc.title);
    if (!noise || rng.percent(70)) r.blank();
  }
  r.line("部门名称：" + doc.department.value_or("") + " 单位：" + doc.amount_unit);
  r.blank();
  r.header();
  r.blank();
  if (doc.total) {
    r.line("合计 " + amounts_text(*doc.total));
    r.blank();
  }
  auto at_row = [&] {
    if (r.page_full()) r.page_break();
  };
  for (const Unit& u : doc.units) {
    at_row();
    // Unit rows start at the column's left edge, so their name has the
    // indent's two CJK widths more room than a project's.
    r.name_row("", u.name, amounts_text(u.amounts), options.name_width + 2);
    r.blank();
    for (const Project& p : u.projects) {
      at_row();
      summary_project(r, p, options);
    }
  }
  return std::move(r.out());
}

std::string render_grid_text(const Document& doc, const TextRenderOptions& options) {
  Renderer r(options);
  SynthRng& rng = r.rng();
  const std::string dept = doc.department_code.value_or("") + doc.department.value_or("");
  const std::string unit_line = "单位：" + doc.amount_unit;
  // Word numbers its bookmarks; seed 003 shows "_Toc_4_4_0000000004" rising
  // by one per table and a second random "_Toc23416".
  std::uint64_t toc = 1 + rng.below(20);
  std::size_t k = 0;
  std::size_t total_projects = 0;
  for (const Unit& u : doc.units) total_projects += u.projects.size();
  auto tab = [&](std::string_view s) { r.line("\t" + std::string(s)); };
  auto amount = [&](const std::optional<Decimal>& d) {
    return d ? spaced_figure(d->to_string(), rng, options.number_space_percent) : std::string();
  };
  for (const Unit& u : doc.units) {
    for (const Project& p : u.projects) {
      ++k;
      std::string num = std::to_string(toc + k);
      std::string title = (k == 1 && options.noise ? " " : "");
      title += "[bookmark: _Toc_4_4_" + std::string(10 - num.size(), '0') + num + "][bookmark: _Toc" +
               std::to_string(1000 + rng.below(31000)) + "]" + std::to_string(k) + "." + p.name.value_or("") +
               "绩效目标表";
      r.line(title);
      tab(dept);
      tab(unit_line);
      r.blank();
      tab("项目名称");
      tab(p.name.value_or(""));
      r.blank();
      tab("预算规模及资金用途");
      tab("预算数");
      tab(amount(p.amounts.total));
      tab("其中：财政    资金");
      tab(amount(p.amounts.fiscal));
      tab("其他资金");
      tab(amount(p.amounts.other));
      r.blank();
      tab("");  // the merged label cell beside 资金用途
      tab(p.purpose.value_or(""));
      r.blank();
      tab("绩效目标");
      if (p.goal) {
        // Each numbered item is its own paragraph; only the first carries
        // the cell's tab.
        std::vector<std::string_view> paras = goal_paragraphs(*p.goal);
        for (std::size_t i = 0; i < paras.size(); ++i) r.line((i == 0 ? "\t" : "") + std::string(paras[i]));
      } else {
        tab("");
      }
      r.blank();
      r.blank();
      r.blank();
      for (const char* h : {"一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"}) tab(h);
      r.blank();
      std::string previous_level1;
      bool first = true;
      for (const Indicator& ind : p.indicators) {
        std::string l1 = indicator_level1_text(ind, false);
        // The 一级 cell is merged down its rows: Word writes it once and an
        // empty cell on the rows below.
        tab(first || l1 != previous_level1 ? l1 : "");
        previous_level1 = l1;
        first = false;
        tab(indicator_level2_text(ind, false));
        tab(ind.name);
        tab(ind.description.value_or(""));
        tab(ind.annual_target ? ind.annual_target->text : "");
        r.blank();
      }
      r.blank();
      r.blank();
      if (k < total_projects) r.blank();
    }
  }
  return std::move(r.out());
}

std::string render_text(const Document& doc, const TextRenderOptions& options) {
  return doc.layout == "project-grid" ? render_grid_text(doc, options) : render_summary_text(doc, options);
}

}  // namespace jixiao
