#pragma once
// The bodies of dmc's fuzz targets, header-only so that three programs share them:
//   * the libFuzzer binaries (fuzz/fuzz_*.cc, clang, ASan + UBSan),
//   * the replay drivers a gcc build makes of the same files (fuzz/replay_main.cc),
//   * the unit test that replays every regression input and seed in the normal test suite
//     (tests/unit/hostile_fuzz_regressions_test.cc).
//
// Each body feeds one input to one front door and then checks properties that must hold for
// ANY input, not only that nothing crashed:
//   table / devices  the grammar (and the fast path agreeing with it), every check, the three
//                    diagnostic renderers (text output has no raw control bytes and is valid
//                    UTF-8; JSON and SARIF parse), and
//                    for inputs that compile: canonical table round trip, fmt idempotence
//                    and meaning preservation, image round trip, image lookups = scan.
//   image            arbitrary bytes to the image reader, once as given and once with the
//                    header and checksums repaired (so mutations reach the structure checks);
//                    whatever the reader accepts must be safe to look up and re-encode.
//   image_lookup     a table shaped by the input (up to 70,000 targets, any K), compiled to an
//                    image, then corrupted at input-chosen bytes and resealed; every lookup
//                    path (portable, AVX2, batched, the kernel's walk) must agree with a
//                    binary search over the targets.
//   concise          concise / dm-mod.create= strings.
// A broken property prints what differs and aborts, which libFuzzer reports as a crash.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "compiler/compile_driver.h"
#include "compiler/lookup_btree.h"
#include "compiler/sector_lookup.h"
#include "compiler/table_model.h"
#include "diagnostics/diagnostic_engine.h"
#include "diagnostics/json_consumer.h"
#include "diagnostics/sarif_consumer.h"
#include "diagnostics/text_consumer.h"
#include "emitters/dmsetup_table_emitter.h"
#include "emitters/image_format.h"
#include "emitters/image_reader.h"
#include "emitters/image_writer.h"
#include "emitters/source_formatter.h"
#include "support/display_escape.h"
#include "validator/target_secrets.h"

#include "emitters/dm_init_emitter.h"
#include "grammar/concise_reader.h"
#include "grammar/line_parser.h"
#include "grammar/target_line_fast_path.h"
#include "lookup/lookup_source.h"

namespace dmc::fuzz {

// ---- failing a property ---------------------------------------------------------------------

[[noreturn]] inline void propertyFailed(const char* what, const std::string& detail) {
  std::fprintf(stderr, "\n==dmc-fuzz== PROPERTY BROKEN: %s\n%s\n", what, escapeForDisplay(detail).c_str());
  std::fflush(stderr);
  std::abort();
}

#define DMC_FUZZ_CHECK(condition, detail)                                   \
  do {                                                                      \
    if (!(condition)) ::dmc::fuzz::propertyFailed(#condition, (detail));    \
  } while (0)

// ---- describing models, so two can be compared and a difference shown ------------------------

struct DescribeOptions {
  bool devices = true;  // names, uuids, minors, ro, uses, load order
  bool lines = true;    // source lines of targets and headers
  bool stacking = true; // uses and load order (from @name references, which emitters resolve)
  bool byName = false;  // devices sorted by name (boot strings list them in load order)
  bool keysAsStored = false;  // keys replaced by the image's placeholder (docs/image-format.md)
};

inline std::string describeTargets(const TableModel& model, const DeviceEntry& device, bool lines,
                                   bool keysAsStored = false) {
  std::string out;
  for (const TargetEntry& t : device.targets) {
    const std::string params = keysAsStored ? replaceSecretParams(model.typeName(t), model.params(t), kImageKeyPlaceholder)
                                            : std::string(model.params(t));
    out += fmt::format("  {} {} {} [{}]", t.start, t.length, model.typeName(t), params);
    if (lines) out += fmt::format(" @{}", t.line);
    out += '\n';
  }
  return out;
}

inline std::string describeModel(const TableModel& model, DescribeOptions options = {}) {
  std::vector<std::string> devices;
  for (const DeviceEntry& d : model.devices) {
    std::string& out = devices.emplace_back();
    if (options.devices) {
      out += fmt::format("device '{}' uuid='{}' minor={} ro={}", d.name, d.uuid,
                         d.minor ? std::to_string(*d.minor) : "-", d.readOnly);
      if (options.stacking) out += fmt::format(" uses=[{}]", fmt::join(d.uses, ","));
      if (options.lines) out += fmt::format(" @{}", d.headerLine);
      out += '\n';
    }
    out += describeTargets(model, d, options.lines, options.keysAsStored);
  }
  if (options.byName) std::sort(devices.begin(), devices.end());
  std::string out;
  for (const std::string& device : devices) out += device;
  if (options.devices && options.stacking) out += fmt::format("order [{}]\n", fmt::join(model.loadOrder, ","));
  return out;
}

inline std::string describeDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics)
    out += fmt::format("{}:{} {}\n", d.location.line, diagnosticInfo(d.code).code, d.message);
  return out;
}

