// After a failed prod deploy command: the verdict from the live version and health alone.
#include <boost/test/unit_test.hpp>

#include "deploy/release_evidence.hpp"

namespace {

using fd::judgeFailedDeploy;
using fd::ReleaseEvidence;

const std::string kSha = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

ReleaseEvidence evidence(std::string before, std::string after, bool healthy) {
  ReleaseEvidence e;
  e.liveBefore = std::move(before);
  e.liveAfter = std::move(after);
  e.deployedSha = kSha;
  e.healthy = healthy;
  e.healthProblem = "/health did not return 200 within 5s";
  if (e.liveAfter.empty()) e.unknownWhy = "no current_version_command in the manifest";
  return e;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(release_evidence)

BOOST_AUTO_TEST_CASE(unchanged_and_healthy_means_nothing_was_released) {
  const auto verdict = judgeFailedDeploy(evidence("v41", "v41", true));
  BOOST_TEST(!verdict.rollBack);
  BOOST_TEST(verdict.knownUnreleased);
  BOOST_TEST(verdict.why ==
             "nothing was released: prod still runs v41 and passed its health check, so it was "
             "not rolled back");
}

BOOST_AUTO_TEST_CASE(a_changed_live_version_rolls_back_even_when_healthy) {
  const auto verdict = judgeFailedDeploy(evidence("v41", "v42", true));
  BOOST_TEST(verdict.rollBack);
  BOOST_TEST(verdict.why ==
             "the deploy command failed, yet the live version changed from v41 to "
             "v42: an unverified release is live");
}

BOOST_AUTO_TEST_CASE(the_deployed_commit_live_rolls_back_even_when_the_version_before_is_unknown) {
  const auto verdict = judgeFailedDeploy(evidence("", "A1B2C3D", true));
  BOOST_TEST(verdict.rollBack);
  BOOST_TEST(verdict.why ==
             "the deploy command failed, yet the live version is now A1B2C3D, the "
             "commit being deployed: an unverified release is live");
}

BOOST_AUTO_TEST_CASE(an_unhealthy_prod_rolls_back_whatever_the_version) {
  for (const auto& [before, after] :
       {std::pair<std::string, std::string>{"v41", "v41"}, {"", ""}, {"v41", ""}}) {
    const auto verdict = judgeFailedDeploy(evidence(before, after, false));
    BOOST_TEST(verdict.rollBack, before << " -> " << after);
    BOOST_TEST(verdict.why ==
               "prod is unhealthy after the failed deploy (/health did not return "
               "200 within 5s)");
  }
}

BOOST_AUTO_TEST_CASE(unknown_and_healthy_keeps_prod_and_says_it_could_not_tell) {
  const auto verdict = judgeFailedDeploy(evidence("v41", "", true));
  BOOST_TEST(!verdict.rollBack);
  BOOST_TEST(!verdict.knownUnreleased);
  BOOST_TEST(verdict.why ==
             "could not tell whether anything was released (no "
             "current_version_command in the manifest); prod passed its health "
             "check, so it was left as it is");
}

BOOST_AUTO_TEST_CASE(a_version_read_only_after_the_deploy_is_not_proof_of_anything) {
  const auto verdict = judgeFailedDeploy(evidence("", "v41", true));
  BOOST_TEST(!verdict.rollBack);
  BOOST_TEST(!verdict.knownUnreleased);
  BOOST_TEST(verdict.why.find("the version live before the deploy is unknown") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(same_version_compares_spellings_of_one_commit_only) {
  BOOST_TEST(fd::sameVersion(kSha, "a1b2c3d"));
  BOOST_TEST(fd::sameVersion("A1B2C3D4", kSha));
  BOOST_TEST(fd::sameVersion("v41", "V41"));
  BOOST_TEST(!fd::sameVersion("a1b2c3", kSha));  // 6 digits: too short to be a commit
  BOOST_TEST(!fd::sameVersion("v41", "v4"));
  BOOST_TEST(!fd::sameVersion("", ""));
  BOOST_TEST(!fd::sameVersion("b1b2c3d", kSha));
}

BOOST_AUTO_TEST_SUITE_END()
