// One commit walked alpha → staging → prod by the binary with nothing seeded: the promotion
// chain comes from the ledger the earlier runs wrote, prod waits for confirmation.
#include <boost/test/unit_test.hpp>

#include "support/deploy_repo.hpp"
#include "support/loopback_server.hpp"

namespace fd::test {

BOOST_AUTO_TEST_SUITE(chain)

BOOST_AUTO_TEST_CASE(a_commit_walks_alpha_staging_prod) {
  SharedText version;
  LoopbackServer server([&version](const ServerRequest&) {
    ServerResponse response;
    response.body = "{\"version\":\"" + version.get() + "\"}";
    return response;
  });
  DeployRepo repo;
  ManifestSpec spec(server.url());
  spec.healthCheck = R"({"timeout_s": 3, "interval_s": 1, "expect_version": true})";
  repo.init(spec);
  version.set(repo.head());

  const ChildRun early = repo.run({"--environment", "staging"});
  BOOST_TEST(early.exitCode == 1, early.all());  // alpha has not deployed it yet
  BOOST_TEST(contains(repo.receipt(), "| Promotion Chain | YES | FAIL"), repo.receipt());

  BOOST_TEST(repo.run({"--environment", "alpha"}).exitCode == 0);
  const ChildRun staging = repo.run({"--environment", "staging"});
  BOOST_TEST(staging.exitCode == 0, staging.all());

  const ChildRun unconfirmed = repo.run({"--environment", "prod"});
  BOOST_TEST(unconfirmed.exitCode == 1, unconfirmed.all());  // stdin is not a terminal
  BOOST_TEST(contains(repo.receipt(), "| User Confirmation | YES |"), repo.receipt());
  const ChildRun wrongName = repo.run({"--environment", "prod", "--confirm", "shop-staging"});
  BOOST_TEST(wrongName.exitCode == 1, wrongName.all());

  const ChildRun prod = repo.run({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(prod.exitCode == 0, prod.all());
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt, "- **Status**: SUCCESS"), receipt);
  BOOST_TEST(contains(receipt, "- **Environment**: prod"), receipt);
  BOOST_TEST(contains(receipt, "- **Commit**: " + repo.head()), receipt);
  const std::string ledger = repo.read(".factory/deployments.jsonl");
  BOOST_TEST(contains(ledger, "{\"environment\":\"prod\",\"sha\":\"" + repo.head() +
                                  "\",\"status\":\"SUCCESS\""),
             ledger);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
