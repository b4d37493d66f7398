#include "recognise/amount_text.hpp"

#include <algorithm>
#include <cstring>
#include <span>
#include <string>

namespace jixiao {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Scans a money figure at `pos`: digits with optional ", "-separated groups
// and ". " decimals. Returns its end, or pos when none.
std::size_t scan_figure(std::string_view s, std::size_t pos, bool* money_like) {
  std::size_t p = pos;
  if (p < s.size() && s[p] == '-') ++p;
  std::size_t d = p;
  while (d < s.size() && is_digit(s[d])) ++d;
  if (d == p) return pos;
  bool grouped = false, decimal = false;
  std::size_t end = d;
  // Thousands groups: ",ddd" possibly with a space after the comma (OCR).
  while (true) {
    std::size_t q = end;
    if (q < s.size() && s[q] == ',') {
      ++q;
      while (q < s.size() && s[q] == ' ') ++q;
      std::size_t g = q;
      while (g < s.size() && is_digit(s[g])) ++g;
      if (g - q == 3) {
        end = g;
        grouped = true;
        continue;
      }
    }
    break;
  }
  if (end < s.size() && s[end] == '.') {
    std::size_t q = end + 1;
    while (q < s.size() && s[q] == ' ') ++q;
    std::size_t g = q;
    while (g < s.size() && is_digit(s[g])) ++g;
    if (g > q) {
      end = g;
      decimal = true;
    }
  }
  *money_like = grouped || decimal;
  return end;
}

}  // namespace

bool parse_amount_cell(std::string_view cell, Decimal* out) {
  while (!cell.empty() && cell.front() == ' ') cell.remove_prefix(1);
  while (!cell.empty() && cell.back() == ' ') cell.remove_suffix(1);
  if (cell.empty()) return false;
  bool money = false;
  std::size_t end = scan_figure(cell, 0, &money);
  if (end != cell.size()) return false;
  auto d = Decimal::parse(cell);
  if (!d) return false;
  *out = *d;
  return true;
}

bool split_leading_amount(std::string_view cell, Decimal* out, std::string_view* rest) {
  while (!cell.empty() && cell.front() == ' ') cell.remove_prefix(1);
  bool money = false;
  std::size_t end = scan_figure(cell, 0, &money);
  if (end == 0 || !money) return false;
  if (end < cell.size() && cell[end] != ' ') return false;  // "3.0版" is text
  auto d = Decimal::parse(cell.substr(0, end));
  if (!d) return false;
  *out = *d;
  *rest = cell.substr(end);
  while (!rest->empty() && rest->front() == ' ') rest->remove_prefix(1);
  return true;
}

namespace {

// trailing_amounts for a line whose last byte before any spaces is ASCII.
// Kept out of line, as join_figure_tails is, so that the test every line
// takes costs no frame for this.
[[gnu::noinline]] TrailingAmounts figures_at_end(std::string_view line, int max_figures) {
  TrailingAmounts result;
  result.text_end = line.size();
  // Collect figure tokens left to right; a figure must stand alone (spaces or
  // line edges around it), which keeps "2021年" and "3.0版" in the text.
  struct Token {
    std::size_t begin, end;
    bool money;
  };
  // Reused from line to line: a list allocated and freed for each line that
  // ends in ASCII cost more than finding its figures.
  thread_local std::vector<Token> tokens;
  tokens.clear();
  // A figure ends in a digit: a line that does not (most lines of text) has
  // no run of figures to collect, and only its last word can be damaged.
  std::size_t last = line.size();
  while (last > 0 && line[last - 1] == ' ') --last;
  std::size_t i = last > 0 && is_digit(line[last - 1]) ? 0 : line.size();
  while (i < line.size()) {
    if (i > 0 && line[i - 1] != ' ') {
      // Inside a word: only a word's start can start a figure, so go to the
      // next one (a line of Chinese text ending in a figure has few spaces).
      const void* space = std::memchr(line.data() + i, ' ', line.size() - i);
      if (!space) break;
      i = static_cast<std::size_t>(static_cast<const char*>(space) - line.data()) + 1;
      continue;
    }
    if (is_digit(line[i]) || (line[i] == '-' && i + 1 < line.size() && is_digit(line[i + 1]))) {
      bool money = false;
      std::size_t end = scan_figure(line, i, &money);
      if (end > i && (end == line.size() || line[end] == ' ')) {
        tokens.push_back({i, end, money});
        i = end;
        continue;
      }
    }
    ++i;
  }
  // Keep the run of tokens that reaches the end of the line, separated only
  // by spaces: tokens[first, tokens.size()).
  std::size_t tail = line.size();
  while (tail > 0 && line[tail - 1] == ' ') --tail;
  std::size_t first = tokens.size();
  while (first > 0 && tokens[first - 1].end == tail) {
    --first;
    tail = tokens[first].begin;
    while (tail > 0 && line[tail - 1] == ' ') --tail;
    if (static_cast<int>(tokens.size() - first) == max_figures) break;
  }
  const std::span<const Token> run(tokens.data() + first, tokens.size() - first);
  // A damaged figure right before the run (or ending the line) still takes
  // an amount column: a name never ends in "37x.00".
  auto damaged_before = [&](std::size_t end) -> std::string_view {
    std::size_t b = end;
    // A token holding a non-ASCII byte or longer than 20 bytes is no damaged
    // figure: stop as soon as one shows instead of walking back through a
    // whole line of Chinese text (most lines end in one).
    while (b > 0 && line[b - 1] != ' ') {
      if (static_cast<unsigned char>(line[b - 1]) >= 0x80 || end - b >= 20) return {};
      --b;
    }
    std::string_view tok = line.substr(b, end - b);
    bool digit = false, point = false, other = false;
    for (char c : tok) {
      if (is_digit(c))
        digit = true;
      else if (c == '.' || c == ',')
        point = true;
      else if (static_cast<unsigned char>(c) >= 0x80)
        return {};
      else
        other = true;
    }
    if (b == 0 || !digit || !point || !other || tok.size() > 20) return {};
    return tok;
  };
  // The damaged token ends the text before the figures.
  auto take_damaged = [&](std::string_view bad) {
    if (bad.empty()) return;
    result.damaged = bad;
    result.text_end = static_cast<std::size_t>(bad.data() - line.data());
    while (result.text_end > 0 && line[result.text_end - 1] == ' ') --result.text_end;
  };
  if (run.empty()) {
    take_damaged(damaged_before(tail));
    return result;
  }
  bool whole_line = tail == 0;
  bool all_money = true;
  for (const Token& t : run) all_money = all_money && t.money;
  if (!all_money && !whole_line) return result;
  if (!all_money) {
    // A line of bare integers is figures only when each could be an amount
    // column, i.e. there is more than one or it is the only thing on the line.
    for (const Token& t : run) {
      if (!t.money && run.size() == 1 && line.size() - t.begin > 12) return result;
    }
  }
  result.figures.reserve(run.size());
  for (const Token& t : run) {
    auto d = Decimal::parse(line.substr(t.begin, t.end - t.begin));
    if (!d) return TrailingAmounts{line.size(), {}, {}};
    result.figures.push_back(*d);
  }
  result.text_end = tail;
  if (static_cast<int>(run.size()) < max_figures) take_damaged(damaged_before(tail));
  return result;
}

}  // namespace

