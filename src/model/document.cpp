#include "model/document.hpp"

namespace jixiao {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Notice:
      return "notice";
  }
  return "warning";
}

}  // namespace jixiao
