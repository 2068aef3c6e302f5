// The parts that differ between GitHub mode and local mode (INTERFACE §1, §5.2–5.5, §7).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/deploy_context.hpp"
#include "core/deploy_record.hpp"
#include "core/result.hpp"

namespace fd {

// §5.2: GitHub check runs and statuses, or the manifest's ci_check_command.
class CiGate {
 public:
  virtual ~CiGate() = default;
  virtual GateResult check(const DeployContext& context) = 0;
};

// §5.4: environment approvals / dispatch `confirm`, or --confirm / a TTY prompt.
class ConfirmationGate {
 public:
  virtual ~ConfirmationGate() = default;
  virtual GateResult check(const DeployContext& context) = 0;
};

// §5.3: open blocker pull requests, and whether the commit is on the default branch.
class ProdPolicyGate {
 public:
  virtual ~ProdPolicyGate() = default;
  virtual GateResult blockers(const DeployContext& context) = 0;
  // A pass that needed `allow-non-main` says so in the row's notes and in `deviation`.
  virtual GateResult branch(const DeployContext& context, std::string& deviation) = 0;
};

struct LedgerEntry {
  std::string environment;
  std::string sha;     // full
  std::string status;  // SUCCESS / FAILED / ROLLED BACK
  std::string time;    // ISO 8601 UTC
  std::string receipt;
  std::string id;  // GitHub deployment id, empty locally
};

// §5.5: GitHub Deployments, or .factory/deployments.jsonl.
class DeploymentLedger {
 public:
  virtual ~DeploymentLedger() = default;
  // Successful deploys of an environment, newest first.
  virtual Result<std::vector<LedgerEntry>> successful(const std::string& environment) = 0;
  // Called when the deploy starts (after the gates passed); returns an id or empty. Aborted:
  // another deploy to the environment is in progress, so this one must deploy nothing; any other
  // error only means the record is incomplete.
  virtual Result<std::string> begin(const DeployContext& context) = 0;
  // Records the outcome (the record's status, rollback and URL).
  virtual Status finish(const DeployContext& context, const DeployRecord& record) = 0;
  // After begin(): what this deploy goes without by the workflow's choice, for the receipt's
  // deviations (empty: nothing), e.g. no claim on the environment.
  virtual std::string deviation() const { return ""; }
};

// §7: outputs, step summary, artifact. Fills record.artifactId/artifactUrl/notes.
class Publisher {
 public:
  virtual ~Publisher() = default;
  virtual void publish(DeployRecord& record, const std::string& receiptMarkdown,
                       const std::string& receiptPath) = 0;
  // Before a rollback a SIGKILL may cut short: the outputs as they stand (written again by
  // publish() at the end). Locally there is nothing to do.
  virtual void publishProgress(const DeployRecord& /*record*/, const std::string& /*receiptPath*/) {
  }
};

}  // namespace fd
