// gen.cc — the table generator of the differential kernel test (tests/kernel/differential).
//
// Usage: gen SEED OUTDIR
//
// Writes, for one seed, several hundred device-mapper tables into OUTDIR/cases: valid ones and
// ones with exactly one injected fault, for every target the test kernel has: linear, striped,
// error, zero, crypt, delay, flakey, snapshot-origin, snapshot, unstriped, verity, thin-pool,
// thin, cache, era, writecache, integrity, mirror, raid, switch, log-writes, multipath and
// zoned. Every table uses the guest's loop devices /dev/loop0../dev/loop10 (sizes in
// devices.tsv; the guest attaches them in that fixed order and checks it) and the thin pool
// /dev/mapper/dmc-diff-pool (pool.conf).
//
// Files written:
//   manifest.tsv        one case a line: id target kind expect line dmc_line mode setup exclusive
//                       expect: accept | refuse | ? (what the generator expects of the kernel;
//                       "?" marks probes whose answer the test wants to learn). line: the faulty
//                       line in cases/ID.table (0: valid, or a fault of the whole table);
//                       dmc_line: the same line in the file dmc reads.
//   cases/ID.table      the table exactly as `dmsetup create` gets it
//   cases/ID.dm         for read-only (verity) cases: the same table after a
//                       `device ID ro` header, which is how dmc learns the mode; for zoned on
//                       loop devices, after `disk /dev/loopN size=…` lines (regular disks)
//   devices.tsv         name path sectors source (zero | an image file in OUTDIR)
//   verity.img          the verity data and hash trees for /dev/loop7
//   verity-reads.tsv    name table: valid verity tables the guest reads end to end
//   pool.conf           the thin pool the thin cases use (shell variables)
//   device-sizes.txt    one PATH=SECTORS a line, for `dmc verify --device-size`
//
// Only facts about the kernel's behaviour went into this file (documented rules and observed
// messages); no kernel code.
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

// ---------------------------------------------------------------------------
// Random numbers: splitmix64, so a seed gives the same tables everywhere.

struct Rng {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return n ? next() % n : 0; }
  uint64_t range(uint64_t lo, uint64_t hi) { return lo + below(hi - lo + 1); }  // inclusive
  bool chance(unsigned percent) { return below(100) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }
};

std::string num(uint64_t v) { return std::to_string(v); }

std::string hexString(Rng& rng, size_t digits) {
  static const char* kHex = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < digits; ++i) s += kHex[rng.below(16)];
  return s;
}

// Decimal addition of two non-negative numbers written in digits.
std::string addDecimal(const std::string& a, const std::string& b) {
  std::string out;
  int carry = 0;
  for (size_t i = 0; i < std::max(a.size(), b.size()) || carry; ++i) {
    int da = i < a.size() ? a[a.size() - 1 - i] - '0' : 0;
    int db = i < b.size() ? b[b.size() - 1 - i] - '0' : 0;
    int s = da + db + carry;
    out += char('0' + s % 10);
    carry = s / 10;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

// ---------------------------------------------------------------------------
// SHA-256 (FIPS 180-4), for the verity hash trees.

class Sha256 {
 public:
  Sha256() { reset(); }
  void reset() {
    static const uint32_t kInit[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    std::memcpy(h_, kInit, sizeof h_);
    used_ = 0;
    total_ = 0;
  }
  void update(const uint8_t* data, size_t size) {
    total_ += size;
    while (size > 0) {
      size_t take = std::min(size, sizeof block_ - used_);
      std::memcpy(block_ + used_, data, take);
      used_ += take;
      data += take;
      size -= take;
      if (used_ == sizeof block_) {
        compress(block_);
        used_ = 0;
      }
    }
  }
  void update(const std::vector<uint8_t>& v) { update(v.data(), v.size()); }
  std::array<uint8_t, 32> finish() {
    uint64_t bits = total_ * 8;
    uint8_t pad = 0x80;
    update(&pad, 1);
    uint8_t zero = 0;
    while (used_ != 56) update(&zero, 1);
    uint8_t length[8];
    for (int i = 0; i < 8; ++i) length[i] = uint8_t(bits >> (56 - 8 * i));
    update(length, 8);
    std::array<uint8_t, 32> out{};
    for (int i = 0; i < 8; ++i)
      for (int j = 0; j < 4; ++j) out[4 * i + j] = uint8_t(h_[i] >> (24 - 8 * j));
    return out;
  }

 private:
  static uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
  void compress(const uint8_t* p) {
    static const uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    uint32_t w[64];
    for (int i = 0; i < 16; ++i)
      w[i] = uint32_t(p[4 * i]) << 24 | uint32_t(p[4 * i + 1]) << 16 | uint32_t(p[4 * i + 2]) << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; ++i) {
      uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4], f = h_[5], g = h_[6], h = h_[7];
    for (int i = 0; i < 64; ++i) {
      uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
      uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h_[0] += a;
    h_[1] += b;
    h_[2] += c;
    h_[3] += d;
    h_[4] += e;
    h_[5] += f;
    h_[6] += g;
    h_[7] += h;
  }
  uint32_t h_[8];
  uint8_t block_[64];
  size_t used_;
  uint64_t total_;
};

std::string toHex(const uint8_t* p, size_t n) {
  static const char* kHex = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    s += kHex[p[i] >> 4];
    s += kHex[p[i] & 15];
  }
  return s;
}

std::vector<uint8_t> fromHex(const std::string& s) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i + 1 < s.size(); i += 2) out.push_back(uint8_t(std::stoul(s.substr(i, 2), nullptr, 16)));
  return out;
}

// ---------------------------------------------------------------------------
// Verity hash trees (dm-verity on-disk format, as Documentation/admin-guide/
// device-mapper/verity.rst and veritysetup describe it, no superblock):
//   * level 0 holds the digest of every data block, level i+1 the digest of every
//     hash block of level i, up to the single block whose digest is the root;
//   * digests sit in slots of the next power of two of the digest size (32 for sha256),
//     unused slots and unused blocks are zero;
//   * the top level comes first on the hash device, from <hash_start> on;
//   * version 1 hashes salt || block, version 0 hashes block || salt.

struct VerityTree {
  std::string name;
  int version;
  uint32_t dataBlockSize, hashBlockSize;
  uint64_t dataBlocks;
  uint64_t hashStart;  // in hash blocks
  std::string salt;    // hex, "-" for none
  std::string root;    // hex
  uint64_t hashBlocks = 0;  // blocks the tree occupies after hashStart
};

std::array<uint8_t, 32> verityDigest(const VerityTree& t, const uint8_t* block, size_t size) {
  Sha256 h;
  std::vector<uint8_t> salt = t.salt == "-" ? std::vector<uint8_t>{} : fromHex(t.salt);
  if (t.version >= 1) h.update(salt);
  h.update(block, size);
  if (t.version == 0) h.update(salt);
  return h.finish();
}

// Builds the tree for image[0, dataBlocks * dataBlockSize) into the image at
// hashStart * hashBlockSize, growing the image as needed; fills t.root and t.hashBlocks.
void buildVerityTree(std::vector<uint8_t>& image, VerityTree& t) {
  const uint32_t slot = 32;
  uint32_t perBlockBits = 0;
  while ((1u << (perBlockBits + 1)) <= t.hashBlockSize / slot) ++perBlockBits;
  int levels = 0;
  while (perBlockBits * levels < 64 && ((t.dataBlocks - 1) >> (perBlockBits * levels))) ++levels;
  if (levels == 0) throw std::runtime_error("verity tree needs at least two data blocks");
  std::vector<uint64_t> levelStart(levels), levelSize(levels);
  uint64_t position = t.hashStart;
  for (int i = levels - 1; i >= 0; --i) {
    levelStart[i] = position;
    uint64_t shift = uint64_t(i + 1) * perBlockBits;
    levelSize[i] = (t.dataBlocks + (uint64_t(1) << shift) - 1) >> shift;
    position += levelSize[i];
  }
  t.hashBlocks = position - t.hashStart;
  uint64_t end = position * t.hashBlockSize;
  if (image.size() < end) image.resize(end, 0);
  // Level 0 from the data, then each level from the one below.
  uint64_t items = t.dataBlocks;
  for (int level = 0; level < levels; ++level) {
    for (uint64_t j = 0; j < items; ++j) {
      const uint8_t* source;
      size_t size;
      if (level == 0) {
        source = image.data() + j * t.dataBlockSize;
        size = t.dataBlockSize;
      } else {
        source = image.data() + (levelStart[level - 1] + j) * t.hashBlockSize;
        size = t.hashBlockSize;
      }
      auto digest = verityDigest(t, source, size);
      uint64_t block = levelStart[level] + (j >> perBlockBits);
      uint64_t offset = block * t.hashBlockSize + (j & ((uint64_t(1) << perBlockBits) - 1)) * slot;
      std::memcpy(image.data() + offset, digest.data(), digest.size());
    }
    items = levelSize[level];
  }
  auto root = verityDigest(t, image.data() + levelStart[levels - 1] * t.hashBlockSize, t.hashBlockSize);
  t.root = toHex(root.data(), root.size());
}

// ---------------------------------------------------------------------------
// Devices of the guest. The guest attaches them in this order to exactly these
// loop devices and checks the result, so the host can declare the same sizes.

struct Device {
  std::string name, path;
  uint64_t sectors;
  std::string source;  // "zero" or an image file
};

std::vector<Device> gDevices = {
    {"loop0", "/dev/loop0", 8192, "zero"},   // general data
    {"loop1", "/dev/loop1", 8192, "zero"},   // general data, thin-pool case data
    {"loop2", "/dev/loop2", 4096, "zero"},   // general data, snapshot origin
    {"loop3", "/dev/loop3", 2048, "zero"},   // snapshot COW (wiped before each snapshot case)
    {"loop4", "/dev/loop4", 8192, "zero"},   // metadata of the shared thin pool
    {"loop5", "/dev/loop5", 32768, "zero"},  // data of the shared thin pool
    {"loop6", "/dev/loop6", 8192, "zero"},   // metadata for thin-pool cases (wiped before each)
    {"loop7", "/dev/loop7", 0, "verity.img"},  // verity data + hash trees (size set later)
    {"loop8", "/dev/loop8", 8192, "zero"},   // metadata of cache, era, raid; integrity's meta_device
    {"loop9", "/dev/loop9", 8192, "zero"},   // cache and writecache fast device, integrity data
    {"loop10", "/dev/loop10", 2048, "zero"}, // a second raid metadata device; mirror's disk log
};
// The devices the targets with on-disk metadata format when they find zeros; the guest
// zeroes their first 64 KiB before each case whose setup is "wipe-new".
const Device& metaDevice() { return gDevices[8]; }
const Device& fastDevice() { return gDevices[9]; }
const Device& smallDevice() { return gDevices[10]; }
uint64_t sectorsOf(const std::string& path) {
  for (const Device& d : gDevices)
    if (d.path == path) return d.sectors;
  throw std::runtime_error("no device " + path);
}
const char* const kPoolName = "dmc-diff-pool";
const char* const kPoolPath = "/dev/mapper/dmc-diff-pool";
const uint64_t kPoolSectors = 32768;
const uint64_t kPoolBlock = 128;
const std::vector<int> kThinIds = {1, 2, 3};
const char* const kMissingDevice = "/dev/dmc-no-such-device";
const uint64_t kMaxTableEnd = (uint64_t(1) << 54) - 1;  // LLONG_MAX >> SECTOR_SHIFT

const Device& generalDevice(Rng& rng) { return gDevices[rng.below(3)]; }

// A device spelled as a path or, sometimes, as major:minor (loop is major 7).
std::string spell(Rng& rng, const Device& d, unsigned majMinPercent = 0) {
  if (majMinPercent && rng.chance(majMinPercent) && d.path.rfind("/dev/loop", 0) == 0)
    return "7:" + d.path.substr(9);
  return d.path;
}

std::vector<VerityTree> gTrees;

// ---------------------------------------------------------------------------
// Table lines and cases

struct Line {
  std::string start, length, type;
  std::vector<std::string> args;
};

struct Case {
  std::string target, kind, expect = "accept";
  std::vector<std::string> text;  // the table, line by line
  int faultLine = 0;              // 1-based in text; 0: none or the whole table
  bool readOnly = false;
  bool header = false;            // dmc reads it after a `device` header (ro cases)
  std::vector<std::string> disks;  // paths dmc is told are whole regular disks ('disk' lines)
  std::string setup = "none";     // none | wipe-cow | wipe-meta
  bool exclusive = false;         // remove right after loading
};

std::string render(Rng& rng, const Line& line) {
  std::vector<std::string> fields = {line.start, line.length, line.type};
  fields.insert(fields.end(), line.args.begin(), line.args.end());
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) {
      uint64_t r = rng.below(100);
      out += r < 90 ? " " : r < 95 ? "  " : "\t";
    }
    out += fields[i];
  }
  return out;
}

