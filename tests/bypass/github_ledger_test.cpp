// Attempts on the ledger (docs/THREAT-MODEL.md, "CI, confirmation and the ledger"): deployments
// this action did not record and verify must not satisfy the promotion chain or name the
// previous version, and a job with `environment:` must not pass for two records.
#include <boost/test/unit_test.hpp>

#include "bypass/github_scene.hpp"

namespace fd::test {

namespace {

const std::string kOtherSha = "3333333333333333333333333333333333333333";
const std::string kOlderSha = "4444444444444444444444444444444444444444";

std::string chainRow(const std::string& receipt) {
  return linesWith(receipt, "| Promotion Chain |");
}

// prod's chain needs staging: replace the scene's verified staging deploy with `deployment`.
void onlyStaging(GithubScene& scene, GhDeployment deployment) {
  scene.github.update([&](GithubState& s) { s.deployments = {std::move(deployment)}; });
}

void expectChainRefused(const GithubScene& scene, const ChildRun& run) {
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(!scene.deployed(run), run.out);
  BOOST_TEST(
      contains(chainRow(scene.receipt()), "| FAIL | prod needs a successful staging deploy of " +
                                              scene.head.substr(0, 7) +
                                              " first; staging has no successful deploy recorded"),
      chainRow(scene.receipt()));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(github_ledger)

BOOST_AUTO_TEST_CASE(the_deployment_github_creates_for_an_environment_job_does_not_count) {
  GithubScene scene("prod");
  onlyStaging(
      scene, FakeGithub::environmentJobDeployment(100, scene.head, "staging", "900", 7, "success"));
  expectChainRefused(scene, scene.run());
}

BOOST_AUTO_TEST_CASE(a_deployment_another_workflow_minted_does_not_count) {
  GithubScene scene("prod");
  GhDeployment minted = FakeGithub::factoryDeployment(100, scene.head, "staging", "900", "success");
  minted.task = "deploy";  // a workflow with deployments: write, our payload copied
  minted.creator = "release-bot";
  onlyStaging(scene, minted);
  expectChainRefused(scene, scene.run());
}

// Many newer deployments that are not ours (every `environment: staging` job of every workflow
// makes one) must not push the verified one out of what the ledger reads: the ledger asks
// GitHub for this action's task only.
BOOST_AUTO_TEST_CASE(deployments_that_are_not_ours_never_hide_the_verified_one) {
  GithubScene scene("prod");
  scene.github.update([&](GithubState& s) {
    for (int i = 0; i < 40; ++i) {
      s.deployments.push_back(FakeGithub::environmentJobDeployment(
          2000 + i, kOtherSha, "staging", std::to_string(3000 + i), 7, "success"));
    }
  });
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(scene.deployed(run), run.out);
  BOOST_TEST(contains(chainRow(scene.receipt()), "| PASS |"), chainRow(scene.receipt()));
}

BOOST_AUTO_TEST_CASE(control_a_marked_deployment_that_never_succeeded_does_not_count) {
  GithubScene scene("prod");
  onlyStaging(scene, FakeGithub::factoryDeployment(100, scene.head, "staging", "900", "failure"));
  expectChainRefused(scene, scene.run());
}

BOOST_AUTO_TEST_CASE(the_previous_version_comes_only_from_verified_records) {
  GithubScene scene("staging");
  scene.github.update([&](GithubState& s) {
    s.deployments.push_back(
        FakeGithub::factoryDeployment(200, kOlderSha, "staging", "800", "success"));
    // newer, GitHub's own: what an `environment: staging` job of another workflow left
    s.deployments.push_back(
        FakeGithub::environmentJobDeployment(300, kOtherSha, "staging", "850", 9, "success"));
  });
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 0, run.all());
  const std::string outputs = scene.repo.readScratch("output");
  BOOST_TEST(contains(outputs, "\n" + kOlderSha + "\n"), linesWith(outputs, "4444"));
  BOOST_TEST(!contains(outputs, kOtherSha), outputs);
}

BOOST_AUTO_TEST_CASE(an_environment_job_leaves_one_marked_record_and_is_told_about_githubs) {
  GithubScene scene("staging");
  // GitHub's own deployment for this very job (`environment: staging` without deployment: false)
  scene.github.update([&](GithubState& s) {
    s.deployments.push_back(FakeGithub::environmentJobDeployment(400, scene.head, "staging", kRunId,
                                                                 kOwnJob, "in_progress"));
  });
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(scene.github.count("POST", "/repos/octo/shop/deployments") -
                 scene.github.count("POST", "/statuses") ==
             1u);
  const GhDeployment ours = scene.github.state().deployments.back();
  BOOST_TEST(ours.task == "deploy:factory");
  BOOST_TEST(contains(ours.payload, "\"run_id\":\"1000\""), ours.payload);
  BOOST_TEST(ours.statuses.back().state == "success");
  BOOST_TEST(contains(run.out,
                      "GitHub created deployment 400 for this job's `environment: "
                      "staging`, so this run leaves two deployments in the history"),
             linesWith(run.out, "GitHub created"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
