// DeployRecords for the golden receipts: one realistic run per outcome the receipt must tell.
#pragma once

#include <chrono>
#include <string>

#include "core/deploy_record.hpp"

namespace fd::test {

inline std::chrono::system_clock::time_point at(long long secondsSinceEpoch) {
  return std::chrono::system_clock::time_point(std::chrono::seconds(secondsSinceEpoch));
}

inline constexpr long long kStart = 1775251800;  // 2026-04-03T21:30:00Z
inline const std::string kSha = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

inline GateRow gate(std::string name, bool required, std::string status, std::string notes) {
  return GateRow{std::move(name), required, std::move(status), std::move(notes)};
}

inline void passingProdGates(DeployRecord& r) {
  r.gates = {
      gate("QA Report", true, "WARN",
           "PASS WITH WARNINGS at 5f3e2a1; later commits touch only QA-REPORT.md"),
      gate("Security Report", true, "CLEAR", "CLEAR at 5f3e2a1; 0 critical, 0 high"),
      gate("CI Checks", true, "PASS", "14 checks passed on a1b2c3d"),
      gate("Blocker PRs", true, "PASS", "no open pull request labelled deploy-blocker"),
      gate("Default Branch", true, "PASS", "a1b2c3d is on main"),
      gate("Promotion", true, "PASS", "staging deployed a1b2c3d at 2026-04-03T20:10:00Z"),
      gate("User Confirmation", true, "CONFIRMED", "approved by @octocat (environment review)"),
  };
}

// Prod, before any outcome: identity, manifest values, rollback plan.
inline DeployRecord prodRecord() {
  DeployRecord r;
  r.startedAt = at(kStart);
  r.environment = "prod";
  r.fullSha = kSha;
  r.versionLabel = "v1.2.0 (a1b2c3d)";
  r.previousVersion = "v1.1.0 (9f8e7d6)";
  r.appName = "shop";
  r.platform = "fly.io";
  r.region = "iad";
  r.url = "https://shop.fly.dev";
  r.rollback.previousVersion = "v1.1.0 (9f8e7d6)";
  r.rollback.command = "fly releases rollback --app shop";
  r.rollback.behavior = "AUTOMATIC (prod)";
  r.rollback.performed = "NO";
  return r;
}

inline DeployRecord prodSuccess() {
  DeployRecord r = prodRecord();
  passingProdGates(r);
  r.status = DeployStatus::Success;
  r.deployedAt = at(kStart + 95);
  r.deploymentId = "1843502761";
  r.health = {HealthRow{"/health", "200", 45, "200", "attempt 2 of 30"}};
  r.smoke = {SmokeRow{"home page", true, "GET / returned 200"},
             SmokeRow{"login", true, "GET /login returned 200 and contains \"Sign in\""},
             SmokeRow{"migrations", true, "bin/check-migrations exited 0"}};
  r.telemetry.traces = "YES";
  r.telemetry.errorRate = "0.4%";
  r.telemetry.baseline = "0.3%";
  return r;
}

// Prod stopped at the gates: nothing deployed, nothing verified, nothing rolled back.
inline DeployRecord prodGateFailure(const std::string& gateName, const std::string& status,
                                    const std::string& notes, const std::string& reason) {
  DeployRecord r = prodRecord();
  passingProdGates(r);
  for (GateRow& row : r.gates) {
    if (row.gate == gateName) {
      row.status = status;
      row.notes = notes;
    } else if (row.gate == "User Confirmation") {
      row.status = "SKIPPED";
      row.notes = "not asked: a required gate failed";
    }
  }
  r.status = DeployStatus::Failed;
  r.failedStep = "gates";
  r.failureReason = reason;
  r.healthSkippedReason = "not deployed, a gate failed";
  r.smokeSkippedReason = "not deployed, a gate failed";
  r.rollback.performed = "N/A";
  r.rollback.reason = "nothing was deployed";
  return r;
}

inline DeployRecord qaMissing() {
  DeployRecord r = prodGateFailure("QA Report", "MISSING", "QA-REPORT.md not found",
                                   "QA Report: QA-REPORT.md not found");
  r.diagnostics = {"QA Report: no QA-REPORT.md in the working directory /home/runner/work/shop",
                   "To clear: run /qa on a1b2c3d and commit QA-REPORT.md"};
  return r;
}

inline DeployRecord qaStale() {
  DeployRecord r =
      prodGateFailure("QA Report", "STALE", "tested 5f3e2a1; src/cart.ts changed since",
                      "QA Report is stale: tested commit 5f3e2a1, deploying a1b2c3d");
  r.diagnostics = {"files changed between 5f3e2a1 and a1b2c3d that are not gate or receipt files:",
                   "  M src/cart.ts", "  A src/checkout/discounts.ts",
                   "To clear: re-run /qa on a1b2c3d"};
  return r;
}

inline DeployRecord securityBlocked() {
  DeployRecord r =
      prodGateFailure("Security Report", "FAIL", "Overall status BLOCKED (2 critical)",
                      "Security Report: Overall status BLOCKED; this can never be overridden");
  r.diagnostics = {"SECURITY.md ## Summary: Overall status: BLOCKED, Tested commit: a1b2c3d",
                   "To clear: fix the critical findings, then re-run /security on the new commit"};
  return r;
}

inline DeployRecord ciFailing() {
  DeployRecord r =
      prodGateFailure("CI Checks", "FAIL", "2 of 14 failed: test (ubuntu-latest), lint",
                      "CI Checks: 2 checks failed on a1b2c3d");
  r.diagnostics = {
      "failure  test (ubuntu-latest)  https://github.com/acme/shop/actions/runs/8812/job/1",
      "failure  lint                  https://github.com/acme/shop/actions/runs/8812/job/2",
      "To clear: fix the failing checks and push; the gate reads the checks of the deployed "
      "commit"};
  return r;
}

inline DeployRecord confirmationMissing() {
  DeployRecord r = prodRecord();
  passingProdGates(r);
  r.gates.back().status = "MISSING";
  r.gates.back().notes = "no environment approval and the confirm input is empty";
  r.status = DeployStatus::Failed;
  r.failedStep = "gates";
  r.failureReason = "User Confirmation: prod needs an explicit confirmation";
  r.healthSkippedReason = "not deployed, a gate failed";
  r.smokeSkippedReason = "not deployed, a gate failed";
  r.rollback.performed = "N/A";
  r.rollback.reason = "nothing was deployed";
  r.diagnostics = {"To clear: re-run the workflow with confirm: shop, or add required reviewers",
                   "to the prod environment (Settings > Environments > prod)"};
  return r;
}

inline DeployRecord deployFailure() {
  DeployRecord r = prodRecord();
  passingProdGates(r);
  r.status = DeployStatus::Failed;
  r.failedStep = "deploy";
  r.failureReason = "deploy_command exited with status 1 after 42s";
  r.healthSkippedReason = "the deploy command failed";
  r.smokeSkippedReason = "the deploy command failed";
  r.rollback.reason = "nothing to roll back: the new release never went live";
  r.diagnostics = {"$ fly deploy -c fly.toml", "==> Building image", "Step 7/9 : RUN npm ci",
                   "npm ERR! see ```npm ci --verbose``` for details",
                   "Error: failed to fetch an image or build from source: exit status 1"};
  return r;
}

inline DeployRecord stagingVerifyFailure() {
  DeployRecord r = prodRecord();
  r.environment = "staging";
  r.appName = "shop-staging";
  r.url = "https://shop-staging.fly.dev";
  r.gates = {gate("QA Report", true, "PASS", "PASS at a1b2c3d"),
             gate("Security Report", false, "SKIPPED", "not required for staging"),
             gate("CI Checks", true, "PASS", "14 checks passed on a1b2c3d"),
             gate("User Confirmation", false, "SKIPPED", "not required for staging")};
  r.status = DeployStatus::Failed;
  r.deployedAt = at(kStart + 80);
  r.health = {HealthRow{"/health", "503", 120, "200", "×30 (attempts 1–30, 300s)"}};
  r.smokeSkippedReason = "the health check failed";
  r.telemetry.notes = "not checked: the health check failed";
  r.rollback.command = "fly releases rollback --app shop-staging";
  r.rollback.behavior = "MANUAL (staging)";
  r.rollback.performed = "NO";
  r.rollback.reason = "staging is never rolled back automatically";
  r.failedStep = "verify";
  r.failureReason = "health check /health: expected 200, got 503 on every attempt for 300s";
  r.diagnostics = {"last response: HTTP 503",
                   "{\"status\":\"starting\",\"db\":\"unreachable: connection refused\"}"};
  return r;
}

inline DeployRecord prodVerifiedThenRolledBack() {
  DeployRecord r = prodRecord();
  passingProdGates(r);
  r.deployedAt = at(kStart + 95);
  r.deploymentId = "1843502761";
  r.health = {HealthRow{"/health", "200", 52, "200", ""},
              HealthRow{"/health", "200", 44, "200", "after rollback"}};
  r.smoke = {SmokeRow{"home page", true, "GET / returned 200"},
             SmokeRow{"checkout", false, "POST /api/checkout returned 500, expected 200"}};
  r.telemetry.traces = "YES";
  r.telemetry.errorRate = "2.9%";
  r.telemetry.baseline = "0.3%";
  r.rollback.performed = "YES";
  r.rollback.reason = "smoke test \"checkout\" failed";
  r.failedStep = "verify";
  r.failureReason = "smoke test checkout: POST /api/checkout returned 500, expected 200";
  return r;
}

inline DeployRecord rolledBack() {
  DeployRecord r = prodVerifiedThenRolledBack();
  r.status = DeployStatus::RolledBack;
  r.rollback.result = "exit 0";
  r.rollback.outputTail = {"Rolling back app shop to release v41 (v1.1.0, 9f8e7d6)",
                           "Release v43 created", "Monitoring deployment: 2 of 2 machines healthy"};
  return r;
}

inline DeployRecord rollbackFailed() {
  DeployRecord r = prodVerifiedThenRolledBack();
  r.status = DeployStatus::Failed;
  r.rollbackFailed = true;
  r.health.back() = HealthRow{"/health", "500", 61, "200", "after rollback"};
  r.rollback.result = "exit 1";
  r.rollback.outputTail = {"Error: unknown command \"rollback\" for \"flyctl releases\"",
                           "Run 'flyctl releases --help' for usage."};
  return r;
}

inline DeployRecord alphaSuccess() {
  DeployRecord r = prodRecord();
  r.environment = "alpha";
  r.appName = "shop-alpha";
  r.url = "https://shop-alpha.fly.dev";
  r.previousVersion = "3c4d5e6";
  r.gates = {gate("QA Report", false, "SKIPPED", "not required for alpha"),
             gate("Security Report", false, "SKIPPED", "not required for alpha"),
             gate("CI Checks", false, "SKIPPED", "not required for alpha"),
             gate("User Confirmation", false, "SKIPPED", "not required for alpha")};
  r.status = DeployStatus::Success;
  r.deployedAt = at(kStart + 61);
  r.healthSkippedReason = "alpha deployments are not verified";
  r.smokeSkippedReason = "alpha deployments are not verified";
  r.rollback.previousVersion = "3c4d5e6";
  r.rollback.command = "fly releases rollback --app shop-alpha";
  r.rollback.behavior = "N/A (alpha)";
  r.rollback.performed = "N/A";
  return r;
}

inline DeployRecord dryRunPlan() {
  DeployRecord r = prodRecord();
  passingProdGates(r);
  r.gates[4] =
      gate("Default Branch", true, "PASS", "a1b2c3d is not on main; allowed by allow-non-main");
  r.status = DeployStatus::Success;
  r.dryRun = true;
  r.healthSkippedReason = "dry run, would check https://shop.fly.dev/health for 200";
  r.smokeSkippedReason = "dry run, would run 3 smoke tests";
  r.deviations = {"deploying a1b2c3d from branch hotfix/cart, not the default branch main"};
  r.diagnostics = {"would run: fly deploy -c fly.toml",
                   "would verify: https://shop.fly.dev/health"};
  return r;
}

inline DeployRecord invalidManifest() {
  DeployRecord r;
  r.startedAt = at(kStart);
  r.environment = "prod";
  r.fullSha = kSha;
  r.versionLabel = "a1b2c3d";
  r.invalidInput = true;
  r.status = DeployStatus::Failed;
  r.failedStep = "manifest";
  r.failureReason = ".factory/deploy-config.json: environments.prod.deploy_command: missing";
  r.healthSkippedReason = "not deployed, the manifest is invalid";
  r.smokeSkippedReason = "not deployed, the manifest is invalid";
  return r;
}

// Report text is not ours: pipes, newlines, backticks and markup must stay inside their cell.
inline DeployRecord hostileText() {
  DeployRecord r = prodGateFailure(
      "QA Report", "FAIL", "Overall status: FAIL | PASS\n## Injected heading\n`code | pipe`",
      "QA Report: Overall status \"FAIL | PASS\" is not PASS\n# not a heading");
  r.appName = "shop|evil";
  r.rollback.command = "echo `date` && fly releases rollback --app shop";
  r.notes = {"note with\nnewline and \x1b[31mcolour\x1b[0m"};
  r.diagnostics = {"```", "````", "## not a heading inside the block", "\x1b[1mbold\x1b[0m"};
  return r;
}

}  // namespace fd::test