// A valid filler line of the given length. Linear fillers use only /dev/loop0, which no
// tested line opens read-only: on 6.1, a device a snapshot opens read-only (its origin)
// and another target of the same table opens read-write makes dm-table reopen it and
// free the dm_dev the snapshot still holds, and loading such a table oopses
// (snapshot_iterate_devices -> dm_set_device_limits). The snapshot origins and thin
// external origins below are /dev/loop1../dev/loop3.
Line filler(Rng& rng, uint64_t length) {
  Line l;
  l.length = num(length);
  switch (rng.below(3)) {
    case 0: l.type = "zero"; break;
    case 1: l.type = "error"; break;
    default: {
      l.type = "linear";
      const Device& d = gDevices[0];
      l.args = {d.path, num(rng.below(d.sectors - length + 1))};
    }
  }
  return l;
}

// Lays out [fillers] main [fillers], numbers the starts, adds comment and blank lines;
// returns the text and stores the main line's 1-based line number.
// `align`: filler lengths are multiples of it (a target with a larger logical block size,
// such as crypt with sector_size, makes the kernel require every line of the table to be
// aligned to it). `end` receives the table's length.
std::vector<std::string> assemble(Rng& rng, const Line& mainLine, uint64_t mainLength, bool withFillers,
                                  int& mainLineNo, uint64_t align, uint64_t& end) {
  std::vector<Line> lines;
  size_t mainIndex = 0;
  auto fillerLength = [&] { return align * rng.range(1, std::max<uint64_t>(1, 512 / align)); };
  if (withFillers) {
    size_t before = rng.below(3), after = rng.below(3);
    for (size_t i = 0; i < before; ++i) lines.push_back(filler(rng, fillerLength()));
    mainIndex = lines.size();
    lines.push_back(mainLine);
    for (size_t i = 0; i < after; ++i) lines.push_back(filler(rng, fillerLength()));
  } else {
    lines.push_back(mainLine);
  }
  uint64_t position = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    lines[i].start = num(position);
    if (i == mainIndex && lines[i].length.empty()) lines[i].length = num(mainLength);
    position += i == mainIndex ? mainLength : std::stoull(lines[i].length);
  }
  std::vector<std::string> text;
  if (rng.chance(15)) text.push_back("# dmc differential test table");
  for (size_t i = 0; i < lines.size(); ++i) {
    if (rng.chance(8)) text.push_back("");
    if (rng.chance(8)) text.push_back(rng.chance(50) ? "# a comment" : "   # an indented comment");
    if (i == mainIndex) mainLineNo = int(text.size()) + 1;
    text.push_back(render(rng, lines[i]));
  }
  if (rng.chance(10)) text.push_back("");
  end = position;
  return text;
}

// ---------------------------------------------------------------------------
// Numeric argument faults. How the kernel reads a number decides the verdict:
//   LLU    sscanf "%llu%c": no sign, no trailing text; wraps silently past 2^64
//   U      sscanf "%u%c": the same, truncated to 32 bits
//   DMARG  dm_read_arg(): like U, then a range check
//   KU32   kstrtouint: accepts a leading '+'; refuses values past 2^32-1
//   KU64   kstrtoull / kstrtoul: accepts a leading '+'; refuses values past 2^64-1

enum class NK { LLU, U, DMARG, KU32, KU64 };

struct NumField {
  std::string name;
  size_t arg;
  NK kind;
};

const std::vector<std::string> kNumVariants = {"nonnum", "trailing", "plus", "minus", "hex", "overflow", "leadzero"};

// Rewrites args[f.arg]; returns the expected kernel verdict.
std::string applyNumFault(Rng& rng, Line& line, const NumField& f, const std::string& variant) {
  std::string& a = line.args.at(f.arg);
  std::string v = a;
  bool kstrto = f.kind == NK::KU32 || f.kind == NK::KU64;
  bool wide = f.kind == NK::LLU || f.kind == NK::KU64;
  if (variant == "nonnum") {
    a = rng.pick(std::vector<std::string>{"x", "abc", "one", "-"});
    return "refuse";
  }
  if (variant == "trailing") {
    a = v + rng.pick(std::vector<std::string>{"k", "s", ".0", "x", "M"});
    return "refuse";
  }
  if (variant == "plus") {
    a = "+" + v;
    return kstrto ? "accept" : "refuse";
  }
  if (variant == "minus") {
    a = "-" + (v == "0" ? std::string("1") : v);
    return "refuse";
  }
  if (variant == "hex") {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%" PRIx64, uint64_t(std::stoull(v)));
    a = buf;
    return "refuse";
  }
  if (variant == "overflow") {
    a = addDecimal(v, wide ? "18446744073709551616" : "4294967296");
    return kstrto ? "refuse" : "accept";  // sscanf wraps to the original value
  }
  if (variant == "leadzero") {
    a = "00" + v;
    return "accept";
  }
  throw std::runtime_error("unknown numeric variant " + variant);
}

// ---------------------------------------------------------------------------
// Targets. Each builds a valid line (kind "valid" or a valid variant) or one with a
// single semantic fault. Numeric faults are applied by the driver to the fields a
// target lists.

struct Built {
  Line line;
  uint64_t length = 0;
  std::string expect = "accept";
  std::vector<NumField> nums;
  bool fillers = true;
  bool readOnly = false;
  bool header = false;
  std::vector<std::string> disks;  // declared with 'disk PATH size=N' lines: regular, not zoned
  bool tableFault = false;  // the fault is the table's, not one line's
  std::vector<std::string> extraAfter;  // lines appended after the main one (no start renumbering)
  bool mixWithZero = false;             // add a zero line after it (table-level faults)
  uint64_t align = 1;                   // sectors every line of the table must be aligned to
  bool misalignedTail = false;          // end the table with a line breaking that alignment
};

struct TargetSpec {
  std::string name;
  std::vector<std::string> valids;   // valid variants (each generated `validRepeat` times)
  int validRepeat;
  std::vector<std::string> faults;   // semantic faults
  std::vector<std::string> numFields;  // names of numeric fields for the generic faults
  std::function<Built(Rng&, const std::string&)> build;
  bool fillers = true;
  bool exclusive = false;
  std::string setup = "none";
};

// Picks an area of `length` sectors on `d` (an offset such that it fits).
uint64_t fitOffset(Rng& rng, const Device& d, uint64_t length) { return rng.below(d.sectors - length + 1); }

Built buildLinear(Rng& rng, const std::string& kind) {
  Built b;
  const Device& d = generalDevice(rng);
  b.length = rng.range(1, d.sectors);
  uint64_t offset = fitOffset(rng, d, b.length);
  b.line.type = "linear";
  b.line.args = {spell(rng, d, kind == "valid-majmin" ? 100 : 0), num(offset)};
  b.nums = {{"offset", 1, NK::LLU}};
  if (kind == "valid" || kind == "valid-majmin") return b;
  b.expect = "refuse";
  if (kind == "argc-few") b.line.args.pop_back();
  else if (kind == "argc-many") b.line.args.push_back("0");
  else if (kind == "dev-missing") b.line.args[0] = kMissingDevice;
  else if (kind == "area-past-end") {
    b.length = rng.range(1, d.sectors);
    b.line.args[1] = num(d.sectors - b.length + rng.range(1, 64));
  } else if (kind == "area-at-end") {
    b.length = rng.range(1, 64);
    b.line.args[1] = num(d.sectors);
  } else if (kind == "length-past-dev") {
    b.length = d.sectors + rng.range(1, 100);
    b.line.args[1] = "0";
  } else throw std::runtime_error("linear: " + kind);
  return b;
}

Built buildStriped(Rng& rng, const std::string& kind) {
  Built b;
  uint64_t stripes = rng.range(1, 4);
  uint64_t chunk = rng.pick(std::vector<uint64_t>{8, 16, 64, 128, 24, 1});
  if (kind == "valid-chunk-odd") chunk = rng.pick(std::vector<uint64_t>{24, 40, 3});
  uint64_t chunksPerStripe = rng.range(1, std::max<uint64_t>(1, 1024 / chunk));
  uint64_t width = chunk * chunksPerStripe;
  b.length = stripes * width;
  b.line.type = "striped";
  b.line.args = {num(stripes), num(chunk)};
  std::vector<const Device*> devs;
  for (uint64_t i = 0; i < stripes; ++i) {
    const Device& d = generalDevice(rng);
    devs.push_back(&d);
    b.line.args.push_back(d.path);
    b.line.args.push_back(num(fitOffset(rng, d, width)));
  }
  b.nums = {{"stripes", 0, NK::KU32}, {"chunk", 1, NK::KU32}, {"offset", 3, NK::LLU}};
  if (kind == "valid" || kind == "valid-chunk-odd") return b;
  b.expect = "refuse";
  if (kind == "stripes-zero") b.line.args[0] = "0";
  else if (kind == "chunk-zero") b.line.args[1] = "0";
  else if (kind == "len-not-div-stripes") {
    if (stripes == 1) {
      // One stripe divides everything; use two.
      b.line.args[0] = "2";
      b.line.args.push_back(devs[0]->path);
      b.line.args.push_back("0");
      b.length = 2 * width + 1;
    } else {
      b.length += 1;
    }
    b.line.args[1] = "1";  // so only the stripe count fails to divide
  } else if (kind == "len-not-div-chunk") {
    if (chunk == 1) b.line.args[1] = num(chunk = 8);
    width = chunk * chunksPerStripe + 1;
    b.length = stripes * width;
    for (uint64_t i = 0; i < stripes; ++i) b.line.args[3 + 2 * i] = "0";
  } else if (kind == "dest-missing") {
    b.line.args.pop_back();
    b.line.args.pop_back();
  } else if (kind == "dest-extra") {
    b.line.args.push_back(gDevices[0].path);
    b.line.args.push_back("0");
  } else if (kind == "argc-one") {
    b.line.args.resize(1);
  } else if (kind == "dev-missing") {
    b.line.args[2 + 2 * rng.below(stripes)] = kMissingDevice;
  } else if (kind == "area-past-end") {
    uint64_t i = rng.below(stripes);
    b.line.args[3 + 2 * i] = num(devs[i]->sectors - width + rng.range(1, 16));
  } else throw std::runtime_error("striped: " + kind);
  return b;
}

Built buildError(Rng& rng, const std::string& kind) {
  Built b;
  b.length = rng.range(1, 1u << 20);
  b.line.type = "error";
  if (kind == "valid") return b;
  if (kind == "args-ignored") {  // the error target ignores its arguments
    b.line.args = {"foo", num(rng.below(100))};
    b.expect = "?";
    return b;
  }
  throw std::runtime_error("error: " + kind);
}

Built buildZero(Rng& rng, const std::string& kind) {
  Built b;
  b.length = rng.range(1, 1u << 20);
  b.line.type = "zero";
  if (kind == "valid") return b;
  if (kind == "valid-huge") {  // zero is virtual: any length up to the table limit
    b.length = rng.range(1ull << 40, kMaxTableEnd - 4096);
    b.fillers = false;
    return b;
  }
  b.expect = "refuse";
  if (kind == "extra-arg") b.line.args = {rng.pick(std::vector<std::string>{"0", "x", "/dev/loop0"})};
  else throw std::runtime_error("zero: " + kind);
  return b;
}

struct CipherChoice {
  std::string cipher;
  std::vector<size_t> keyBytes;
};

