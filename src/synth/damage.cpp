#include "synth/damage.hpp"

#include <string_view>
#include <utility>

#include "synth/generator.hpp"
#include "text/utf8.hpp"

namespace jixiao {
namespace {

// Pairs OCR confuses. Both sides are plain ideographs, so a garbled field
// cannot grow a separator, a digit or a keyword its neighbours depend on.
constexpr std::pair<std::string_view, std::string_view> kLookAlikes[] = {
    {"己", "已"}, {"未", "末"}, {"人", "入"}, {"土", "士"}, {"日", "曰"}, {"大", "太"},
    {"天", "夫"}, {"目", "自"}, {"务", "各"}, {"理", "埋"}, {"管", "菅"}, {"设", "没"},
    {"率", "幸"}, {"经", "径"}, {"费", "贾"}, {"项", "顶"}, {"服", "眼"}, {"工", "エ"},
};
constexpr std::string_view kUnreadable = "口";

// Replaces one character of `text`: a look-alike when the text has one,
// else a random ideograph read as 口. False when nothing could change.
bool garble(std::string& text, SynthRng& rng) {
  for (std::size_t attempt = 0; attempt < 4; ++attempt) {
    const auto& [from, to] = kLookAlikes[rng.below(std::size(kLookAlikes))];
    std::size_t at = text.find(from);
    if (at != std::string::npos) {
      text.replace(at, from.size(), to);
      return true;
    }
  }
  std::vector<std::size_t> ideographs;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t len = 0;
    char32_t cp = utf8::decode(text, pos, &len);
    if (cp >= 0x4E00 && cp <= 0x9FFF) ideographs.push_back(pos);
    pos += len;
  }
  if (ideographs.empty()) return false;
  std::size_t at = ideographs[rng.below(ideographs.size())];
  text.replace(at, 3, kUnreadable);  // every U+4E00–U+9FFF is three bytes
  return true;
}

std::string pointer(std::size_t unit, std::size_t project, const std::string& rest) {
  return "/units/" + std::to_string(unit) + "/projects/" + std::to_string(project) + "/" + rest;
}

}  // namespace

DamagedDocument damage_document(const Document& clean, std::uint64_t seed, const DamageOptions& options,
                                const TextRenderOptions& text_options) {
  DamagedDocument d{clean, {}, text_options};
  d.text_options.separator_swap_percent = options.separator_percent;
  d.text_options.number_space_percent = options.number_space_percent;
  SynthRng rng(seed ^ 0x6A09E667F3BCC909ULL);
  const bool summary = clean.layout != "project-grid";
  auto record = [&](std::string p) {
    if (d.damaged.empty() || d.damaged.back() != p) d.damaged.push_back(std::move(p));  // garbled, then dropped
  };
  for (std::size_t u = 0; u < d.printed.units.size(); ++u) {
    auto& projects = d.printed.units[u].projects;
    for (std::size_t k = 0; k < projects.size(); ++k) {
      Project& p = projects[k];
      if (rng.percent(options.garble_percent)) {
        std::uint64_t which = rng.below(3);
        if (which == 0 && p.name && garble(*p.name, rng)) {
          record(pointer(u, k, "name"));
        } else if (which == 1 && p.goal && garble(*p.goal, rng)) {
          record(pointer(u, k, "goal"));
        } else if (!p.indicators.empty()) {
          std::size_t i = rng.below(p.indicators.size());
          if (garble(p.indicators[i].name, rng)) {
            record(pointer(u, k, "indicators/" + std::to_string(i) + "/name"));
          }
        }
      }
      if (rng.percent(options.drop_percent)) {
        if (p.goal && rng.percent(50)) {
          p.goal.reset();
          record(pointer(u, k, "goal"));
        } else if (!p.indicators.empty()) {
          std::size_t i = rng.below(p.indicators.size());
          Indicator& ind = p.indicators[i];
          // The summary prints both values in one running text, where a lost
          // 年度指标值 would leave "…。；。" behind the 实施周期指标值 and
          // change it; its dropped cell is the 实施周期 one.
          const bool period = summary && ind.period_target;
          std::optional<Target>& target = period ? ind.period_target : ind.annual_target;
          if (target) {
            target.reset();
            record(pointer(u, k, "indicators/" + std::to_string(i) +
                                                  (period ? "/period_target" : "/annual_target")));
          }
        }
      }
    }
  }
  return d;
}

}  // namespace jixiao