// ---- compiling text in memory ----------------------------------------------------------------

struct Compiled {
  CompileOutcome outcome;
  std::vector<Diagnostic> diagnostics;
  size_t errors = 0;
};

inline Compiled compileText(std::string_view text, const CompileOptions& options, const char* name = "fuzz.dm") {
  DiagnosticEngine engine;
  const uint32_t file = engine.addFile(SourceFile(name, std::string(text)));
  Compiled result{compileFile(engine, file, options), {}, 0};
  result.diagnostics = engine.sorted();
  result.errors = engine.errorCount();
  return result;
}

// ---- properties shared by several targets ----------------------------------------------------

// The fast path for plain target lines takes a line only if the grammar reads it the same way:
// same fields, same places (grammar/target_line_fast_path.h).
inline std::string describeLineSyntax(const LineSyntax& line) {
  auto token = [&](const Token& t) {
    if (t.text.data() == nullptr) return fmt::format("[-@{}]", t.column);
    return fmt::format("[{}+{}@{}]", t.text.data() - line.text.data(), t.text.size(), t.column);
  };
  std::string out = fmt::format("kind {} {} {} {}", static_cast<int>(line.kind), token(line.target.start),
                                token(line.target.length), token(line.target.type));
  for (const Token& t : line.target.args) out += token(t);
  return out + fmt::format(" header {} attributes {} comment {}", token(line.header.name), line.header.attributes.size(),
                           token(line.comment));
}

inline void checkFastPathAgrees(std::string_view text) {
  LineSyntax fast, parsed;
  LineSyntaxError error;
  uint32_t number = 0;
  for (size_t begin = 0; begin < text.size();) {
    const size_t newline = text.find('\n', begin);
    std::string_view line = text.substr(begin, newline == std::string_view::npos ? std::string_view::npos : newline - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    begin = newline == std::string_view::npos ? text.size() : newline + 1;
    fast.reset(++number, line);
    if (!parseTargetLineFast(fast)) continue;
    parsed.reset(number, line);
    DMC_FUZZ_CHECK(parseLine(parsed, error), fmt::format("the grammar refuses a line the fast path took: {}", line));
    DMC_FUZZ_CHECK(describeLineSyntax(fast) == describeLineSyntax(parsed),
                   fmt::format("fast path and grammar read a line differently: {}\n{}\n{}", line,
                               describeLineSyntax(fast), describeLineSyntax(parsed)));
  }
}

// What a terminal is shown must not drive it: no control byte but the line break and the tab
// (which escapeForDisplay keeps on purpose), valid UTF-8.
inline void checkTerminalSafe(std::string_view text, const char* what) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool control = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F;
    DMC_FUZZ_CHECK(!control, fmt::format("{}: raw control byte {:#04x} at offset {}", what, c, i));
  }
  DMC_FUZZ_CHECK(isValidUtf8(text), fmt::format("{}: invalid UTF-8 at offset {}", what, firstInvalidUtf8(text)));
}

inline void checkRenderers(DiagnosticEngine& engine) {
  checkTerminalSafe(renderText(engine, TextStyle{false}), "text diagnostics");
  const std::string json = renderJson(engine);
  DMC_FUZZ_CHECK(nlohmann::json::accept(json), "JSON diagnostics do not parse:\n" + json.substr(0, 2000));
  const std::string sarif = renderSarif(engine);
  DMC_FUZZ_CHECK(nlohmann::json::accept(sarif), "SARIF does not parse:\n" + sarif.substr(0, 2000));
}