Built buildCrypt(Rng& rng, const std::string& kind) {
  Built b;
  static const std::vector<CipherChoice> kCiphers = {
      {"aes-xts-plain64", {32, 64}},   {"aes-cbc-essiv:sha256", {16, 24, 32}},
      {"capi:xts(aes)-plain64", {32, 64}}, {"aes-xts-plain", {32, 64}},
      {"aes-cbc-plain64", {16, 32}},   {"aes-ecb", {16, 32}}};
  CipherChoice c = rng.pick(kCiphers);
  if (kind == "valid-compat") c = {rng.pick(std::vector<std::string>{"aes", "aes-plain"}), {16, 32}};
  // Twofish keys are 16, 24 or 32 bytes, and xts splits its key into two of them.
  if (kind == "valid-twofish") c = {rng.pick(std::vector<std::string>{"twofish-xts-plain64", "twofish-cbc-essiv:sha256"}), {32}};
  if (kind == "twofish-xts-short-key") c = {"twofish-xts-plain64", {16}};
  size_t keyBytes = rng.pick(c.keyBytes);
  const Device& d = generalDevice(rng);
  uint64_t sectorSize = 512;
  std::vector<std::string> opts;
  uint64_t optPick = rng.below(8);
  if (kind == "valid-sector-size" || kind.rfind("sector-size", 0) == 0) optPick = 6;
  if (kind == "sector-size-bad") optPick = 0;
  switch (optPick) {
    case 1: opts = {"allow_discards"}; break;
    case 2: opts = {"same_cpu_crypt", "submit_from_crypt_cpus"}; break;
    case 3: opts = {"no_read_workqueue"}; break;
    case 4: opts = {"no_read_workqueue", "no_write_workqueue", "allow_discards"}; break;
    case 5: opts = {"allow_discards"}; break;
    case 6:
      sectorSize = rng.pick(std::vector<uint64_t>{1024, 4096});
      opts = {"sector_size:" + num(sectorSize)};
      if (rng.chance(50)) opts.push_back("iv_large_sectors");
      break;
    default: break;
  }
  uint64_t unit = sectorSize / 512;
  b.align = unit;
  b.length = unit * rng.range(1, d.sectors / unit);
  uint64_t offset = fitOffset(rng, d, b.length) / unit * unit;
  uint64_t ivOffset = unit * rng.below(1000);
  b.line.type = "crypt";
  b.line.args = {c.cipher, hexString(rng, keyBytes * 2), num(ivOffset), d.path, num(offset)};
  if (!opts.empty()) {
    b.line.args.push_back(num(opts.size()));
    b.line.args.insert(b.line.args.end(), opts.begin(), opts.end());
  } else if (kind == "valid-opt-zero") {
    b.line.args.push_back("0");
  }
  b.nums = {{"iv_offset", 2, NK::LLU}, {"offset", 4, NK::LLU}};
  if (!opts.empty()) b.nums.push_back({"optcount", 5, NK::DMARG});
  if (kind.rfind("valid", 0) == 0) return b;
  b.expect = "refuse";
  std::string& key = b.line.args[1];
  if (kind == "argc-few") b.line.args.resize(4);
  else if (kind == "key-odd-length") key.pop_back();
  else if (kind == "key-nonhex") key[rng.below(key.size())] = rng.pick(std::vector<char>{'g', 'z', 'G', '.'});
  else if (kind == "key-wrong-size") key = hexString(rng, c.cipher.find("xts") != std::string::npos ? 16 : 40);
  else if (kind == "cipher-unknown") b.line.args[0] = "nosuchcipher-xts-plain64";
  else if (kind == "ivmode-unknown") b.line.args[0] = "aes-xts-nosuchiv";
  else if (kind == "ivmode-missing") b.line.args[0] = "aes-xts";
  else if (kind == "essiv-no-hash") b.line.args[0] = "aes-cbc-essiv";
  else if (kind == "keycount-bad") {
    b.line.args[0] = "aes:3-xts-plain64";
    key = hexString(rng, 64);
  } else if (kind == "optcount-high") {
    b.line.args.resize(5);
    b.line.args.push_back("2");
    b.line.args.push_back("allow_discards");
  } else if (kind == "opt-unknown") {
    b.line.args.resize(5);
    b.line.args.push_back("1");
    b.line.args.push_back("nosuch_feature");
  } else if (kind == "sector-size-bad") {
    b.line.args.resize(5);
    b.line.args.push_back("1");
    b.line.args.push_back("sector_size:" + num(rng.pick(std::vector<uint64_t>{1000, 256, 8192, 3})));
  } else if (kind == "sector-size-len") {
    b.length += 1;
    if (offset + b.length > d.sectors) offset -= unit;
    b.line.args[4] = num(offset);
  } else if (kind == "sector-size-iv-offset") {
    b.line.args[2] = num(ivOffset + 1);
  } else if (kind == "sector-size-offset") {
    b.line.args[4] = num(offset + 1 <= d.sectors - b.length ? offset + 1 : offset - 1);
  } else if (kind == "sector-size-table-misaligned") {
    b.misalignedTail = true;
  } else if (kind == "dev-missing") b.line.args[3] = kMissingDevice;
  else if (kind == "area-past-end") b.line.args[4] = num(d.sectors - b.length + unit * rng.range(1, 8));
  else if (kind == "twofish-xts-short-key") {}
  else throw std::runtime_error("crypt: " + kind);
  return b;
}

Built buildDelay(Rng& rng, const std::string& kind) {
  Built b;
  size_t classes = rng.range(1, 3);
  if (kind == "write-offset" || kind == "area-past-end-write") classes = rng.range(2, 3);
  const Device& d0 = generalDevice(rng);
  b.length = rng.range(1, 2048);
  b.line.type = "delay";
  std::vector<const Device*> devs;
  for (size_t i = 0; i < classes; ++i) {
    const Device& d = i == 0 ? d0 : generalDevice(rng);
    devs.push_back(&d);
    b.line.args.push_back(d.path);
    b.line.args.push_back(num(fitOffset(rng, d, b.length)));
    b.line.args.push_back(num(rng.pick(std::vector<uint64_t>{0, 1, 10, 100, 500})));
  }
  b.nums = {{"offset", 1, NK::LLU}, {"delay", 2, NK::U}};
  if (classes >= 2) b.nums.push_back({"write-offset", 4, NK::LLU});
  if (kind == "valid") return b;
  b.expect = "refuse";
  if (kind == "argc-few") b.line.args.resize(b.line.args.size() - 1);
  else if (kind == "argc-many") b.line.args.push_back("0");
  else if (kind == "argc-two") b.line.args.resize(2);
  else if (kind == "dev-missing") b.line.args[3 * rng.below(classes)] = kMissingDevice;
  else if (kind == "area-past-end" || kind == "area-past-end-write") {
    size_t i = kind == "area-past-end" ? 0 : 1;
    b.line.args[3 * i + 1] = num(devs[i]->sectors - b.length + rng.range(1, 16));
  } else throw std::runtime_error("delay: " + kind);
  return b;
}

Built buildFlakey(Rng& rng, const std::string& kind) {
  Built b;
  const Device& d = generalDevice(rng);
  b.length = rng.range(1, d.sectors);
  uint64_t up = rng.pick(std::vector<uint64_t>{0, 1, 5, 60, 3600});
  uint64_t down = up == 0 ? rng.range(1, 10) : rng.pick(std::vector<uint64_t>{0, 1, 5, 60});
  b.line.type = "flakey";
  b.line.args = {d.path, num(fitOffset(rng, d, b.length)), num(up), num(down)};
  std::vector<std::vector<std::string>> featureSets = {
      {},
      {"drop_writes"},
      {"error_writes"},
      {"corrupt_bio_byte", "32", "r", "1", "0"},
      {"corrupt_bio_byte", "1", "w", "255", "0"},
      {"drop_writes", "corrupt_bio_byte", "7", "r", "0", "0"},
      {"corrupt_bio_byte", "224", "R", "0", "4294967295"},
      {"ERROR_WRITES"},
  };
  auto features = rng.pick(featureSets);
  if (kind == "valid-features") features = featureSets[rng.range(1, featureSets.size() - 1)];
  if (!features.empty()) {
    b.line.args.push_back(num(features.size()));
    b.line.args.insert(b.line.args.end(), features.begin(), features.end());
  }
  b.nums = {{"offset", 1, NK::LLU}, {"up", 2, NK::DMARG}, {"down", 3, NK::DMARG}};
  if (kind == "valid" || kind == "valid-features") return b;
  b.expect = "refuse";
  auto setFeatures = [&](std::vector<std::string> f, std::string count = "") {
    b.line.args.resize(4);
    b.line.args.push_back(count.empty() ? num(f.size()) : count);
    b.line.args.insert(b.line.args.end(), f.begin(), f.end());
  };
  if (kind == "argc-few") b.line.args.resize(3);
  else if (kind == "intervals-zero") {
    b.line.args[2] = "0";
    b.line.args[3] = "0";
  } else if (kind == "interval-overflow") {
    b.line.args[2] = "4294967295";
    b.line.args[3] = num(rng.range(1, 100));
  } else if (kind == "featcount-high") setFeatures({"drop_writes"}, "2");
  else if (kind == "feat-unknown") setFeatures({"nosuch_feature"});
  else if (kind == "feat-dup") setFeatures({"drop_writes", "drop_writes"});
  else if (kind == "feat-conflict") setFeatures({"drop_writes", "error_writes"});
  else if (kind == "corrupt-dir") setFeatures({"corrupt_bio_byte", "1", "x", "0", "0"});
  else if (kind == "corrupt-value") setFeatures({"corrupt_bio_byte", "1", "r", "256", "0"});
  else if (kind == "corrupt-nth-zero") setFeatures({"corrupt_bio_byte", "0", "r", "1", "0"});
  else if (kind == "corrupt-params-missing") setFeatures({"corrupt_bio_byte", "1", "r"});
  else if (kind == "corrupt-write-vs-drop") setFeatures({"drop_writes", "corrupt_bio_byte", "1", "w", "0", "0"});
  else if (kind == "dev-missing") b.line.args[0] = kMissingDevice;
  else if (kind == "area-past-end") b.line.args[1] = num(d.sectors - b.length + rng.range(1, 16));
  else throw std::runtime_error("flakey: " + kind);
  return b;
}

Built buildSnapshotOrigin(Rng& rng, const std::string& kind) {
  Built b;
  const Device& d = generalDevice(rng);
  b.length = rng.range(1, d.sectors);
  b.line.type = "snapshot-origin";
  b.line.args = {d.path};
  if (kind == "valid") return b;
  b.expect = "refuse";
  if (kind == "argc-none") b.line.args.clear();
  else if (kind == "argc-many") b.line.args.push_back(gDevices[1].path);
  else if (kind == "dev-missing") b.line.args[0] = kMissingDevice;
  else if (kind == "length-past-dev") b.length = d.sectors + rng.range(1, 64);
  else throw std::runtime_error("snapshot-origin: " + kind);
  return b;
}

Built buildSnapshot(Rng& rng, const std::string& kind) {
  Built b;
  const Device& origin = gDevices[rng.chance(70) ? 2 : 1];  // never loop0 (see filler())
  const Device& cow = gDevices[3];
  b.length = rng.range(1, origin.sectors);
  std::string persist = rng.pick(std::vector<std::string>{"P", "N", "p", "n", "PO", "N"});
  uint64_t chunk = rng.pick(std::vector<uint64_t>{8, 16, 32, 64, 128});
  b.line.type = "snapshot";
  b.line.args = {origin.path, cow.path, persist, num(chunk)};
  std::vector<std::vector<std::string>> featureSets = {
      {}, {}, {"discard_zeroes_cow"}, {"discard_zeroes_cow", "discard_passdown_origin"}};
  auto features = rng.pick(featureSets);
  if (!features.empty()) {
    b.line.args.push_back(num(features.size()));
    b.line.args.insert(b.line.args.end(), features.begin(), features.end());
  }
  b.nums = {{"chunk", 3, NK::KU32}};
  if (kind == "valid") return b;
  b.expect = "refuse";
  auto setFeatures = [&](std::vector<std::string> f, std::string count = "") {
    b.line.args.resize(4);
    b.line.args.push_back(count.empty() ? num(f.size()) : count);
    b.line.args.insert(b.line.args.end(), f.begin(), f.end());
  };
  if (kind == "argc-few") b.line.args.resize(3);
  else if (kind == "persist-bad") b.line.args[2] = rng.pick(std::vector<std::string>{"X", "0", "Q"});
  else if (kind == "persist-option-bad") b.line.args[2] = "PX";
  else if (kind == "transient-option") {
    b.line.args[2] = "NX";
    b.expect = "?";
  } else if (kind == "chunk-not-pow2") b.line.args[3] = num(rng.pick(std::vector<uint64_t>{24, 12, 100}));
  else if (kind == "chunk-zero-transient") {
    b.line.args[2] = "N";
    b.line.args[3] = "0";
  } else if (kind == "chunk-too-high") b.line.args[3] = "8388608";
  else if (kind == "cow-is-origin") b.line.args[1] = origin.path;
  else if (kind == "origin-missing") b.line.args[0] = kMissingDevice;
  else if (kind == "cow-missing") b.line.args[1] = kMissingDevice;
  else if (kind == "feat-unknown") setFeatures({"nosuch_feature"});
  else if (kind == "feat-passdown-alone") setFeatures({"discard_passdown_origin"});
  else if (kind == "featcount-high") setFeatures({"discard_zeroes_cow"}, "2");
  else if (kind == "length-past-origin") b.length = origin.sectors + rng.range(1, 64);
  else throw std::runtime_error("snapshot: " + kind);
  return b;
}

