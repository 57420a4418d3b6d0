// Round-trip properties over randomly generated tables (seeded, so every run checks the same
// inputs; DMC_PROPERTY_SEED=N checks others, DMC_PROPERTY_CASES=N more of them):
//   * parse -> emit the canonical table -> parse gives the same targets;
//   * compile -> image -> read -> emit gives the same devices and tables;
//   * fmt is idempotent and keeps the meaning;
//   * lookups on the image file equal lookups on the table (dmc lookup's two sources);
//   * the concise string round-trips, and dm-mod.create where dm-init can express the model.
// The generator writes what people write: units, '*' starts, tabs, CRLF, comments, headers
// with attributes, @name references to devices later in the file. Every generated file
// compiles without errors (a test checks that too), so the properties are never vacuous.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "fuzz/fuzz_bodies.h"

namespace {

using namespace dmc;
using dmc::fuzz::describeModel;
using dmc::fuzz::describeTargets;
using dmc::fuzz::DescribeOptions;

uint64_t envNumber(const char* name, uint64_t fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::strtoull(value, nullptr, 10) : fallback;
}

const uint64_t kSeed = envNumber("DMC_PROPERTY_SEED", 20240606);
const size_t kCases = envNumber("DMC_PROPERTY_CASES", 150);

// ---- the generator ------------------------------------------------------------------------------

class TableGenerator {
 public:
  explicit TableGenerator(uint64_t seed) : random_(seed) {}

  struct Generated {
    std::string text;
    size_t devices = 0;
    bool multiDevice = false;
  };

  Generated generate() {
    Generated out;
    out.multiDevice = chance(60);
    out.devices = out.multiDevice ? 1 + below(6) : 1;
    // Units and '*' are dmc conveniences: only a file with a device header may use them.
    conveniences_ = out.multiDevice;
    sizes_.assign(out.devices, 0);
    used_.assign(out.devices, 0);
    // Device i may only use devices with a larger index, so there is never a cycle; the file
    // lists them in a random order, so references point forwards and backwards.
    std::vector<std::string> blocks(out.devices);
    for (size_t i = out.devices; i-- > 0;) blocks[i] = device(i, out.multiDevice);
    std::vector<size_t> order(out.devices);
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), random_);
    if (chance(30)) out.text += "# generated table\n";
    for (size_t i : order) out.text += blocks[i];
    return out;
  }

 private:
  bool chance(unsigned percent) { return below(100) < percent; }
  uint64_t below(uint64_t n) { return std::uniform_int_distribution<uint64_t>(0, n - 1)(random_); }

  std::string blank() {
    switch (below(8)) {
      case 0: return "\t";
      case 1: return "   ";
      case 2: return " \t ";
      default: return " ";
    }
  }

  std::string newline() {
    std::string end;
    if (chance(10)) end += blank();
    if (chance(10)) end += " # note " + std::to_string(below(1000));
    end += chance(10) ? "\r\n" : "\n";
    if (chance(8)) end += chance(50) ? "\n" : "# a comment line\n";
    return end;
  }

  // A size in sectors, written plainly or with a unit that gives the same number.
  std::string size(uint64_t sectors) {
    if (!conveniences_) return std::to_string(sectors);
    switch (below(6)) {
      case 0: return std::to_string(sectors * 512) + "B";
      case 1: return sectors % 2 == 0 ? std::to_string(sectors / 2) + "K" : std::to_string(sectors);
      case 2: return sectors % 2048 == 0 ? std::to_string(sectors / 2048) + "M" : std::to_string(sectors) + "s";
      case 3: return sectors % 2048 == 1024 ? std::to_string(sectors / 2048) + (chance(50) ? ".5M" : ".50MiB")
                                            : std::to_string(sectors);
      default: return std::to_string(sectors);
    }
  }

  std::string disk() {
    static const char* kDisks[] = {"/dev/sda", "/dev/sdb", "/dev/nvme0n1p2", "8:16", "/dev/disk/by-id/x"};
    return kDisks[below(5)];
  }

  // The next free area of an underlying disk, so targets never share sectors.
  uint64_t area(const std::string& path, uint64_t length) {
    uint64_t& cursor = diskCursor_[path];
    const uint64_t at = cursor + below(4) * 8;
    cursor = at + length;
    return at;
  }

  std::string target(size_t device, uint64_t length, bool& usedOther) {
    // A reference to a device with a larger index that still has room.
    if (device + 1 < sizes_.size() && chance(40)) {
      const size_t other = device + 1 + below(sizes_.size() - device - 1);
      if (used_[other] + length <= sizes_[other]) {
        const uint64_t offset = used_[other];
        used_[other] += length;
        usedOther = true;
        return "linear" + blank() + "@d" + std::to_string(other) + " " + std::to_string(offset);
      }
    }
    switch (below(6)) {
      case 0: return "zero";
      case 1: return "error";
      case 2: {
        const std::string path = disk();
        return "linear" + blank() + path + " " + std::to_string(area(path, length));
      }
      default: return "";  // striped, chosen by the caller with a suitable length
    }
  }

  std::string device(size_t index, bool multiDevice) {
    std::string out;
    if (multiDevice) {
      out += "device d" + std::to_string(index);
      if (chance(40)) out += " uuid=DMC-" + std::to_string(index) + "-" + std::to_string(below(100000));
      if (chance(30)) out += " minor=" + std::to_string(index * 7 + below(5));
      if (chance(30)) out += chance(50) ? " ro" : " rw";
      out += newline();
    }
    const size_t targets = 1 + (chance(10) ? below(200) : below(6));
    uint64_t start = 0;
    for (size_t t = 0; t < targets; ++t) {
      bool usedOther = false;
      uint64_t length = 8 * (1 + below(chance(20) ? 1u << 20 : 64));
      std::string rest = target(index, length, usedOther);
      if (rest.empty()) {
        const uint64_t stripes = 1 + below(4), chunk = 8u << below(4);
        length = stripes * chunk * (1 + below(16));
        rest = "striped " + std::to_string(stripes) + blank() + std::to_string(chunk);
        for (uint64_t s = 0; s < stripes; ++s) {
          const std::string path = disk();
          rest += " " + path + " " + std::to_string(area(path, length / stripes));
        }
      }
      const std::string startText = conveniences_ && t > 0 && chance(30) ? "*" : size(start);
      out += (chance(10) ? blank() : "") + startText + blank() + size(length) + blank() + rest + newline();
      start += length;
    }
    sizes_[index] = start;
    return out;
  }

  std::mt19937_64 random_;
  bool conveniences_ = false;
  std::vector<uint64_t> sizes_, used_;
  std::map<std::string, uint64_t> diskCursor_;
};