// The reference for every lookup: the target whose [start, start + length) holds the sector.
template <class Targets>
uint32_t scanLookup(const Targets& targets, uint64_t sector) {
  auto it = std::upper_bound(targets.begin(), targets.end(), sector,
                             [](uint64_t s, const auto& t) { return s < t.start + t.length; });
  if (it == targets.end() || sector < it->start) return kNoTarget;
  return static_cast<uint32_t>(it - targets.begin());
}

// Every lookup path over one index against the scan, at the targets' edges and at `extra`.
template <class Targets>
void checkLookups(const BtreeView& index, const Targets& targets, std::span<const uint64_t> extra) {
  std::vector<uint64_t> sectors(extra.begin(), extra.end());
  const uint64_t size = targets.empty() ? 0 : targets.back().start + targets.back().length;
  sectors.insert(sectors.end(), {0, 1, size, size - 1, size + 1, UINT64_MAX, UINT64_MAX - 1});
  const size_t edges = std::min<size_t>(targets.size(), 512);  // all edges of small tables, a sample of big ones
  for (size_t k = 0; k < edges; ++k) {
    const auto& t = targets[targets.size() <= 512 ? k : k * (targets.size() / 512)];
    sectors.insert(sectors.end(), {t.start, t.start + t.length - 1, t.start + t.length / 2});
  }
  const SectorLookup automatic(index), portable(index, NodeSearch::Portable), avx2(index, NodeSearch::Avx2);
  std::vector<uint32_t> batch(sectors.size());
  automatic.lookupBatch(sectors, batch);
  for (size_t i = 0; i < sectors.size(); ++i) {
    const uint64_t s = sectors[i];
    const uint32_t want = scanLookup(targets, s);
    const uint32_t got[] = {automatic.find(s), portable.find(s), avx2.find(s), batch[i], kernelFindTarget(index, s)};
    for (uint32_t g : got)
      DMC_FUZZ_CHECK(g == want, fmt::format("sector {}: lookup found target {}, the scan {} (targets {}, K {}, depth {})",
                                            s, g, want, targets.size(), index.keysPerNode(), index.depth()));
  }
}

// compile -> image -> read -> the same model and the same tables; lookups agree everywhere.
inline void checkImageRoundTrip(const TableModel& model, unsigned keysPerNode, std::span<const uint64_t> sectors) {
  std::string error;
  std::optional<std::string> image = buildImage(model, keysPerNode, &error);
  DMC_FUZZ_CHECK(image.has_value(), "a model that compiled has no image: " + error + "\n" + describeModel(model));
  std::unique_ptr<ImageReader> reader = ImageReader::fromBuffer(std::move(*image), error);
  DMC_FUZZ_CHECK(reader != nullptr, "the reader refuses the writer's image: " + error + "\n" + describeModel(model));
  const TableModel back = reader->toTableModel();
  // The image stores a placeholder for every key: the model read back has it instead.
  DescribeOptions stored;
  stored.keysAsStored = true;
  const std::string expected = describeModel(model, stored);
  DMC_FUZZ_CHECK(describeModel(back) == expected,
                 "image round trip changed the model:\n" + expected + "---\n" + describeModel(back));
  if (expected == describeModel(model))
    DMC_FUZZ_CHECK(emitAllTables(back) == emitAllTables(model), "image round trip changed the emitted tables");
  for (size_t d = 0; d < model.devices.size(); ++d) {
    const DeviceEntry& device = model.devices[d];
    const LookupBtree table = LookupBtree::forTargets(device.targets, keysPerNode);
    checkLookups(table.view(), device.targets, sectors);
    checkLookups(reader->devices()[d].index, device.targets, sectors);
  }
}

// parse -> emit the canonical table -> parse: the same targets, and no new error.
inline void checkCanonicalRoundTrip(const TableModel& model, const CompileOptions& options) {
  for (const DeviceEntry& device : model.devices) {
    // A '#' from a boot string cannot be written into a table file: compile refuses it
    // (table-comment-character), so there is no table to read back.
    if (targetWithCommentCharacter(model, device) != nullptr) continue;
    const std::string table = emitDeviceTable(model, device);
    CompileOptions again = options;
    again.defaultDeviceName = device.name;
    // A read-only device's table is loaded read-only (dmsetup --readonly), which some targets
    // require (verity): say so with a header, the only way a file can. The header names the
    // device "d": a kernel name may hold blanks (from a concise string), a header cannot.
    const std::string header = device.readOnly ? "device d ro\n" : "";
    Compiled reparsed = compileText(header + table, again, "canonical.table");
    DMC_FUZZ_CHECK(reparsed.outcome.ok, "the canonical table of '" + device.name + "' does not compile:\n" + table +
                                            "---\n" + describeDiagnostics(reparsed.diagnostics));
    const TableModel& back = reparsed.outcome.model;
    DMC_FUZZ_CHECK(back.devices.size() == 1, "the canonical table is not one device:\n" + table);
    DMC_FUZZ_CHECK(describeTargets(back, back.devices[0], false) == describeTargets(model, device, false),
                   "canonical round trip changed the targets:\n" + describeTargets(model, device, false) + "---\n" +
                       describeTargets(back, back.devices[0], false));
    DMC_FUZZ_CHECK(emitDeviceTable(back, back.devices[0]) == table, "the canonical table is not a fixed point");
  }
}

