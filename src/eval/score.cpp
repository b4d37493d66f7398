#include "eval/score.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>

#include "model/decimal.hpp"
#include "text/utf8.hpp"

namespace jixiao {
namespace {

using json = nlohmann::json;

std::optional<std::string> text_of(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || j[key].is_null()) return std::nullopt;
  return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
}

std::string norm_target(const std::string& s) {
  std::string t = normalize_for_comparison(s);
  const std::pair<const char*, const char*> rules[] = {{"大于等于", "≥"}, {"小于等于", "≤"}, {"≧", "≥"},
                                                       {"≦", "≤"},        {"大于", ">"},     {"小于", "<"},
                                                       {"等于", "="},     {"百分比", "%"}};
  for (auto [from, to] : rules) {
    std::size_t p = 0;
    std::string f(from), r(to);
    while ((p = t.find(f, p)) != std::string::npos) {
      t.replace(p, f.size(), r);
      p += r.size();
    }
  }
  return t;
}

std::optional<Decimal> dec(const std::optional<std::string>& s) {
  if (!s || s->empty()) return std::nullopt;
  std::string n = normalize_for_comparison(*s);
  n.erase(std::remove(n.begin(), n.end(), ','), n.end());
  return Decimal::parse(n);
}

// FORMAT.md: long texts earn their edit similarity after normalisation; an
// empty side earns nothing unless both are equal.
double similarity(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  std::string x = a ? normalize_for_comparison(*a) : "", y = b ? normalize_for_comparison(*b) : "";
  if (x == y) return 1.0;
  if (x.empty() || y.empty()) return 0.0;
  return std::max(0.0, utf8::similarity(x, y));
}

class Tally {
 public:
  explicit Tally(Score& s) : s_(s) {}

  void field(const std::string& kind, const std::string& where, const std::optional<std::string>& g,
             const std::optional<std::string>& p, bool present_g = true, bool present_p = true) {
    double ok = 0;
    static const std::set<std::string> amount_keys = {"total", "fiscal", "special", "other"};
    if (amount_keys.count(kind)) {
      auto dg = dec(g), dp = dec(p);
      bool bad_g = g && !g->empty() && !dg, bad_p = p && !p->empty() && !dp;
      ok = (!bad_g && !bad_p && dg.has_value() == dp.has_value() && (!dg || *dg == *dp)) ? 1 : 0;
    } else if (kind == "goal" || kind == "purpose") {
      ok = (!g && !p) ? 1 : similarity(g, p);
    } else if (kind == "period_target" || kind == "annual_target") {
      ok = (g ? std::optional(norm_target(*g)) : std::nullopt) ==
           (p ? std::optional(norm_target(*p)) : std::nullopt);
    } else {
      ok = (g ? std::optional(normalize_for_comparison(*g)) : std::nullopt) ==
           (p ? std::optional(normalize_for_comparison(*p)) : std::nullopt);
    }
    double tp = present_g && present_p ? ok : 0;
    s_.credit += tp;
    s_.gold_fields += present_g;
    s_.predicted_fields += present_p;
    if (tp < 0.999 && present_g)
      s_.misses.push_back({where, kind, g.value_or("null"), present_p ? p.value_or("null") : "<missing>"});
  }

  void side(const std::string& where,
            const std::vector<std::pair<std::string, std::optional<std::string>>>& fields, bool is_gold) {
    for (const auto& [k, v] : fields) {
      if (is_gold) {
        field(k, where, v, std::nullopt, true, false);
      } else {
        field(k, where, std::nullopt, v, false, true);
      }
    }
  }

 private:
  Score& s_;
};

using Fields = std::vector<std::pair<std::string, std::optional<std::string>>>;

Fields amounts_fields(const json& a) {
  Fields f;
  for (const char* k : {"total", "fiscal", "special", "other"})
    f.emplace_back(k, text_of(a.is_object() ? a : json::object(), k));
  return f;
}

Fields indicator_fields(const json& i, const json& ref) {
  Fields f;
  for (const char* k : {"name", "level1", "level2", "description", "period_target", "annual_target"})
    f.emplace_back(k, text_of(i, k));
  for (const char* k : {"weight", "direction", "basis", "note"}) {
    if (ref.contains(k)) f.emplace_back(k, text_of(i, k));
  }
  return f;
}

std::set<std::string> skipped(const json& p) {
  std::set<std::string> s;
  if (p.contains("unscored") && p["unscored"].is_array()) {
    for (const auto& v : p["unscored"]) s.insert(v.get<std::string>());
  }
  return s;
}

Fields project_fields(const json& p, const std::set<std::string>& skip) {
  Fields f{{"project_name", text_of(p, "name")}};
  if (!skip.count("amounts")) {
    auto a = amounts_fields(p.contains("amounts") ? p["amounts"] : json());
    f.insert(f.end(), a.begin(), a.end());
  }
  for (const char* k : {"purpose", "goal"}) {
    if (!skip.count(k)) f.emplace_back(k, text_of(p, k));
  }
  return f;
}

struct Matching {
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  std::vector<std::size_t> gold_only, pred_only;
};

Matching match(const json& golds, const json& preds) {
  Matching m;
  std::vector<bool> used(preds.size(), false), matched(golds.size(), false);
  std::vector<std::size_t> pending;
  auto key = [](const json& x) { return text_of(x, "name"); };
  auto nkey = [&](const json& x) {
    auto k = key(x);
    return k ? normalize_for_comparison(*k) : std::string("None");
  };
  for (std::size_t g = 0; g < golds.size(); ++g) {
    bool hit = false;
    for (std::size_t p = 0; p < preds.size(); ++p) {
      if (!used[p] && nkey(golds[g]) == nkey(preds[p])) {
        used[p] = true;
        matched[g] = true;
        m.pairs.emplace_back(g, p);
        hit = true;
        break;
      }
    }
    if (!hit) pending.push_back(g);
  }
  for (std::size_t g : pending) {
    std::optional<std::size_t> best;
    double best_s = 0.8;
    for (std::size_t p = 0; p < preds.size(); ++p) {
      if (used[p]) continue;
      double s = similarity(key(golds[g]), key(preds[p]));
      if (s >= best_s) {
        best = p;
        best_s = s;
      }
    }
    if (best) {
      used[*best] = true;
      matched[g] = true;
      m.pairs.emplace_back(g, *best);
    }
  }
  for (std::size_t g = 0; g < golds.size(); ++g) {
    if (!matched[g]) m.gold_only.push_back(g);
  }
  for (std::size_t p = 0; p < preds.size(); ++p) {
    if (!used[p]) m.pred_only.push_back(p);
  }
  return m;
}

const json& array_of(const json& j, const char* key) {
  static const json empty = json::array();
  return j.is_object() && j.contains(key) && j[key].is_array() ? j[key] : empty;
}

void unmatched_project(Tally& t, const json& p, bool is_gold) {
  auto skip = is_gold ? skipped(p) : std::set<std::string>();
  std::string where = text_of(p, "name").value_or("");
  t.side(where, project_fields(p, skip), is_gold);
  if (!skip.count("indicators")) {
    for (const auto& i : array_of(p, "indicators")) t.side(where, indicator_fields(i, i), is_gold);
  }
}

}  // namespace

