#include <boost/test/unit_test.hpp>

#include "github/github_mode.hpp"
#include "harness.hpp"

using namespace fd;
using namespace fd::test;

BOOST_AUTO_TEST_SUITE(github_mode)

BOOST_AUTO_TEST_CASE(builds_all_four_sharing_one_client) {
  Harness h;
  h.fake.update([](GithubState& s) {
    s.token = "ghs_secretTokenValue123";
    s.checkRuns = {externalCheck(1, "build")};
    s.approvals = {GhApproval{"prod", "approved", "alice", ""}};
  });
  GithubMode mode = makeGithubMode(h.context, h.inputs, h.http, h.clock, h.random, h.log);
  BOOST_REQUIRE(mode.ci);
  BOOST_REQUIRE(mode.confirmation);
  BOOST_REQUIRE(mode.policy);
  BOOST_REQUIRE(mode.ledger);
  const DeployContext context = h.deployContext();
  BOOST_TEST(mode.ci->check(context).passed);
  BOOST_TEST(mode.confirmation->check(context).passed);
  BOOST_TEST(mode.policy->blockers(context).passed);
  std::string deviation;
  BOOST_TEST(mode.policy->branch(context, deviation).passed);
  const auto id = mode.ledger->begin(context);
  FD_REQUIRE_OK(id);
  DeployRecord record;
  record.status = DeployStatus::Success;
  record.fullSha = kSha;
  BOOST_TEST(mode.ledger->finish(context, record).ok());
  BOOST_TEST(h.fake.state().deployments.at(0).statuses.back().state == "success");
  BOOST_TEST(!h.log.contains("ghs_secretTokenValue123"));
  const auto& secrets = h.log.masker.secrets();
  BOOST_TEST(
      (std::find(secrets.begin(), secrets.end(), "ghs_secretTokenValue123") != secrets.end()));
}

BOOST_AUTO_TEST_CASE(empty_token_warns) {
  Harness h;
  h.inputs.githubToken.clear();
  GithubMode mode = makeGithubMode(h.context, h.inputs, h.http, h.clock, h.random, h.log);
  BOOST_TEST(h.log.contains("github-token is empty"));
  BOOST_TEST(mode.ci != nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
