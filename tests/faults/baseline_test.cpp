// Without faults, the scenario every matrix row starts from succeeds, in both modes: a row's
// failure is then the fault's doing, not the set-up's.
#include <boost/test/unit_test.hpp>

#include "faults/fault_run.hpp"

namespace fd::test {

BOOST_AUTO_TEST_SUITE(baseline)

BOOST_AUTO_TEST_CASE(local_prod_without_faults_succeeds_and_keeps_everything) {
  FaultRun run;
  BOOST_TEST(run.run() == 0, run.log());
  BOOST_TEST(contains(run.receipt(), "**Status**: SUCCESS"), run.receipt());
  BOOST_TEST(contains(run.receipt(), "| cart | PASS |"), run.receipt());
  BOOST_TEST(run.keptPreviousReceipt());
  BOOST_TEST(run.keptState());
  BOOST_TEST(run.keptLedger());
  BOOST_TEST(
      contains(run.file(".factory/deployments.jsonl"), R"("environment":"prod","sha":")" + kSha));
  BOOST_TEST(contains(run.file(".factory/state.json"), "\"completed\""));
}

BOOST_AUTO_TEST_CASE(github_prod_without_faults_succeeds_uploads_and_records_the_deployment) {
  FaultRun run(RunMode::Github);
  BOOST_TEST(run.run() == 0, run.log());
  const std::string receipt = run.receipt();
  BOOST_TEST(contains(receipt, "**Status**: SUCCESS"), receipt);
  BOOST_TEST(contains(receipt, "| CI Checks | YES | PASS |"), receipt);
  BOOST_TEST(contains(receipt, "CONFIRMED"), receipt);
  BOOST_TEST(run.keptPreviousReceipt());
  BOOST_TEST(run.keptState());
  const auto artifact = run.results->artifact(kArtifactName);
  BOOST_TEST(artifact.has_value());
  if (artifact) BOOST_TEST(artifact->finalized);
  BOOST_TEST(run.results->rejections().empty());
  BOOST_TEST(contains(run.outputs(), "\nSUCCESS\n"), run.outputs());
  BOOST_TEST(run.github->count("POST", "/repos/octo/shop/deployments") >= 1U);
  // Nothing went to the real GitHub: every request reached a loopback server.
  BOOST_TEST(run.http.totalRequests() > 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