Built buildUnstriped(Rng& rng, const std::string& kind) {
  Built b;
  uint64_t stripes = rng.range(2, 4);
  uint64_t chunk = rng.pick(std::vector<uint64_t>{8, 16, 128, 24});
  uint64_t stripe = rng.below(stripes);
  const Device& d = generalDevice(rng);
  b.length = chunk * rng.range(1, d.sectors / chunk / 2);
  b.line.type = "unstriped";
  b.line.args = {num(stripes), num(chunk), num(stripe), d.path, num(fitOffset(rng, d, b.length))};
  b.nums = {{"stripes", 0, NK::KU32}, {"chunk", 1, NK::KU32}, {"stripe", 2, NK::KU32}, {"offset", 4, NK::LLU}};
  if (kind == "valid") return b;
  if (kind == "stripe-equals-count") {  // the kernel only refuses stripe# > #stripes
    b.line.args[2] = num(stripes);
    b.expect = "?";
    return b;
  }
  if (kind == "one-stripe-any-number") {  // and skips the check for one stripe
    b.line.args[0] = "1";
    b.line.args[2] = num(rng.range(1, 9));
    b.expect = "?";
    return b;
  }
  b.expect = "refuse";
  if (kind == "argc-few") b.line.args.pop_back();
  else if (kind == "argc-many") b.line.args.push_back("0");
  else if (kind == "stripes-zero") b.line.args[0] = "0";
  else if (kind == "chunk-zero") b.line.args[1] = "0";
  else if (kind == "stripe-beyond") b.line.args[2] = num(stripes + rng.range(1, 5));
  else if (kind == "len-not-div-chunk") {
    b.length += rng.range(1, chunk - 1);
    b.line.args[4] = "0";
  } else if (kind == "dev-missing") b.line.args[3] = kMissingDevice;
  else if (kind == "area-past-end") b.line.args[4] = num(d.sectors - b.length + rng.range(1, 16));
  else throw std::runtime_error("unstriped: " + kind);
  return b;
}

Built buildVerity(Rng& rng, const std::string& kind) {
  Built b;
  b.fillers = false;
  b.readOnly = true;
  b.header = true;
  const VerityTree& t = rng.pick(gTrees);
  const Device& image = gDevices[7];
  uint64_t unit = t.dataBlockSize / 512;
  b.length = unit * rng.range(1, t.dataBlocks);
  if (rng.chance(50)) b.length = unit * t.dataBlocks;
  b.line.type = "verity";
  b.line.args = {num(t.version),          image.path,       image.path,        num(t.dataBlockSize),
                 num(t.hashBlockSize),    num(t.dataBlocks), num(t.hashStart), "sha256",
                 t.root,                  t.salt};
  std::vector<std::vector<std::string>> optSets = {
      {}, {}, {"ignore_corruption"}, {"restart_on_corruption"}, {"ignore_zero_blocks"},
      {"check_at_most_once"}, {"ignore_zero_blocks", "check_at_most_once"}, {"IGNORE_CORRUPTION"}};
  auto opts = rng.pick(optSets);
  if (kind == "valid-tasklet") opts = {"try_verify_in_tasklet"};
  if (!opts.empty()) {
    b.line.args.push_back(num(opts.size()));
    b.line.args.insert(b.line.args.end(), opts.begin(), opts.end());
  }
  b.nums = {{"data_blocks", 5, NK::LLU}, {"hash_start", 6, NK::LLU}};
  if (kind == "valid" || kind == "valid-tasklet") return b;
  b.expect = "refuse";
  auto setOpts = [&](std::vector<std::string> f, std::string count = "") {
    b.line.args.resize(10);
    b.line.args.push_back(count.empty() ? num(f.size()) : count);
    b.line.args.insert(b.line.args.end(), f.begin(), f.end());
  };
  if (kind == "argc-few") b.line.args.resize(9);
  else if (kind == "version-bad") b.line.args[0] = rng.pick(std::vector<std::string>{"2", "x", "+1", "1x"});
  else if (kind == "data-block-size-bad") b.line.args[3] = num(rng.pick(std::vector<uint64_t>{1000, 8192, 256, 0}));
  else if (kind == "hash-block-size-bad") b.line.args[4] = num(rng.pick(std::vector<uint64_t>{1000, 256, 0, 3000}));
  else if (kind == "data-blocks-too-few") {
    uint64_t fewer = rng.range(1, t.dataBlocks - 1);
    b.line.args[5] = num(fewer);
    b.length = unit * rng.range(fewer + 1, t.dataBlocks);
  } else if (kind == "data-blocks-shift-overflow") b.line.args[5] = "4611686018427387904";
  else if (kind == "hash-start-past-end") b.line.args[6] = num(image.sectors * 512 / t.hashBlockSize + rng.range(0, 8));
  else if (kind == "algorithm-unknown") b.line.args[7] = "nosuchhash";
  else if (kind == "algorithm-digest-mismatch") b.line.args[7] = "sha512";
  else if (kind == "digest-length") b.line.args[8].pop_back();
  else if (kind == "digest-nonhex") b.line.args[8][rng.below(64)] = 'x';
  else if (kind == "salt-odd") b.line.args[9] = t.salt == "-" ? "abc" : t.salt.substr(1);
  else if (kind == "salt-nonhex") b.line.args[9] = "zz" + (t.salt == "-" ? std::string("00") : t.salt.substr(2));
  else if (kind == "optcount-high") setOpts({"ignore_zero_blocks"}, "2");
  else if (kind == "opt-unknown") setOpts({"nosuch_feature"});
  else if (kind == "opt-conflict") setOpts({"ignore_corruption", "restart_on_corruption"});
  else if (kind == "length-unaligned") {
    if (unit == 1) throw std::runtime_error("retry");
    b.length = unit * rng.range(1, t.dataBlocks - 1) + rng.range(1, unit - 1);
  } else if (kind == "length-past-dev") {
    // More data blocks than the device holds; the hash tree still fits (hash_start 0 would
    // overlap, but the kernel does not look at hash contents when loading).
    uint64_t blocks = image.sectors / unit + rng.range(1, 4);
    b.line.args[5] = num(blocks);
    b.line.args[6] = "0";
    b.length = blocks * unit;
  } else if (kind == "fec-dev-missing") {
    setOpts({"use_fec_from_device", kMissingDevice, "fec_roots", "2", "fec_blocks", num(image.sectors / unit),
             "fec_start", "0"});
  } else if (kind == "read-write") {
    b.readOnly = false;
  } else if (kind == "mixed-with-zero") {
    b.mixWithZero = true;
    b.tableFault = true;
  } else throw std::runtime_error("verity: " + kind);
  return b;
}

Built buildThinPool(Rng& rng, const std::string& kind) {
  Built b;
  b.fillers = false;
  const Device& meta = gDevices[6];
  const Device& data = gDevices[1];
  uint64_t block = rng.pick(std::vector<uint64_t>{128, 256, 384, 1024});
  b.length = block * rng.range(2, data.sectors / block);
  if (rng.chance(20)) b.length = std::min(data.sectors, b.length + rng.range(1, block - 1));  // partial block
  b.line.type = "thin-pool";
  b.line.args = {meta.path, data.path, num(block), num(rng.below(b.length / block))};
  std::vector<std::vector<std::string>> featureSets = {
      {}, {}, {"skip_block_zeroing"}, {"ignore_discard"}, {"no_discard_passdown"}, {"error_if_no_space"},
      {"skip_block_zeroing", "error_if_no_space"}, {"skip_block_zeroing", "ignore_discard", "error_if_no_space"}};
  auto features = rng.pick(featureSets);
  if (!features.empty()) {
    b.line.args.push_back(num(features.size()));
    b.line.args.insert(b.line.args.end(), features.begin(), features.end());
  }
  b.nums = {{"block_size", 2, NK::KU64}, {"low_water", 3, NK::KU64}};
  if (kind == "valid") return b;
  auto setFeatures = [&](std::vector<std::string> f, std::string count = "") {
    b.line.args.resize(4);
    b.line.args.push_back(count.empty() ? num(f.size()) : count);
    b.line.args.insert(b.line.args.end(), f.begin(), f.end());
  };
  if (kind == "low-water-above-size") {  // not checked when loading
    b.line.args[3] = num(b.length / block + rng.range(1, 1000));
    b.expect = "?";
    return b;
  }
  if (kind == "feat-dup") {
    setFeatures({"skip_block_zeroing", "skip_block_zeroing"});
    b.expect = "?";
    return b;
  }
  b.expect = "refuse";
  if (kind == "argc-few") b.line.args.resize(3);
  else if (kind == "block-size-small") b.line.args[2] = num(rng.pick(std::vector<uint64_t>{64, 8, 0}));
  else if (kind == "block-size-unaligned") b.line.args[2] = num(rng.pick(std::vector<uint64_t>{200, 129, 1000}));
  else if (kind == "block-size-large") b.line.args[2] = "4194304";
  else if (kind == "featcount-high") setFeatures({"skip_block_zeroing"}, "3");
  else if (kind == "featcount-max") setFeatures({"skip_block_zeroing", "ignore_discard", "no_discard_passdown",
                                                 "error_if_no_space", "skip_block_zeroing"});
  else if (kind == "feat-unknown") setFeatures({"nosuch_feature"});
  else if (kind == "meta-missing") b.line.args[0] = kMissingDevice;
  else if (kind == "data-missing") b.line.args[1] = kMissingDevice;
  else if (kind == "length-past-data") b.length = data.sectors + block * rng.range(1, 4);
  else if (kind == "read-only-table") {
    b.readOnly = true;
    b.header = true;
    b.tableFault = true;
  } else if (kind == "mixed-with-zero") {
    b.mixWithZero = true;
    b.tableFault = true;
  } else throw std::runtime_error("thin-pool: " + kind);
  return b;
}

Built buildThin(Rng& rng, const std::string& kind) {
  Built b;
  b.length = rng.range(1, kPoolSectors);
  b.line.type = "thin";
  b.line.args = {kPoolPath, num(rng.pick(kThinIds))};
  if (rng.chance(20)) b.line.args.push_back(gDevices[2].path);  // external origin
  b.nums = {{"dev_id", 1, NK::KU64}};
  if (kind == "valid") return b;
  if (kind == "valid-larger-than-pool") {  // thin devices are virtual
    b.length = kPoolSectors * rng.range(2, 1000);
    return b;
  }
  if (kind == "valid-origin-smaller") {  // reads past the external origin's end give zeros
    b.line.args.resize(2);
    b.line.args.push_back(gDevices[3].path);
    b.length = gDevices[3].sectors + rng.range(1, 4096);
    return b;
  }
  b.expect = "refuse";
  if (kind == "argc-few") b.line.args.resize(1);
  else if (kind == "argc-many") {
    b.line.args.resize(2);
    b.line.args.push_back(gDevices[2].path);
    b.line.args.push_back("0");
  } else if (kind == "dev-id-too-big") b.line.args[1] = num((1u << 24) + rng.below(100));
  else if (kind == "pool-missing") b.line.args[0] = kMissingDevice;
  else if (kind == "origin-missing") {
    b.line.args.resize(2);
    b.line.args.push_back(kMissingDevice);
  } else if (kind == "origin-is-pool") {
    b.line.args.resize(2);
    b.line.args.push_back(kPoolPath);
  } else throw std::runtime_error("thin: " + kind);
  return b;
}

// ---------------------------------------------------------------------------
// Targets with on-disk metadata or several devices: cache, era, writecache, integrity,
// mirror, raid, switch, log-writes, multipath, zoned. Their metadata devices (loop8..loop10)
// are zeroed before each case ("wipe-new"), so the kernel formats them afresh.

// "<count> <item>..." appended to args.
void appendCounted(std::vector<std::string>& args, const std::vector<std::string>& items) {
  args.push_back(num(items.size()));
  args.insert(args.end(), items.begin(), items.end());
}

