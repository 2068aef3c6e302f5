// The workflow's inputs (INTERFACE §2), parsed and validated.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/target.hpp"

namespace fd {

enum class ReportPolicy { Exact, Content };

// What the run does: deploy the checked-out commit, or roll an environment back on demand.
enum class Command { Deploy, Rollback };

struct Inputs {
  Command command = Command::Deploy;
  Target environment = Target::Prod;
  std::string config = ".factory/deploy-config.json";
  std::string qaReport = "QA-REPORT.md";
  std::string securityReport = "SECURITY.md";
  std::string receipt = "DEPLOY-RECEIPT.md";
  std::string workingDirectory = ".";
  std::string githubToken;        // a secret: masked everywhere
  std::string githubTokenSource;  // where it came from, for messages (never the value)
  int ciTimeoutS = 900;
  int ciIntervalS = 10;
  // How far back (hours) the GitHub claim check looks for another deploy in progress.
  int claimWindowHours = 120;
  std::vector<std::string> ignoreChecks;  // names, or /regex/
  std::vector<std::string> requiredChecks;
  std::string blockerLabel = "deploy-blocker";
  std::string confirm;
  std::string githubEnvironment;  // the GitHub environment approvals count for; empty: the target
  bool allowNonMain = false;
  ReportPolicy reportCommitPolicy = ReportPolicy::Content;
  // Untracked, not ignored paths the Checkout gate lets through (build outputs), as patterns
  // relative to the working directory; recorded in the receipt.
  std::vector<std::string> allowUntracked;
  bool dryRun = false;
  bool createDeployment = true;
  bool uploadArtifact = true;
  std::string artifactName;  // empty: deploy-receipt-<environment>-<run id>-<run attempt>
  std::optional<int> retentionDays;
  bool githubMode = false;  // GITHUB_ACTIONS=true
  // `rollback` only: the version to return to (SHA, short SHA or tag; empty: the one before the
  // live one) and why, recorded in the receipt and the ledger.
  std::string rollbackTo;
  std::string rollbackReason;
};

}  // namespace fd
