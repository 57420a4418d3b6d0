#include "diagnostics/diagnostic_engine.h"

#include <algorithm>
#include <numeric>

#include "diagnostics/diagnostic_spill.h"

namespace dmc {

DiagnosticBuilder& DiagnosticBuilder::note(Location location, std::string message) {
  add(Note{location, std::move(message), true});
  return *this;
}

DiagnosticBuilder& DiagnosticBuilder::note(std::string message) {
  add(Note{Location{}, std::move(message), false});
  return *this;
}

void DiagnosticBuilder::add(Note note) {
  if (!diagnostic_) return;
  std::vector<Note>& notes = diagnostic_->notes;
  if (lastNoteStaysLast_ && !notes.empty())
    notes.insert(notes.end() - 1, std::move(note));
  else
    notes.push_back(std::move(note));
}

DiagnosticEngine::DiagnosticEngine() = default;
DiagnosticEngine::~DiagnosticEngine() = default;
DiagnosticEngine::DiagnosticEngine(DiagnosticEngine&&) noexcept = default;
DiagnosticEngine& DiagnosticEngine::operator=(DiagnosticEngine&&) noexcept = default;

uint32_t DiagnosticEngine::addFile(SourceFile file) {
  files_.push_back(std::make_unique<SourceFile>(std::move(file)));
  return static_cast<uint32_t>(files_.size() - 1);
}

DiagnosticBuilder DiagnosticEngine::report(DiagnosticCode code, Location location, std::string message) {
  return report(code, diagnosticInfo(code).severity, location, std::move(message));
}

void DiagnosticEngine::markSecret(Location location) {
  if (!secrets_.empty()) {
    const Location& last = secrets_.back();
    if (location.file < last.file || (location.file == last.file && location.line < last.line)) secretsUnordered_ = true;
  }
  secrets_.push_back(location);
}

std::vector<Location> DiagnosticEngine::secretsOn(uint32_t file, uint32_t line) const {
  std::vector<Location> spans;
  if (showSecrets_) return spans;
  if (secretsUnordered_) {
    for (const Location& secret : secrets_)
      if (secret.file == file && secret.line == line) spans.push_back(secret);
    return spans;
  }
  // Marked in file order (the compiler goes line by line): a binary search, so masking stays
  // cheap for a million keyed lines.
  auto before = [](const Location& a, const Location& b) { return a.file != b.file ? a.file < b.file : a.line < b.line; };
  auto [first, last] = std::equal_range(secrets_.begin(), secrets_.end(), Location{file, line, 0, 0}, before);
  spans.assign(first, last);
  return spans;
}

void DiagnosticEngine::silenceWarning(DiagnosticCode code) {
  const auto index = static_cast<size_t>(code);
  if (silenced_.size() <= index) silenced_.resize(index + 1);
  silenced_[index] = true;
}

void DiagnosticEngine::silenceWarningOnLine(uint32_t file, uint32_t line, DiagnosticCode code) {
  silencedInline_.emplace(file, line, code);
}

bool DiagnosticEngine::isSilencedInline(DiagnosticCode code, Location location) const {
  return silencedInline_.contains({location.file, 0, code}) ||
         (location.line != 0 && silencedInline_.contains({location.file, location.line, code}));
}

bool DiagnosticEngine::admit(DiagnosticCode code, Severity& severity, Location location) {
  if (isSilenced(code, severity, location)) return false;
  if (severity == Severity::Warning && warningsAsErrors_) severity = Severity::Error;
  if (severity == Severity::Error) ++errors_;
  if (severity == Severity::Warning) ++warnings_;
  if (limit_ != 0 && storedCount() >= limit_) {
    ++dropped_;
    return false;
  }
  return true;
}

DiagnosticBuilder DiagnosticEngine::report(DiagnosticCode code, Severity severity, Location location,
                                           std::string message) {
  const Severity asWritten = severity;
  if (!admit(code, severity, location)) return DiagnosticBuilder(nullptr);
  // Before this one is added: the builder of the one before has given all its notes by now.
  if (spilling_ && diagnostics_.size() >= spillAt_) spillSettled();
  diagnostics_.push_back(Diagnostic{code, severity, location, std::move(message), {}});
  if (spilling_) arrivals_.push_back(nextArrival_++);
  DiagnosticBuilder builder(&diagnostics_.back());
  if (severity != asWritten) {
    builder.note("a warning, made an error by --werror");
    builder.keepLastNoteLast();
  }
  return builder;
}

const std::vector<Diagnostic>& DiagnosticEngine::sorted() {
  if (spilling_) sortWithArrivals();
  else
    std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
      const Location& x = a.location;
      const Location& y = b.location;
      if (x.file != y.file) return x.file < y.file;
      if (x.line != y.line) return x.line < y.line;
      return x.column < y.column;
    });
  maskSecretsInMessages();
  return diagnostics_;
}

// The same order as the stable sort, keeping each diagnostic's order of reporting beside it.
void DiagnosticEngine::sortWithArrivals() {
  std::vector<size_t> order(diagnostics_.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return reportedBefore(diagnostics_[a], arrivals_[a], diagnostics_[b], arrivals_[b]);
  });
  std::vector<Diagnostic> diagnostics;
  std::vector<uint64_t> arrivals;
  diagnostics.reserve(order.size());
  arrivals.reserve(order.size());
  for (size_t i : order) {
    diagnostics.push_back(std::move(diagnostics_[i]));
    arrivals.push_back(arrivals_[i]);
  }
  diagnostics_ = std::move(diagnostics);
  arrivals_ = std::move(arrivals);
}

