#include "action/summary.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace fd {

namespace {

constexpr std::size_t kNoteReserve = 400;  // room for the truncation note and a closing fence
constexpr std::size_t kDetailMax = 200;
constexpr std::size_t kNoteMax = 1000;

bool passingStatus(std::string_view status) {
  static constexpr std::array<std::string_view, 8> kPassing = {
      "PASS", "PASS WITH WARNINGS", "WARN", "WARNINGS", "CLEAR", "CONFIRMED", "SKIPPED", ""};
  return std::find(kPassing.begin(), kPassing.end(), status) != kPassing.end();
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Newlines become spaces; longer than `max` bytes is cut (on a UTF-8 boundary) with "...".
std::string oneLine(std::string_view text, std::size_t max = kDetailMax) {
  std::string line;
  for (const char c : text) line += (c == '\n' || c == '\r') ? ' ' : c;
  if (line.size() <= max) return line;
  std::size_t cut = max - 3;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  return line.substr(0, cut) + "...";
}

// "gate: QA Report stale", or "<step>: <reason>".
std::string failureDetail(const DeployRecord& record) {
  for (const GateRow& row : record.gates) {
    if (row.required && !passingStatus(row.status)) {
      return "gate: " + row.gate + " " + lower(row.status);
    }
  }
  if (record.failedStep.empty()) return oneLine(record.failureReason);
  if (record.failureReason.empty()) return record.failedStep;
  return oneLine(record.failedStep + ": " + record.failureReason);
}

std::string target(const DeployRecord& record) {
  std::string version = record.versionLabel;
  if (version.empty()) version = record.fullSha.substr(0, 7);
  std::string text = record.environment.empty() ? "?" : record.environment;
  if (!version.empty()) text += " " + version;
  return text;
}

std::string withDetail(std::string line, const std::string& detail) {
  if (!detail.empty()) line += " (" + detail + ")";
  return line;
}

bool startsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// [begin, end) of the section whose heading line is `heading`; headings inside ``` fences
// (a log quoted in the receipt) do not count.
struct Section {
  std::size_t begin = 0;
  std::size_t bodyBegin = 0;
  std::size_t end = 0;
};

std::optional<Section> findSection(std::string_view text, std::string_view heading) {
  std::optional<Section> found;
  bool inFence = false;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t stop = text.find('\n', start);
    const std::size_t next = stop == std::string_view::npos ? text.size() : stop + 1;
    const std::string_view line = text.substr(start, next - start);
    if (startsWith(line, "```")) inFence = !inFence;
    const bool isHeading = !inFence && startsWith(line, "## ");
    if (isHeading && found) {
      found->end = start;
      return found;
    }
    if (isHeading && line.substr(0, line.find_last_not_of("\r\n") + 1) == heading) {
      found = Section{start, next, text.size()};
    }
    start = next;
  }
  return found;
}

// The longest prefix of `text` that ends at a line end and is at most `budget` bytes.
std::string_view wholeLines(std::string_view text, std::size_t budget) {
  if (text.size() <= budget) return text;
  const std::size_t cut = text.rfind('\n', budget == 0 ? 0 : budget - 1);
  if (cut == std::string_view::npos) return {};
  return text.substr(0, cut + 1);
}

bool openFence(std::string_view text) {
  bool open = false;
  std::size_t start = 0;
  while (start < text.size()) {
    if (startsWith(text.substr(start), "```")) open = !open;
    const std::size_t stop = text.find('\n', start);
    if (stop == std::string_view::npos) break;
    start = stop + 1;
  }
  return open;
}

std::string truncationNote(std::string_view what, std::size_t omitted) {
  return "\n> **Note:** " + std::string(what) + " truncated here (" + std::to_string(omitted) +
         " bytes left out) to keep the job summary under GitHub's 1 MiB limit. The full receipt "
         "is in the receipt file and the workflow artifact.\n";
}

// Keeps `head` whole and as much of `tail` as fits, closing a code fence left open.
std::string cutAfter(std::string_view head, std::string_view tail, std::string_view rest,
                     std::size_t budget, std::string_view what) {
  const std::size_t fixed = head.size() + rest.size() + kNoteReserve;
  const std::string_view kept = wholeLines(tail, budget > fixed ? budget - fixed : 0);
  std::string result(head);
  result += kept;
  if (openFence(kept)) result += "```\n";
  result += truncationNote(what, tail.size() - kept.size());
  result += rest;
  return result;
}

}  // namespace

std::string verdictLine(const DeployRecord& record) {
  const std::string who = "factory/deploy: ";
  if (record.rollbackFailed) {
    return withDetail("### 🚨 " + who + "ROLLBACK FAILED — " + target(record) +
                          " may be broken: a human must act now",
                      failureDetail(record));
  }
  if (record.invalidInput) {
    return withDetail("### ❌ " + who + "FAILED — invalid input", oneLine(record.failureReason));
  }
  if (record.dryRun) {
    if (record.status == DeployStatus::Success) {
      return "### ✅ " + who + "DRY RUN — every gate passed for " + target(record);
    }
    return withDetail("### ❌ " + who + "DRY RUN FAILED — " + target(record), failureDetail(record));
  }
  switch (record.status) {
    case DeployStatus::Success:
      return "### ✅ " + who + "SUCCESS — " + target(record);
    case DeployStatus::RolledBack:
      return withDetail("### ↩️ " + who + "ROLLED BACK — " + target(record),
                        failureDetail(record));
    case DeployStatus::Failed:
      break;
  }
  return withDetail("### ❌ " + who + "FAILED — " + target(record), failureDetail(record));
}

std::string fitReceipt(std::string_view receipt, std::size_t budget) {
  if (receipt.size() <= budget) return std::string(receipt);
  if (const auto diagnostics = findSection(receipt, "## Diagnostics")) {
    const std::string_view head = receipt.substr(0, diagnostics->bodyBegin);
    const std::string_view body =
        receipt.substr(diagnostics->bodyBegin, diagnostics->end - diagnostics->bodyBegin);
    const std::string_view rest = receipt.substr(diagnostics->end);
    if (head.size() + rest.size() + kNoteReserve <= budget) {
      return cutAfter(head, body, rest, budget, "the Diagnostics section was");
    }
  }
  // Still too large without any diagnostics: keep everything up to the gate table's end.
  const auto gates = findSection(receipt, "## Gate Checks");
  const std::size_t keepWhole = gates ? gates->end : 0;
  if (keepWhole + kNoteReserve <= budget) {
    return cutAfter(receipt.substr(0, keepWhole), receipt.substr(keepWhole), "", budget,
                    "the receipt was");
  }
  return cutAfter("", receipt, "", budget, "the receipt was");
}

std::string renderSummary(const DeployRecord& record, std::string_view receipt,
                          const std::vector<std::string>& notes, std::size_t limit) {
  std::string head = verdictLine(record) + "\n\n";
  for (const std::string& note : notes) head += "> ⚠️ " + oneLine(note, kNoteMax) + "\n";
  if (!notes.empty()) head += "\n";
  if (head.size() >= limit) return std::string(wholeLines(head, limit));
  std::string summary = head + fitReceipt(receipt, limit - head.size());
  if (summary.back() != '\n') summary += '\n';
  if (summary.size() > limit) return std::string(wholeLines(summary, limit));
  return summary;
}

}  // namespace fd
