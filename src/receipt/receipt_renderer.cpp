// The receipt, section by section in the order of the seed's Output Template.
#include "receipt/receipt_renderer.hpp"

#include <string>
#include <vector>

#include "receipt/markdown.hpp"
#include "receipt/timestamp.hpp"

namespace fd {
namespace {

using markdown::bullet;

constexpr std::size_t kShortShaLength = 7;

std::string orFallback(const std::string& value, const std::string& fallback) {
  return markdown::inlineText(value).empty() ? fallback : value;
}

std::string section(const std::string& title, const std::vector<std::string>& blocks) {
  std::string out = "## " + title + "\n";
  for (const std::string& block : blocks) out += "\n" + block;
  return out;
}

std::string statusLine(const DeployRecord& r) {
  const std::string cancelled =
      markdown::inlineText(r.cancellation).empty() ? "" : " (cancelled: " + r.cancellation + ")";
  if (r.rollbackFailed) {
    return "FAILED (rollback failed — " + orFallback(r.environment, "prod") +
           " may be broken, act now)" + cancelled;
  }
  if (r.rollback.performed == "IN PROGRESS") {
    return std::string(statusName(r.status)) + cancelled +
           " — rolling back now; this receipt is rewritten when the rollback ends";
  }
  if (r.invalidInput) return std::string(statusName(r.status)) + " (invalid input)";
  if (r.dryRun) return std::string(statusName(r.status)) + " (dry run — nothing deployed)";
  if (r.manualRollback) {
    const std::string outcome =
        r.status == DeployStatus::RolledBack ? " (manual, verified)" : " (manual rollback)";
    return statusName(r.status) + outcome + cancelled;
  }
  return statusName(r.status) + cancelled;
}

// The previous version in the form of the Version bullet when it is a commit.
std::string previousVersion(const DeployRecord& r, const std::string& fallback = "unknown") {
  return orFallback(r.previousVersionLabel, orFallback(r.rollback.previousVersion,
                                                       orFallback(r.previousVersion, fallback)));
}

std::string title(const DeployRecord& r) {
  if (!r.dryRun) return "# Deployment Receipt — " + isoDate(r.startedAt) + "\n";
  return "# Deployment Plan (dry run) — " + isoDate(r.startedAt) + "\n\n" +
         markdown::italicRemark(
             "A plan, not a receipt: the gates were checked, nothing was "
             "deployed and no receipt file was written") +
         "\n";
}

std::string deployedAt(const DeployRecord& r) {
  if (r.deployedAt) return isoTimestamp(*r.deployedAt);
  return r.dryRun ? "not deployed (dry run)" : "not deployed";
}

std::string deploymentSection(const DeployRecord& r) {
  const std::string shortSha = r.fullSha.substr(0, kShortShaLength);
  std::string list =
      bullet("Status", statusLine(r)) +
      bullet("Version", orFallback(r.versionLabel, orFallback(shortSha, "unknown"))) +
      bullet("Commit", orFallback(r.fullSha, "unknown")) +
      bullet("Previous version", previousVersion(r)) +
      bullet("Environment", orFallback(r.environment, "—")) +
      bullet("App name", orFallback(r.appName, "—")) +
      bullet("Platform", orFallback(r.platform, "—")) +
      bullet("Region", orFallback(r.region, "—")) + bullet("URL", orFallback(r.url, "—")) +
      bullet("Deployed at", deployedAt(r));
  if (!r.deploymentId.empty()) list += bullet("GitHub deployment", r.deploymentId);
  if (r.manualRollback) {
    list += bullet("Requested by", orFallback(r.requestedBy, "unknown"));
  }
  return section("Deployment", {list});
}

std::string gateSection(const DeployRecord& r) {
  if (r.gates.empty())
    return section("Gate Checks", {markdown::italicRemark("No gate checks ran") + "\n"});
  std::vector<std::vector<std::string>> rows;
  for (const GateRow& gate : r.gates) {
    rows.push_back({gate.gate, gate.required ? "YES" : "NO", gate.status, gate.notes});
  }
  return section("Gate Checks", {markdown::table({"Gate", "Required", "Status", "Notes"}, rows)});
}

// A table when rows exist, the skip remark when a reason is given, "Not run" otherwise.
std::string rowsOrRemark(const std::string& title, const std::string& table,
                         const std::string& skippedReason) {
  std::vector<std::string> blocks;
  if (!table.empty()) blocks.push_back(table);
  // The reason is the whole remark, as in the seed's template: _(Skipped for alpha deployments.)_
  if (!skippedReason.empty()) blocks.push_back(markdown::italicRemark(skippedReason) + "\n");
  if (blocks.empty()) blocks.push_back(markdown::italicRemark("Not run") + "\n");
  return section(title, blocks);
}

std::string healthStatus(const HealthRow& row) {
  if (markdown::inlineText(row.notes).empty()) return row.status;
  return row.status + " — " + row.notes;
}

std::string healthSection(const DeployRecord& r) {
  std::string table;
  if (!r.health.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const HealthRow& row : r.health) {
      const std::string time = row.responseMs ? std::to_string(*row.responseMs) + "ms" : "—";
      rows.push_back({row.endpoint, healthStatus(row), time, row.expected});
    }
    table = markdown::table({"Endpoint", "Status", "Response Time", "Expected"}, rows);
  }
  return rowsOrRemark("Health Checks", table, r.healthSkippedReason);
}

std::string smokeSection(const DeployRecord& r) {
  std::string table;
  if (!r.smoke.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const SmokeRow& row : r.smoke) {
      rows.push_back({row.test, row.passed ? "PASS" : "FAIL", row.notes});
    }
    table = markdown::table({"Test", "Status", "Notes"}, rows);
  }
  return rowsOrRemark("Smoke Tests", table, r.smokeSkippedReason);
}