TrailingAmounts trailing_amounts(std::string_view line, int max_figures) {
  // Most lines of text end in a CJK character or 。: no figure ends in one,
  // and no damaged figure either (that is ASCII), so such a line (or a
  // blank one) is done with before the search is set up.
  std::size_t last = line.size();
  while (last > 0 && line[last - 1] == ' ') --last;
  if (last == 0 || static_cast<unsigned char>(line[last - 1]) >= 0x80) return TrailingAmounts{line.size(), {}, {}};
  return figures_at_end(line, max_figures);
}

namespace {

// join_wrapped_figures for a line that ends in a figure's head. Kept out of
// line: its word lists made the test every line takes (does the line end
// in a digit, a comma or a point?) cost a frame set up and taken down.
[[gnu::noinline]] bool join_figure_tails(std::string_view line, std::string_view next, int max_figures,
                                         std::string* joined) {
  // The next line holds the tails only: digits, commas and points between
  // spaces. A line of text (nearly every one) is done with at its first
  // byte, before it is split into words.
  auto tail_char = [](char c) { return is_digit(c) || c == ',' || c == '.' || c == ' '; };
  if (!std::all_of(next.begin(), next.end(), tail_char)) return false;
  auto figure_chars = [](std::string_view tok) {
    return !tok.empty() &&
           std::all_of(tok.begin(), tok.end(), [](char c) { return is_digit(c) || c == ',' || c == '.'; });
  };
  auto words = [](std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && s[i] == ' ') ++i;
      std::size_t b = i;
      while (i < s.size() && s[i] != ' ') ++i;
      if (i > b) out.push_back(s.substr(b, i - b));
    }
    return out;
  };
  std::vector<std::string_view> tails = words(next);
  if (tails.empty() || static_cast<int>(tails.size()) > max_figures) return false;
  if (!std::all_of(tails.begin(), tails.end(), figure_chars)) return false;
  std::vector<std::string_view> line_words = words(line);
  if (line_words.size() <= tails.size()) return false;  // a row name comes first
  const std::size_t first_head = line_words.size() - tails.size();
  std::string out(line.substr(0, static_cast<std::size_t>(line_words[first_head].data() - line.data())));
  for (std::size_t k = 0; k < tails.size(); ++k) {
    std::string_view head = line_words[first_head + k];
    if (!figure_chars(head)) return false;
    bool money = false;
    const std::size_t end = scan_figure(head, 0, &money);
    const std::size_t point = head.find('.');
    if (end == head.size() && point != std::string_view::npos && head.size() - point - 1 >= 2) return false;
    std::string whole = std::string(head) + std::string(tails[k]);
    money = false;
    if (scan_figure(whole, 0, &money) != whole.size() || !money) return false;
    out += whole;
    if (k + 1 < tails.size()) out += ' ';
  }
  *joined = std::move(out);
  return true;
}

}  // namespace

bool join_wrapped_figures(std::string_view line, std::string_view next, int max_figures,
                          std::string* joined) {
  // Most lines end in text, not in a figure's head: they are done with at once.
  std::size_t last = line.size();
  while (last > 0 && line[last - 1] == ' ') --last;
  if (last == 0 || !(is_digit(line[last - 1]) || line[last - 1] == ',' || line[last - 1] == '.'))
    return false;
  return join_figure_tails(line, next, max_figures, joined);
}

}  // namespace jixiao
