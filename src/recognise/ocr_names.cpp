#include "recognise/ocr_names.hpp"

#include <string_view>
#include <string>
#include <vector>

#include "text/utf8.hpp"

namespace jixiao {
namespace {

using Text = std::u32string;

Text decode_all(const std::string& s) {
  Text out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    out.push_back(utf8::decode(s, i, &len));
    i += len;
  }
  return out;
}

std::string encode_all(const Text& t) {
  std::string out;
  for (char32_t c : t) utf8::append(out, c);
  return out;
}

bool ideograph(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

// Characters that tell names apart on purpose (第一/第二人民医院, 东区/西区):
// never taken for a misreading on either side.
bool distinguishing(char32_t c) {
  static constexpr std::u32string_view kSet = U"〇零一二三四五六七八九十百千东南西北上下前后左右中内外新老大小";
  return kSet.find(c) != std::u32string_view::npos;
}

std::size_t count_in(const Text& hay, const Text& needle) {
  if (needle.empty() || hay.size() < needle.size()) return 0;
  std::size_t n = 0;
  for (std::size_t at = hay.find(needle); at != Text::npos; at = hay.find(needle, at + needle.size())) ++n;
  return n;
}

struct Field {
  std::string* text;
  std::string where;  // for the diagnostic
  int line;
  bool mendable;  // the department's and units' own names vote but are kept as read
};

}  // namespace

std::size_t mend_repeated_names(Document& doc) {
  std::vector<Field> fields;
  auto add = [&](std::optional<std::string>& s, std::string where, int line) {
    if (s && !s->empty()) fields.push_back({&*s, std::move(where), line, true});
  };
  if (doc.department && !doc.department->empty()) fields.push_back({&*doc.department, "", 0, false});
  for (Unit& u : doc.units) {
    if (!u.name.empty()) fields.push_back({&u.name, "", 0, false});
    for (Project& p : u.projects) {
      const std::string label = "project '" + p.name.value_or("") + "'";
      add(p.name, label + " (its name)", p.span.first_line);
      add(p.purpose, label + " (its purpose)", p.span.first_line);
      add(p.goal, label + " (its goal)", p.span.first_line);
    }
  }
  std::vector<Text> texts;
  texts.reserve(fields.size());
  for (const Field& f : fields) texts.push_back(decode_all(*f.text));
  auto printed = [&](const Text& t) {
    std::size_t n = 0;
    for (const Text& x : texts) n += count_in(x, t);
    return n;
  };

  // References: the department's and units' names, printed at least twice.
  std::vector<std::pair<Text, std::size_t>> refs;
  auto consider = [&](const std::string& name) {
    Text t = decode_all(name);
    std::size_t cjk = 0;
    for (char32_t c : t) cjk += ideograph(c);
    if (t.size() < 6 || cjk < 4) return;
    for (const auto& r : refs) {
      if (r.first == t) return;
    }
    const std::size_t n = printed(t);
    if (n >= 2) refs.emplace_back(std::move(t), n);
  };
  std::vector<Text> names;
  if (doc.department) names.push_back(decode_all(*doc.department));
  for (const Unit& u : doc.units) names.push_back(decode_all(u.name));
  if (doc.department) consider(*doc.department);
  for (const Unit& u : doc.units) consider(u.name);
  if (refs.empty()) return 0;

  std::size_t mended = 0;
  for (std::size_t f = 0; f < fields.size(); ++f) {
    if (!fields[f].mendable) continue;
    Text& t = texts[f];
    bool changed = false;
    std::string notes;
    for (std::size_t at = 0; at < t.size();) {
      // The closest reference whose other spelling starts here; a tie is no vote.
      const std::pair<Text, std::size_t>* best = nullptr;
      int best_diff = 0;
      bool tie = false;
      for (const auto& r : refs) {
        const Text& ref = r.first;
        if (at + ref.size() > t.size() || t[at] != ref.front() || t[at + ref.size() - 1] != ref.back()) continue;
        const int allowed = ref.size() >= 12 ? 2 : 1;
        int diff = 0;
        for (std::size_t k = 1; k + 1 < ref.size() && diff <= allowed; ++k) {
          if (t[at + k] == ref[k]) continue;
          if (!ideograph(t[at + k]) || !ideograph(ref[k]) || distinguishing(t[at + k]) || distinguishing(ref[k]))
            diff = allowed + 1;
          ++diff;
        }
        if (diff == 0 || diff > allowed) continue;
        if (!best || diff < best_diff) {
          best = &r;
          best_diff = diff;
          tie = false;
        } else if (diff == best_diff) {
          tie = true;
        }
      }
      if (!best || tie) {
        ++at;
        continue;
      }
      const Text& ref = best->first;
      const Text spelling = t.substr(at, ref.size());
      // Another unit's (or the department's) own name is no misreading,
      // however rarely it is printed.
      bool is_name = false;
      for (const Text& n : names) is_name = is_name || n == spelling;
      if (is_name || printed(spelling) > best->second) {
        ++at;
        continue;
      }
      t.replace(at, ref.size(), ref);
      notes += (notes.empty() ? "" : ", ") + ("'" + encode_all(spelling) + "' for '" + encode_all(ref) + "'");
      changed = true;
      ++mended;
      at += ref.size();
    }
    if (!changed) continue;
    *fields[f].text = encode_all(t);
    doc.diagnostics.push_back({Severity::Notice, "ocr.name-vote", fields[f].line, 0,
                               fields[f].where + ": OCR read " + notes +
                                   ", a name the document prints more often as the latter; taken as printed there, "
                                   "check it against the scan"});
  }
  return mended;
}

}  // namespace jixiao
