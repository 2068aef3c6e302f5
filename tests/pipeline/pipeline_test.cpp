#include <boost/test/unit_test.hpp>

#include <csignal>

#include "core/cancellation.hpp"
#include "pipeline/pipeline_harness.hpp"

using fd::Cancellation;
using fd::test::kSha;
using fd::test::PipelineHarness;

namespace {

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

// The receipt's table row for `gate` ("| QA Report | YES | STALE | … |"), or "" when absent.
std::string gateRow(const std::string& receipt, const std::string& gate) {
  const std::size_t at = receipt.find("\n| " + gate + " |");
  if (at == std::string::npos) return "";
  return receipt.substr(at + 1, receipt.find('\n', at + 1) - at - 1);
}

// The Diagnostics bullet that says which step failed and why.
std::string failure(const std::string& receipt) {
  const std::size_t at = receipt.find("- **Failed step**: ");
  if (at == std::string::npos) return "";
  const std::size_t reason = receipt.find("- **Failure reason**: ", at);
  const std::size_t end = receipt.find('\n', reason);
  std::string text = receipt.substr(at, end - at);
  std::erase(text, '\n');
  return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pipeline)

BOOST_AUTO_TEST_CASE(unknown_environment_is_an_input_error_naming_the_allowed_values) {
  PipelineHarness h;
  BOOST_TEST(h.run({"--environment", "nope"}) == 2);
  BOOST_TEST(contains(h.output(), "environment"));
  BOOST_TEST(contains(h.output(), "alpha, staging or prod"));
  BOOST_TEST(!h.has("DEPLOY-RECEIPT.md"));
}

BOOST_AUTO_TEST_CASE(dry_run_with_a_passing_qa_report_prints_the_plan_and_writes_nothing) {
  PipelineHarness h;
  h.writeReports("PASS", "CLEAR");
  h.ledgerSuccess("alpha");
  BOOST_TEST(h.run({"--environment", "staging", "--dry-run"}) == 0);
  BOOST_TEST(contains(h.output(), "Plan (dry run"));
  BOOST_TEST(contains(h.output(), "deploy staging"));
  BOOST_TEST(contains(h.output(), "https://shop-staging.example.test/health"));
  BOOST_TEST(!h.has("DEPLOY-RECEIPT.md"));
  BOOST_TEST(!h.has(".factory/state.json"));
  BOOST_TEST(!h.processes.ran("deploy staging"));
}

BOOST_AUTO_TEST_CASE(dry_run_with_a_stale_qa_report_fails_and_names_the_gate) {
  PipelineHarness h;
  const std::string tested = "2222222222222222222222222222222222222222";
  h.git.commits.insert(tested);
  h.git.ancestry.insert({tested, kSha});
  h.git.changes[{tested, kSha}] = {"src/app.cpp"};
  h.writeReports("PASS", "CLEAR", tested);
  h.ledgerSuccess("alpha");
  BOOST_TEST(h.run({"--environment", "staging", "--dry-run"}) == 1);
  BOOST_TEST(contains(h.output(),
                      "  QA Report: STALE — QA-REPORT.md tested 2222222, but 1 file changed before "
                      "the deployed commit 1111111: src/app.cpp; re-run /qa on 1111111\n"),
             h.output());
  BOOST_TEST(contains(h.output(), "Verdict: BLOCKED at gates: QA Report: STALE"), h.output());
  BOOST_TEST(!h.processes.ran("deploy staging"));
  BOOST_TEST(!h.has("DEPLOY-RECEIPT.md"));
}

// The fake git errs toward refusing: a commit pair whose changes the test never declared is an
// error, so the content-equivalence check cannot pass by accident.
BOOST_AUTO_TEST_CASE(an_undeclared_commit_pair_in_the_fake_git_fails_the_gate_instead_of_passing) {
  PipelineHarness h;
  const std::string tested = "2222222222222222222222222222222222222222";
  h.git.commits.insert(tested);
  h.git.ancestry.insert({tested, kSha});  // an ancestor, but which files changed is not said
  h.writeReports("PASS", "CLEAR", tested);
  h.ledgerSuccess("alpha");
  BOOST_TEST(h.run({"--environment", "staging"}) == 1);
  const std::string row = gateRow(h.receipt(), "QA Report");
  BOOST_TEST(row.rfind("| QA Report | YES | FAIL | ", 0) == 0, row);
  BOOST_TEST(contains(row, "fake git: no changes declared between " + tested), row);
  BOOST_TEST(!h.processes.ran("deploy staging"));
}

BOOST_AUTO_TEST_CASE(alpha_deploys_without_gates_and_records_receipt_state_and_ledger) {
  PipelineHarness h;
  BOOST_TEST(h.run({"--environment", "alpha"}) == 0);
  BOOST_TEST(h.processes.ran("deploy alpha"));
  BOOST_TEST(contains(h.receipt(), "- **Status**: SUCCESS\n"));
  BOOST_TEST(contains(h.receipt(), "## Health Checks\n\n_(Skipped for alpha deployments.)_\n"));
  BOOST_TEST(contains(h.file(".factory/state.json"), "\"completed\""));
  BOOST_TEST(contains(h.file(".factory/deployments.jsonl"), "\"environment\":\"alpha\""));
  BOOST_TEST(h.http.requests.empty());
}

BOOST_AUTO_TEST_CASE(staging_passes_qa_ci_promotion_and_health) {
  PipelineHarness h;
  h.writeReports("PASS WITH WARNINGS", "CLEAR");
  h.ledgerSuccess("alpha");
  BOOST_TEST(h.run({"--environment", "staging"}) == 0);
  BOOST_TEST(h.processes.ran("ci-check"));
  BOOST_TEST(h.processes.ran("deploy staging"));
  BOOST_TEST(contains(h.receipt(), "- **Status**: SUCCESS\n"));
  BOOST_TEST(gateRow(h.receipt(), "QA Report") ==
             "| QA Report | YES | WARN | QA-REPORT.md: PASS WITH WARNINGS, tested 1111111 (the "
             "deployed commit) |");
  BOOST_TEST(gateRow(h.receipt(), "CI Checks") ==
             "| CI Checks | YES | PASS | ci_check_command passed (exit 0) |");
  BOOST_TEST(h.http.requests.size() == 1u);  // one healthy attempt
}

BOOST_AUTO_TEST_CASE(staging_without_an_alpha_deploy_breaks_the_promotion_chain) {
  PipelineHarness h;
  h.writeReports("PASS", "CLEAR");
  BOOST_TEST(h.run({"--environment", "staging"}) == 1);
  const std::string row = gateRow(h.receipt(), "Promotion Chain");
  BOOST_TEST(row.rfind("| Promotion Chain | YES | FAIL | ", 0) == 0, row);
  BOOST_TEST(contains(row, "alpha"), row);
  BOOST_TEST(failure(h.receipt())
                     .rfind("- **Failed step**: gates- **Failure reason**: Promotion "
                            "Chain: FAIL — ",
                            0) == 0,
             failure(h.receipt()));
  BOOST_TEST(contains(h.receipt(), "- **Status**: FAILED\n"));
  BOOST_TEST(!h.processes.ran("deploy staging"));
}

BOOST_AUTO_TEST_CASE(prod_without_confirmation_is_refused_when_stdin_is_not_a_tty) {
  PipelineHarness h;
  h.writeReports("PASS", "CLEAR");
  h.ledgerSuccess("staging");
  BOOST_TEST(h.run({"--environment", "prod"}) == 1);
  BOOST_TEST(
      gateRow(h.receipt(), "User Confirmation") ==
      "| User Confirmation | YES | FAIL | not confirmed: pass --confirm shop (stdin is not a "
      "terminal, so no prompt was shown; never assumed) |");
  BOOST_TEST(failure(h.receipt()) ==
             "- **Failed step**: gates- **Failure reason**: User Confirmation: FAIL — not "
             "confirmed: pass --confirm shop (stdin is not a terminal, so no prompt was shown; "
             "never assumed)");
  BOOST_TEST(!h.processes.ran("deploy prod"));
}

BOOST_AUTO_TEST_CASE(prod_confirmed_at_an_interactive_prompt_deploys) {
  PipelineHarness h;
  h.writeReports("PASS", "CLEAR");
  h.ledgerSuccess("staging");
  h.console.ttyIn = true;
  h.console.input.push_back("shop");
  BOOST_TEST(h.run({"--environment", "prod"}) == 0);
  BOOST_TEST(contains(h.output(), "Type the app name"));
  const std::string row = gateRow(h.receipt(), "User Confirmation");
  BOOST_TEST(row.rfind("| User Confirmation | YES | CONFIRMED | ", 0) == 0, row);
  BOOST_TEST(h.processes.ran("deploy prod"));
}

BOOST_AUTO_TEST_CASE(security_blocked_can_never_deploy_to_prod) {
  PipelineHarness h;
  h.writeReports("PASS", "BLOCKED");
  h.ledgerSuccess("staging");
  BOOST_TEST(h.run({"--environment", "prod", "--confirm", "shop"}) == 1);
  BOOST_TEST(
      gateRow(h.receipt(), "Security Report") ==
      "| Security Report | YES | FAIL | SECURITY.md (line 4): Overall status is \"BLOCKED\"; "
      "BLOCKED can never be overridden. Critical issues must be fixed first |");
  BOOST_TEST(gateRow(h.receipt(), "User Confirmation") ==
             "| User Confirmation | YES | SKIPPED | not checked: an earlier gate failed |");
  BOOST_TEST(contains(failure(h.receipt()), "Failure reason**: Security Report: FAIL — "));
  BOOST_TEST(!h.processes.ran("deploy prod"));
}

BOOST_AUTO_TEST_CASE(unhealthy_prod_rolls_back_automatically) {
  PipelineHarness h;
  h.writeReports("PASS", "CLEAR");
  h.ledgerSuccess("staging");
  h.ledgerSuccess("prod", "3333333333333333333333333333333333333333");
  h.healthStatus = 503;
  h.healthyAfterRollback = true;
  BOOST_TEST(h.run({"--environment", "prod", "--confirm", "shop"}) == 3);
  BOOST_TEST(h.processes.ran("rollback shop"));
  BOOST_TEST(contains(h.receipt(), "- **Status**: ROLLED BACK\n"));
  BOOST_TEST(contains(h.receipt(), "- **Rollback performed**: YES\n"));
  BOOST_TEST(contains(h.receipt(), "- **Previous version**: 3333333\n"));
  BOOST_TEST(failure(h.receipt()) ==
             "- **Failed step**: verify- **Failure reason**: health check failed: /health did not "
             "return 200 with version 1111111 within 10s (10 attempts); last: 503 in 0 ms");
}

// A signal while the deploy's record is being opened (in GitHub mode: seconds of requests) comes
// before the command: nothing was released, so a healthy prod is not rolled back (exit 1, not 3),
// and the record that was opened is closed.
BOOST_AUTO_TEST_CASE(a_signal_before_the_prod_deploy_command_starts_rolls_nothing_back) {
  Cancellation::reset();
  PipelineHarness h;
  h.writeReports("PASS", "CLEAR");
  h.ledgerSuccess("staging");
  h.ledgerSuccess("prod", "3333333333333333333333333333333333333333");
  h.fs.beforeRename = [](const std::string& to) {
    if (to.find("deploy-prod.lock") != std::string::npos) Cancellation::request(SIGTERM);
  };
  const int exitCode = h.run({"--environment", "prod", "--confirm", "shop"});
  Cancellation::reset();
  BOOST_TEST(exitCode == 1, h.output());
  BOOST_TEST(!h.processes.ran("deploy prod"));
  BOOST_TEST(!h.processes.ran("rollback shop"));
  BOOST_TEST(failure(h.receipt()) ==
             "- **Failed step**: deploy- **Cancelled**: SIGTERM arrived before the deploy command "
             "started- **Failure reason**: cancelled before the deploy command started (SIGTERM): "
             "nothing was released");
  BOOST_TEST(contains(h.receipt(), "- **Rollback performed**: NO\n"));
  BOOST_TEST(contains(h.receipt(), "not needed: nothing was deployed"));
  BOOST_TEST(!h.has(".factory/deploy-prod.lock"));  // the claim is released
  // The ledger's last line is this run's, closed as failed (the claim's record is never left open).
  std::string ledger = h.file(".factory/deployments.jsonl");
  ledger.pop_back();
  const std::string last = ledger.substr(ledger.rfind('\n') + 1);
  BOOST_TEST(contains(last, "\"environment\":\"prod\""), last);
  BOOST_TEST(contains(last, "\"status\":\"FAILED\""), last);
}

BOOST_AUTO_TEST_CASE(prod_rollback_that_fails_exits_4_and_says_a_human_must_act) {
  PipelineHarness h;
  h.writeReports("PASS", "CLEAR");
  h.ledgerSuccess("staging");
  h.healthStatus = 503;
  h.processes.on("rollback", 1, {"Error: unknown command \"rollback\" for \"fly releases\""});
  BOOST_TEST(h.run({"--environment", "prod", "--confirm", "shop"}) == 4);
  BOOST_TEST(contains(h.receipt(),
                      "- **Status**: FAILED (rollback failed — prod may be broken, act now)\n"));
  BOOST_TEST(contains(h.receipt(), "- **Rollback result**: exit 1\n"));
  BOOST_TEST(contains(h.receipt(), "Error: unknown command \"rollback\" for \"fly releases\""));
  BOOST_TEST(contains(h.file(".factory/state.json"), "ROLLBACK FAILED"));
}

BOOST_AUTO_TEST_CASE(staging_verification_failure_shows_the_manual_rollback_command) {
  PipelineHarness h;
  h.writeReports("PASS", "CLEAR");
  h.ledgerSuccess("alpha");
  h.healthStatus = 302;
  BOOST_TEST(h.run({"--environment", "staging"}) == 1);
  BOOST_TEST(!h.processes.ran("rollback"));
  BOOST_TEST(contains(h.receipt(), "- **Rollback behavior**: MANUAL (staging)\n"));
  BOOST_TEST(contains(h.receipt(),
                      "**Manual rollback**: staging still runs the failed version. "
                      "To return to the previous version, run `rollback "
                      "shop-staging`.\n"),
             h.receipt());
  BOOST_TEST(
      contains(h.output(), "staging failed: to roll back by hand, run: rollback shop-staging"),
      h.output());
  BOOST_TEST(contains(h.receipt(), "| /health | 302 — "), h.receipt());
}

BOOST_AUTO_TEST_CASE(a_missing_manifest_exits_2_and_still_writes_the_receipt) {
  PipelineHarness h;
  h.fs.files.erase("/repo/.factory/deploy-config.json");
  BOOST_TEST(h.run({"--environment", "alpha"}) == 2);
  BOOST_TEST(contains(h.receipt(), "- **Status**: FAILED (invalid input)\n"));
  BOOST_TEST(contains(failure(h.receipt()),
                      "- **Failed step**: manifest- **Failure reason**: No "
                      "deployment manifest found at "
                      ".factory/deploy-config.json"),
             failure(h.receipt()));
  BOOST_TEST(contains(h.receipt(), "/setup"));
  BOOST_TEST(contains(h.file(".factory/state.json"), "\"failed\""));
}

BOOST_AUTO_TEST_CASE(the_previous_receipt_is_archived_not_destroyed) {
  PipelineHarness h;
  h.put("DEPLOY-RECEIPT.md", "the previous receipt\n");
  BOOST_TEST(h.run({"--environment", "alpha"}) == 0);
  BOOST_TEST(h.file("DEPLOY-RECEIPT-2026-04-03T21-30-00Z.md") == "the previous receipt\n");
}

BOOST_AUTO_TEST_CASE(state_keeps_other_phases) {
  PipelineHarness h;
  h.put(".factory/state.json", R"({"phases":{"qa":{"status":"completed"}},"custom":1})");
  BOOST_TEST(h.run({"--environment", "alpha"}) == 0);
  BOOST_TEST(contains(h.file(".factory/state.json"), "\"qa\""));
  BOOST_TEST(contains(h.file(".factory/state.json"), "\"custom\""));
}

BOOST_AUTO_TEST_CASE(a_secret_printed_by_the_deploy_command_is_masked_everywhere) {
  PipelineHarness h;
  const std::string secret = "fly-token-s3cr3t-value";
  h.env.values["FLY_API_TOKEN"] = secret;
  h.processes.on("deploy alpha", 0, {"using token " + secret});
  BOOST_TEST(h.run({"--environment", "alpha"}) == 0);
  for (const auto& [path, content] : h.fs.files) BOOST_TEST(!contains(content, secret), path);
  BOOST_TEST(!contains(h.output(), secret));
  BOOST_TEST(contains(h.output(), "using token ***"));
}

BOOST_AUTO_TEST_CASE(an_injection_through_a_manifest_value_is_refused_before_any_command) {
  PipelineHarness h;
  h.put(".factory/deploy-config.json", R"({"platform":"fly.io","project_name":"shop",
    "environments":{"alpha":{"app_name":"x;rm -rf ~","deploy_command":"deploy {app_name}",
    "url":"https://a.example.test"}}})");
  BOOST_TEST(h.run({"--environment", "alpha"}) == 2);
  BOOST_TEST(h.processes.calls.empty());
  BOOST_TEST(contains(h.receipt(), "- **Status**: FAILED (invalid input)\n"));
  BOOST_TEST(contains(failure(h.receipt()), "- **Failed step**: manifest"), failure(h.receipt()));
  BOOST_TEST(contains(failure(h.receipt()), "x;rm -rf ~"), failure(h.receipt()));
}