fuzz::Compiled compile(const std::string& text, bool keepTargets = true) {
  CompileOptions options;
  options.keepTargets = keepTargets;
  return fuzz::compileText(text, options, "property.dm");
}

std::string tempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / (name + "." + std::to_string(::getpid()))).string();
}

// ---- the properties ------------------------------------------------------------------------------

TEST_CASE("every generated table compiles without errors", "[property]") {
  TableGenerator generator(kSeed);
  for (size_t i = 0; i < kCases; ++i) {
    const auto generated = generator.generate();
    const auto compiled = compile(generated.text);
    INFO("seed " << kSeed << " case " << i << ":\n" << generated.text << "---\n"
                  << fuzz::describeDiagnostics(compiled.diagnostics));
    REQUIRE(compiled.outcome.ok);
    REQUIRE(compiled.outcome.model.devices.size() == generated.devices);
    REQUIRE(compiled.outcome.model.loadOrder.size() == generated.devices);
  }
}

TEST_CASE("parse, emit the canonical table, parse: the same targets", "[property]") {
  TableGenerator generator(kSeed + 1);
  for (size_t i = 0; i < kCases; ++i) {
    const auto generated = generator.generate();
    const auto compiled = compile(generated.text);
    REQUIRE(compiled.outcome.ok);
    const TableModel& model = compiled.outcome.model;
    for (const DeviceEntry& device : model.devices) {
      const std::string table = emitDeviceTable(model, device);
      CompileOptions options;
      options.defaultDeviceName = device.name;
      // dmsetup loads a read-only device's table with --readonly; a file says so with a header.
      const std::string header = device.readOnly ? "device " + device.name + " ro\n" : "";
      const auto again = fuzz::compileText(header + table, options, "canonical.table");
      INFO("seed " << kSeed + 1 << " case " << i << " device " << device.name << ":\n" << generated.text
                   << "--- canonical:\n" << table << "---\n" << fuzz::describeDiagnostics(again.diagnostics));
      REQUIRE(again.outcome.ok);
      REQUIRE(again.diagnostics.empty());  // canonical tables draw no warning either
      REQUIRE(again.outcome.model.devices.size() == 1);
      const DeviceEntry& back = again.outcome.model.devices[0];
      CHECK(describeTargets(again.outcome.model, back, false) == describeTargets(model, device, false));
      CHECK(emitDeviceTable(again.outcome.model, back) == table);
    }
    if (model.devices.size() == 1 && !hasAttributes(model.devices[0])) {
      // One device without attributes: the whole emitted output is a plain table.
      const auto again = compile(emitAllTables(model));
      REQUIRE(again.outcome.ok);
      CHECK(emitAllTables(again.outcome.model) == emitAllTables(model));
    } else if (model.devices.size() == 1) {
      // Read-only, a uuid or a minor stay in the output, on the comment line above the table.
      CHECK(emitAllTables(model) == deviceComment(model.devices[0]) + emitDeviceTable(model, model.devices[0]));
    }
  }
}

