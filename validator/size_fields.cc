#include "validator/size_fields.h"

#include <fmt/format.h>

#include "support/display_escape.h"

namespace dmc {

std::optional<uint64_t> checkSizeField(DiagnosticEngine& engine, Location where, std::string_view text,
                                       std::string_view what, const SizeLiteral& size) {
  switch (size.status) {
    case SizeStatus::Ok:
      if (size.minusZero)
        engine.report(DiagnosticCode::MinusZero, where,
                      fmt::format("the {} {} is 0 to dmsetup and the kernel, but a '-' here is surely a slip", what,
                                  quoteToken(text)));
      if (size.hasPlus)
        engine.report(DiagnosticCode::PlusSign, where,
                      fmt::format("leading '+' on the {}: dmsetup accepts it, but it is unusual", what));
      return size.sectors;
    case SizeStatus::Invalid:
      engine.report(DiagnosticCode::InvalidNumber, where,
                    fmt::format("expected the {} in sectors (or with a unit such as 4K, 1G), found {}", what,
                                quoteToken(text)));
      break;
    case SizeStatus::Negative:
      engine.report(DiagnosticCode::InvalidNumber, where,
                    fmt::format("the {} {} is negative (dmsetup would silently wrap it to a huge number)", what,
                                quoteToken(text)));
      break;
    case SizeStatus::TooLarge:
      engine.report(DiagnosticCode::NumberTooLarge, where,
                    fmt::format("the {} {} does not fit in 64 bits of sectors", what, quoteToken(text)));
      break;
    case SizeStatus::PartialSector:
      engine.report(DiagnosticCode::PartialSector, where,
                    fmt::format("the {} {} is not a whole number of 512-byte sectors", what, quoteToken(text)));
      break;
  }
  return std::nullopt;
}

}  // namespace dmc