// fmt twice is fmt once, and fmt keeps the meaning: same model, same findings on the same lines.
inline void checkFormatter(std::string_view text, const Compiled& original, const CompileOptions& options) {
  DiagnosticEngine engine;
  const uint32_t file = engine.addFile(SourceFile("fuzz.dm", std::string(text)));
  const std::optional<std::string> formatted = formatSource(engine, file);
  if (!formatted) {
    DMC_FUZZ_CHECK(engine.hasErrors(), "fmt refused the file without saying why");
    return;
  }
  DiagnosticEngine engine2;
  const uint32_t file2 = engine2.addFile(SourceFile("fuzz.dm", *formatted));
  const std::optional<std::string> twice = formatSource(engine2, file2);
  DMC_FUZZ_CHECK(twice.has_value(), "fmt refuses its own output:\n" + *formatted);
  DMC_FUZZ_CHECK(*twice == *formatted, "fmt is not idempotent:\n" + *formatted + "---\n" + *twice);

  const Compiled after = compileText(*formatted, options);
  DMC_FUZZ_CHECK(after.outcome.ok == original.outcome.ok,
                 "fmt changed whether the file compiles:\n" + describeDiagnostics(original.diagnostics) + "---\n" +
                     describeDiagnostics(after.diagnostics));
  auto codesAndLines = [](const std::vector<Diagnostic>& diagnostics) {
    std::vector<std::pair<uint32_t, uint16_t>> out;
    for (const Diagnostic& d : diagnostics) out.emplace_back(d.location.line, static_cast<uint16_t>(d.code));
    std::sort(out.begin(), out.end());
    return out;
  };
  // The one finding fmt may remove: a control character that the grammar reads as a blank
  // (\v, \f), which fmt turns into a space.
  auto before = codesAndLines(original.diagnostics), now = codesAndLines(after.diagnostics);
  std::vector<std::pair<uint32_t, uint16_t>> removed;
  std::set_difference(before.begin(), before.end(), now.begin(), now.end(), std::back_inserter(removed));
  const bool onlyBlanks = std::all_of(removed.begin(), removed.end(), [](const auto& finding) {
    return finding.second == static_cast<uint16_t>(DiagnosticCode::ControlCharacter);
  });
  DMC_FUZZ_CHECK(std::includes(before.begin(), before.end(), now.begin(), now.end()) && onlyBlanks,
                 "fmt changed the findings:\n" + describeDiagnostics(original.diagnostics) + "---\n" +
                     describeDiagnostics(after.diagnostics) + "--- formatted:\n" + *formatted);
  if (original.outcome.ok)
    DMC_FUZZ_CHECK(describeModel(after.outcome.model) == describeModel(original.outcome.model),
                   "fmt changed the model:\n" + describeModel(original.outcome.model) + "---\n" +
                       describeModel(after.outcome.model));
}

// A boot string (concise or dm-mod.create=) through its reader and every check.
inline Compiled compileBootString(std::string_view text, InputFormat format, const CompileOptions& options = {},
                                  DiagnosticEngine* keep = nullptr) {
  DiagnosticEngine local;
  DiagnosticEngine& engine = keep ? *keep : local;
  const uint32_t file = engine.addFile(SourceFile("fuzz.concise", std::string(text)));
  BootStringReader reader(engine, file, format);  // owns rewritten tokens while compiling
  Compiled result{compileLines(engine, file, options, [&](LineSink& sink) { return reader.read(sink); }), {},
                  0};
  result.diagnostics = engine.sorted();
  result.errors = engine.errorCount();
  return result;
}

