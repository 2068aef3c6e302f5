// Issue 5, item 4: every scenario of a run, locally and on a runner, with every secret planted
// and printed by the manifest's commands; nothing the run writes or sends may contain one.
#include <boost/test/unit_test.hpp>

#include "leaks/leak_checks.hpp"

namespace fd::test {

namespace {

std::string output(const LeakHarness& h) { return h.console.stdoutText + h.console.stderrText; }

void success(RunMode mode, const std::string& environment) {
  LeakHarness h(mode);
  BOOST_TEST(h.run({"--environment", environment}) == 0, output(h));
  BOOST_TEST(h.processes.ran("deploy.sh " + environment));
  BOOST_TEST(contains(h.file("DEPLOY-RECEIPT.md"), "SUCCESS"));
  if (environment != "alpha") BOOST_TEST(h.processes.ran("secrets.sh"));
  expectMaskedOutput(h);
  expectWritten(h);
  expectNoLeaks(h);
}

void deployFailure(RunMode mode) {
  LeakHarness h(mode);
  h.deployPrints(1);
  BOOST_TEST(h.run({"--environment", "staging"}) == 1, output(h));
  // The output tail is in the receipt's Diagnostics, masked.
  BOOST_TEST(contains(h.file("DEPLOY-RECEIPT.md"), "FLY_API_TOKEN=***"));
  BOOST_TEST(contains(h.file("DEPLOY-RECEIPT.md"), "was rejected"));
  expectMaskedOutput(h);
  expectWritten(h);
  expectNoLeaks(h);
}

void rolledBack(RunMode mode) {
  LeakHarness h(mode);
  h.healthStatus = 503;
  BOOST_TEST(h.run({"--environment", "prod"}) == 3, output(h));
  BOOST_TEST(h.processes.ran("rollback.sh shop"));
  BOOST_TEST(contains(h.file("DEPLOY-RECEIPT.md"), "ROLLED BACK"));
  expectMaskedOutput(h);
  expectWritten(h);
  expectNoLeaks(h);
}

void rollbackFailure(RunMode mode) {
  LeakHarness h(mode);
  h.healthStatus = 503;
  h.rollbackPrints(1);
  BOOST_TEST(h.run({"--environment", "prod"}) == 4, output(h));
  BOOST_TEST(contains(h.file("DEPLOY-RECEIPT.md"), "prod may be broken"));
  // The rollback's output tail is in the receipt, masked.
  BOOST_TEST(contains(h.file("DEPLOY-RECEIPT.md"), "was rejected"));
  expectMaskedOutput(h);
  expectWritten(h);
  expectNoLeaks(h);
}

void dryRun(RunMode mode) {
  LeakHarness h(mode);
  BOOST_TEST(h.run({"--environment", "prod", "--dry-run"}) == 0, output(h));
  BOOST_TEST(!h.processes.ran("deploy.sh"));
  BOOST_TEST(contains(output(h), "Plan (dry run"));
  BOOST_TEST(h.file("DEPLOY-RECEIPT.md") == "# Deployment Receipt\n\nthe previous run's receipt\n");
  expectNoLeaks(h);
}

void cancelled(RunMode mode) {
  LeakHarness h(mode);
  h.deployPrints(0, "echo CANCEL-NOW\nsleep 30\n");
  h.processes.cancelOnLine = "CANCEL-NOW";  // as if SIGTERM arrived mid-deploy
  const int exitCode = h.run({"--environment", "prod"});
  BOOST_TEST(exitCode == 3, output(h));  // rolled back, never exit 1
  BOOST_TEST(contains(h.file("DEPLOY-RECEIPT.md"),
                      "(cancelled: SIGINT/SIGTERM arrived during "
                      "deploy)"));
  BOOST_TEST(h.processes.ran("rollback.sh"));  // the receipt written before it is scanned too
  expectMaskedOutput(h);
  expectWritten(h);
  expectNoLeaks(h);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(local_mode)

BOOST_AUTO_TEST_CASE(alpha_success) { success(RunMode::Local, "alpha"); }
BOOST_AUTO_TEST_CASE(staging_success) { success(RunMode::Local, "staging"); }
BOOST_AUTO_TEST_CASE(prod_success) { success(RunMode::Local, "prod"); }

BOOST_AUTO_TEST_CASE(ci_gate_failure_whose_command_prints_every_secret) {
  LeakHarness h(RunMode::Local);
  h.ciPrints(1);
  BOOST_TEST(h.run({"--environment", "staging"}) == 1, output(h));
  BOOST_TEST(!h.processes.ran("deploy.sh"));
  // The gate row quotes the command's last line, masked.
  BOOST_TEST(contains(h.file("DEPLOY-RECEIPT.md"), "ci_check_command failed"));
  expectMaskedOutput(h);
  expectWritten(h);
  expectNoLeaks(h);
}

BOOST_AUTO_TEST_CASE(deploy_failure_printing_every_secret_on_stdout_and_stderr) {
  deployFailure(RunMode::Local);
}
BOOST_AUTO_TEST_CASE(verification_failure_and_rollback) { rolledBack(RunMode::Local); }
BOOST_AUTO_TEST_CASE(rollback_failure) { rollbackFailure(RunMode::Local); }
BOOST_AUTO_TEST_CASE(dry_run) { dryRun(RunMode::Local); }
BOOST_AUTO_TEST_CASE(cancelled_mid_deploy) { cancelled(RunMode::Local); }

BOOST_AUTO_TEST_CASE(a_receipt_that_saw_every_secret_is_archived_clean) {
  LeakHarness h(RunMode::Local);
  h.deployPrints(1);
  BOOST_TEST(h.run({"--environment", "alpha"}) == 1, output(h));
  h.deployPrints(0);
  h.clock.advance(std::chrono::hours(1));
  BOOST_TEST(h.run({"--environment", "alpha"}) == 0, output(h));
  // Named after the archived receipt's own deploy, an hour before the run that archived it; the
  // harness's earlier receipt (no deploy time) took that second's first name when run 1 archived
  // it, so the ledger's entry for run 1 names the -2.
  BOOST_TEST(contains(h.file(".factory/deployments.jsonl"),
                      "\"archive\":\"DEPLOY-RECEIPT-2026-04-03T21-30-00Z-2.md\""));
  const std::string archived = h.file("DEPLOY-RECEIPT-2026-04-03T21-30-00Z-2.md");
  BOOST_TEST(contains(archived, "FLY_API_TOKEN=***"), archived);
  expectNoLeaks(h);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(github_mode)

BOOST_AUTO_TEST_CASE(alpha_success) { success(RunMode::Github, "alpha"); }
BOOST_AUTO_TEST_CASE(staging_success) { success(RunMode::Github, "staging"); }
BOOST_AUTO_TEST_CASE(prod_success) { success(RunMode::Github, "prod"); }

BOOST_AUTO_TEST_CASE(ci_gate_failure) {
  LeakHarness h(RunMode::Github);
  h.github->update([](GithubState& state) { state.checkRuns.front().conclusion = "failure"; });
  BOOST_TEST(h.run({"--environment", "staging"}) == 1, output(h));
  BOOST_TEST(!h.processes.ran("deploy.sh"));
  BOOST_TEST(contains(h.file("DEPLOY-RECEIPT.md"), "build (failure)"));
  expectWritten(h);
  expectNoLeaks(h);
}

BOOST_AUTO_TEST_CASE(deploy_failure_printing_every_secret_on_stdout_and_stderr) {
  deployFailure(RunMode::Github);
}
BOOST_AUTO_TEST_CASE(verification_failure_and_rollback) { rolledBack(RunMode::Github); }
BOOST_AUTO_TEST_CASE(rollback_failure) { rollbackFailure(RunMode::Github); }
BOOST_AUTO_TEST_CASE(dry_run) { dryRun(RunMode::Github); }
BOOST_AUTO_TEST_CASE(cancelled_mid_deploy) { cancelled(RunMode::Github); }

BOOST_AUTO_TEST_CASE(every_secret_is_registered_with_add_mask_before_any_other_line) {
  LeakHarness h(RunMode::Github);
  BOOST_TEST(h.run({"--environment", "prod"}) == 0, output(h));
  const std::vector<std::string> out = lines(h.console.stdoutText);
  for (const Sentinel& secret : h.registered()) {
    const std::string line = "::add-mask::" + escapeCommandData(secret.value);
    const auto found = std::find(out.begin(), out.end(), line);
    BOOST_TEST((found != out.end()), "no " << line);
    // Nothing but ::add-mask:: lines before it.
    const bool onlyMasksBefore = std::all_of(out.begin(), found, [](const std::string& earlier) {
      return earlier.rfind("::add-mask::", 0) == 0;
    });
    BOOST_TEST(onlyMasksBefore, secret.name << " is registered after other output");
  }
  // The '%' in DATABASE_PASSWORD is escaped, so the runner masks the real value.
  BOOST_TEST(contains(h.console.stdoutText, "Ns5%25Tc3"));
  expectNoLeaks(h);
}

BOOST_AUTO_TEST_CASE(deployment_requests_carry_the_token_only_in_authorization) {
  LeakHarness h(RunMode::Github);
  h.healthStatus = 503;
  BOOST_TEST(h.run({"--environment", "prod"}) == 3, output(h));
  BOOST_TEST(h.github->count("POST", "/deployments") >= 2U);  // the deployment and its statuses
  for (const ServerRequest& request : h.github->requests()) {
    BOOST_TEST(request.header("Authorization").value_or("") == "Bearer " + kGithubToken);
  }
  for (const ServerRequest& request : h.results->requests()) {
    if (contains(request.uri, "/twirp/")) {
      BOOST_TEST(request.header("Authorization").value_or("") == "Bearer " + h.results->token());
    } else {
      BOOST_TEST(!request.header("Authorization").has_value(), request.uri);  // the blob store
    }
  }
  // The app's health endpoint gets neither credential.
  for (const HttpRequest& request : h.http.requests) {
    if (request.url.rfind("http://127.0.0.1:", 0) == 0) continue;  // GitHub, results service
    for (const auto& [name, value] : request.headers) {
      BOOST_TEST(!contains(value, kGithubToken), request.url);
      BOOST_TEST(!contains(value, h.results->token()), request.url);
    }
  }
  expectNoLeaks(h);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