TEST_CASE("compile, write the image, read it, emit: the same tables", "[property]") {
  TableGenerator generator(kSeed + 2);
  for (size_t i = 0; i < kCases; ++i) {
    const auto generated = generator.generate();
    const auto compiled = compile(generated.text);
    REQUIRE(compiled.outcome.ok);
    const TableModel& model = compiled.outcome.model;
    for (unsigned keys : {8u, 16u, 32u}) {
      std::string error;
      std::optional<std::string> image = buildImage(model, keys, &error);
      INFO("seed " << kSeed + 2 << " case " << i << " K " << keys << ":\n" << generated.text << "\n" << error);
      REQUIRE(image.has_value());
      std::unique_ptr<ImageReader> reader = ImageReader::fromBuffer(std::move(*image), error);
      REQUIRE(reader != nullptr);
      const TableModel back = reader->toTableModel();
      CHECK(describeModel(back) == describeModel(model));
      CHECK(emitAllTables(back) == emitAllTables(model));
      for (const DeviceEntry& device : model.devices) {
        const auto index = reader->findDevice(device.name);
        REQUIRE(index.has_value());
        CHECK(emitDeviceTable(back, back.devices[*index]) == emitDeviceTable(model, device));
      }
    }
  }
}

TEST_CASE("fmt is idempotent and keeps the meaning", "[property]") {
  TableGenerator generator(kSeed + 3);
  for (size_t i = 0; i < kCases; ++i) {
    const auto generated = generator.generate();
    DiagnosticEngine engine;
    const std::optional<std::string> once =
        formatSource(engine, engine.addFile(SourceFile("property.dm", generated.text)));
    INFO("seed " << kSeed + 3 << " case " << i << ":\n" << generated.text);
    REQUIRE(once.has_value());
    DiagnosticEngine engine2;
    const std::optional<std::string> twice = formatSource(engine2, engine2.addFile(SourceFile("property.dm", *once)));
    REQUIRE(twice.has_value());
    CHECK(*twice == *once);
    const auto before = compile(generated.text), after = compile(*once);
    REQUIRE(after.outcome.ok);
    CHECK(describeModel(after.outcome.model) == describeModel(before.outcome.model));  // lines included
  }
}

