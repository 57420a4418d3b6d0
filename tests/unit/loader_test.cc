// The loader over a recording fake kernel: operation order, rollback order, dry-run text, and
// the kernel's reason mapped back to the failing line.
#include <algorithm>

#include <catch2/catch.hpp>

#include "kernel/kernel_loader.h"
#include "tests/unit/fake_kernel.h"
#include "tests/unit/test_support.h"

using dmc::KernelLoader;
using dmc::test::compileText;
using dmc::test::FakeKernel;

namespace {

const char* kStack =
    "device top uuid=TOP-1\n"       // 1
    "0 100 linear @bottom 0\n"      // 2
    "device bottom minor=7 ro\n"    // 3
    "0 50 zero\n"                   // 4
    "50 50 linear /dev/loop0 0\n";  // 5

dmc::TableModel model(const char* text) {
  auto r = compileText(text);
  INFO(r.describe());
  REQUIRE(r.ok());
  return std::move(r.outcome.model);
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

}  // namespace

TEST_CASE("load creates, loads and resumes each device, lower devices first") {
  auto m = model(kStack);
  FakeKernel kernel;
  auto report = KernelLoader(kernel).execute(dmc::planLoad(m));
  CHECK(report.ok);
  CHECK(kernel.trace() ==
        "create bottom\nload bottom 2 ro\nresume bottom\n"
        "create top\nload top 1\nresume top\n");
  CHECK(kernel.devices.at("bottom").number.minor == 7);
  CHECK(kernel.devices.at("top").uuid == "TOP-1");
  CHECK(kernel.devices.at("top").live->front().params == "/dev/mapper/bottom 0");
}

TEST_CASE("dry run prints the exact operations and tables, keys hidden") {
  auto m = model("device c\n0 8 crypt aes-xts-plain64 "
                 "0000000000000000000000000000000000000000000000000000000000000000 0 /dev/loop0 0\n");
  std::string text = dmc::describePlan(dmc::planLoad(m), {});
  CHECK(text ==
        "1. create  c\n"
        "2. load    c (read-write, 1 target, inactive slot)\n"
        "     0 8 crypt aes-xts-plain64 <key:64-hex-digits> 0 /dev/loop0 0\n"
        "3. resume  c\n");
  CHECK_THAT(dmc::describePlan(dmc::planLoad(m), {true, true}), Catch::Contains("00000000 0 /dev/loop0"));
  auto stacked = dmc::describePlan(dmc::planLoad(model(kStack)), {false, false});
  CHECK(stacked ==
        "1. create  bottom minor=7\n2. load    bottom (read-only, 2 targets, inactive slot)\n3. resume  bottom\n"
        "4. create  top uuid=TOP-1\n5. load    top (read-write, 1 target, inactive slot)\n6. resume  top\n");
}

TEST_CASE("a failed load removes every device the command created, upper first, and says so") {
  auto m = model(kStack);
  FakeKernel kernel;
  kernel.badTarget = [](const dmc::KernelTarget& t) { return t.params == "/dev/mapper/bottom 0"; };
  auto report = KernelLoader(kernel).execute(dmc::planLoad(m));
  REQUIRE_FALSE(report.ok);
  CHECK(kernel.trace() ==
        "create bottom\nload bottom 2 ro\nresume bottom\ncreate top\nload top 1\n"
        "remove top\nremove bottom\n");
  CHECK(kernel.devices.empty());
  CHECK(join(report.undone) == "remove top (created by this command)\nremove bottom (created by this command)\n");
  REQUIRE(report.failure);
  CHECK(report.failure->operation == 4);
  CHECK(report.failure->reason.target == 0u);
  CHECK(report.failure->reason.message == "linear: Invalid device sector");
  CHECK(report.failure->reason.errnoName == "-EINVAL");
}

TEST_CASE("a failed create of the first device changes nothing") {
  auto m = model(kStack);
  FakeKernel kernel;
  kernel.failCalls = {"create bottom"};
  auto report = KernelLoader(kernel).execute(dmc::planLoad(m));
  CHECK_FALSE(report.ok);
  CHECK(kernel.trace() == "create bottom\n");
  CHECK(report.undone.empty());
}

TEST_CASE("a failed resume of a new device removes it") {
  auto m = model(kStack);
  FakeKernel kernel;
  kernel.failCalls = {"resume top"};
  kernel.failLog = "device-mapper: table: 254:0: loop0 too small for target: start=0, len=100, dev_size=50";
  auto report = KernelLoader(kernel).execute(dmc::planLoad(m));
  CHECK_FALSE(report.ok);
  CHECK(kernel.devices.empty());
  CHECK(kernel.calls.back() == "remove bottom");
}

TEST_CASE("the kernel's reason names a type that several lines share: prefixes find the line") {
  auto m = model("0 10 linear /dev/loop0 0\n10 10 linear /dev/loop0 10\n20 10 linear /dev/bad 20\n"
                 "30 10 linear /dev/loop0 30\n40 10 zero\n");
  FakeKernel kernel;
  kernel.badTarget = [](const dmc::KernelTarget& t) { return t.params.find("/dev/bad") != std::string::npos; };
  auto report = KernelLoader(kernel).execute(dmc::planLoad(m));
  REQUIRE(report.failure);
  const auto& failure = *report.failure;
  CHECK(failure.reason.candidates == std::vector<size_t>{0, 1, 2, 3});
  REQUIRE(failure.reason.target);
  CHECK(*failure.reason.target == 2);
  CHECK(failure.located);
  CHECK(kernel.devices.empty());  // the prefix loads were on the new device, which is gone again

  FakeKernel plain;
  plain.badTarget = kernel.badTarget;
  auto unlocated = KernelLoader(plain, dmc::LoaderOptions{false}).execute(dmc::planLoad(m));
  CHECK_FALSE(unlocated.failure->reason.target);
  CHECK(unlocated.failure->reason.candidates.size() == 4);
}

TEST_CASE("a back end that names the refused target (dmfs) gives the line without prefix loads") {
  auto m = model("0 10 linear /dev/loop0 0\n10 10 linear /dev/loop0 10\n20 10 linear /dev/bad 20\n"
                 "30 10 linear /dev/loop0 30\n");
  FakeKernel kernel;
  kernel.namesRefusedTarget = true;
  kernel.badMessage = "cannot open device /dev/bad (error -2)";
  kernel.badTarget = [](const dmc::KernelTarget& t) { return t.params.find("/dev/bad") != std::string::npos; };
  auto report = KernelLoader(kernel).execute(dmc::planLoad(m));
  REQUIRE(report.failure);
  const auto& failure = *report.failure;
  REQUIRE(failure.reason.target);
  CHECK(*failure.reason.target == 2);
  CHECK(failure.reason.message == "cannot open device /dev/bad (error -2)");
  CHECK_FALSE(failure.located);
  CHECK(std::count_if(kernel.calls.begin(), kernel.calls.end(),
                      [](const std::string& c) { return c.starts_with("load "); }) == 1);
  CHECK(kernel.devices.empty());
}

TEST_CASE("reload loads every table first, suspends upper first, resumes lower first") {
  auto m = model(kStack);
  FakeKernel kernel;
  KernelLoader(kernel).execute(dmc::planLoad(m));
  kernel.calls.clear();
  auto report = KernelLoader(kernel).execute(dmc::planReload(m));
  CHECK(report.ok);
  CHECK(kernel.trace() ==
        "load bottom 2 ro\nload top 1\nsuspend top\nsuspend bottom\nresume bottom\nresume top\n");
}

TEST_CASE("a reload refused at load leaves the old tables live and drops the new ones") {
  auto before = model("device a\n0 10 zero\ndevice b\n0 10 zero\n");
  FakeKernel kernel;
  KernelLoader(kernel).execute(dmc::planLoad(before));
  kernel.calls.clear();
  auto after = model("device a\n0 20 zero\ndevice b\n0 20 linear /dev/loop0 0\n");
  kernel.badTarget = [](const dmc::KernelTarget& t) { return t.type == "linear"; };
  auto report = KernelLoader(kernel).execute(dmc::planReload(after));
  CHECK_FALSE(report.ok);
  CHECK(kernel.trace() == "load a 1\nload b 1\nclear a\n");
  CHECK(kernel.devices.at("a").live->front().length == 10);
  CHECK_FALSE(kernel.devices.at("a").inactive);
  CHECK(join(report.undone) == "drop the new table of a (it never went live)\n");
}

TEST_CASE("a reload refused at resume puts the old table back where the new one went live") {
  auto before = model("device a\n0 10 zero\ndevice b\n0 10 zero\n");
  FakeKernel kernel;
  KernelLoader(kernel).execute(dmc::planLoad(before));
  kernel.calls.clear();
  auto after = model("device a\n0 20 zero\ndevice b\n0 20 zero\n");
  kernel.failCalls = {"resume b"};
  auto report = KernelLoader(kernel).execute(dmc::planReload(after));
  CHECK_FALSE(report.ok);
  // a went live with its new table before b failed: a gets its old table back; b resumes with its old one.
  CHECK(kernel.trace() ==
        "load a 1\nload b 1\nsuspend b\nsuspend a\nresume a\nresume b\n"
        "load a 1\nsuspend a\nresume a\nresume b\n");
  CHECK(kernel.devices.at("a").live->front().length == 10);
  CHECK(kernel.devices.at("b").live->front().length == 10);
  CHECK_FALSE(kernel.devices.at("a").suspended);
  CHECK_FALSE(kernel.devices.at("b").suspended);
  CHECK(join(report.undone) ==
        "load the previous table of a\nsuspend a\nresume a with its previous table\nresume b (its old table is live)\n");
}

TEST_CASE("a reload refused at suspend resumes what it suspended and drops the new tables") {
  auto before = model("device a\n0 10 zero\ndevice b\n0 10 zero\n");
  FakeKernel kernel;
  KernelLoader(kernel).execute(dmc::planLoad(before));
  kernel.calls.clear();
  kernel.failCalls = {"suspend a"};
  auto report = KernelLoader(kernel).execute(dmc::planReload(model("device a\n0 20 zero\ndevice b\n0 20 zero\n")));
  CHECK_FALSE(report.ok);
  CHECK(kernel.trace() == "load a 1\nload b 1\nsuspend b\nsuspend a\nclear b\nclear a\nresume b\n");
  CHECK(kernel.devices.at("b").live->front().length == 10);
}

TEST_CASE("remove goes in the given order and stops at a failure") {
  FakeKernel kernel;
  KernelLoader(kernel).execute(dmc::planLoad(model(kStack)));
  kernel.calls.clear();
  auto report = KernelLoader(kernel).execute(dmc::planRemove(model(kStack)));
  CHECK(report.ok);
  CHECK(kernel.trace() == "remove top\nremove bottom\n");
}
