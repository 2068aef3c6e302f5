// Everything the receipt, the summary, the outputs, the state and the ledger say about one run.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace fd {

enum class DeployStatus { Success, Failed, RolledBack };

// "SUCCESS", "FAILED", "ROLLED BACK".
const char* statusName(DeployStatus status);

struct GateRow {
  std::string gate;  // "QA Report", "Security Report", "CI Checks", "User Confirmation", ...
  bool required = false;
  std::string status;  // PASS / WARN / CLEAR / FAIL / STALE / MISSING / SKIPPED / CONFIRMED
  std::string notes;
};

struct GateResult {
  GateRow row;
  bool passed = false;
  std::string rerun;  // what to do to clear a failed gate ("re-run /qa on <sha>")
  std::string file;   // the file at fault, for annotations (a report, the manifest)
  int line = 0;
};

struct HealthRow {
  std::string endpoint;  // path, e.g. /health
  std::string status;    // "200", "503", "connection refused", "timeout", "TLS error"
  std::optional<long long> responseMs;
  std::string expected;  // "200"
  std::string notes;     // "attempt 3 of 7", "after rollback", "×12 (attempts 1–12)"
};

struct SmokeRow {
  std::string test;
  bool passed = false;
  std::string notes;
};

struct Telemetry {
  std::string traces = "SKIPPED";  // YES / NO / SKIPPED
  std::string errorRate;           // "0.4%", "no data: ...", or empty when not measured
  std::string baseline;            // "0.3%", or empty
  std::string notes;
};

struct RollbackInfo {
  std::string previousVersion;
  std::string command;    // the expanded rollback command
  std::string behavior;   // AUTOMATIC (prod) / MANUAL (staging) / N/A (alpha)
  std::string performed;  // YES / NO / N/A
  std::string reason;
  std::string mechanism;                // "manifest rollback_command" or the platform's built-in
  std::string result;                   // "exit 0", "exit 1", "timed out after 600s"
  std::vector<std::string> outputTail;  // masked
  // What is live after the rollback, read again from the platform: "v42", or "unknown (why)".
  std::string liveAfter;
};

// The last lines a command printed, for the Diagnostics section (masked).
struct OutputTail {
  std::string title;  // "deploy_command (exit 1)"
  std::vector<std::string> lines;
};

struct DeployRecord {
  std::chrono::system_clock::time_point startedAt;
  std::optional<std::chrono::system_clock::time_point> deployedAt;
  DeployStatus status = DeployStatus::Failed;
  bool rollbackFailed = false;  // prod is possibly broken: exit 4
  bool invalidInput = false;    // manifest or input error: exit 2
  bool dryRun = false;
  // An on-demand rollback (`factory-deploy rollback`): ROLLED BACK is its success (exit 0), and
  // who asked for it is recorded.
  bool manualRollback = false;
  std::string requestedBy;

  std::string environment;
  std::string fullSha;
  std::string versionLabel;  // "<tag> (<short sha>)" or "<short sha>"
  std::string previousVersion;
  std::string previousVersionLabel;  // in the form of versionLabel when it is a commit
  std::string appName;
  std::string platform;
  std::string region;
  std::string url;

  std::vector<GateRow> gates;
  std::vector<HealthRow> health;
  std::string healthSkippedReason;  // non-empty: the section says why it is skipped
  std::vector<SmokeRow> smoke;
  std::string smokeSkippedReason;
  Telemetry telemetry;
  RollbackInfo rollback;

  // Set when SIGINT/SIGTERM arrived: "SIGINT arrived during verify". The receipt says so even
  // when a child died of the signal before we saw it.
  std::string cancellation;
  std::string failedStep;                // "gates", "deploy", "verify", ... empty on success
  std::string failureReason;             // one line
  std::vector<std::string> diagnostics;  // sentences (masked): next steps, hints
  std::vector<OutputTail> outputs;       // command output tails, rendered as code blocks
  std::vector<std::string> deviations;   // e.g. deployed from a non-default branch
  std::vector<std::string> notes;        // e.g. the artifact upload failed
  std::string deploymentId;
  std::string artifactId;
  std::string artifactUrl;
  std::string receiptPath;
  // The name this run's receipt will have once a later run archives it (relative like
  // receiptPath); empty when archiving is off or nothing was deployed. The ledger records it.
  std::string receiptArchive;
};

// INTERFACE §7: 0 success, 1 failed, 2 invalid input, 3 rolled back, 4 rollback failed. An
// on-demand rollback: 0 when it rolled back and verified, 4 when it ran but is not verified.
int exitCodeFor(const DeployRecord& record);

}  // namespace fd