BOOST_AUTO_TEST_CASE(a_failing_deploy_command_on_alpha_is_recorded_without_rollback) {
  PipelineHarness h;
  h.processes.on("deploy alpha", 7, {"boom"});
  BOOST_TEST(h.run({"--environment", "alpha"}) == 1, h.output());
  BOOST_TEST(failure(h.receipt()) ==
             "- **Failed step**: deploy- **Failure reason**: deploy_command failed (exit 7)");
  BOOST_TEST(
      contains(h.receipt(), "**deploy_command (exit 7)** (last 1 line):\n\n```text\nboom\n"));
  BOOST_TEST(contains(h.receipt(), "- **Rollback performed**: N/A\n"));
  BOOST_TEST(!h.processes.ran("rollback"));
}

BOOST_AUTO_TEST_CASE(a_working_directory_that_does_not_exist_is_an_input_error_creating_nothing) {
  PipelineHarness h;
  const std::size_t before = h.fs.files.size();
  BOOST_TEST(h.run({"--environment", "alpha", "--working-directory", "/nowhere"}) == 2);
  BOOST_TEST(contains(h.console.stderrText,
                      "factory-deploy: working-directory: /nowhere does not exist; nothing was "
                      "created."),
             h.console.stderrText);
  BOOST_TEST(h.fs.files.size() == before);
  BOOST_TEST(h.processes.calls.empty());
}

