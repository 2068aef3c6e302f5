#include <boost/test/unit_test.hpp>

#include "action/summary.hpp"

namespace {

const std::string kGateTable =
    "## Gate Checks\n"
    "| Gate | Required | Status | Notes |\n"
    "|------|----------|--------|-------|\n"
    "| QA Report | YES | STALE | tested 1a2b3c4, deployed a1b2c3d |\n"
    "| Security Report | YES | CLEAR | |\n";

std::string receiptWith(const std::string& diagnostics) {
  return "# Deployment Receipt — 2026-04-03\n\n## Deployment\n- **Status**: FAILED\n\n" +
         kGateTable +
         "\n## Health Checks\n_(Skipped.)_\n\n## Rollback Info\n- **Rollback "
         "performed**: NO\n\n## Diagnostics\n" +
         diagnostics;
}

fd::DeployRecord failedAtGates() {
  fd::DeployRecord record;
  record.status = fd::DeployStatus::Failed;
  record.environment = "prod";
  record.fullSha = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
  record.failedStep = "gates";
  record.gates = {{"QA Report", true, "STALE", ""}, {"Security Report", true, "CLEAR", ""}};
  return record;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(summary)

BOOST_AUTO_TEST_CASE(the_verdict_says_what_happened_in_one_line) {
  fd::DeployRecord record = failedAtGates();
  BOOST_TEST(fd::verdictLine(record) ==
             "### ❌ factory/deploy: FAILED — prod a1b2c3d (gate: QA Report stale)");

  fd::DeployRecord success;
  success.status = fd::DeployStatus::Success;
  success.environment = "prod";
  success.fullSha = record.fullSha;
  BOOST_TEST(fd::verdictLine(success) == "### ✅ factory/deploy: SUCCESS — prod a1b2c3d");
  success.versionLabel = "v1.2.0 (a1b2c3d)";
  BOOST_TEST(fd::verdictLine(success) == "### ✅ factory/deploy: SUCCESS — prod v1.2.0 (a1b2c3d)");

  fd::DeployRecord rolledBack = success;
  rolledBack.status = fd::DeployStatus::RolledBack;
  rolledBack.failedStep = "verify";
  rolledBack.failureReason = "/health answered 503\nafter 7 attempts";
  BOOST_TEST(fd::verdictLine(rolledBack) ==
             "### ↩️ factory/deploy: ROLLED BACK — prod v1.2.0 (a1b2c3d) (verify: /health "
             "answered 503 after 7 attempts)");

  rolledBack.rollbackFailed = true;
  BOOST_TEST(fd::verdictLine(rolledBack).rfind("### 🚨 factory/deploy: ROLLBACK FAILED", 0) == 0);

  fd::DeployRecord invalid;
  invalid.invalidInput = true;
  invalid.failureReason = "environment: expected alpha, staging or prod";
  BOOST_TEST(fd::verdictLine(invalid) ==
             "### ❌ factory/deploy: FAILED — invalid input (environment: expected alpha, "
             "staging or prod)");
  BOOST_TEST(fd::verdictLine(invalid).find('\n') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_small_receipt_follows_the_verdict_unchanged) {
  const std::string receipt = receiptWith("deploy exited 1\n");
  const std::string summary = fd::renderSummary(failedAtGates(), receipt, {});
  BOOST_TEST(summary == fd::verdictLine(failedAtGates()) + "\n\n" + receipt);
}

BOOST_AUTO_TEST_CASE(publishing_notes_stand_under_the_verdict) {
  const std::string summary =
      fd::renderSummary(failedAtGates(), receiptWith("x\n"), {"artifact upload failed: http 503"});
  BOOST_TEST(
      summary.find("\n\n> ⚠️ artifact upload failed: http 503\n\n# Deployment Receipt") !=
      std::string::npos);
}

BOOST_AUTO_TEST_CASE(huge_diagnostics_are_cut_to_keep_the_summary_under_one_mebibyte) {
  std::string diagnostics = "```\n";
  for (int i = 0; diagnostics.size() < 3 * fd::kSummaryLimitBytes; ++i) {
    diagnostics += "deploy log line " + std::to_string(i) + ": ünïcödé padding padding padding\n";
  }
  diagnostics += "```\n";
  const std::string receipt = receiptWith(diagnostics);
  const std::string summary = fd::renderSummary(failedAtGates(), receipt, {});

  BOOST_TEST(summary.size() <= fd::kSummaryLimitBytes);
  BOOST_TEST(summary.size() > fd::kSummaryLimitBytes - 4096);  // cut no more than needed
  BOOST_TEST(summary.rfind(fd::verdictLine(failedAtGates()) + "\n", 0) == 0);
  BOOST_TEST(summary.find(kGateTable) != std::string::npos);
  BOOST_TEST(summary.find("## Diagnostics\n```\ndeploy log line 0:") != std::string::npos);
  BOOST_TEST(summary.find("the Diagnostics section was truncated here") != std::string::npos);
  BOOST_TEST(summary.find("1 MiB") != std::string::npos);
  // The open code fence is closed before the note, so the note renders as text.
  const auto note = summary.find("> **Note:**");
  BOOST_TEST(summary.substr(note - 5, 5) == "```\n\n");
}

BOOST_AUTO_TEST_CASE(sections_after_the_diagnostics_are_kept) {
  const std::string receipt = receiptWith(std::string(2000, 'x') + "\n") + "## Appendix\nkept\n";
  const std::string fitted = fd::fitReceipt(receipt, receipt.size() - 500);
  BOOST_TEST(fitted.size() <= receipt.size() - 500);
  BOOST_TEST(fitted.find("## Appendix\nkept\n") != std::string::npos);
  BOOST_TEST(fitted.find("truncated") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(without_room_for_any_diagnostics_the_gate_table_still_stays) {
  std::string bigHealth;
  for (int i = 0; i < 100; ++i) bigHealth += "| /health | 503 | 1ms | 200 |\n";
  const std::string receipt =
      "# R\n\n" + kGateTable + "\n## Health Checks\n" + bigHealth + "\n## Diagnostics\nlog\n";
  const std::size_t budget = 6 + kGateTable.size() + 1000;
  const std::string fitted = fd::fitReceipt(receipt, budget);
  BOOST_TEST(fitted.size() <= budget);
  BOOST_TEST(fitted.find(kGateTable) != std::string::npos);
  BOOST_TEST(fitted.find("the receipt was truncated here") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
