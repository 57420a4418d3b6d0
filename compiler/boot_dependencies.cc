#include "compiler/boot_dependencies.h"

#include <algorithm>

#include "support/split_tokens.h"
#include "validator/target_availability.h"

namespace dmc {

namespace {

void sortUnique(std::vector<std::string>& names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
}

bool startsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// The names in a crypto API expression such as "authenc(hmac(sha256),xts(aes))".
void addApiNames(std::string_view expression, std::vector<std::string>& names) {
  std::string name;
  for (char c : expression) {
    if (c == '(' || c == ')' || c == ',') {
      if (!name.empty()) names.push_back(name);
      name.clear();
    } else {
      name += c;
    }
  }
  if (!name.empty()) names.push_back(name);
}

// IV generators that ask the crypto API for an algorithm of their own (dm-crypt.c).
void addIvNames(std::string_view ivMode, std::vector<std::string>& names) {
  const size_t colon = ivMode.find(':');
  const std::string_view mode = ivMode.substr(0, colon);
  if (mode == "essiv") {
    names.push_back("essiv");
    if (colon != std::string_view::npos) addApiNames(ivMode.substr(colon + 1), names);
  } else if (mode == "lmk") {
    names.push_back("md5");
  } else if (mode == "tcw") {
    names.push_back("crc32");
  } else if (mode == "elephant") {
    names.push_back("ecb");
  }
}

// An integrity option "internal_hash:crc32c" or "journal_mac:hmac(sha256):KEY": the algorithm.
void addIntegrityOptionNames(std::string_view option, std::vector<std::string>& names) {
  for (std::string_view key : {"internal_hash:", "journal_crypt:", "journal_mac:"}) {
    if (!startsWith(option, key)) continue;
    std::string_view value = option.substr(key.size());
    addApiNames(value.substr(0, value.find(':')), names);
  }
}

void addTargetCrypto(std::string_view type, const std::vector<std::string>& args, std::vector<std::string>& names) {
  if (type == "crypt" && !args.empty()) {
    for (std::string& name : cryptoNamesOfCipher(args[0])) names.push_back(std::move(name));
  } else if (type == "verity" && args.size() > 7) {
    addApiNames(args[7], names);
  } else if (type == "integrity") {
    for (const std::string& arg : args) addIntegrityOptionNames(arg, names);
  }
}

bool isMajorMinor(std::string_view word) {
  const size_t colon = word.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon + 1 == word.size()) return false;
  auto digits = [](std::string_view part) {
    return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  return digits(word.substr(0, colon)) && digits(word.substr(colon + 1));
}

bool isDeviceOfModel(const TableModel& model, std::string_view path) {
  if (!startsWith(path, "/dev/mapper/")) return false;
  const std::string_view name = path.substr(12);
  return std::any_of(model.devices.begin(), model.devices.end(), [&](const DeviceEntry& d) { return d.name == name; });
}

// Device arguments the checks record no area for (verity's hash device with a one-block
// tree, a FEC device): any argument that names a device, a /dev path or MAJ:MIN.
void addDeviceWords(const TableModel& model, const std::vector<std::string>& args, std::vector<std::string>& devices) {
  for (const std::string& arg : args)
    if ((startsWith(arg, "/dev/") || isMajorMinor(arg)) && !isDeviceOfModel(model, arg)) devices.push_back(arg);
}

}  // namespace

std::string moduleForTarget(std::string_view targetType) {
  // Which module registers the type: a fact of the target's, kept with its config option.
  const TargetAvailability* target = availabilityOf(targetType);
  return target == nullptr ? std::string() : std::string(target->module);
}

std::vector<std::string> cryptoNamesOfCipher(std::string_view cipherSpec) {
  std::vector<std::string> names;
  if (startsWith(cipherSpec, "capi:")) {
    // capi:EXPRESSION-IVMODE: the IV mode follows the last ')'.
    std::string_view rest = cipherSpec.substr(5);
    const size_t close = rest.rfind(')');
    const size_t dash = rest.find('-', close == std::string_view::npos ? 0 : close);
    addApiNames(rest.substr(0, dash), names);
    if (dash != std::string_view::npos) addIvNames(rest.substr(dash + 1), names);
  } else {
    // CIPHER[:KEYCOUNT]-CHAINMODE-IVMODE[:IVOPTS]; the kernel asks for "CHAINMODE(CIPHER)",
    // and reads "CIPHER" and "CIPHER-plain" as CBC (crypt_ctr_cipher_old).
    const size_t dash = cipherSpec.find('-');
    const std::string_view cipher = cipherSpec.substr(0, dash);
    names.emplace_back(cipher.substr(0, cipher.find(':')));
    const std::string_view rest = dash == std::string_view::npos ? std::string_view() : cipherSpec.substr(dash + 1);
    const size_t ivDash = rest.find('-');
    const std::string_view chainMode = rest.substr(0, ivDash);
    if (chainMode.empty() || (chainMode == "plain" && ivDash == std::string_view::npos)) names.emplace_back("cbc");
    else names.emplace_back(chainMode);
    if (ivDash != std::string_view::npos) addIvNames(rest.substr(ivDash + 1), names);
  }
  sortUnique(names);
  return names;
}

BootDependencies bootDependencies(const TableModel& model, const std::vector<std::string>& externalDevices) {
  BootDependencies needs;
  needs.devices = externalDevices;
  for (const DeviceEntry& device : model.devices) {
    for (const TargetEntry& target : device.targets) {
      const std::string_view type = model.typeName(target);
      std::string module = moduleForTarget(type);
      if (!module.empty()) needs.modules.push_back(std::move(module));
      const std::vector<std::string> args = splitTokens(model.params(target));
      addTargetCrypto(type, args, needs.crypto);
      addDeviceWords(model, args, needs.devices);
    }
  }
  sortUnique(needs.devices);
  sortUnique(needs.modules);
  sortUnique(needs.crypto);
  return needs;
}

}  // namespace dmc