Built buildCache(Rng& rng, const std::string& kind) {
  Built b;
  b.fillers = rng.chance(50);
  const Device& origin = gDevices[1];
  uint64_t block = rng.pick(std::vector<uint64_t>{64, 128, 256, 512, 192});
  b.length = rng.range(block, origin.sectors);
  b.line.type = "cache";
  b.line.args = {metaDevice().path, fastDevice().path, origin.path, num(block)};
  std::vector<std::vector<std::string>> featureSets = {
      {}, {"writethrough"}, {"writeback"}, {"metadata2"}, {"writeback", "metadata2"}, {"no_discard_passdown"}};
  appendCounted(b.line.args, rng.pick(featureSets));
  std::vector<std::vector<std::string>> policies = {{"smq", "0"}, {"default", "0"}, {"mq", "0"},
                                                    {"smq", "2", "migration_threshold", "2048"}};
  auto policy = rng.pick(policies);
  b.line.args.insert(b.line.args.end(), policy.begin(), policy.end());
  b.nums = {{"block_size", 3, NK::KU64}};
  if (kind == "valid") return b;
  auto setFeatures = [&](std::vector<std::string> f, std::string count = "") {
    b.line.args.resize(4);
    b.line.args.push_back(count.empty() ? num(f.size()) : count);
    b.line.args.insert(b.line.args.end(), f.begin(), f.end());
    b.line.args.push_back("smq");
    b.line.args.push_back("0");
  };
  if (kind == "passthrough-new") {  // a fresh cache is clean
    setFeatures({"passthrough"});
    b.expect = "?";
    return b;
  }
  b.expect = "refuse";
  if (kind == "argc-few") b.line.args.resize(4);
  else if (kind == "block-size-small") b.line.args[3] = "32";
  else if (kind == "block-size-unaligned") b.line.args[3] = num(rng.pick(std::vector<uint64_t>{100, 96, 1000}));
  else if (kind == "block-larger-than-cache") {
    b.line.args[3] = num(fastDevice().sectors * 2);
    b.length = origin.sectors;
  } else if (kind == "feat-unknown") setFeatures({"nosuch_feature"});
  else if (kind == "feat-conflict") setFeatures({"writeback", "writethrough"});
  else if (kind == "featcount-high") setFeatures({"writeback"}, "3");
  else if (kind == "policy-unknown") {
    b.line.args.resize(b.line.args.size() - policy.size());
    b.line.args.push_back("nosuchpolicy");
    b.line.args.push_back("0");
  } else if (kind == "policy-args-odd") {
    b.line.args.resize(b.line.args.size() - policy.size());
    b.line.args.insert(b.line.args.end(), {"smq", "1", "migration_threshold"});
  } else if (kind == "meta-missing") b.line.args[0] = kMissingDevice;
  else if (kind == "fast-missing") b.line.args[1] = kMissingDevice;
  else if (kind == "origin-missing") b.line.args[2] = kMissingDevice;
  else if (kind == "length-past-origin") b.length = origin.sectors + rng.range(1, 256);
  else throw std::runtime_error("cache: " + kind);
  return b;
}

Built buildEra(Rng& rng, const std::string& kind) {
  Built b;
  const Device& origin = gDevices[1];
  b.length = rng.range(1, origin.sectors);
  b.line.type = "era";
  b.line.args = {metaDevice().path, origin.path, num(rng.pick(std::vector<uint64_t>{8, 64, 128, 1024, 24}))};
  b.nums = {{"block_size", 2, NK::U}};
  if (kind == "valid") return b;
  if (kind == "length-past-origin") {  // era reports the whole origin to the area check
    b.length = origin.sectors + rng.range(1, 256);
    b.expect = "?";
    return b;
  }
  b.expect = "refuse";
  if (kind == "argc-few") b.line.args.resize(2);
  else if (kind == "argc-many") b.line.args.push_back("0");
  else if (kind == "block-size-zero") b.line.args[2] = "0";
  else if (kind == "block-size-odd") {
    b.line.args[2] = num(rng.pick(std::vector<uint64_t>{12, 1, 100}));
    b.expect = "?";
  } else if (kind == "meta-missing") b.line.args[0] = kMissingDevice;
  else if (kind == "origin-missing") b.line.args[1] = kMissingDevice;
  else throw std::runtime_error("era: " + kind);
  return b;
}

Built buildWritecache(Rng& rng, const std::string& kind) {
  Built b;
  const Device& origin = gDevices[1];
  uint64_t block = rng.pick(std::vector<uint64_t>{512, 4096, 4096});
  b.align = block / 512;
  b.length = b.align * rng.range(1, origin.sectors / b.align);
  b.line.type = "writecache";
  b.line.args = {"s", origin.path, fastDevice().path, num(block)};
  std::vector<std::vector<std::string>> featureSets = {
      {},
      {"high_watermark", "60", "low_watermark", "40"},
      {"writeback_jobs", "64", "autocommit_blocks", "16"},
      {"autocommit_time", "1000"},
      {"cleaner"},
      {"start_sector", "16"},
      {"max_age", "30000", "pause_writeback", "1000"},
      {"metadata_only"}};
  auto features = rng.pick(featureSets);
  if (kind == "valid-features") features = featureSets[rng.range(1, featureSets.size() - 1)];
  appendCounted(b.line.args, features);
  b.nums = {{"block_size", 3, NK::U}};
  if (kind == "valid" || kind == "valid-features") return b;
  auto setFeatures = [&](std::vector<std::string> f, std::string count = "") {
    b.line.args.resize(4);
    b.line.args.push_back(count.empty() ? num(f.size()) : count);
    b.line.args.insert(b.line.args.end(), f.begin(), f.end());
  };
  b.expect = "refuse";
  if (kind == "argc-few") b.line.args.resize(3);
  else if (kind == "mode-bad") b.line.args[0] = rng.pick(std::vector<std::string>{"x", "q", "ssd"});
  else if (kind == "fua-ssd") setFeatures({rng.pick(std::vector<std::string>{"fua", "nofua"})});
  else if (kind == "block-size-bad") b.line.args[3] = num(rng.pick(std::vector<uint64_t>{1000, 8192, 256}));
  else if (kind == "featcount-high") setFeatures({"fua"}, "2");
  else if (kind == "feat-unknown") setFeatures({"nosuch_feature"});
  else if (kind == "watermark-order") setFeatures({"high_watermark", "30", "low_watermark", "60"});
  else if (kind == "watermark-high") setFeatures({"high_watermark", "101"});
  else if (kind == "start-sector-past-end") setFeatures({"start_sector", num(fastDevice().sectors + rng.range(0, 512))});
  else if (kind == "start-sector-no-room") {
    setFeatures({"start_sector", num(fastDevice().sectors - 8)});
    b.expect = "?";
  }
  else if (kind == "origin-missing") b.line.args[1] = kMissingDevice;
  else if (kind == "cache-missing") b.line.args[2] = kMissingDevice;
  else if (kind == "length-past-origin") b.length = b.align * (origin.sectors / b.align + rng.range(1, 16));
  else throw std::runtime_error("writecache: " + kind);
  return b;
}

Built buildIntegrity(Rng& rng, const std::string& kind) {
  Built b;
  const Device& d = fastDevice();
  b.length = rng.range(1, d.sectors / 2);
  b.line.type = "integrity";
  std::string mode = rng.pick(std::vector<std::string>{"J", "J", "B", "D"});
  b.line.args = {d.path, "0", "4", mode};
  std::vector<std::vector<std::string>> optSets = {
      {"internal_hash:crc32c"},
      {"internal_hash:crc32c", "journal_sectors:128"},
      {"internal_hash:crc32c", "recalculate"},
      {"internal_hash:crc32c", "interleave_sectors:8192", "commit_time:1000"},
      {"internal_hash:crc32c", "allow_discards"},
      {"internal_hash:sha256", "fix_padding"},
  };
  auto opts = rng.pick(optSets);
  if (opts[0] == "internal_hash:sha256") b.line.args[2] = "32";
  if (kind == "valid-block-size" || kind == "block-size-length") {
    opts = {"internal_hash:crc32c", "block_size:4096"};
    b.align = 8;
    b.length = 8 * rng.range(1, d.sectors / 16);
  }
  if (kind == "valid-meta-device" || kind == "meta-missing" || kind == "meta-length-past-dev") {
    opts = {"internal_hash:crc32c", "meta_device:" + metaDevice().path};
    b.length = rng.range(1, d.sectors);
  }
  // The metadata device holds the tags of the whole data device, whatever the length: 128 or
  // 255 bytes for each of 8192 blocks is more than the 2048 sectors of the small device.
  if (kind == "meta-too-small") {
    b.line.args[2] = num(rng.pick(std::vector<uint64_t>{128, 255}));
    b.line.args[3] = "J";  // tags from above: no internal hash, which mode B needs
    opts = {"meta_device:" + smallDevice().path};
    b.length = rng.range(1, d.sectors);
  }
  // A fresh 8192-sector device with tag 4 and 512-byte blocks provides 7752 data sectors:
  // the 8-sector superblock, one 176-sector journal section, 256 sectors of tags, then data
  // (dm-integrity's layout; validator/integrity_layout.h computes the same).
  if (kind == "valid-length-at-provided" || kind == "length-past-provided") {
    b.line.args[2] = "4";
    opts = {"internal_hash:crc32c"};
    b.length = kind == "valid-length-at-provided" ? 7752 : 7753;
  }
  if (kind == "valid-bitmap") {
    b.line.args[3] = "B";
    opts = {"internal_hash:crc32c", "sectors_per_bit:8", "bitmap_flush_interval:5000"};
  }
  appendCounted(b.line.args, opts);
  b.nums = {{"start", 1, NK::LLU}};
  if (kind.rfind("valid", 0) == 0) return b;
  auto setOpts = [&](std::vector<std::string> f, std::string count = "") {
    b.line.args.resize(4);
    b.line.args.push_back(count.empty() ? num(f.size()) : count);
    b.line.args.insert(b.line.args.end(), f.begin(), f.end());
  };
  b.expect = "refuse";
  if (kind == "argc-few") b.line.args.resize(4);
  else if (kind == "mode-bad") b.line.args[3] = rng.pick(std::vector<std::string>{"X", "j", "JJ"});
  else if (kind == "optcount-high") setOpts({"internal_hash:crc32c"}, "3");
  else if (kind == "opt-unknown") setOpts({"internal_hash:crc32c", "nosuch_option"});
  else if (kind == "hash-unknown") setOpts({"internal_hash:nosuchhash"});
  else if (kind == "tag-size-zero") b.line.args[2] = "0";
  else if (kind == "block-size-bad") setOpts({"internal_hash:crc32c", "block_size:" + num(rng.pick(std::vector<uint64_t>{1000, 8192, 256}))});
  else if (kind == "block-size-length") b.length += rng.range(1, 7);
  else if (kind == "recalculate-no-hash") {
    b.line.args[2] = "4";
    setOpts({"recalculate"});
  } else if (kind == "recalculate-keyed-hash") {
    b.line.args[2] = "32";
    setOpts({"internal_hash:hmac(sha256):" + hexString(rng, 64), "recalculate"});
  } else if (kind == "recalculate-keyed-legacy") {  // legacy_recalculate lifts the refusal
    b.line.args[2] = "32";
    setOpts({"internal_hash:hmac(sha256):" + hexString(rng, 64), "recalculate", "legacy_recalculate"});
    b.expect = "accept";
  } else if (kind == "length-too-large") b.length = d.sectors;
  else if (kind == "length-past-provided") {}
  else if (kind == "meta-length-past-dev") b.length = d.sectors + rng.range(1, 64);
  else if (kind == "meta-too-small") {}
  else if (kind == "dev-missing") b.line.args[0] = kMissingDevice;
  else if (kind == "meta-missing") b.line.args.back() = "meta_device:" + std::string(kMissingDevice);
  else throw std::runtime_error("integrity: " + kind);
  return b;
}

Built buildMirror(Rng& rng, const std::string& kind) {
  Built b;
  const Device& a = gDevices[0];
  const Device& c = gDevices[1];
  uint64_t region = rng.pick(std::vector<uint64_t>{8, 64, 1024});
  b.length = rng.range(region, 4096);
  b.line.type = "mirror";
  bool diskLog = rng.chance(40) || kind == "log-dev-missing";
  if (diskLog) b.line.args = {"disk", "2", smallDevice().path, num(region)};
  else b.line.args = {"core", "1", num(region)};
  if (rng.chance(30)) {
    b.line.args[1] = num(std::stoull(b.line.args[1]) + 1);
    b.line.args.push_back(rng.pick(std::vector<std::string>{"sync", "nosync"}));
  }
  size_t mirrorsAt = b.line.args.size();
  b.line.args.insert(b.line.args.end(), {"2", a.path, num(fitOffset(rng, a, b.length)), c.path,
                                         num(fitOffset(rng, c, b.length))});
  auto features = rng.pick(std::vector<std::vector<std::string>>{{}, {}, {"handle_errors"}, {"handle_errors", "keep_log"}});
  if (!features.empty()) appendCounted(b.line.args, features);
  b.nums = {{"region", diskLog ? size_t(3) : size_t(2), NK::U}, {"offset", mirrorsAt + 2, NK::LLU}};
  if (kind == "valid") return b;
  if (kind == "mirrors-one") {
    b.line.args.resize(mirrorsAt + 3);
    b.line.args[mirrorsAt] = "1";
    b.expect = "?";
    return b;
  }
  b.expect = "refuse";
  if (kind == "argc-few") b.line.args.resize(1);
  else if (kind == "log-type-unknown") b.line.args[0] = "nosuchlog";
  else if (kind == "region-not-pow2") b.line.args[diskLog ? 3 : 2] = num(rng.pick(std::vector<uint64_t>{24, 100, 1}));
  else if (kind == "sync-bad") {
    if (b.line.args[1] == (diskLog ? "2" : "1")) {
      b.line.args[1] = diskLog ? "3" : "2";
      b.line.args.insert(b.line.args.begin() + mirrorsAt, "SYNC");
    } else {
      b.line.args[mirrorsAt - 1] = "SYNC";
    }
  } else if (kind == "mirror-dev-missing") b.line.args[mirrorsAt + 3] = kMissingDevice;
  else if (kind == "log-dev-missing") b.line.args[2] = kMissingDevice;
  else if (kind == "area-past-end") b.line.args[mirrorsAt + 4] = num(c.sectors - b.length + rng.range(1, 16));
  else if (kind == "feat-unknown") {
    b.line.args.resize(mirrorsAt + 5);
    appendCounted(b.line.args, {"nosuch_feature"});
  } else if (kind == "keep-log-alone") {
    b.line.args.resize(mirrorsAt + 5);
    appendCounted(b.line.args, {"keep_log"});
  } else if (kind == "mirrors-too-many") {
    b.line.args[mirrorsAt] = "3";
  } else throw std::runtime_error("mirror: " + kind);
  return b;
}