std::string normalize_for_comparison(const std::string& s) {
  utf8proc_uint8_t* out = utf8proc_NFKC(reinterpret_cast<const utf8proc_uint8_t*>(s.c_str()));
  std::string n = out ? reinterpret_cast<char*>(out) : s;
  std::free(out);
  std::string r;
  r.reserve(n.size());
  for (std::size_t i = 0, len = 0; i < n.size(); i += len) {
    char32_t cp = utf8::decode(n, i, &len);
    bool space = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
                 cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
                 cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || (cp >= 0x1C && cp <= 0x1F);
    if (!space) r.append(n, i, len);
  }
  return r;
}

Score score_document(const json& gold, const json& pred) {
  Score s;
  Tally t(s);
  for (const char* k : {"title", "department", "department_code", "year", "amount_unit"}) {
    t.field(k, "document", text_of(gold, k), text_of(pred, k));
  }
  t.field("kind", "document", text_of(gold, "kind").value_or("project"),
          text_of(pred, "kind").value_or("project"));
  const json& gt = gold.contains("total") ? gold["total"] : json();
  const json& pt = pred.is_object() && pred.contains("total") ? pred["total"] : json();
  auto gf = amounts_fields(gt);
  auto pf = amounts_fields(pt);
  for (std::size_t k = 0; k < gf.size(); ++k)
    t.field(gf[k].first, "document.total", gf[k].second, pf[k].second);

  const json& gu = array_of(gold, "units");
  const json& pu = array_of(pred, "units");
  Matching um = match(gu, pu);
  auto unit_fields = [](const json& u) {
    Fields f{{"unit_name", text_of(u, "name")}, {"code", text_of(u, "code")}};
    auto a = amounts_fields(u.contains("amounts") ? u["amounts"] : json());
    f.insert(f.end(), a.begin(), a.end());
    return f;
  };
  for (std::size_t g : um.gold_only) {
    t.side("unit", unit_fields(gu[g]), true);
    for (const auto& p : array_of(gu[g], "projects")) unmatched_project(t, p, true);
  }
  for (std::size_t p : um.pred_only) {
    t.side("unit", unit_fields(pu[p]), false);
    for (const auto& pr : array_of(pu[p], "projects")) unmatched_project(t, pr, false);
  }
  for (auto [g, p] : um.pairs) {
    const json& a = gu[g];
    const json& b = pu[p];
    std::string where = "unit " + text_of(a, "name").value_or("");
    auto fa = unit_fields(a), fb = unit_fields(b);
    for (std::size_t k = 0; k < fa.size(); ++k) t.field(fa[k].first, where, fa[k].second, fb[k].second);
    const json& gp = array_of(a, "projects");
    const json& pp = array_of(b, "projects");
    Matching pm = match(gp, pp);
    for (std::size_t x : pm.gold_only) unmatched_project(t, gp[x], true);
    for (std::size_t y : pm.pred_only) unmatched_project(t, pp[y], false);
    for (auto [x, y] : pm.pairs) {
      const json& ga = gp[x];
      const json& pb = pp[y];
      auto skip = skipped(ga);
      std::string w = "project " + text_of(ga, "name").value_or("");
      auto fga = project_fields(ga, skip), fpb = project_fields(pb, skip);
      for (std::size_t k = 0; k < fga.size(); ++k) t.field(fga[k].first, w, fga[k].second, fpb[k].second);
      if (skip.count("indicators")) continue;
      const json& gi = array_of(ga, "indicators");
      const json& pi = array_of(pb, "indicators");
      Matching im = match(gi, pi);
      for (std::size_t q : im.gold_only) t.side(w, indicator_fields(gi[q], gi[q]), true);
      for (std::size_t q : im.pred_only) t.side(w, indicator_fields(pi[q], pi[q]), false);
      for (auto [q, r] : im.pairs) {
        auto fg = indicator_fields(gi[q], gi[q]);
        auto fp = indicator_fields(pi[r], gi[q]);
        std::string wi = w + " / " + text_of(gi[q], "name").value_or("");
        for (std::size_t k = 0; k < fg.size(); ++k) t.field(fg[k].first, wi, fg[k].second, fp[k].second);
      }
    }
  }
  return s;
}

}  // namespace jixiao
