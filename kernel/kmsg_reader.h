#pragma once
// The kernel's reason for a refused table exists only in its log. This reads the lines the log
// gave after a failed ioctl and works out which target of the table they are about.
//
// The kernel names the device by major:minor and the failing target only by its type:
//   device-mapper: table: 254:0: linear: Invalid device sector (-EINVAL)
// so a table with one linear line is clear, and a table with many is ambiguous; the loader then
// finds the line by loading shorter prefixes of the table (kernel_loader.cc). Pure text work:
// reading /dev/kmsg itself is the kernel layer's job (libdevmapper_kernel.cc).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/kernel_interface.h"

namespace dmc {

// One /dev/kmsg record, "LEVEL,SEQ,USEC,FLAGS;message\n KEY=value\n...": the message, or nullopt
// if the record is not in that form.
std::optional<std::string> kmsgRecordMessage(std::string_view record);

// A "device-mapper: SUBSYSTEM: ..." line, taken apart.
struct DmLogLine {
  std::string subsystem;               // "table", "ioctl", "crypt", ...
  std::optional<DeviceNumber> device;  // "table: 254:0: ..." lines name their device
  std::string detail;                  // the text after the device number (or the subsystem)
  std::string text;                    // the whole line
};

std::optional<DmLogLine> parseDmLogLine(std::string_view line);

// What the log says about one failed operation on one device.
struct KernelReason {
  std::string message;          // the kernel's words for the primary line: "linear: Invalid device sector"
  std::string errnoName;        // "-EINVAL", when the line ends with one
  std::string targetType;       // the type the kernel named; empty for a device-level message
  std::optional<size_t> target; // the failing target (index into the table) when known
  std::vector<size_t> candidates;  // when ambiguous: every target it may be
  std::vector<std::string> lines;  // every device-mapper line of this failure, for notes
  bool found = false;              // some line was about this device

  // A key that tells two failures apart (used to compare a prefix load with the full load).
  std::string signature() const { return message; }
};

KernelReason explainFailure(const std::vector<KernelLogLine>& log, const std::optional<DeviceNumber>& device,
                            const std::vector<KernelTarget>& table);

// A sentence that helps with a common kernel message ("Device lookup failed": the path does
// not exist or is in use...), or empty.
std::string hintForKernelMessage(std::string_view message);

}  // namespace dmc