// current_version_command may print a release ("v42", as docs/MANIFEST.md allows): that names no
// commit, so it is no evidence that another deploy replaced this one; a hex word that is not
// this commit still is (github_concurrency/another_version_live_after_the_deploy_…).
// A prod deploy (v41 live before it) after which the platform reports `liveAfter`.
int deployProdThenLive(PipelineHarness& h, const std::string& liveAfter) {
  h.writeReports("PASS", "CLEAR");
  h.ledgerSuccess("staging");
  h.reportLive("v41");
  h.processes.beforeEach = [&h, liveAfter](const fd::CommandSpec& spec) {
    if (spec.command == "deploy prod") h.reportLive(liveAfter);
  };
  return h.run({"--environment", "prod", "--confirm", "shop"});
}

BOOST_AUTO_TEST_CASE(a_live_release_name_is_not_taken_for_another_commit) {
  PipelineHarness h;
  BOOST_TEST(deployProdThenLive(h, "v42") == 0, h.output());
  BOOST_TEST(contains(h.receipt(),
                      "prod runs v42, which names no commit: this deploy could not be confirmed "
                      "as the live one; the verification stands"),
             h.receipt());

  PipelineHarness other;  // a commit that is not this one: another deploy replaced it
  BOOST_TEST(deployProdThenLive(other, "shop:deploy-0123abc") == 1, other.output());
  BOOST_TEST(contains(failure(other.receipt()), "another deploy replaced this one"),
             failure(other.receipt()));
}