// raid arrays md runs degraded (valid) or refuses to run: raid6 on 3 devices, more devices
// missing ('- -') or being rebuilt than the level survives, a journal device under 4 MiB.
// Missing devices go without metadata devices: on freshly zeroed metadata the kernel refuses
// any missing device ("Invalid superblocks"), which dmc cannot know without reading them.
// Each level is a kind of its own (valid-degraded-raid5, rebuild-beyond-raid10...), so every
// run loads all of them.
Built buildRaidDegraded(Rng& rng, bool valid, const std::string& level) {
  Built b;
  b.fillers = false;
  b.line.type = "raid";
  const std::string d0 = gDevices[0].path, d1 = gDevices[1].path, d2 = gDevices[2].path;
  if (level == "raid1") {
    b.length = rng.range(64, 4096);
    b.line.args = {"raid1", "1", "0", "2"};
    b.line.args.insert(b.line.args.end(), {"-", valid ? d0 : "-", "-", valid ? "-" : d1});
    if (!valid) {  // every leg lost: one missing, the other rebuilt
      b.line.args = {"raid1", "3", "0", "rebuild", "1", "2", "-", "-", "-", d1};
    }
  } else if (level == "raid5") {
    b.length = 2 * 64 * rng.range(1, 4096 / 64);
    b.line.args = {"raid5_ls", "1", "64", "3", "-", d0, "-", "-", "-", d2};
    if (!valid) b.line.args = {"raid5_ls", "3", "64", "rebuild", "0", "3", "-", d0, "-", "-", "-", d2};
  } else {
    b.length = 64 * rng.range(1, 4096 / 64);
    b.line.args = {"raid10", "5", "64", "raid10_copies", "2", "rebuild", valid ? "0" : "1", "2",
                   metaDevice().path, d0, smallDevice().path, d1};
    if (!valid) b.line.args = {"raid10", "7", "64", "raid10_copies", "2", "rebuild", "0", "rebuild", "1", "2",
                               metaDevice().path, d0, smallDevice().path, d1};
  }
  b.expect = valid ? "accept" : "refuse";
  return b;
}

std::string levelOfKind(const std::string& kind) { return kind.substr(kind.rfind('-') + 1); }

Built buildRaidUnrunnable(Rng& rng, const std::string& kind) {
  if (kind.rfind("rebuild-beyond-", 0) == 0) return buildRaidDegraded(rng, false, levelOfKind(kind));
  Built b;
  b.fillers = false;
  b.line.type = "raid";
  b.expect = "refuse";
  const std::string d0 = gDevices[0].path, d1 = gDevices[1].path, d2 = gDevices[2].path;
  if (kind == "raid6-three") {
    b.length = 64 * rng.range(1, 4096 / 64);
    b.line.args = {"raid6_zr", "1", "64", "3", "-", d0, "-", d1, "-", d2};
  } else if (kind == "journal-small") {
    b.length = 2 * 64 * rng.range(1, 4096 / 64);
    b.line.args = {"raid5_ls", "3", "64", "journal_dev", smallDevice().path, "3", "-", d0, "-", d1, "-", d2};
  } else {  // missing-beyond-<level>
    std::string level = levelOfKind(kind);
    if (level == "raid0") {
      b.length = 2 * 64 * rng.range(1, 4096 / 64);
      b.line.args = {"raid0", "1", "64", "2", "-", d0, "-", "-"};
    } else if (level == "raid1") {
      b.length = rng.range(64, 4096);
      b.line.args = {"raid1", "1", "0", "2", "-", "-", "-", "-"};
    } else if (level == "raid5") {
      b.length = 2 * 64 * rng.range(1, 4096 / 64);
      b.line.args = {"raid5_ls", "1", "64", "3", "-", "-", "-", d1, "-", "-"};
    } else {
      b.length = 2 * 64 * rng.range(1, 4096 / 64);
      b.line.args = {"raid6_zr", "1", "64", "4", "-", "-", "-", d0, "-", "-", "-", "-"};
    }
  }
  return b;
}

// raid: the whole of each data device from sector 0; metadata devices loop8 and loop10.
Built buildRaid(Rng& rng, const std::string& kind) {
  Built b;
  b.fillers = false;
  const Device& d0 = gDevices[0];
  const Device& d1 = gDevices[1];
  std::string level = rng.pick(std::vector<std::string>{"raid1", "raid1", "raid0", "raid10"});
  if (kind == "valid") level = "raid1";
  if (kind == "valid-raid0") level = "raid0";
  if (kind == "raid10-no-meta" || kind == "valid-raid10") level = "raid10";
  if (kind == "chunk-not-pow2") level = "raid0";
  if (kind == "length-too-large" || kind == "write-mostly-beyond") level = "raid1";
  bool meta = level == "raid10" ? kind != "raid10-no-meta" : rng.chance(50);
  if (kind == "meta-missing") meta = true;
  std::vector<std::string> params = {level == "raid1" ? "0" : num(rng.pick(std::vector<uint64_t>{8, 64, 128}))};
  uint64_t chunk = std::stoull(params[0]);
  if (level == "raid1") {
    auto extra = rng.pick(std::vector<std::vector<std::string>>{{}, {"nosync"}, {"region_size", "64"}, {"write_mostly", "1"}});
    params.insert(params.end(), extra.begin(), extra.end());
    b.length = rng.range(64, 4096);
  } else if (level == "raid0") {
    b.length = 2 * chunk * rng.range(1, 2048 / chunk);
  } else {
    params.insert(params.end(), {"raid10_copies", "2"});
    b.length = chunk * rng.range(1, 2048 / chunk);
  }
  b.line.type = "raid";
  b.line.args = {level};
  appendCounted(b.line.args, params);
  size_t devsAt = b.line.args.size();
  b.line.args.insert(b.line.args.end(), {"2", meta ? metaDevice().path : "-", d0.path,
                                         meta ? smallDevice().path : "-", d1.path});
  if (kind.rfind("valid-degraded-", 0) == 0) return buildRaidDegraded(rng, true, levelOfKind(kind));
  if (kind.rfind("valid", 0) == 0) return b;
  if (kind == "raid6-three" || kind.rfind("missing-beyond-", 0) == 0 || kind.rfind("rebuild-beyond-", 0) == 0 ||
      kind == "journal-small")
    return buildRaidUnrunnable(rng, kind);
  b.expect = "refuse";
  if (kind == "argc-few") b.line.args.resize(2);
  else if (kind == "level-unknown") b.line.args[0] = "raid7";
  else if (kind == "paramcount-high") b.line.args[1] = num(params.size() + 2);
  else if (kind == "chunk-not-pow2") b.line.args[2] = num(rng.pick(std::vector<uint64_t>{12, 100}));
  else if (kind == "devcount-mismatch") b.line.args[devsAt] = "3";
  else if (kind == "dev-missing") b.line.args[devsAt + 4] = kMissingDevice;
  else if (kind == "meta-missing") b.line.args[devsAt + 1] = kMissingDevice;
  else if (kind == "raid10-no-meta") {}
  else if (kind == "length-too-large") b.length = d0.sectors + rng.range(512, 4096);
  else if (kind == "write-mostly-beyond") {
    b.line.args.resize(1);
    appendCounted(b.line.args, {"0", "write_mostly", "5"});
    b.line.args.insert(b.line.args.end(), {"2", "-", d0.path, "-", d1.path});
  } else throw std::runtime_error("raid: " + kind);
  return b;
}

Built buildSwitch(Rng& rng, const std::string& kind) {
  Built b;
  uint64_t paths = rng.range(1, 3);
  uint64_t region = rng.pick(std::vector<uint64_t>{8, 64, 1024, 1000});
  b.length = rng.range(1, 4096);
  b.line.type = "switch";
  b.line.args = {num(paths), num(region), "0"};
  std::vector<const Device*> devs;
  for (uint64_t i = 0; i < paths; ++i) {
    const Device& d = generalDevice(rng);
    devs.push_back(&d);
    b.line.args.push_back(d.path);
    b.line.args.push_back(num(fitOffset(rng, d, b.length)));
  }
  b.nums = {{"paths", 0, NK::U}, {"region", 1, NK::U}, {"offset", 4, NK::KU64}};
  if (kind == "valid") return b;
  b.expect = "refuse";
  if (kind == "argc-few") b.line.args.resize(3);
  else if (kind == "paths-zero") b.line.args[0] = "0";
  else if (kind == "region-zero") b.line.args[1] = "0";
  else if (kind == "optargs-nonzero") {
    b.line.args[2] = "1";
    b.line.args.insert(b.line.args.begin() + 3, "x");
  } else if (kind == "pair-missing") b.line.args.resize(b.line.args.size() - 2);
  else if (kind == "dev-missing") b.line.args[3 + 2 * rng.below(paths)] = kMissingDevice;
  else if (kind == "area-past-end") {
    uint64_t i = rng.below(paths);
    b.line.args[4 + 2 * i] = num(devs[i]->sectors - b.length + rng.range(1, 16));
  } else throw std::runtime_error("switch: " + kind);
  return b;
}

Built buildLogWrites(Rng& rng, const std::string& kind) {
  Built b;
  const Device& d = gDevices[1];
  b.length = rng.range(1, d.sectors);
  b.line.type = "log-writes";
  b.line.args = {d.path, smallDevice().path};
  if (kind == "valid") return b;
  if (kind == "argc-many") {
    b.line.args.push_back("0");
    b.expect = "?";
    return b;
  }
  b.expect = "refuse";
  if (kind == "argc-few") b.line.args.resize(1);
  else if (kind == "dev-missing") b.line.args[0] = kMissingDevice;
  else if (kind == "log-missing") b.line.args[1] = kMissingDevice;
  else if (kind == "length-past-dev") b.length = d.sectors + rng.range(1, 256);
  else throw std::runtime_error("log-writes: " + kind);
  return b;
}

// multipath is request-based: alone in its table.
Built buildMultipath(Rng& rng, const std::string& kind) {
  Built b;
  b.fillers = false;
  const Device& a = gDevices[0];
  const Device& c = gDevices[1];
  b.length = rng.range(1, 8192);
  b.line.type = "multipath";
  auto features = rng.pick(std::vector<std::vector<std::string>>{
      {}, {"queue_if_no_path"}, {"pg_init_retries", "3"}, {"queue_mode", "bio"}, {"retain_attached_hw_handler"}});
  appendCounted(b.line.args, features);
  b.line.args.push_back("0");  // no hardware handler
  auto selector = rng.pick(std::vector<std::vector<std::string>>{
      {"round-robin", "0", "1", "1"}, {"queue-length", "0", "1", "0"}, {"service-time", "0", "1", "2"}});
  std::string pathArg = selector[0] == "round-robin" ? "1000" : "1";
  bool twoGroups = rng.chance(30);
  b.line.args.insert(b.line.args.end(), {twoGroups ? "2" : "1", twoGroups ? "2" : "1"});
  auto group = [&](const Device& d) {
    b.line.args.insert(b.line.args.end(), selector.begin(), selector.begin() + 2);
    b.line.args.push_back(twoGroups ? "1" : "2");
    b.line.args.push_back(selector[3]);
    for (const Device* p : twoGroups ? std::vector<const Device*>{&d} : std::vector<const Device*>{&a, &c}) {
      b.line.args.push_back(p->path);
      if (selector[3] != "0") b.line.args.push_back(selector[3] == "2" ? "1 100" : pathArg);
    }
  };
  group(a);
  if (twoGroups) group(c);
  // "1 100" is two words.
  std::vector<std::string> split;
  for (const auto& w : b.line.args) {
    size_t sp = w.find(' ');
    if (sp == std::string::npos) split.push_back(w);
    else { split.push_back(w.substr(0, sp)); split.push_back(w.substr(sp + 1)); }
  }
  b.line.args = split;
  size_t hw = 1 + features.size();
  if (kind == "valid") return b;
  if (kind == "valid-no-groups") {
    b.line.args.resize(hw + 1);
    b.line.args.insert(b.line.args.end(), {"0", "0"});
    return b;
  }
  b.expect = "refuse";
  auto at = [&](const std::string& word) {
    return size_t(std::find(b.line.args.begin(), b.line.args.end(), word) - b.line.args.begin());
  };
  if (kind == "argc-few") b.line.args.resize(2);
  else if (kind == "featcount-high") b.line.args[0] = num(features.size() + 8);
  else if (kind == "feat-unknown") {
    b.line.args.erase(b.line.args.begin(), b.line.args.begin() + hw);
    b.line.args.insert(b.line.args.begin(), {"1", "nosuch_feature"});
  } else if (kind == "queue-mode-bad") {
    b.line.args.erase(b.line.args.begin(), b.line.args.begin() + hw);
    b.line.args.insert(b.line.args.begin(), {"2", "queue_mode", "nosuchmode"});
  } else if (kind == "selector-unknown") b.line.args[at(selector[0])] = "nosuch-selector";
  else if (kind == "initial-group-beyond") {  // only 0 with groups (or non-0 without) is refused
    b.line.args[hw + 2] = num(twoGroups ? 5 : 3);
    b.expect = "?";
  } else if (kind == "initial-group-zero") b.line.args[hw + 2] = "0";
  else if (kind == "path-dev-missing") b.line.args[at(c.path)] = kMissingDevice;
  else if (kind == "length-past-dev") b.length = a.sectors + rng.range(1, 256);
  else if (kind == "hw-handler-count-bad") b.line.args[hw] = "1";
  else throw std::runtime_error("multipath: " + kind);
  return b;
}