namespace {

bool isHexDigit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

void star(std::string& text, size_t from, size_t length) {
  for (size_t i = from; i < from + length && i < text.size(); ++i) text[i] = '*';
}

}  // namespace

std::string DiagnosticEngine::maskSecretsIn(std::string_view text, const std::vector<Location>& secrets) const {
  std::string out(text);
  for (const Location& at : secrets) {
    std::string_view line = files_[at.file]->lineText(at.line);
    if (at.column == 0 || at.column - 1 >= line.size()) continue;
    std::string_view secret = line.substr(at.column - 1, at.length);
    if (secret.size() < 2) continue;  // a one-byte key would mask every such byte of the text
    for (size_t found = out.find(secret); found != std::string::npos; found = out.find(secret, found + secret.size()))
      star(out, found, secret.size());
    // A message may quote part of a key (a cipher built from it): runs of 8+ hex digits too.
    for (size_t i = 0; i < out.size();) {
      size_t end = i;
      while (end < out.size() && isHexDigit(out[end])) ++end;
      if (end - i >= 8 && secret.find(std::string_view(out).substr(i, end - i)) != std::string_view::npos)
        star(out, i, end - i);
      i = end > i ? end : i + 1;
    }
  }
  return out;
}

void DiagnosticEngine::maskSecretsInMessages() {
  if (showSecrets_ || secrets_.empty()) return;
  for (Diagnostic& d : diagnostics_) maskSecretsOf(d);
}

void DiagnosticEngine::maskSecretsOf(Diagnostic& d) const {
  if (showSecrets_ || secrets_.empty()) return;
  std::vector<Location> secrets = secretsOn(d.location.file, d.location.line);
  for (const Note& note : d.notes)
    if (note.hasLocation && note.location.line != d.location.line) {
      std::vector<Location> more = secretsOn(note.location.file, note.location.line);
      secrets.insert(secrets.end(), more.begin(), more.end());
    }
  if (secrets.empty()) return;
  d.message = maskSecretsIn(d.message, secrets);
  for (Note& note : d.notes) note.message = maskSecretsIn(note.message, secrets);
}

void DiagnosticEngine::clearDiagnostics() {
  diagnostics_.clear();
  arrivals_.clear();
  if (spilling_) {
    spill_ = DiagnosticSpill::open();
    spilling_ = spill_ != nullptr;
  }
  spilledCount_ = 0;
  spillAt_ = spillBatch_;
  errors_ = warnings_ = dropped_ = 0;
}

void DiagnosticEngine::enableSpilling(size_t batch) {
  spill_ = DiagnosticSpill::open();
  if (!spill_) return;  // no temporary file: everything stays in memory, as without spilling
  spilling_ = true;
  spillBatch_ = std::max<size_t>(batch, 1);
  spillAt_ = spillBatch_;
  arrivals_.resize(diagnostics_.size());
  std::iota(arrivals_.begin(), arrivals_.end(), uint64_t{0});
  nextArrival_ = diagnostics_.size();
}

void DiagnosticEngine::settleSecrets(uint32_t file, uint32_t line) {
  if (heldFile_ || (settled_ && file < settled_->file)) return;
  settled_ = Location{file, line, 0, 0};
}

void DiagnosticEngine::releaseSecrets(uint32_t file) {
  if (heldFile_ == file) heldFile_.reset();
  settleSecrets(file, UINT32_MAX);
}

bool DiagnosticEngine::isSettled(const Diagnostic& d) const {
  if (!settled_) return false;
  auto settledPlace = [&](const Location& at) {
    return at.file < settled_->file || (at.file == settled_->file && at.line <= settled_->line);
  };
  if (!settledPlace(d.location)) return false;
  for (const Note& note : d.notes)
    if (note.hasLocation && !settledPlace(note.location)) return false;
  return true;
}

// Moves the settled diagnostics, masked and sorted, to the spill file as one run.
void DiagnosticEngine::spillSettled() {
  std::vector<size_t> ready;
  size_t kept = 0;
  for (size_t i = 0; i < diagnostics_.size(); ++i)
    if (isSettled(diagnostics_[i])) ready.push_back(i);
  if (!ready.empty()) {
    std::sort(ready.begin(), ready.end(), [&](size_t a, size_t b) {
      return reportedBefore(diagnostics_[a], arrivals_[a], diagnostics_[b], arrivals_[b]);
    });
    for (size_t i : ready) {
      maskSecretsOf(diagnostics_[i]);
      spill_->add(diagnostics_[i], arrivals_[i]);
    }
    spill_->endRun();
    spilledCount_ += ready.size();
    std::vector<bool> gone(diagnostics_.size(), false);
    for (size_t i : ready) gone[i] = true;
    for (size_t i = 0; i < diagnostics_.size(); ++i)
      if (!gone[i]) {
        if (kept != i) diagnostics_[kept] = std::move(diagnostics_[i]), arrivals_[kept] = arrivals_[i];
        ++kept;
      }
    diagnostics_.resize(kept);
    arrivals_.resize(kept);
  } else {
    kept = diagnostics_.size();
  }
  // Unsettled ones stay; try again when the batch has filled beside them.
  spillAt_ = kept + spillBatch_;
}

void DiagnosticEngine::forEachSorted(const std::function<void(const Diagnostic&)>& each) {
  if (!spilling_ || spill_->empty()) {
    for (const Diagnostic& d : sorted()) each(d);
    return;
  }
  sorted();
  spill_->merge(diagnostics_, arrivals_, each);
}

}  // namespace dmc