BOOST_AUTO_TEST_CASE(a_failed_prod_deploy_that_released_nothing_is_not_rolled_back) {
  PipelineHarness h;
  h.writeReports("PASS", "CLEAR");
  h.ledgerSuccess("staging");
  h.reportLive("v41");
  h.processes.on("deploy prod", 1, {"Error: build failed"});
  BOOST_TEST(h.run({"--environment", "prod", "--confirm", "shop"}) == 1, h.output());
  BOOST_TEST(!h.processes.ran("rollback"));
  BOOST_TEST(failure(h.receipt()) ==
             "- **Failed step**: deploy- **Failure reason**: deploy_command failed (exit 1); "
             "nothing was released: prod still runs v41 and passed its health check, so it was "
             "not rolled back");
}

BOOST_AUTO_TEST_CASE(a_failed_prod_deploy_whose_live_version_cannot_be_read_keeps_a_healthy_prod) {
  PipelineHarness h;
  h.writeReports("PASS", "CLEAR");
  h.ledgerSuccess("staging");
  h.reportLive("v41");
  h.processes.on("deploy prod", 1, {"Error: build failed"});
  h.processes.beforeEach = [&h](const fd::CommandSpec& spec) {
    if (spec.command == "deploy prod") h.reportLive("");  // the platform API stops answering
  };
  BOOST_TEST(h.run({"--environment", "prod", "--confirm", "shop"}) == 1, h.output());
  BOOST_TEST(!h.processes.ran("rollback"));
  BOOST_TEST(contains(h.receipt(),
                      "could not tell whether anything was released "
                      "(current_version_command gave no version (exit 1)); prod "
                      "passed its health check, so it was left as it is"),
             h.receipt());
}

