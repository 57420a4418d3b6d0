// Reading the kernel's reason from its log lines and mapping it to a target.
#include <catch2/catch.hpp>

#include "kernel/kmsg_reader.h"

using dmc::DeviceNumber;
using dmc::KernelLogLine;
using dmc::KernelTarget;

TEST_CASE("a /dev/kmsg record gives its message") {
  CHECK(dmc::kmsgRecordMessage("3,1234,5678901,-;device-mapper: table: 254:0: linear: Gap in table (-EINVAL)\n"
                               " SUBSYSTEM=misc\n") == "device-mapper: table: 254:0: linear: Gap in table (-EINVAL)");
  CHECK_FALSE(dmc::kmsgRecordMessage("no header here"));
}

TEST_CASE("a device-mapper line is taken apart: subsystem, device, detail") {
  auto line = dmc::parseDmLogLine("device-mapper: table: 254:3: linear: Invalid device sector (-EINVAL)");
  REQUIRE(line);
  CHECK(line->subsystem == "table");
  REQUIRE(line->device);
  CHECK(*line->device == DeviceNumber{254, 3});
  CHECK(line->detail == "linear: Invalid device sector (-EINVAL)");
  auto ioctl = dmc::parseDmLogLine("device-mapper: ioctl: error adding target to table");
  REQUIRE(ioctl);
  CHECK(ioctl->subsystem == "ioctl");
  CHECK_FALSE(ioctl->device);
  CHECK_FALSE(dmc::parseDmLogLine("loop0: detected capacity change"));
}

TEST_CASE("the reason maps to the one target of the named type") {
  std::vector<KernelTarget> table = {{0, 8, "zero", ""}, {8, 8, "linear", "7:0 x"}, {16, 8, "zero", ""}};
  std::vector<KernelLogLine> log = {{"device-mapper: table: 254:0: linear: Invalid device sector (-EINVAL)"},
                                    {"device-mapper: ioctl: error adding target to table"}};
  auto reason = dmc::explainFailure(log, DeviceNumber{254, 0}, table);
  CHECK(reason.found);
  CHECK(reason.target == 1u);
  CHECK(reason.targetType == "linear");
  CHECK(reason.message == "linear: Invalid device sector");
  CHECK(reason.errnoName == "-EINVAL");
  CHECK(reason.lines.size() == 2);
}

TEST_CASE("several lines of the named type: ambiguous, every candidate listed") {
  std::vector<KernelTarget> table = {{0, 8, "linear", "7:0 0"}, {8, 8, "zero", ""}, {16, 8, "linear", "7:0 8"}};
  auto reason = dmc::explainFailure({{"device-mapper: table: 254:0: linear: Device lookup failed (-ENXIO)"}},
                                    DeviceNumber{254, 0}, table);
  CHECK_FALSE(reason.target);
  CHECK(reason.candidates == std::vector<size_t>{0, 2});
  CHECK(reason.errnoName == "-ENXIO");
}

TEST_CASE("lines about other devices are not ours") {
  std::vector<KernelTarget> table = {{0, 8, "linear", "7:0 0"}};
  auto reason = dmc::explainFailure({{"device-mapper: table: 254:9: linear: Gap in table (-EINVAL)"}},
                                    DeviceNumber{254, 0}, table);
  CHECK_FALSE(reason.found);
}

TEST_CASE("a too-small device is mapped by its area's start and length") {
  std::vector<KernelTarget> table = {{0, 2048, "linear", "7:0 0"}, {2048, 4096, "linear", "7:1 0"},
                                     {6144, 4096, "linear", "7:1 8192"}};
  auto reason = dmc::explainFailure(
      {{"device-mapper: table: 254:0: loop1 too small for target: start=8192, len=4096, dev_size=8192"}},
      DeviceNumber{254, 0}, table);
  CHECK(reason.target == 2u);
  CHECK(reason.targetType.empty());
}

TEST_CASE("common kernel messages get a hint") {
  CHECK_THAT(dmc::hintForKernelMessage("linear: Device lookup failed"), Catch::Contains("does not exist"));
  CHECK(dmc::hintForKernelMessage("something new").empty());
}
