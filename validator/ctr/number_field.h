#pragma once
// How a constructor reads one number, and the one explanation dmc gives for each way such a
// read can fail. Every target explains a refused number through here, so the same mistake
// reads the same in every target (docs/kernel-rules.md):
//   sscanf "%u"/"%llu"/"%hu" (NumberForm::Scan): digits only; the kernel silently wraps an
//     overflow, which dmc refuses on purpose;
//   kstrtouint/kstrtoull base 10 (NumberForm::Kstrto): an optional '+'; the kernel refuses an
//     overflow too (-ERANGE).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "validator/ctr/kernel_number.h"

namespace dmc {

enum class NumberForm : uint8_t { Scan, Kstrto };

// `text` read as this form of a `bits`-wide unsigned number (bits: 8, 16, 32 or 64).
KernelNumber readNumber(std::string_view text, NumberForm form, unsigned bits);

// Why `text` was refused (`status` is what readNumber gave, not Ok), starting with the quoted
// text: "'10ms' is not a decimal number", "'4294967296' does not fit in 32 bits (...)".
std::string numberProblem(std::string_view text, NumberStatus status, NumberForm form, unsigned bits);

// The overflow explanation alone, without the text, for a number inside a larger argument
// ("commit_time:<n>"): what numberProblem says after the quoted text.
std::string overflowProblem(NumberForm form, unsigned bits);

// kstrtoint(text, 10): an optional '+' or '-', decimal digits, within a signed 32-bit int.
std::optional<int32_t> readKstrtoInt(std::string_view text);

}  // namespace dmc
