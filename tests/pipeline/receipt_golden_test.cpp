// The golden receipts, each written by a whole pipeline run (fakes, a fixed clock): the text the
// pipeline really puts in a receipt is what the goldens pin, byte for byte. Rewrite them with
// FD_UPDATE_GOLDEN=1 build/tests/test_pipeline --run_test=receipt_golden and review the diff.
#include <boost/test/unit_test.hpp>

#include <csignal>

#include "core/cancellation.hpp"
#include "pipeline/pipeline_harness.hpp"
#include "receipt/golden.hpp"

namespace fd::test {

namespace {

const std::string kPrevious = "3333333333333333333333333333333333333333";
const std::string kStale = "2222222222222222222222222222222222222222";

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

// Reports for kSha, tags on both commits, alpha and staging deployed kSha, prod runs kPrevious.
void prepare(PipelineHarness& h, const std::string& qa = "PASS", const std::string& sec = "CLEAR") {
  h.writeReports(qa, sec);
  h.git.tags[kSha] = {"v1.2.0"};
  h.git.tags[kPrevious] = {"v1.1.0"};
  h.git.commits.insert(kPrevious);
  h.ledgerSuccess("alpha");
  h.ledgerSuccess("staging");
  h.ledgerSuccess("prod", kPrevious);
}

const std::vector<std::string> kProd = {"--environment", "prod", "--confirm", "shop"};

struct ResetCancellation {
  ResetCancellation() { Cancellation::reset(); }
  ~ResetCancellation() { Cancellation::reset(); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(receipt_golden)

BOOST_AUTO_TEST_CASE(success_alpha) {
  PipelineHarness h;
  h.git.tags[kSha] = {"v1.2.0"};
  BOOST_TEST(h.run({"--environment", "alpha"}) == 0, h.output());
  checkGolden("success-alpha.md", h.receipt());
  // The seed's template words, once: not "Skipped: Skipped for alpha deployments."
  BOOST_TEST(contains(h.receipt(), "\n_(Skipped for alpha deployments.)_\n"));
  BOOST_TEST(!contains(h.receipt(), "Skipped: Skipped"));
}

BOOST_AUTO_TEST_CASE(success_prod) {
  PipelineHarness h;
  prepare(h);
  BOOST_TEST(h.run(kProd) == 0, h.output());
  checkGolden("success-prod.md", h.receipt());
  // Version and Previous version in the same form: tag and short SHA.
  BOOST_TEST(contains(h.receipt(), "- **Version**: v1.2.0 (1111111)\n"));
  BOOST_TEST(contains(h.receipt(), "- **Previous version**: v1.1.0 (3333333)\n"));
}

BOOST_AUTO_TEST_CASE(failed_qa_missing) {
  PipelineHarness h;
  h.ledgerSuccess("alpha");
  BOOST_TEST(h.run({"--environment", "staging"}) == 1, h.output());
  checkGolden("failed-qa-missing.md", h.receipt());
}

BOOST_AUTO_TEST_CASE(failed_qa_stale) {
  PipelineHarness h;
  h.git.commits.insert(kStale);
  h.git.ancestry.insert({kStale, kSha});
  h.git.changes[{kStale, kSha}] = {"src/app.cpp"};
  h.writeReports("PASS", "CLEAR", kStale);
  h.ledgerSuccess("alpha");
  BOOST_TEST(h.run({"--environment", "staging"}) == 1, h.output());
  checkGolden("failed-qa-stale.md", h.receipt());
}

BOOST_AUTO_TEST_CASE(failed_security_blocked) {
  PipelineHarness h;
  prepare(h, "PASS", "BLOCKED");
  BOOST_TEST(h.run(kProd) == 1, h.output());
  checkGolden("failed-security-blocked.md", h.receipt());
}

BOOST_AUTO_TEST_CASE(failed_ci_failing) {
  PipelineHarness h;
  prepare(h);
  h.processes.on("ci-check", 1, {"test_checkout FAILED"});
  BOOST_TEST(h.run({"--environment", "staging"}) == 1, h.output());
  checkGolden("failed-ci-failing.md", h.receipt());
}

BOOST_AUTO_TEST_CASE(failed_confirmation_missing) {
  PipelineHarness h;
  prepare(h);
  BOOST_TEST(h.run({"--environment", "prod"}) == 1, h.output());
  checkGolden("failed-confirmation-missing.md", h.receipt());
}

BOOST_AUTO_TEST_CASE(failed_invalid_manifest) {
  PipelineHarness h;
  h.put(".factory/deploy-config.json", R"({"platform": "fly.io", "environments": {}})");
  BOOST_TEST(h.run({"--environment", "staging"}) == 2, h.output());
  checkGolden("failed-invalid-manifest.md", h.receipt());
}

BOOST_AUTO_TEST_CASE(failed_deploy_nothing_released) {
  PipelineHarness h;
  prepare(h);
  h.reportLive("v1.1.0");
  h.processes.on("deploy prod", 1, {"Error: failed to fetch an image or build from source"});
  BOOST_TEST(h.run(kProd) == 1, h.output());
  checkGolden("failed-deploy.md", h.receipt());
}

BOOST_AUTO_TEST_CASE(failed_deploy_that_released_is_rolled_back) {
  PipelineHarness h;
  prepare(h);
  h.reportLive("v1.1.0");
  h.processes.on("deploy prod", 1, {"release v43 created", "Error: timeout waiting for machines"});
  h.processes.beforeEach = [&h](const CommandSpec& spec) {
    if (spec.command == "deploy prod") h.reportLive("v1.2.0");
    if (spec.command == "rollback shop") h.reportLive("v1.1.0");
  };
  BOOST_TEST(h.run(kProd) == 3, h.output());
  checkGolden("failed-deploy-rolled-back.md", h.receipt());
}

BOOST_AUTO_TEST_CASE(failed_readiness_error_rate_baseline) {
  PipelineHarness h;
  prepare(h);
  h.addToManifest(R"("error_rate_command": "error-rate", "max_error_rate_increase": 0.5,)");
  h.processes.on("error-rate", 0, {"N/A"});
  BOOST_TEST(h.run(kProd) == 1, h.output());
  checkGolden("failed-readiness-baseline.md", h.receipt());
}

BOOST_AUTO_TEST_CASE(failed_staging_verification) {
  PipelineHarness h;
  prepare(h);
  h.healthStatus = 503;
  BOOST_TEST(h.run({"--environment", "staging"}) == 1, h.output());
  checkGolden("failed-staging-verification.md", h.receipt());
}

BOOST_AUTO_TEST_CASE(rolled_back) {
  PipelineHarness h;
  prepare(h);
  h.healthStatus = 503;
  h.healthyAfterRollback = true;
  h.processes.on("rollback", 0, {"Rolling back app shop to release v41", "Release v43 created"});
  BOOST_TEST(h.run(kProd) == 3, h.output());
  checkGolden("rolled-back.md", h.receipt());
  // The console's annotation title is not repeated before a message that starts with it.
  BOOST_TEST(!contains(h.output(), "Health check failed: health check failed"), h.output());
}

BOOST_AUTO_TEST_CASE(rollback_failed) {
  PipelineHarness h;
  prepare(h);
  h.healthStatus = 503;
  h.processes.on("rollback", 1, {"Error: unknown command \"rollback\" for \"fly releases\""});
  BOOST_TEST(h.run(kProd) == 4, h.output());
  checkGolden("rollback-failed.md", h.receipt());
}

BOOST_AUTO_TEST_CASE(cancelled_during_verification_rolled_back) {
  const ResetCancellation reset;
  PipelineHarness h;
  prepare(h);
  h.healthStatus = 503;
  h.healthyAfterRollback = true;
  std::string duringRollback;
  h.processes.beforeEach = [&h, &duringRollback](const CommandSpec& spec) {
    if (spec.command == "rollback shop") duringRollback = h.receipt();
  };
  auto health = h.http.handler;
  h.http.handler = [health](const HttpRequest& request) {
    Cancellation::request(SIGINT);  // the runner cancels while the health check waits
    return health(request);
  };
  BOOST_TEST(h.run(kProd) == 3, h.output());
  checkGolden("cancelled-rolled-back.md", h.receipt());
  checkGolden("cancelled-rollback-starting.md", duringRollback);
}

BOOST_AUTO_TEST_CASE(dry_run_plan) {
  PipelineHarness h;
  prepare(h);
  BOOST_TEST(h.run({"--environment", "prod", "--confirm", "shop", "--dry-run"}) == 0, h.output());
  checkGolden("dry-run-plan.txt", h.console.stdoutText);
  BOOST_TEST(!h.has("DEPLOY-RECEIPT.md"));
}

BOOST_AUTO_TEST_CASE(an_invalid_setting_warns_once_in_the_seeds_words) {
  PipelineHarness h;
  h.put(".factory/settings.json", R"({"deploy": {"auto_archive_receipts": "yes"}})");
  BOOST_TEST(h.run({"--environment", "alpha"}) == 0, h.output());
  BOOST_TEST(contains(h.console.stderrText,
                      "WARNING: Setting \"auto_archive_receipts\" has invalid value \"yes\". "
                      "Expected: boolean. Using default: true.\n"),
             h.console.stderrText);
  BOOST_TEST(!contains(h.console.stderrText, "warning: WARNING"), h.console.stderrText);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
