// Scans: OCR through tesseract's C++ API with the chi_sim model, pages
// recognised in parallel (ReadLimits::ocr_threads), each page deskewed and
// its ruling lines found (leptonica morphology) and removed before
// recognition, so the words go into the same table rebuilding as a PDF's
// (page_layout) and each cell keeps its words' lowest confidence.
#pragma once

#include <string>

#include "read/readers.hpp"

namespace jixiao {

// A PDF without a text layer: pages rendered at ReadLimits::ocr_dpi, then OCR.
Source read_scanned_pdf(const std::string& path, const std::string& display_name, const ReadLimits& limits);

}  // namespace jixiao
