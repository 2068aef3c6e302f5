// Issue 3: the rollback policies through the binary — prod rolls back on its own (exit 3), a
// failed rollback says prod may be broken (exit 4), staging only shows the command (exit 1).
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "support/deploy_repo.hpp"
#include "support/loopback_server.hpp"

namespace fd::test {

namespace {

// Healthy only once the rollback script has left its marker in the scratch directory.
ServerHandler healthyAfterRollback(const DeployRepo& repo) {
  const std::string marker = repo.scratch("rolled-back");
  return [marker](const ServerRequest&) {
    ServerResponse response;
    const bool rolledBack = std::filesystem::exists(marker);
    response.status = rolledBack ? 200 : 500;
    response.body = rolledBack ? R"({"version":"previous"})" : R"({"error":"bad config"})";
    return response;
  };
}

// Prod at `url`: reports after the code commit; alpha and staging already have this commit.
void prepareProd(DeployRepo& repo, const std::string& url) {
  repo.init(ManifestSpec(url));
  repo.seedLedger("alpha", repo.head());
  repo.seedLedger("staging", repo.head());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rollback)

BOOST_AUTO_TEST_CASE(prod_failing_verification_is_rolled_back_and_exits_3) {
  DeployRepo repo;
  LoopbackServer server(healthyAfterRollback(repo));
  prepareProd(repo, server.url());
  const ChildRun run = repo.run({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(run.exitCode == 3, run.all());
  BOOST_TEST(repo.scratchExists("rolled-back"));
  BOOST_TEST(contains(run.all(), "rolling back prod"), run.all());  // the script's own output
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt, "- **Status**: ROLLED BACK"), receipt);
  BOOST_TEST(contains(receipt, "- **Rollback performed**: YES"), receipt);
  BOOST_TEST(contains(receipt, "- **Rollback behavior**: AUTOMATIC (prod)"), receipt);
  BOOST_TEST(contains(receipt, "after rollback"), receipt);  // health checked again
  BOOST_TEST(contains(repo.read(".factory/deployments.jsonl"), "\"status\":\"ROLLED BACK\""));
  BOOST_TEST(contains(repo.read(".factory/state.json"), "rolled back"));
}

BOOST_AUTO_TEST_CASE(a_failing_rollback_exits_4_saying_prod_may_be_broken) {
  DeployRepo repo;
  repo.write("bin/rollback.sh", "echo 'platform API unreachable' >&2\nexit 9\n");
  LoopbackServer server(healthyAfterRollback(repo));
  prepareProd(repo, server.url());
  const ChildRun run = repo.run({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(run.exitCode == 4, run.all());
  BOOST_TEST(contains(run.all(), "prod may be broken"), run.all());
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt, "- **Status**: FAILED"), receipt);
  BOOST_TEST(contains(receipt, "PROD MAY BE BROKEN"), receipt);
  BOOST_TEST(contains(receipt, "exit 9"), receipt);
  BOOST_TEST(contains(receipt, "platform API unreachable"), receipt);
  BOOST_TEST(contains(receipt, "sh bin/rollback.sh"), receipt);
  BOOST_TEST(contains(repo.read(".factory/state.json"), "ROLLBACK FAILED"));
}

BOOST_AUTO_TEST_CASE(a_rollback_that_leaves_prod_unhealthy_also_exits_4) {
  DeployRepo repo;
  repo.write("bin/rollback.sh", "echo 'rolled back, or so it says'\n");  // leaves no marker
  LoopbackServer server(healthyAfterRollback(repo));
  prepareProd(repo, server.url());
  const ChildRun run = repo.run({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(run.exitCode == 4, run.all());
  BOOST_TEST(contains(run.all(), "prod may be broken"), run.all());
  BOOST_TEST(contains(repo.receipt(), "still unhealthy"), repo.receipt());
}

BOOST_AUTO_TEST_CASE(staging_failure_is_failed_with_the_rollback_command_shown_not_run) {
  DeployRepo repo;
  LoopbackServer server(healthyAfterRollback(repo));
  repo.init(ManifestSpec(server.url()));
  repo.seedLedger("alpha", repo.head());
  const ChildRun run = repo.run({"--environment", "staging"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(!repo.scratchExists("rolled-back"));  // staging never rolls back on its own
  BOOST_TEST(contains(run.all(), "sh bin/rollback.sh"), run.all());
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt, "- **Status**: FAILED"), receipt);
  BOOST_TEST(contains(receipt, "- **Rollback command**: `sh bin/rollback.sh`"), receipt);
  BOOST_TEST(contains(receipt, "- **Rollback behavior**: MANUAL (staging)"), receipt);
  BOOST_TEST(contains(receipt, "- **Rollback performed**: NO"), receipt);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
