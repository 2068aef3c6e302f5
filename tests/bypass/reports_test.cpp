// docs/THREAT-MODEL.md, "The matrix: reports, checkout and files" — the report and chain rows:
// forged or contradictory reports (issue 9 item 5), files that only look like gate files (issue
// 15 item 6), the chain under report-commit-policy exact, and bookkeeping commits that must not
// break the gates (issue 12 item 6). Each runs build/factory-deploy in a real git repository.
#include <boost/test/unit_test.hpp>

#include "bypass/bypass_rows.hpp"

namespace fd::test {

namespace {

using bypass::gateRow;
using bypass::initRefusedRepo;
using bypass::markingDeploys;
using bypass::row;
using bypass::shortSha;

// The code commit init() makes (the reports, committed after it, name it).
std::string codeCommit(const DeployRepo& repo) {
  return repo.git("rev-parse --verify HEAD~1").substr(0, 40);
}

std::string qaReport(const std::string& status, const std::string& tested) {
  return "# QA Report\n\n## Summary\n- **Overall status**: " + status +
         "\n- **Tested commit**: " + tested + "\n";
}

ChildRun staging(const DeployRepo& repo, std::vector<std::string> more = {}) {
  std::vector<std::string> args = {"--environment", "staging"};
  args.insert(args.end(), more.begin(), more.end());
  return repo.run(args);
}

// A staging run refused at the QA gate as STALE because of `changed`, committed after the
// reports: the exact row, and nothing deployed.
void expectStaleAfter(DeployRepo& repo, const std::string& changed) {
  const std::string tested = codeCommit(repo);
  const std::string deployed = repo.commit("after QA: " + changed);
  repo.seedLedger("alpha", deployed);
  const ChildRun run = staging(repo);
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(gateRow(repo.receipt(), "QA Report") ==
             row("QA Report", true, "STALE",
                 "QA-REPORT.md tested " + shortSha(tested) +
                     ", but 1 file changed before the deployed commit " + shortSha(deployed) +
                     ": " + changed + "; re-run /qa on " + shortSha(deployed)));
  BOOST_TEST(!repo.scratchExists("deployed"));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(reports)

BOOST_AUTO_TEST_CASE(security_clear_then_blocked_is_refused) {
  DeployRepo repo;
  initRefusedRepo(repo);
  repo.commitReports("PASS", "CLEAR, BLOCKED");
  repo.seedLedger("staging", repo.head());
  const ChildRun run = repo.run({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(gateRow(repo.receipt(), "Security Report") ==
             row("Security Report", true, "FAIL",
                 "SECURITY.md (line 4): Overall status \"CLEAR, BLOCKED\" names another status "
                 "(BLOCKED) after CLEAR; a report has one status: write only the one that holds"));
  BOOST_TEST(!repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(security_warnings_with_a_blocked_comment_is_refused) {
  DeployRepo repo;
  initRefusedRepo(repo);
  repo.commitReports("PASS", "WARNINGS (BLOCKED: CVE-2026-1234)");
  repo.seedLedger("staging", repo.head());
  const ChildRun run = repo.run({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(gateRow(repo.receipt(), "Security Report") ==
             row("Security Report", true, "FAIL",
                 "SECURITY.md (line 4): Overall status \"WARNINGS (BLOCKED: CVE-2026-1234)\" "
                 "names another status (BLOCKED) after WARNINGS; a report has one status: write "
                 "only the one that holds"));
  BOOST_TEST(!repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(qa_pass_then_fail_is_refused) {
  DeployRepo repo;
  initRefusedRepo(repo);
  repo.commitReports("PASS, FAIL", "CLEAR");
  repo.seedLedger("alpha", repo.head());
  const ChildRun run = staging(repo);
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(gateRow(repo.receipt(), "QA Report") ==
             row("QA Report", true, "FAIL",
                 "QA-REPORT.md (line 4): Overall status \"PASS, FAIL\" names another status "
                 "(FAIL) after PASS; a report has one status: write only the one that holds"));
  BOOST_TEST(!repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(a_report_with_a_second_summary_is_refused) {
  DeployRepo repo;
  initRefusedRepo(repo);
  const std::string tested = codeCommit(repo);
  repo.write("QA-REPORT.md", qaReport("PASS", shortSha(tested)) +
                                 "\n## Findings\n\nFlaky login test.\n\n## Summary\n"
                                 "- **Overall status**: FAIL\n- **Tested commit**: " +
                                 shortSha(tested) + "\n");
  repo.seedLedger("alpha", repo.commit("stitched report"));
  const ChildRun run = staging(repo);
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(gateRow(repo.receipt(), "QA Report") ==
             row("QA Report", true, "FAIL",
                 "QA-REPORT.md:11: a second \"## Summary\" section (the first is on line 3); a "
                 "report has one Summary: keep one, or split the report"));
  BOOST_TEST(!repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(a_bare_commit_url_is_a_tested_commit) {
  DeployRepo repo;
  initRefusedRepo(repo);
  const std::string tested = codeCommit(repo);
  repo.write("QA-REPORT.md", qaReport("PASS", "https://github.com/octo/shop/commit/" + tested));
  repo.seedLedger("alpha", repo.commit("report with a commit URL"));
  const ChildRun run = staging(repo, {"--dry-run"});
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(
      contains(run.out, "  QA Report: PASS — QA-REPORT.md: PASS, tested " + shortSha(tested) +
                            " (only gate, receipt and bookkeeping files changed since: "
                            "QA-REPORT.md, SECURITY.md)\n"),
      run.out);
}

BOOST_AUTO_TEST_CASE(a_deploy_script_under_deployments_changed_after_qa_is_stale) {
  DeployRepo repo;
  repo.write("deployments/deploy.sh", "touch \"$FD_IT_SCRATCH/deployed\"\n");
  ManifestSpec spec("http://127.0.0.1:9");
  spec.deployCommand = "sh deployments/deploy.sh";
  repo.init(spec);
  repo.write("deployments/deploy.sh", "touch \"$FD_IT_SCRATCH/deployed\"\necho unreviewed\n");
  expectStaleAfter(repo, "deployments/deploy.sh");
}

BOOST_AUTO_TEST_CASE(a_non_markdown_file_under_reports_is_code) {
  DeployRepo repo;
  initRefusedRepo(repo);
  repo.write("reports/render.py", "print('run by the build')\n");
  expectStaleAfter(repo, "reports/render.py");
}

BOOST_AUTO_TEST_CASE(a_script_under_factory_is_code) {
  DeployRepo repo;
  initRefusedRepo(repo);
  repo.write(".factory/hooks.sh", "echo a hook\n");
  expectStaleAfter(repo, ".factory/hooks.sh");
}

BOOST_AUTO_TEST_CASE(a_manifest_change_after_qa_is_stale) {
  DeployRepo repo;
  initRefusedRepo(repo);
  std::string manifest = repo.read(".factory/deploy-config.json");
  const std::string from = "sh bin/deploy.sh";
  manifest.replace(manifest.find(from), from.size(), "sh bin/deploy.sh --force");
  repo.write(".factory/deploy-config.json", manifest);
  expectStaleAfter(repo, ".factory/deploy-config.json");
}

BOOST_AUTO_TEST_CASE(settings_are_not_bookkeeping) {
  DeployRepo repo;
  initRefusedRepo(repo);
  repo.write(".factory/settings.json", R"({"deploy": {"auto_archive_receipts": false}})");
  expectStaleAfter(repo, ".factory/settings.json");
}

// global.state_file_path may move the state file, but never make code bookkeeping: pointed at
// app/config.json (committed before QA), a later change there is not ignored. (The state the run
// writes there is a change too: the Checkout gate names the file before the QA gate is reached.)
BOOST_AUTO_TEST_CASE(a_state_file_path_setting_cannot_exempt_code) {
  DeployRepo repo;
  markingDeploys(repo);
  repo.write("app/config.json", R"({"feature": false})");
  repo.write(".factory/settings.json", R"({"global": {"state_file_path": "app/config.json"}})");
  repo.init(ManifestSpec("http://127.0.0.1:9"));
  repo.write("app/config.json", R"({"feature": true})");
  const std::string deployed = repo.commit("after QA: app/config.json");
  repo.seedLedger("alpha", deployed);
  const ChildRun run = staging(repo);
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(!repo.scratchExists("deployed"));
  BOOST_TEST(contains(gateRow(repo.receipt(), "Checkout"),
                      "| Checkout | YES | FAIL | the working tree is not the commit " +
                          shortSha(deployed) + ": 1 file changed: app/config.json (modified)"),
             gateRow(repo.receipt(), "Checkout"));
}

// Issue 12 item 6: the factory's skills keep .factory/state.json, and teams commit it with the
// ledger and the receipt; the reports and the chain stay valid and name the commits they saw.
BOOST_AUTO_TEST_CASE(a_bookkeeping_commit_keeps_reports_and_chain_valid) {
  DeployRepo repo;
  initRefusedRepo(repo);
  const std::string tested = codeCommit(repo);
  const std::string alpha = repo.head();
  BOOST_REQUIRE(repo.run({"--environment", "alpha"}).exitCode == 0);
  repo.git("add .factory/state.json .factory/deployments.jsonl DEPLOY-RECEIPT.md");
  repo.git("commit -q -m 'record the alpha deploy'");
  const ChildRun run = staging(repo, {"--dry-run"});
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(
      contains(run.out, "  QA Report: PASS — QA-REPORT.md: PASS, tested " + shortSha(tested) +
                            " (only gate, receipt and bookkeeping files changed since: "
                            ".factory/deployments.jsonl, .factory/state.json, "
                            "DEPLOY-RECEIPT.md, QA-REPORT.md, SECURITY.md)\n"),
      run.out);
  BOOST_TEST(contains(run.out, "  Promotion Chain: PASS — alpha deployed " + shortSha(alpha) +
                                   " successfully at "),
             run.out);
  BOOST_TEST(contains(run.out,
                      " (same content: only .factory/deployments.jsonl, "
                      ".factory/state.json, DEPLOY-RECEIPT.md changed since)\n"),
             run.out);
}

// Issue 15 item 6: the chain follows report-commit-policy; exact accepts only the same commit.
BOOST_AUTO_TEST_CASE(policy_exact_chain_requires_the_same_commit) {
  DeployRepo repo;
  initRefusedRepo(repo);
  const std::string code = codeCommit(repo);
  const std::string head = repo.head();  // adds only the reports
  repo.seedLedger("alpha", code);
  // Reports about HEAD itself, not committed (gate files may differ in the working tree).
  repo.write("QA-REPORT.md", qaReport("PASS", head));
  const ChildRun exact = staging(repo, {"--report-commit-policy", "exact"});
  BOOST_TEST(exact.exitCode == 1, exact.all());
  BOOST_TEST(gateRow(repo.receipt(), "Promotion Chain") ==
             row("Promotion Chain", true, "FAIL",
                 "staging needs a successful alpha deploy of " + shortSha(head) +
                     " first; the last successful alpha deploy was " + shortSha(code) +
                     " (report-commit-policy: exact accepts only the same commit)"));
  BOOST_TEST(!repo.scratchExists("deployed"));
  const ChildRun content = staging(repo, {"--dry-run"});
  BOOST_TEST(content.exitCode == 0, content.all());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