std::string telemetrySection(const DeployRecord& r) {
  const Telemetry& t = r.telemetry;
  std::string rate = orFallback(t.errorRate, "not measured");
  if (!markdown::inlineText(t.errorRate + t.baseline).empty()) {
    rate += " (baseline: " + orFallback(t.baseline, "not measured") + ")";
  }
  std::string list =
      bullet("Traces flowing", orFallback(t.traces, "SKIPPED")) + bullet("Error rate", rate);
  if (!markdown::inlineText(t.notes).empty()) list += bullet("Notes", t.notes);
  return section("Telemetry", {list});
}

std::string rollbackSection(const DeployRecord& r) {
  const RollbackInfo& rb = r.rollback;
  const bool hasCommand = !markdown::inlineText(rb.command).empty();
  std::string list =
      bullet("Previous version", previousVersion(r)) +
      bullet("Rollback command", hasCommand ? markdown::codeSpan(rb.command) : "none configured") +
      bullet("Rollback behavior", orFallback(rb.behavior, "N/A")) +
      bullet("Rollback performed", orFallback(rb.performed, "N/A")) +
      bullet("Rollback reason", orFallback(rb.reason, "N/A"));
  if (!markdown::inlineText(rb.mechanism).empty()) {
    list += bullet("Rollback mechanism", rb.mechanism);
  }
  if (!markdown::inlineText(rb.result).empty()) list += bullet("Rollback result", rb.result);
  // Read again from the platform after the rollback: what prod runs now, not what we aimed at.
  if (!markdown::inlineText(rb.liveAfter).empty()) list += bullet("Live version now", rb.liveAfter);
  return section("Rollback Info", {list});
}