// Emit as `format`, read back, compare; the emitter may refuse (that is its job), never crash.
inline void checkBootStringRoundTrip(const TableModel& model, InputFormat format, const CompileOptions& options) {
  const BootStringOutput out = format == InputFormat::Concise ? emitConcise(model) : emitDmInit(model);
  if (!out.ok()) {
    DMC_FUZZ_CHECK(!out.problems.empty(), "a boot string was refused without a problem");
    return;
  }
  const Compiled back = compileBootString(out.text, format, options);
  const char* name = format == InputFormat::Concise ? "concise" : "dm-mod.create";
  DMC_FUZZ_CHECK(back.outcome.ok, fmt::format("dmc does not read back its own {} string:\n{}\n---\n{}", name, out.text,
                                              describeDiagnostics(back.diagnostics)));
  if (format == InputFormat::Concise) {
    // Concise keeps everything but the @name spelling (written as /dev/mapper/NAME) and the
    // device order (written in load order).
    const DescribeOptions same{true, false, false, true};
    DMC_FUZZ_CHECK(describeModel(back.outcome.model, same) == describeModel(model, same),
                   "concise round trip changed the model:\n" + out.text + "\n---\n" + describeModel(model, same) +
                       "---\n" + describeModel(back.outcome.model, same));
  } else {
    // dm-mod.create spells references /dev/dm-MINOR: compare the layout, then the fixed point.
    DMC_FUZZ_CHECK(back.outcome.model.devices.size() == model.devices.size(), "dm-mod.create lost devices");
    const DescribeOptions layout{false, false, false, false};
    if (std::none_of(model.devices.begin(), model.devices.end(), [](const DeviceEntry& d) { return !d.uses.empty(); }) &&
        model.devices.size() == 1)
      DMC_FUZZ_CHECK(describeModel(back.outcome.model, layout) == describeModel(model, layout),
                     "dm-mod.create round trip changed the targets:\n" + out.text);
  }
  const BootStringOutput again = format == InputFormat::Concise ? emitConcise(back.outcome.model)
                                                                : emitDmInit(back.outcome.model);
  DMC_FUZZ_CHECK(again.ok() && again.text == out.text,
                 fmt::format("the {} string is not a fixed point:\n{}\n---\n{}", name, out.text, again.text));
}


// ---- the targets -----------------------------------------------------------------------------

// A few sectors to look up, taken from the input so they vary with it.
inline std::vector<uint64_t> sectorsFrom(std::span<const uint8_t> data) {
  std::vector<uint64_t> sectors;
  for (size_t i = 0; i + 8 <= data.size() && sectors.size() < 16; i += 8) {
    uint64_t value;
    std::memcpy(&value, data.data() + i, 8);
    sectors.push_back(value);
    sectors.push_back(value % 4096);
  }
  return sectors;
}

inline unsigned keysPerNodeFrom(std::span<const uint8_t> data) {
  static constexpr unsigned kChoices[] = {8, 16, 32};
  return kChoices[(data.empty() ? 0 : data.back()) % 3];
}

// Table files of both kinds through every check and every output.
inline void runTableText(std::span<const uint8_t> data, KernelVersion kernel) {
  const std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
  CompileOptions options;
  options.kernel = KernelChoice::of(kernel);
  if (text.find("/dev/sdz") != std::string_view::npos)  // declared sizes switch on more checks
    options.deviceSizes = {{"/dev/sda", 1u << 20}, {"/dev/sdb", 8192}, {"/dev/sdc", 0}};

  checkFastPathAgrees(text);
  DiagnosticEngine engine;
  const uint32_t file = engine.addFile(SourceFile("fuzz.dm", std::string(text)));
  CompileOutcome outcome = compileFile(engine, file, options);
  checkRenderers(engine);
  DMC_FUZZ_CHECK(outcome.ok == !engine.hasErrors(), "ok disagrees with the error count");

  Compiled compiled{std::move(outcome), engine.sorted(), engine.errorCount()};
  // verify (no model) must find exactly what compile finds.
  CompileOptions verifyOptions = options;
  verifyOptions.keepTargets = false;
  const Compiled verified = compileText(text, verifyOptions);
  DMC_FUZZ_CHECK(describeDiagnostics(verified.diagnostics) == describeDiagnostics(compiled.diagnostics),
                 "verify and compile disagree:\n" + describeDiagnostics(compiled.diagnostics) + "---\n" +
                     describeDiagnostics(verified.diagnostics));

  checkFormatter(text, compiled, options);
  if (!compiled.outcome.ok) return;
  const TableModel& model = compiled.outcome.model;
  (void)emitAllTables(model);
  checkCanonicalRoundTrip(model, options);
  checkImageRoundTrip(model, keysPerNodeFrom(data), sectorsFrom(data));
  checkBootStringRoundTrip(model, InputFormat::Concise, options);
  checkBootStringRoundTrip(model, InputFormat::DmModCreate, options);
}