BOOST_AUTO_TEST_CASE(a_failed_prod_deploy_with_prod_unhealthy_is_rolled_back) {
  PipelineHarness h;
  h.writeReports("PASS", "CLEAR");
  h.ledgerSuccess("staging");
  h.reportLive("v41");
  h.healthStatus = 502;
  h.healthyAfterRollback = true;
  h.processes.on("deploy prod", 1, {"Error: machines crashed"});
  BOOST_TEST(h.run({"--environment", "prod", "--confirm", "shop"}) == 3, h.output());
  BOOST_TEST(h.processes.ran("rollback shop"));
  BOOST_TEST(contains(h.receipt(),
                      "- **Rollback reason**: prod is unhealthy after the failed "
                      "deploy (/health did not return 200 "),
             h.receipt());
  BOOST_TEST(contains(h.receipt(), "- **Live version now**: v41\n"), h.receipt());
}

BOOST_AUTO_TEST_CASE(an_error_rate_baseline_with_no_data_fails_readiness_when_a_version_is_live) {
  PipelineHarness h;
  h.writeReports("PASS", "CLEAR");
  h.ledgerSuccess("staging");
  h.ledgerSuccess("prod", "3333333333333333333333333333333333333333");
  h.addToManifest(R"("error_rate_command": "error-rate", "max_error_rate_increase": 0.5,)");
  h.processes.on("error-rate", 3, {});
  BOOST_TEST(h.run({"--environment", "prod", "--confirm", "shop"}) == 1, h.output());
  BOOST_TEST(!h.processes.ran("deploy prod"));
  BOOST_TEST(contains(failure(h.receipt()),
                      "- **Failed step**: readiness- **Failure reason**: error-rate baseline: no "
                      "data (exit 3) from error_rate_command while 3333333 is live;"),
             failure(h.receipt()));
}