TEST_CASE("lookups from the image file equal lookups from the table", "[property]") {
  TableGenerator generator(kSeed + 4);
  std::mt19937_64 random(kSeed + 4);
  const std::string tablePath = tempPath("dmc-property") + ".dm", imagePath = tempPath("dmc-property") + ".img";
  for (size_t i = 0; i < kCases / 3; ++i) {
    const auto generated = generator.generate();
    std::ofstream(tablePath, std::ios::binary) << generated.text;
    INFO("seed " << kSeed + 4 << " case " << i << ":\n" << generated.text);
    // What `dmc lookup TABLE` reads: the table compiled into an image in memory.
    DiagnosticEngine engine;
    LookupSource fromTable = openLookupSource(engine, tablePath, CompileOptions{});
    REQUIRE(fromTable.problem == SourceProblem::None);
    // What `dmc lookup IMAGE` reads: the file compile wrote, mapped.
    ReadError readError;
    std::optional<SourceFile> file = readSourceFile(tablePath, readError);
    REQUIRE(file.has_value());
    const fuzz::Compiled compiled{compileFile(engine, engine.addFile(std::move(*file)), CompileOptions{}), {}, 0};
    REQUIRE(compiled.outcome.ok);
    REQUIRE(writeImageFile(compiled.outcome.model, 8, imagePath).empty());
    LookupSource fromImage = openLookupSource(engine, imagePath, CompileOptions{});
    REQUIRE(fromImage.problem == SourceProblem::None);

    const auto& a = fromTable.reader->devices();
    const auto& b = fromImage.reader->devices();
    REQUIRE(a.size() == b.size());
    for (size_t d = 0; d < a.size(); ++d) {
      REQUIRE(a[d].name == b[d].name);
      REQUIRE(a[d].size == b[d].size);
      const SectorLookup lookupA(a[d].index), lookupB(b[d].index);
      std::vector<uint64_t> sectors = {0, a[d].size - 1, a[d].size, a[d].size + 1, UINT64_MAX};
      for (const TargetRecord& t : a[d].targets) sectors.insert(sectors.end(), {t.start, t.start + t.length - 1});
      for (int k = 0; k < 200; ++k) sectors.push_back(random() % (a[d].size + 16));
      for (uint64_t s : sectors) {
        const uint32_t x = lookupA.find(s), y = lookupB.find(s);
        INFO("device " << a[d].name << " sector " << s);
        REQUIRE(x == y);
        REQUIRE(x == fuzz::scanLookup(compiled.outcome.model.devices[d].targets, s));
        if (x != kNoTarget) {
          CHECK(fromTable.reader->params(a[d].targets[x]) == fromImage.reader->params(b[d].targets[y]));
          CHECK(fromTable.reader->typeName(a[d].targets[x].typeId) ==
                fromImage.reader->typeName(b[d].targets[y].typeId));
        }
      }
    }
  }
  std::filesystem::remove(tablePath);
  std::filesystem::remove(imagePath);
}

TEST_CASE("concise strings round-trip; dm-mod.create where dm-init allows", "[property]") {
  TableGenerator generator(kSeed + 5);
  size_t conciseChecked = 0, dmInitChecked = 0;
  for (size_t i = 0; i < kCases; ++i) {
    const auto generated = generator.generate();
    const auto compiled = compile(generated.text);
    REQUIRE(compiled.outcome.ok);
    const TableModel& model = compiled.outcome.model;
    INFO("seed " << kSeed + 5 << " case " << i << ":\n" << generated.text);

    const BootStringOutput concise = emitConcise(model);
    INFO("concise: " << concise.text);
    REQUIRE(concise.ok());  // every generated model can be written as a concise string
    const auto back = fuzz::compileBootString(concise.text, InputFormat::Concise);
    INFO(fuzz::describeDiagnostics(back.diagnostics));
    REQUIRE(back.outcome.ok);
    const DescribeOptions same{true, false, false, true};  // @name comes back as /dev/mapper/NAME; load order
    CHECK(describeModel(back.outcome.model, same) == describeModel(model, same));
    CHECK(emitConcise(back.outcome.model).text == concise.text);
    ++conciseChecked;

    const BootStringOutput dmInit = emitDmInit(model);
    if (!dmInit.ok()) continue;  // refusing is allowed (types, minors, sizes dm-init cannot take)
    const auto booted = fuzz::compileBootString(dmInit.text, InputFormat::DmModCreate);
    INFO("dm-mod.create: " << dmInit.text << "\n" << fuzz::describeDiagnostics(booted.diagnostics));
    REQUIRE(booted.outcome.ok);
    const DescribeOptions layout{false, false, false, false};  // references are /dev/dm-N at boot
    if (model.devices.size() == 1)
      CHECK(describeModel(booted.outcome.model, layout) == describeModel(model, layout));
    CHECK(emitDmInit(booted.outcome.model).text == dmInit.text);
    ++dmInitChecked;
  }
  CHECK(conciseChecked == kCases);
  CHECK(dmInitChecked > 0);
}

// The fuzz targets' own properties, over the same generated tables: the replayable bodies
// must accept every valid table (they abort on a broken property).
TEST_CASE("the fuzz bodies hold on generated tables", "[property]") {
  TableGenerator generator(kSeed + 6);
  for (size_t i = 0; i < kCases / 5; ++i) {
    const auto generated = generator.generate();
    const auto* bytes = reinterpret_cast<const uint8_t*>(generated.text.data());
    fuzz::runTable(bytes, generated.text.size());
    fuzz::runDevices(bytes, generated.text.size());
  }
}

}  // namespace
