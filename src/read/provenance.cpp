#include "read/provenance.hpp"

#include <algorithm>
#include <cstdio>

namespace jixiao {
namespace {

class LineIndex {
 public:
  explicit LineIndex(const Source& src) : src_(src) {
    if (!src.lines.empty()) first_ = src.lines.front().number;
  }
  const Line* at(int number) const {
    long k = static_cast<long>(number) - first_;
    if (k < 0 || k >= static_cast<long>(src_.lines.size())) return nullptr;
    const Line& l = src_.lines[static_cast<std::size_t>(k)];
    return l.number == number ? &l : nullptr;
  }

 private:
  const Source& src_;
  int first_ = 1;
};

struct SpanReading {
  float min_confidence = -1;
  int confidence_page = 0;
};

SpanReading fill(SourceSpan& span, const LineIndex& index) {
  SpanReading r;
  if (span.first_line <= 0) return r;
  for (int n = span.first_line; n <= std::max(span.first_line, span.last_line); ++n) {
    const Line* l = index.at(n);
    if (!l || l->page == 0) continue;
    if (span.page == 0) span.page = l->page;
    if (l->last_page > span.page) span.last_page = std::max(span.last_page, l->last_page);
    if (l->page != span.page) {
      span.last_page = std::max(span.last_page, l->page);
    } else if (l->x0 >= 0) {
      if (span.x0 < 0) {
        span.x0 = l->x0;
        span.y0 = l->y0;
        span.x1 = l->x1;
        span.y1 = l->y1;
      } else {
        span.x0 = std::min(span.x0, l->x0);
        span.y0 = std::min(span.y0, l->y0);
        span.x1 = std::max(span.x1, l->x1);
        span.y1 = std::max(span.y1, l->y1);
      }
    }
    for (const Cell& c : l->cells) {
      if (c.confidence >= 0 && (r.min_confidence < 0 || c.confidence < r.min_confidence)) {
        r.min_confidence = c.confidence;
        r.confidence_page = c.page ? c.page : l->page;
      }
    }
  }
  return r;
}

}  // namespace

void attach_geometry(Document& doc, const Source& source) {
  bool any_page = false;
  for (const Line& l : source.lines) any_page = any_page || l.page > 0;
  if (!any_page) return;
  LineIndex index(source);
  for (Unit& u : doc.units) {
    fill(u.span, index);
    for (Project& p : u.projects) {
      SpanReading r = fill(p.span, index);
      for (Indicator& i : p.indicators) fill(i.span, index);
      if (r.min_confidence >= 0 && r.min_confidence < kLowOcrConfidence) {
        char conf[16];
        std::snprintf(conf, sizeof conf, "%.0f", r.min_confidence);
        doc.diagnostics.push_back({Severity::Notice, "ocr.low-confidence", p.span.first_line,
                                   r.confidence_page,
                                   "project '" + p.name.value_or("") + "': OCR confidence as low as " + conf +
                                       " on page " + std::to_string(r.confidence_page) +
                                       "; check its name, figures and indicators against the scan"});
      }
    }
  }
  for (Diagnostic& d : doc.diagnostics) {
    if (d.page == 0 && d.line > 0) {
      if (const Line* l = index.at(d.line)) d.page = l->page;
    }
  }
}

}  // namespace jixiao