// zoned needs a host-managed zoned device; the guest's loop devices are regular, so every
// table is refused. dmc learns that from 'disk' lines (a declared disk without zoned= is
// regular); zoned disks are the disk-facts suite's (null_blk).
Built buildZoned(Rng& rng, const std::string& kind) {
  Built b;
  b.fillers = false;
  b.length = rng.range(1, 4096);
  b.line.type = "zoned";
  b.expect = "refuse";
  if (kind == "regular-device") b.line.args = {gDevices[0].path};
  else if (kind == "two-regular-devices") b.line.args = {gDevices[0].path, gDevices[1].path};
  else if (kind == "argc-none") {}
  else if (kind == "dev-missing") b.line.args = {kMissingDevice};
  else throw std::runtime_error("zoned: " + kind);
  if (kind.find("regular") != std::string::npos) {
    b.header = true;
    b.disks = b.line.args;
  }
  return b;
}

std::vector<TargetSpec> targetSpecs() {
  std::vector<TargetSpec> specs;
  specs.push_back({"linear", {"valid", "valid-majmin"}, 6,
                   {"argc-few", "argc-many", "dev-missing", "area-past-end", "area-at-end", "length-past-dev"},
                   {"offset"}, buildLinear});
  specs.push_back({"striped", {"valid", "valid-chunk-odd"}, 6,
                   {"stripes-zero", "chunk-zero", "len-not-div-stripes", "len-not-div-chunk", "dest-missing",
                    "dest-extra", "argc-one", "dev-missing", "area-past-end"},
                   {"stripes", "chunk", "offset"}, buildStriped});
  specs.push_back({"error", {"valid", "args-ignored"}, 3, {}, {}, buildError});
  specs.push_back({"zero", {"valid", "valid-huge"}, 3, {"extra-arg"}, {}, buildZero});
  specs.push_back({"crypt", {"valid", "valid-compat", "valid-sector-size", "valid-opt-zero", "valid-twofish"}, 3,
                   {"argc-few", "key-odd-length", "key-nonhex", "key-wrong-size", "cipher-unknown", "ivmode-unknown",
                    "ivmode-missing", "essiv-no-hash", "keycount-bad", "optcount-high", "opt-unknown", "sector-size-bad",
                    "sector-size-len", "sector-size-iv-offset", "sector-size-offset", "sector-size-table-misaligned",
                    "dev-missing", "area-past-end", "twofish-xts-short-key"},
                   {"iv_offset", "offset", "optcount"}, buildCrypt});
  specs.push_back({"delay", {"valid"}, 6,
                   {"argc-few", "argc-many", "argc-two", "dev-missing", "area-past-end", "area-past-end-write"},
                   {"offset", "delay", "write-offset"}, buildDelay});
  specs.push_back({"flakey", {"valid", "valid-features"}, 5,
                   {"argc-few", "intervals-zero", "interval-overflow", "featcount-high", "feat-unknown", "feat-dup",
                    "feat-conflict", "corrupt-dir", "corrupt-value", "corrupt-nth-zero", "corrupt-params-missing",
                    "corrupt-write-vs-drop", "dev-missing", "area-past-end"},
                   {"offset", "up", "down"}, buildFlakey});
  TargetSpec origin{"snapshot-origin", {"valid"}, 5, {"argc-none", "argc-many", "dev-missing", "length-past-dev"},
                    {}, buildSnapshotOrigin};
  origin.exclusive = true;
  specs.push_back(origin);
  TargetSpec snapshot{"snapshot", {"valid"}, 8,
                      {"argc-few", "persist-bad", "persist-option-bad", "transient-option", "chunk-not-pow2",
                       "chunk-zero-transient", "chunk-too-high", "cow-is-origin", "origin-missing", "cow-missing",
                       "feat-unknown", "feat-passdown-alone", "featcount-high", "length-past-origin"},
                      {"chunk"}, buildSnapshot};
  snapshot.exclusive = true;
  snapshot.setup = "wipe-cow";
  specs.push_back(snapshot);
  specs.push_back({"unstriped", {"valid", "stripe-equals-count", "one-stripe-any-number"}, 4,
                   {"argc-few", "argc-many", "stripes-zero", "chunk-zero", "stripe-beyond", "len-not-div-chunk",
                    "dev-missing", "area-past-end"},
                   {"stripes", "chunk", "stripe", "offset"}, buildUnstriped});
  TargetSpec verity{"verity", {"valid", "valid-tasklet"}, 6,
                    {"argc-few", "version-bad", "data-block-size-bad", "hash-block-size-bad", "data-blocks-too-few",
                     "data-blocks-shift-overflow", "hash-start-past-end", "algorithm-unknown",
                     "algorithm-digest-mismatch", "digest-length", "digest-nonhex", "salt-odd", "salt-nonhex",
                     "optcount-high", "opt-unknown", "opt-conflict", "length-unaligned", "length-past-dev",
                     "fec-dev-missing", "read-write", "mixed-with-zero"},
                    {"data_blocks", "hash_start"}, buildVerity};
  verity.fillers = false;
  specs.push_back(verity);
  TargetSpec pool{"thin-pool", {"valid", "low-water-above-size", "feat-dup"}, 4,
                  {"argc-few", "block-size-small", "block-size-unaligned", "block-size-large", "featcount-high",
                   "featcount-max", "feat-unknown", "meta-missing", "data-missing", "length-past-data",
                   "read-only-table", "mixed-with-zero"},
                  {"block_size", "low_water"}, buildThinPool};
  pool.fillers = false;
  pool.exclusive = true;
  pool.setup = "wipe-meta";
  specs.push_back(pool);
  TargetSpec thin{"thin", {"valid", "valid-larger-than-pool", "valid-origin-smaller"}, 4,
                  {"argc-few", "argc-many", "dev-id-too-big", "pool-missing", "origin-missing", "origin-is-pool"},
                  {"dev_id"}, buildThin};
  thin.exclusive = true;
  specs.push_back(thin);
  auto fresh = [&](TargetSpec spec, bool fillers = true) {
    spec.exclusive = true;
    spec.setup = "wipe-new";
    spec.fillers = fillers;
    specs.push_back(spec);
  };
  fresh({"cache", {"valid", "passthrough-new"}, 4,
         {"argc-few", "block-size-small", "block-size-unaligned", "block-larger-than-cache", "feat-unknown",
          "feat-conflict", "featcount-high", "policy-unknown", "policy-args-odd", "meta-missing", "fast-missing",
          "origin-missing", "length-past-origin"},
         {"block_size"}, buildCache});
  fresh({"era", {"valid", "length-past-origin"}, 3,
         {"argc-few", "argc-many", "block-size-zero", "block-size-odd", "meta-missing", "origin-missing"},
         {"block_size"}, buildEra});
  fresh({"writecache", {"valid", "valid-features"}, 4,
         {"argc-few", "mode-bad", "block-size-bad", "featcount-high", "feat-unknown", "watermark-order",
          "watermark-high", "fua-ssd", "start-sector-past-end", "start-sector-no-room", "origin-missing", "cache-missing",
          "length-past-origin"},
         {"block_size"}, buildWritecache});
  fresh({"integrity", {"valid", "valid-block-size", "valid-meta-device", "valid-bitmap", "valid-length-at-provided"}, 2,
         {"argc-few", "mode-bad", "optcount-high", "opt-unknown", "hash-unknown", "tag-size-zero",
          "block-size-bad", "block-size-length", "recalculate-no-hash", "recalculate-keyed-hash",
          "recalculate-keyed-legacy", "length-too-large", "length-past-provided", "meta-length-past-dev",
          "meta-too-small", "dev-missing", "meta-missing"},
         {"start"}, buildIntegrity}, false);
  fresh({"mirror", {"valid", "mirrors-one"}, 4,
         {"argc-few", "log-type-unknown", "region-not-pow2", "sync-bad", "mirror-dev-missing", "log-dev-missing",
          "area-past-end", "feat-unknown", "keep-log-alone", "mirrors-too-many"},
         {"region", "offset"}, buildMirror});
  fresh({"raid", {"valid", "valid-raid0", "valid-raid10", "valid-degraded-raid1", "valid-degraded-raid5",
                   "valid-degraded-raid10"}, 2,
         {"argc-few", "level-unknown", "paramcount-high", "chunk-not-pow2", "devcount-mismatch", "dev-missing",
          "meta-missing", "raid10-no-meta", "length-too-large", "write-mostly-beyond", "raid6-three",
          "missing-beyond-raid0", "missing-beyond-raid1", "missing-beyond-raid5", "missing-beyond-raid6",
          "rebuild-beyond-raid1", "rebuild-beyond-raid5", "rebuild-beyond-raid10", "journal-small"},
         {}, buildRaid}, false);
  specs.push_back({"switch", {"valid"}, 4,
                   {"argc-few", "paths-zero", "region-zero", "optargs-nonzero", "pair-missing", "dev-missing",
                    "area-past-end"},
                   {"paths", "region", "offset"}, buildSwitch});
  fresh({"log-writes", {"valid", "argc-many"}, 3, {"argc-few", "dev-missing", "log-missing", "length-past-dev"}, {},
         buildLogWrites});
  fresh({"multipath", {"valid", "valid-no-groups"}, 4,
         {"argc-few", "featcount-high", "feat-unknown", "queue-mode-bad", "selector-unknown", "initial-group-beyond",
          "initial-group-zero", "path-dev-missing", "length-past-dev", "hw-handler-count-bad"},
         {}, buildMultipath}, false);
  fresh({"zoned", {}, 0, {"argc-none", "dev-missing", "regular-device", "two-regular-devices"}, {}, buildZoned},
        false);
  return specs;
}

// Which numeric variants to try per field (all, unless listed here).
std::vector<std::string> variantsFor(const std::string& target, const std::string& field) {
  // The second and later fields of a target get a smaller set, to keep the run short.
  static const std::map<std::string, std::vector<std::string>> kFew = {
      {"crypt/optcount", {"plus", "overflow", "nonnum"}},
      {"delay/write-offset", {"plus", "overflow", "trailing"}},
      {"flakey/down", {"plus", "overflow", "minus"}},
      {"unstriped/stripe", {"plus", "overflow", "nonnum"}},
      {"verity/hash_start", {"plus", "overflow", "trailing"}},
      {"thin-pool/low_water", {"plus", "overflow", "minus"}},
      {"striped/offset", {"plus", "overflow", "trailing", "minus"}},
      {"cache/block_size", {"plus", "nonnum", "trailing"}},
      {"era/block_size", {"plus", "overflow", "nonnum"}},
      {"writecache/block_size", {"plus", "trailing"}},
      {"integrity/start", {"plus", "nonnum", "overflow"}},
      {"mirror/region", {"plus", "nonnum"}},
      {"mirror/offset", {"plus", "overflow", "trailing"}},
      {"switch/paths", {"plus", "nonnum"}},
      {"switch/region", {"plus", "trailing"}},
      {"switch/offset", {"plus", "overflow", "minus"}},
  };
  auto it = kFew.find(target + "/" + field);
  return it == kFew.end() ? kNumVariants : it->second;
}