inline void runTable(const uint8_t* data, size_t size) { runTableText({data, size}, kKernel6_1); }
inline void runDevices(const uint8_t* data, size_t size) { runTableText({data, size}, kKernel7_2); }

// What an accepted image must allow: lookups in bounds and equal to the scan, re-encoding.
inline void exerciseImage(const ImageReader& reader, std::span<const uint64_t> sectors) {
  for (const ImageDevice& device : reader.devices()) {
    checkLookups(device.index, device.targets, sectors);
    for (const TargetRecord& t : device.targets) (void)reader.params(t), (void)reader.typeName(t.typeId);
  }
  const TableModel model = reader.toTableModel();
  (void)emitAllTables(model);
  std::string error;
  // An image may hold no device at all; devices may differ in K (the writer uses one).
  const unsigned keysPerNode = reader.devices().empty() ? 8 : reader.devices().front().index.keysPerNode();
  std::optional<std::string> again = buildImage(model, keysPerNode, &error);
  DMC_FUZZ_CHECK(again.has_value(), "an image the reader accepted cannot be rebuilt: " + error);
  std::unique_ptr<ImageReader> second = ImageReader::fromBuffer(std::move(*again), error);
  DMC_FUZZ_CHECK(second != nullptr, "the rebuilt image is refused: " + error);
  // The writer stores a placeholder for keys, so the first re-encoding may change a key slot
  // (a mutated image can hold a key there); from then on re-encoding must change nothing.
  const TableModel secondModel = second->toTableModel();
  std::optional<std::string> third = buildImage(secondModel, keysPerNode, &error);
  DMC_FUZZ_CHECK(third.has_value(), "a rebuilt image cannot be rebuilt again: " + error);
  std::unique_ptr<ImageReader> thirdReader = ImageReader::fromBuffer(std::move(*third), error);
  DMC_FUZZ_CHECK(thirdReader != nullptr, "the image rebuilt twice is refused: " + error);
  DMC_FUZZ_CHECK(describeModel(thirdReader->toTableModel()) == describeModel(secondModel), "re-encoding changed the image");
  DMC_FUZZ_CHECK(secondModel.devices.size() == model.devices.size(), "re-encoding changed the number of devices");
}

// Recomputes what a mutation breaks first (size, checksums), so mutations reach the rest.
inline void sealImage(std::vector<uint64_t>& words, size_t size) {
  if (size < sizeof(ImageHeader)) return;
  auto* bytes = reinterpret_cast<std::byte*>(words.data());
  ImageHeader header;
  std::memcpy(&header, bytes, sizeof header);
  header.magic = kImageMagic;
  header.formatVersion = kImageFormatVersion;
  header.headerSize = sizeof(ImageHeader);
  header.totalSize = size;
  header.reserved.fill(0);
  header.bodyCrc32c = crc32c({bytes + sizeof(ImageHeader), size - sizeof(ImageHeader)});
  header.headerCrc32c = 0;
  std::memcpy(bytes, &header, sizeof header);
  header.headerCrc32c = crc32c({bytes, sizeof header});
  std::memcpy(bytes, &header, sizeof header);
}

inline void runImage(const uint8_t* data, size_t size) {
  std::vector<uint64_t> words((size + 7) / 8 + 1);  // 8-aligned, as a mapping is
  std::memcpy(words.data(), data, size);
  const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(words.data()), size);
  const std::vector<uint64_t> sectors = sectorsFrom({data, size});
  std::string error;
  if (auto reader = ImageReader::fromBytes(bytes, error)) exerciseImage(*reader, sectors);
  else DMC_FUZZ_CHECK(!error.empty(), "an image was refused without a reason");

  sealImage(words, size);
  error.clear();
  if (auto reader = ImageReader::fromBytes(bytes, error)) exerciseImage(*reader, sectors);
  else DMC_FUZZ_CHECK(!error.empty(), "a sealed image was refused without a reason");
}