// A history that cannot be read is not an empty one: without a baseline the run refuses rather
// than judging prod as a first deploy (which would drop max_error_rate_increase), and says why.
BOOST_AUTO_TEST_CASE(an_unreadable_history_is_never_a_first_deploy) {
  PipelineHarness h;
  h.writeReports("PASS", "CLEAR");
  h.ledgerSuccess("staging");
  h.ledgerSuccess("prod", "3333333333333333333333333333333333333333");
  h.addToManifest(R"("error_rate_command": "error-rate", "max_error_rate_increase": 0.5,)");
  h.processes.on("error-rate", 0, {"N/A"});
  // The promotion chain has read the ledger; from the platform step on, it cannot be read.
  h.processes.beforeEach = [&h](const fd::CommandSpec& /*spec*/) {
    h.fs.failRead = [](const std::string& path) {
      return path.size() >= 26 && path.substr(path.size() - 26) == ".factory/deployments.jsonl";
    };
  };
  BOOST_TEST(h.run({"--environment", "prod", "--confirm", "shop"}) == 1, h.output());
  BOOST_TEST(!h.processes.ran("deploy prod"));
  BOOST_TEST(contains(h.receipt(), "could not read prod's deployment history: "), h.receipt());
  BOOST_TEST(contains(failure(h.receipt()),
                      "- **Failed step**: readiness- **Failure reason**: error-rate baseline: no "
                      "data (output was not a number) from error_rate_command while an unknown "
                      "version (see the notes) is live;"),
             failure(h.receipt()));
}

BOOST_AUTO_TEST_CASE(a_first_deploy_needs_no_error_rate_baseline) {
  PipelineHarness h;
  h.writeReports("PASS", "CLEAR");
  h.ledgerSuccess("staging");
  h.addToManifest(R"("error_rate_command": "error-rate", "max_error_rate_increase": 0.5,)");
  h.processes.on("error-rate", 0, {"N/A"});  // nothing runs yet: no data before the deploy
  h.processes.beforeEach = [&h](const fd::CommandSpec& spec) {
    if (spec.command != "deploy prod") return;
    h.processes.rules.clear();
    h.processes.on("error-rate", 0, {"0.1"});
  };
  BOOST_TEST(h.run({"--environment", "prod", "--confirm", "shop"}) == 0, h.output());
  BOOST_TEST(contains(h.receipt(), "first deploy: no baseline, so only max_error_rate applies"),
             h.receipt());
}

BOOST_AUTO_TEST_SUITE_END()