// Staging is never rolled back automatically: say how to do it by hand.
std::string manualRollback(const DeployRecord& r) {
  const RollbackInfo& rb = r.rollback;
  const bool manual = rb.behavior.rfind("MANUAL", 0) == 0 && rb.performed != "YES";
  if (r.status != DeployStatus::Failed || !manual || !r.deployedAt) return "";
  if (markdown::inlineText(rb.command).empty()) return "";
  const std::string env = markdown::inlineText(orFallback(r.environment, "the environment"));
  const std::string previous = markdown::inlineText(previousVersion(r, "the previous version"));
  return "**Manual rollback**: " + env + " still runs the failed version. To return to " +
         previous + ", run " + markdown::codeSpan(rb.command) + ".\n";
}

std::string nextStepsAfterFailedRollback(const DeployRecord& r) {
  if (!r.rollbackFailed) return "";
  const RollbackInfo& rb = r.rollback;
  const std::string env = markdown::inlineText(orFallback(r.environment, "prod"));
  const std::string app = markdown::inlineText(orFallback(r.url, "the app"));
  const std::string previous = markdown::inlineText(previousVersion(r, "the previous version"));
  const std::string command = markdown::inlineText(rb.command).empty()
                                  ? "no rollback command is configured"
                                  : "the configured command was " + markdown::codeSpan(rb.command);
  const std::string read = rb.outputTail.empty() ? "Read" : "Read the rollback output below and";
  std::string steps = "**Next steps** — the automatic rollback failed; " + env +
                      " may be broken and needs a human now:\n\n";
  steps += "1. Check " + app +
           " and the platform's dashboard: which release is live, and is it "
           "serving?\n";
  steps +=
      "2. Roll back by hand to " + previous + " with the platform's own tools (" + command + ").\n";
  steps += "3. " + read + " the platform's logs, fix the cause, and deploy again once " + env +
           " is healthy.\n";
  return steps;
}

std::string diagnosticsSection(const DeployRecord& r) {
  std::string list;
  if (!r.failedStep.empty()) list += bullet("Failed step", r.failedStep);
  if (!r.cancellation.empty()) list += bullet("Cancelled", r.cancellation);
  if (!r.failureReason.empty()) list += bullet("Failure reason", r.failureReason);
  for (const std::string& deviation : r.deviations) list += bullet("Deviation", deviation);
  for (const std::string& note : r.notes) list += bullet("Note", note);

  std::vector<std::string> blocks;
  if (!list.empty()) blocks.push_back(list);
  if (std::string text = manualRollback(r); !text.empty()) blocks.push_back(text);
  if (std::string text = nextStepsAfterFailedRollback(r); !text.empty()) blocks.push_back(text);
  if (!r.diagnostics.empty()) {
    blocks.push_back("**Details**:\n\n" + markdown::fencedBlock(r.diagnostics));
  }
  for (const OutputTail& tail : r.outputs) {
    if (tail.lines.empty()) continue;
    const std::size_t lines = tail.lines.size();
    blocks.push_back("**" + markdown::inlineText(tail.title) + "** (last " + std::to_string(lines) +
                     (lines == 1 ? " line" : " lines") + "):\n\n" +
                     markdown::fencedBlock(tail.lines));
  }
  if (!r.rollback.outputTail.empty()) {
    const std::size_t lines = r.rollback.outputTail.size();
    blocks.push_back("**Rollback output** (last " + std::to_string(lines) +
                     (lines == 1 ? " line" : " lines") + "):\n\n" +
                     markdown::fencedBlock(r.rollback.outputTail));
  }
  if (blocks.empty()) blocks.push_back(markdown::italicRemark("Nothing to report") + "\n");
  return section("Diagnostics", blocks);
}

}  // namespace

std::string renderReceipt(const DeployRecord& record) {
  const std::vector<std::string> parts = {title(record),           deploymentSection(record),
                                          gateSection(record),     healthSection(record),
                                          smokeSection(record),    telemetrySection(record),
                                          rollbackSection(record), diagnosticsSection(record)};
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : "\n") + part;
  return out;
}

}  // namespace fd