// Reads the input front to back; zeros once it runs out.
class InputReader {
 public:
  explicit InputReader(std::span<const uint8_t> data) : data_(data) {}
  uint8_t byte() { return position_ < data_.size() ? data_[position_++] : 0; }
  uint64_t bytes(unsigned n) {
    uint64_t value = 0;
    for (unsigned i = 0; i < n; ++i) value |= uint64_t{byte()} << (8 * i);
    return value;
  }
  bool empty() const { return position_ >= data_.size(); }
  std::span<const uint8_t> rest() const { return data_.subspan(std::min(position_, data_.size())); }

 private:
  std::span<const uint8_t> data_;
  size_t position_ = 0;
};

inline void runImageLookup(const uint8_t* data, size_t size) {
  InputReader in({data, size});
  static constexpr unsigned kChoices[] = {8, 16, 32};
  const unsigned keysPerNode = kChoices[in.byte() % 3];
  // Mostly small tables (fast, so many shapes), sometimes up to 70,000 targets (deep trees).
  const uint8_t sizeClass = in.byte();
  const uint32_t targetCount =
      1 + static_cast<uint32_t>(sizeClass >= 0xF0 ? in.bytes(3) % 70000 : in.bytes(2) % (sizeClass >= 0x80 ? 5000 : 700));
  const uint8_t shift = in.byte() % 56;  // lengths up to 2^(8+shift): edges near 2^64 too
  const unsigned patternLength = 1 + in.byte() % 32;
  std::vector<uint64_t> pattern;
  for (unsigned i = 0; i < patternLength; ++i) pattern.push_back((in.bytes(1) + 1) << (in.byte() % (shift + 1)));

  TableModel model;
  DeviceEntry& device = model.devices.emplace_back();
  device.name = "fuzz";
  uint64_t end = 0;
  for (uint32_t i = 0; i < targetCount; ++i) {
    const uint64_t length = pattern[i % pattern.size()];
    if (length > UINT64_MAX - 1 - end) break;  // the last sector must stay below all-ones
    TargetEntry& t = device.targets.emplace_back();
    t.start = end;
    t.length = length;
    t.typeId = model.internType(i % 7 ? "linear" : "zero");
    t.line = i + 1;
    model.storeParams(t, i % 7 ? "/dev/sda 0" : "");
    end += length;
  }
  model.loadOrder = {0};
  std::vector<uint64_t> sectors;
  for (int i = 0; i < 32 && !in.empty(); ++i) sectors.push_back(in.bytes(8) % (end + 2 + (i % 2) * end));
  checkImageRoundTrip(model, keysPerNode, sectors);

  // Now the same image corrupted where the input says, resealed: accepted means safe.
  std::string error;
  std::optional<std::string> image = buildImage(model, keysPerNode, &error);
  std::vector<uint64_t> words((image->size() + 7) / 8);
  std::memcpy(words.data(), image->data(), image->size());
  auto* bytes = reinterpret_cast<uint8_t*>(words.data());
  bool changed = false;
  while (!in.empty()) {
    const uint64_t at = in.bytes(4) % image->size();
    bytes[at] ^= static_cast<uint8_t>(in.byte() | 1);
    changed = true;
  }
  if (!changed) return;
  sealImage(words, image->size());
  const std::span<const std::byte> view(reinterpret_cast<const std::byte*>(words.data()), image->size());
  if (auto reader = ImageReader::fromBytes(view, error)) exerciseImage(*reader, sectors);
}

inline void runConcise(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)detectInputFormat(text);
  for (InputFormat format : {InputFormat::Concise, InputFormat::DmModCreate}) {
    DiagnosticEngine engine;
    Compiled compiled = compileBootString(text, format, CompileOptions{}, &engine);
    checkRenderers(engine);
    if (!compiled.outcome.ok) continue;
    const TableModel& model = compiled.outcome.model;
    checkBootStringRoundTrip(model, InputFormat::Concise, CompileOptions{});
    checkBootStringRoundTrip(model, InputFormat::DmModCreate, CompileOptions{});
    checkCanonicalRoundTrip(model, CompileOptions{});
    checkImageRoundTrip(model, keysPerNodeFrom({data, size}), sectorsFrom({data, size}));
  }
}

}  // namespace dmc::fuzz
