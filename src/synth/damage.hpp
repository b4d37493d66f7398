// Realistic damage to a generated document, recorded field by field, for
// testing that a reader recovers everything that was not damaged.
//
// Two kinds:
//  - lossy damage to the printed content, recorded as JSON pointers into the
//    jixiao/1 document ("/units/0/projects/3/goal"): characters garbled into
//    look-alikes by OCR (己→已, 未→末 …) in a project name, goal or indicator
//    name; a goal or an indicator's value cell dropped (年度指标值 in the grid,
//    实施周期指标值 in the summary);
//  - noise a reader must see through, not recorded (the reading is still
//    exact): OCR's separators in the summary's indicator text and OCR spaces
//    inside grid figures, set on the TextRenderOptions.
// Deterministic for a seed, like the generator.
//
// Known limit of the summary recogniser this avoids: a value ending in "。"
// followed by an OCR separator ("…考核。; 年度指标值") loses its "。", so no
// separator after a "。" is swapped.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/document.hpp"
#include "render/text_render.hpp"

namespace jixiao {

struct DamageOptions {
  int garble_percent = 15;     // per project: one text field garbled
  int drop_percent = 8;        // per project: its goal or one 年度指标值 dropped
  int separator_percent = 20;  // per separator in the summary's 绩效指标 text
  int number_space_percent = 30;  // per figure in the grid's amount cells
};

struct DamagedDocument {
  Document printed;                   // what gets rendered
  std::vector<std::string> damaged;   // JSON pointers of fields a reader cannot recover
  TextRenderOptions text_options;     // the given options plus the text-only noise
};

DamagedDocument damage_document(const Document& clean, std::uint64_t seed, const DamageOptions& options,
                                const TextRenderOptions& text_options = {});

}  // namespace jixiao
