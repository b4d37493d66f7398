// Shared by the store's own sources: exact amounts as hundredths.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "model/decimal.hpp"

namespace jixiao::store {

// Hundredths of the amount unit; nullopt when the decimal has non-zero digits
// beyond the second place or does not fit 64 bits.
std::optional<std::int64_t> to_cents(const Decimal& d);
std::optional<Decimal> from_cents(const std::optional<std::string>& text);

}  // namespace jixiao::store
