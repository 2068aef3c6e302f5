#include <boost/test/unit_test.hpp>

#include "core/cancellation.hpp"
#include "pipeline/pipeline_harness.hpp"

using fd::test::kSha;
using fd::test::PipelineHarness;

namespace {

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
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
  BOOST_TEST(contains(h.output(), "QA Report: STALE"));
  BOOST_TEST(contains(h.output(), "/qa"));
  BOOST_TEST(!h.has("DEPLOY-RECEIPT.md"));
}

BOOST_AUTO_TEST_CASE(alpha_deploys_without_gates_and_records_receipt_state_and_ledger) {
  PipelineHarness h;
  BOOST_TEST(h.run({"--environment", "alpha"}) == 0);
  BOOST_TEST(h.processes.ran("deploy alpha"));
  BOOST_TEST(contains(h.receipt(), "**Status**: SUCCESS"));
  BOOST_TEST(contains(h.receipt(), "Skipped for alpha deployments."));
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
  BOOST_TEST(contains(h.receipt(), "**Status**: SUCCESS"));
  BOOST_TEST(contains(h.receipt(), "| QA Report | YES | WARN |"));
  BOOST_TEST(!h.http.requests.empty());
}

BOOST_AUTO_TEST_CASE(staging_without_an_alpha_deploy_breaks_the_promotion_chain) {
  PipelineHarness h;
  h.writeReports("PASS", "CLEAR");
  BOOST_TEST(h.run({"--environment", "staging"}) == 1);
  BOOST_TEST(contains(h.receipt(), "Promotion Chain"));
  BOOST_TEST(contains(h.receipt(), "**Status**: FAILED"));
  BOOST_TEST(!h.processes.ran("deploy staging"));
}

BOOST_AUTO_TEST_CASE(prod_without_confirmation_is_refused_when_stdin_is_not_a_tty) {
  PipelineHarness h;
  h.writeReports("PASS", "CLEAR");
  h.ledgerSuccess("staging");
  BOOST_TEST(h.run({"--environment", "prod"}) == 1);
  BOOST_TEST(contains(h.receipt(), "| User Confirmation | YES | FAIL |"));
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
  BOOST_TEST(contains(h.receipt(), "CONFIRMED"));
}

BOOST_AUTO_TEST_CASE(security_blocked_can_never_deploy_to_prod) {
  PipelineHarness h;
  h.writeReports("PASS", "BLOCKED");
  h.ledgerSuccess("staging");
  BOOST_TEST(h.run({"--environment", "prod", "--confirm", "shop"}) == 1);
  BOOST_TEST(contains(h.receipt(), "Security Report"));
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
  BOOST_TEST(contains(h.receipt(), "**Status**: ROLLED BACK"));
  BOOST_TEST(contains(h.receipt(), "**Rollback performed**: YES"));
  BOOST_TEST(contains(h.receipt(), "333333"));  // the version rolled back to
}

BOOST_AUTO_TEST_CASE(prod_rollback_that_fails_exits_4_and_says_a_human_must_act) {
  PipelineHarness h;
  h.writeReports("PASS", "CLEAR");
  h.ledgerSuccess("staging");
  h.healthStatus = 503;
  h.processes.on("rollback", 1, {"Error: unknown command \"rollback\" for \"fly releases\""});
  BOOST_TEST(h.run({"--environment", "prod", "--confirm", "shop"}) == 4);
  BOOST_TEST(contains(h.receipt(), "prod may be broken"));
  BOOST_TEST(contains(h.receipt(), "unknown command"));
  BOOST_TEST(contains(h.file(".factory/state.json"), "ROLLBACK FAILED"));
}

BOOST_AUTO_TEST_CASE(staging_verification_failure_shows_the_manual_rollback_command) {
  PipelineHarness h;
  h.writeReports("PASS", "CLEAR");
  h.ledgerSuccess("alpha");
  h.healthStatus = 302;
  BOOST_TEST(h.run({"--environment", "staging"}) == 1);
  BOOST_TEST(!h.processes.ran("rollback"));
  BOOST_TEST(contains(h.receipt(), "rollback shop-staging"));
  BOOST_TEST(contains(h.output(), "rollback shop-staging"));
  BOOST_TEST(contains(h.receipt(), "MANUAL"));
}

BOOST_AUTO_TEST_CASE(a_missing_manifest_exits_2_and_still_writes_the_receipt) {
  PipelineHarness h;
  h.fs.files.erase("/repo/.factory/deploy-config.json");
  BOOST_TEST(h.run({"--environment", "alpha"}) == 2);
  BOOST_TEST(contains(h.receipt(), "**Status**: FAILED"));
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
  BOOST_TEST(contains(h.receipt(), "**Status**: FAILED"));
}

BOOST_AUTO_TEST_CASE(a_failing_deploy_command_on_alpha_is_recorded_without_rollback) {
  PipelineHarness h;
  h.processes.on("deploy alpha", 7, {"boom"});
  BOOST_TEST(h.run({"--environment", "alpha"}) == 1, h.output());
  BOOST_TEST(contains(h.receipt(), "boom"));
  BOOST_TEST(!h.processes.ran("rollback"));
}

BOOST_AUTO_TEST_SUITE_END()