// ---------------------------------------------------------------------------
// Structural cases: several zero/error/linear lines, one of them broken in the way
// dm-table.c or dmsetup's line parser notices.

Case buildStructural(Rng& rng, const std::string& kind) {
  Case c;
  c.target = "table";
  c.kind = kind;
  c.expect = "refuse";
  size_t count = rng.range(kind == "out-of-order" ? 3 : 2, 5);
  std::vector<Line> lines;
  std::vector<uint64_t> lengths;
  for (size_t i = 0; i < count; ++i) {
    uint64_t length = rng.range(1, 512);
    lines.push_back(filler(rng, length));
    lengths.push_back(length);
  }
  std::vector<uint64_t> starts(count);
  for (size_t i = 1; i < count; ++i) starts[i] = starts[i - 1] + lengths[i - 1];
  size_t bad = rng.range(1, count - 1);  // a line after the first
  auto setAll = [&] {
    for (size_t i = 0; i < count; ++i) {
      lines[i].start = num(starts[i]);
      lines[i].length = num(lengths[i]);
    }
  };
  setAll();
  if (kind == "valid") {
    c.expect = "accept";
  } else if (kind == "valid-table-end-limit") {
    lines.resize(1);
    lines[0] = Line{"0", num(kMaxTableEnd), "zero", {}};
    c.expect = "accept";
  } else if (kind == "gap") {
    lines[bad].start = num(starts[bad] + rng.range(1, 100));
  } else if (kind == "overlap") {
    lines[bad].start = num(starts[bad] - rng.range(1, std::min<uint64_t>(lengths[bad - 1], 100)));
  } else if (kind == "out-of-order") {
    bad = count - 1;
    lines[bad].start = num(starts[rng.below(count - 2)]);
  } else if (kind == "start-not-zero") {
    bad = 0;
    lines[0].start = num(rng.range(1, 100));
  } else if (kind == "zero-length") {
    bad = rng.below(count);
    lines[bad].length = "0";
    for (size_t i = bad + 1; i < count; ++i) lines[i].start = num(starts[i] - lengths[bad]);
  } else if (kind == "table-too-large") {
    bad = count - 1;
    lines[bad].type = "zero";
    lines[bad].args.clear();
    lines[bad].length = num(kMaxTableEnd - starts[bad] + rng.range(1, 1000));
  } else if (kind == "length-wraps") {
    bad = count - 1;
    lines[bad].type = "zero";
    lines[bad].args.clear();
    lines[bad].length = num(UINT64_MAX - rng.below(starts[bad]));  // start + length passes 2^64
  } else if (kind == "fields-missing") {
    lines[bad].type.clear();
    lines[bad].args.clear();
  } else if (kind == "start-nonnum") {
    lines[bad].start = rng.pick(std::vector<std::string>{"abc", "x1", "start"});
  } else if (kind == "start-hex") {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%" PRIx64, uint64_t(starts[bad]));
    lines[bad].start = buf;
  } else if (kind == "length-trailing") {
    lines[bad].length += rng.pick(std::vector<std::string>{"k", "x", "s"});
  } else if (kind == "start-plus") {  // dmsetup reads numbers with %llu
    lines[bad].start = "+" + lines[bad].start;
    c.expect = "accept";
  } else if (kind == "length-plus") {
    lines[bad].length = "+" + lines[bad].length;
    c.expect = "accept";
  } else if (kind == "start-minus-zero") {
    bad = 0;
    lines[0].start = "-0";
    c.expect = "?";
  } else if (kind == "length-overflow") {
    bad = count - 1;
    lines[bad].type = "zero";
    lines[bad].args.clear();
    lines[bad].length = "99999999999999999999";
  } else if (kind == "start-leadzero") {
    lines[bad].start = "000" + lines[bad].start;
    c.expect = "accept";
  } else if (kind == "target-unknown") {
    lines[bad].type = "nosuchtarget";
    lines[bad].args.clear();
  } else if (kind == "target-uppercase") {
    lines[bad].type = "ZERO";
    lines[bad].args.clear();
  } else if (kind == "inline-comment") {
    lines[bad].type = "zero";
    lines[bad].args = {"#", "trailing", "comment"};
    c.expect = "?";
  } else {
    throw std::runtime_error("table: " + kind);
  }
  std::vector<std::string> text;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (rng.chance(10)) text.push_back(rng.chance(50) ? "# structural case" : "");
    if (i == bad && kind.rfind("valid", 0) != 0) c.faultLine = int(text.size()) + 1;
    text.push_back(render(rng, lines[i]));
  }
  c.text = text;
  return c;
}

const std::vector<std::string> kStructuralKinds = {
    "valid",          "valid",        "valid",         "valid-table-end-limit", "gap",         "gap",
    "overlap",        "overlap",      "out-of-order",  "start-not-zero",        "zero-length", "table-too-large",
    "length-wraps",   "fields-missing", "start-nonnum", "start-hex",            "length-trailing",
    "start-plus",     "length-plus",  "start-minus-zero", "length-overflow",    "start-leadzero",
    "target-unknown", "target-uppercase", "inline-comment", "valid",  "valid",      "valid",
    "gap",            "overlap",          "zero-length",    "start-not-zero", "out-of-order"};

// ---------------------------------------------------------------------------
// Driver

Case caseFromBuilt(Rng& rng, const TargetSpec& spec, const std::string& kind, Built b) {
  Case c;
  c.target = spec.name;
  c.kind = kind;
  c.expect = b.expect;
  c.readOnly = b.readOnly;
  c.header = b.header;
  c.disks = b.disks;
  c.setup = spec.setup;
  c.exclusive = spec.exclusive;
  int mainLine = 0;
  bool fillers = spec.fillers && b.fillers;
  uint64_t end = 0;
  c.text = assemble(rng, b.line, b.length, fillers, mainLine, b.align, end);
  if (b.mixWithZero) {
    Line z{num(end), num(rng.range(1, 64)), "zero", {}};
    c.text.push_back(render(rng, z));
  }
  if (b.misalignedTail) {
    Line z{num(end), num(b.align * rng.range(0, 8) + rng.range(1, b.align - 1)), "zero", {}};
    c.text.push_back(render(rng, z));
    mainLine = int(c.text.size());
  }
  bool isValid = b.expect == "accept" && kind.find("valid") != std::string::npos;
  c.faultLine = (isValid || b.tableFault) ? 0 : mainLine;
  if (b.expect == "accept" && !isValid) c.faultLine = mainLine;  // accepted probes keep the line for reference
  return c;
}

void writeFile(const std::string& path, const std::string& content) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) throw std::runtime_error("cannot write " + path);
  std::fwrite(content.data(), 1, content.size(), f);
  std::fclose(f);
}

std::string joinLines(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: gen SEED OUTDIR\n");
    return 2;
  }
  try {
    uint64_t seed = std::stoull(argv[1]);
    std::string out = argv[2];
    Rng rng{seed};
    mkdir(out.c_str(), 0755);
    mkdir((out + "/cases").c_str(), 0755);

    // The verity image: 256 KiB of data, then three trees.
    std::vector<uint8_t> image(256 * 1024);
    for (auto& byte : image) byte = uint8_t(rng.next());
    for (size_t i = 40 * 1024; i < 44 * 1024; ++i) image[i] = 0;  // one all-zero 4 KiB block
    gTrees = {
        {"v1-4k", 1, 4096, 4096, 64, 64, hexString(rng, 64), "", 0},
        {"v0-1k", 0, 1024, 1024, 256, 260, hexString(rng, 16), "", 0},
        {"v1-4k-512", 1, 4096, 512, 64, 544, "-", "", 0},
    };
    for (auto& t : gTrees) buildVerityTree(image, t);
    image.resize((image.size() + 64 * 1024 - 1) / (64 * 1024) * (64 * 1024) + 64 * 1024, 0);
    gDevices[7].sectors = image.size() / 512;
    writeFile(out + "/verity.img", std::string(image.begin(), image.end()));

    std::vector<Case> cases;
    for (const TargetSpec& spec : targetSpecs()) {
      auto build = [&](const std::string& kind) { return spec.build(rng, kind); };
      for (const std::string& kind : spec.valids)
        for (int i = 0; i < spec.validRepeat; ++i) cases.push_back(caseFromBuilt(rng, spec, kind, build(kind)));
      for (const std::string& kind : spec.faults) {
        for (int attempt = 0;; ++attempt) {
          try {
            cases.push_back(caseFromBuilt(rng, spec, kind, build(kind)));
            break;
          } catch (const std::runtime_error& e) {
            if (std::string(e.what()) != "retry" || attempt > 50) throw;
          }
        }
      }
      for (const std::string& field : spec.numFields) {
        for (const std::string& variant : variantsFor(spec.name, field)) {
          for (int attempt = 0;; ++attempt) {
            if (attempt > 100) throw std::runtime_error(spec.name + ": no instance with field " + field);
            Built b = build("valid");
            auto it = std::find_if(b.nums.begin(), b.nums.end(), [&](const NumField& f) { return f.name == field; });
            if (it == b.nums.end()) continue;
            b.expect = applyNumFault(rng, b.line, *it, variant);
            Case c = caseFromBuilt(rng, spec, field + "-" + variant, b);
            cases.push_back(c);
            break;
          }
        }
      }
    }
    for (const std::string& kind : kStructuralKinds) cases.push_back(buildStructural(rng, kind));

    // Files.
    std::string manifest = "#id\ttarget\tkind\texpect\tline\tdmc_line\tmode\tsetup\texclusive\n";
    int n = 0;
    for (const Case& c : cases) {
      char id[16];
      std::snprintf(id, sizeof id, "c%04d", ++n);
      writeFile(out + "/cases/" + id + ".table", joinLines(c.text));
      int dmcLine = c.faultLine;
      if (c.header) {
        std::string declarations;
        for (const std::string& path : c.disks) declarations += "disk " + path + " size=" + num(sectorsOf(path)) + "\n";
        writeFile(out + "/cases/" + id + ".dm", declarations + "device " + id + (c.readOnly ? " ro" : "") + "\n" +
                                                    joinLines(c.text));
        if (dmcLine) dmcLine += 1 + int(c.disks.size());
      }
      manifest += std::string(id) + "\t" + c.target + "\t" + c.kind + "\t" + c.expect + "\t" +
                  num(c.faultLine) + "\t" + num(dmcLine) + "\t" + (c.readOnly ? "ro" : "rw") + "\t" + c.setup +
                  "\t" + (c.exclusive ? "1" : "0") + "\n";
    }
    writeFile(out + "/manifest.tsv", manifest);

    std::string devices = "#name\tpath\tsectors\tsource\n", sizes;
    for (const Device& d : gDevices) {
      devices += d.name + "\t" + d.path + "\t" + num(d.sectors) + "\t" + d.source + "\n";
      sizes += d.path + "=" + num(d.sectors) + "\n";
      if (d.path.rfind("/dev/loop", 0) == 0) sizes += "7:" + d.path.substr(9) + "=" + num(d.sectors) + "\n";
    }
    sizes += std::string(kPoolPath) + "=" + num(kPoolSectors) + "\n";
    writeFile(out + "/devices.tsv", devices);
    writeFile(out + "/device-sizes.txt", sizes);

    std::string pool = "# the thin pool the thin cases use (sourced by run.sh)\n";
    pool += std::string("POOL_NAME=") + kPoolName + "\n";
    pool += "POOL_TABLE='0 " + num(kPoolSectors) + " thin-pool " + gDevices[4].path + " " + gDevices[5].path + " " +
            num(kPoolBlock) + " 0'\n";
    pool += "POOL_THIN_IDS='";
    for (size_t i = 0; i < kThinIds.size(); ++i) pool += (i ? " " : "") + num(kThinIds[i]);
    pool += "'\n";
    writeFile(out + "/pool.conf", pool);

    std::string reads = "#name\ttable\n";
    for (const VerityTree& t : gTrees) {
      reads += "verity-" + t.name + "\t0 " + num(t.dataBlocks * t.dataBlockSize / 512) + " verity " +
               num(t.version) + " " + gDevices[7].path + " " + gDevices[7].path + " " + num(t.dataBlockSize) + " " +
               num(t.hashBlockSize) + " " + num(t.dataBlocks) + " " + num(t.hashStart) + " sha256 " + t.root + " " +
               t.salt + "\n";
    }
    writeFile(out + "/verity-reads.tsv", reads);
    writeFile(out + "/seed.txt", num(seed) + "\n");

    std::map<std::string, int> perTarget;
    for (const Case& c : cases) perTarget[c.target]++;
    std::printf("generated %zu tables (seed %" PRIu64 "):", cases.size(), seed);
    for (const auto& [target, count] : perTarget) std::printf(" %s=%d", target.c_str(), count);
    std::printf("\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gen: %s\n", e.what());
    return 1;
  }
  return 0;
}
