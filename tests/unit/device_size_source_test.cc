// The sizes of underlying devices come from the compile options: declared sizes, or any
// DeviceSizeSource the caller passes (--host-devices passes this machine's devices).
#include <catch2/catch.hpp>

#include "tests/unit/test_support.h"

using dmc::DiagnosticCode;
using dmc::test::compileText;

namespace {

class OneDevice final : public dmc::DeviceSizeSource {
 public:
  std::optional<uint64_t> sizeOf(std::string_view device) const override {
    if (device == "/dev/fake") return 100;
    return std::nullopt;
  }
  bool anyDeclared() const override { return true; }
};

}  // namespace

TEST_CASE("the compile options' size source decides device sizes") {
  dmc::CompileOptions options;
  options.sizeSource = std::make_shared<OneDevice>();
  CHECK(compileText("0 100 linear /dev/fake 0\n", options).ok());
  auto tooSmall = compileText("0 100 linear /dev/fake 1\n", options);
  CHECK(tooSmall.count(DiagnosticCode::DeviceTooSmall) == 1);
  auto unknown = compileText("0 100 linear /dev/other 0\n", options);
  CHECK(unknown.count(DiagnosticCode::UnknownDevice) == 1);
  // Without a source, only declared sizes count, and an undeclared device is not judged.
  CHECK(compileText("0 100 linear /dev/other 0\n").ok());
}
