#include "validator/table_type_rules.h"

#include <fmt/format.h>

namespace dmc {

namespace {

constexpr DiagnosticCode kTableTypeCode = DiagnosticCode::TableType;

std::string_view queueName(QueueKind kind) { return kind == QueueKind::Request ? "request-based" : "bio-based"; }

class TableTypeChecker {
 public:
  TableTypeChecker(DiagnosticEngine& engine, uint32_t file, const TableLines& lines, bool readOnly,
                   const KernelChoice& kernel)
      : engine_(engine), file_(file), lines_(lines.kept()), count_(lines.count()), readOnly_(readOnly),
        kernel_(kernel) {}

  void run() {
    if (addLines()) determineType();
  }

 private:
  // dm_table_add_target, steps 1, 5, 6 and 7, line by line. False once a rule is broken.
  bool addLines() {
    const TypedLine* singleton = nullptr;  // the first line, when its type is a singleton
    const TypedLine* immutable = nullptr;  // the line that fixed the table's immutable type
    for (const TableLines::Kept& kept : lines_) {
      const TypedLine& line = kept.line;
      const uint32_t i = kept.position;
      if (singleton != nullptr) {
        // Checked before the line's own type is even looked up.
        engine_
            .report(kTableTypeCode, at(line),
                    fmt::format("target type {} must appear alone in table: {} is a singleton target, so this "
                                "table can have no line but line {}",
                                singleton->type->name, singleton->type->name, singleton->line))
            .note(at(*singleton), fmt::format("the {} target is here", singleton->type->name));
        return false;
      }
      if (line.type == nullptr) continue;
      uint32_t flags = line.type->features(kernel_);
      std::string_view name = line.type->name;
      if (flags & kSingleton) {
        if (i > 0) {
          engine_
              .report(kTableTypeCode, at(line),
                      fmt::format("{}: singleton target type must appear alone in table: a {} table has exactly one "
                                  "line, and this is line {} of {}",
                                  name, name, i + 1, count_))
              .note(at(lines_.front().line), "the table starts here");
          return false;
        }
        singleton = &line;
      }
      if ((flags & kAlwaysWriteable) && readOnly_) {
        engine_.report(kTableTypeCode, at(line),
                       fmt::format("{}: target type may not be included in a read-only table: {} always writes "
                                   "its devices; load this device read-write",
                                   name, name));
        return false;
      }
      if (immutable != nullptr) {
        if (immutable->type != line.type) {
          engine_
              .report(kTableTypeCode, at(line),
                      fmt::format("{}: immutable target type cannot be mixed with other target types: the table "
                                  "is a {} table (immutable), so every line must be {}",
                                  name, immutable->type->name, immutable->type->name))
              .note(at(*immutable), fmt::format("the {} target is here", immutable->type->name));
          return false;
        }
      } else if (flags & kImmutable) {
        if (i > 0) {
          engine_
              .report(kTableTypeCode, at(line),
                      fmt::format("{}: immutable target type cannot be mixed with other target types: {} is "
                                  "immutable, so it must be the table's first line and every other line {} too",
                                  name, name, name))
              .note(at(lines_.front().line),
                    lines_.front().line.type != nullptr
                        ? fmt::format("the table starts with {} here", lines_.front().line.type->name)
                        : std::string("the table starts here"));
          return false;
        }
        immutable = &line;
      }
    }
    return true;
  }

  // dm_table_determine_type: bio-based and request-based targets do not mix (targets that can
  // work either way, like error, go with the others), and request-based means one target.
  void determineType() {
    const TypedLine* firstBio = nullptr;
    const TypedLine* firstRequest = nullptr;
    for (const TableLines::Kept& kept : lines_) {
      const TypedLine& line = kept.line;
      if (line.type == nullptr || line.type->queue == QueueKind::Hybrid) continue;
      const TypedLine*& mine = line.type->queue == QueueKind::Request ? firstRequest : firstBio;
      const TypedLine* other = line.type->queue == QueueKind::Request ? firstBio : firstRequest;
      if (mine == nullptr) mine = &line;
      if (other != nullptr) {
        engine_
            .report(kTableTypeCode, at(line),
                    fmt::format("{}: Inconsistent table: different target types can't be mixed up: {} is {}, but "
                                "line {} ({}) is {}",
                                line.type->name, line.type->name, queueName(line.type->queue), other->line,
                                other->type->name, queueName(other->type->queue)))
            .note(at(*other), fmt::format("the {} {} target is here", queueName(other->type->queue),
                                                   other->type->name));
        return;
      }
    }
    if (firstRequest != nullptr && count_ > 1) {  // the first two lines are always kept
      const TypedLine& other = &lines_[0].line == firstRequest ? lines_[1].line : lines_[0].line;
      engine_
          .report(kTableTypeCode, at(*firstRequest),
                  fmt::format("{}: request-based DM doesn't support multiple targets: {} makes this table "
                              "request-based, and a request-based table has exactly one line; this one has {}",
                              firstRequest->type->name, firstRequest->type->name, count_))
          .note(at(other), fmt::format("line {} is another target of this table", other.line));
    }
  }

  // The type token of a line (its length known only for a known type).
  Location at(const TypedLine& line) const {
    const uint32_t length = line.type != nullptr ? static_cast<uint32_t>(line.type->name.size()) : 0;
    return Location{file_, line.line, line.typeColumn, length};
  }

  DiagnosticEngine& engine_;
  uint32_t file_;
  const std::vector<TableLines::Kept>& lines_;
  uint32_t count_;
  bool readOnly_;
  const KernelChoice& kernel_;
};

}  // namespace

void checkTableTypeRules(DiagnosticEngine& engine, uint32_t file, const TableLines& lines, bool readOnly,
                         const KernelChoice& kernel) {
  TableTypeChecker(engine, file, lines, readOnly, kernel).run();
}

void checkTableTypeRules(DiagnosticEngine& engine, uint32_t file, const std::vector<TypedLine>& lines, bool readOnly,
                         const KernelChoice& kernel) {
  TableLines kept;
  for (const TypedLine& line : lines) kept.add(line);
  checkTableTypeRules(engine, file, kept, readOnly, kernel);
}

}  // namespace dmc
