// Two deploys to one environment at once (docs/THREAT-MODEL.md, "CI, confirmation and the
// ledger"): a second deploy must not start while another run's deploy is in progress, an older
// run must never retire a newer deployment, and a run must not claim to be live when the platform
// says another version is. GitHub mode against the fake GitHub; local mode with its lock file.
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include "bypass/github_scene.hpp"

namespace fd::test {

namespace {

const std::string kOtherSha = "3333333333333333333333333333333333333333";

std::string hostName() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) return "";
  return host;
}

// A pid that certainly does not run any more: a child that exited and was reaped.
long deadPid() {
  const pid_t child = fork();
  if (child == 0) _exit(0);
  int status = 0;
  waitpid(child, &status, 0);
  return child;
}

std::string lockFile(long pid, const std::string& sha) {
  return "{\"pid\":" + std::to_string(pid) + ",\"host\":\"" + hostName() +
         "\",\"environment\":\"staging\",\"sha\":\"" + sha +
         "\",\"started_at\":\"2026-04-03T21:00:00Z\"}\n";
}

// Refused at the deploy lock (exit 1, nothing deployed) for `reason`, annotated with `title`.
void expectBusy(const GithubScene& scene, const ChildRun& run, const std::string& title,
                const std::string& reason) {
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(!scene.deployed(run), run.out);
  BOOST_TEST(contains(scene.receipt(), "- **Failed step**: deploy lock"), scene.receipt());
  BOOST_TEST(contains(scene.receipt(), reason), linesWith(scene.receipt(), "Failure reason"));
  BOOST_TEST(contains(run.out, "::error title=" + title + "::" + reason.substr(0, 20)),
             linesWith(run.out, "::error"));
}

// Claims other runs closed as refused (`error`), all newer than the claim still deploying.
void refusedClaims(GithubState& s, std::int64_t firstId, int count, const std::string& createdAt) {
  for (int i = 0; i < count; ++i) {
    GhDeployment refused = FakeGithub::factoryDeployment(firstId + i, kOtherSha, "staging",
                                                         std::to_string(5000 + i), "error");
    refused.createdAt = createdAt;
    s.deployments.push_back(refused);
  }
}

void slowDeployOfRun999(GithubState& s) {
  s.deployments.push_back(
      FakeGithub::factoryDeployment(500, kOtherSha, "staging", "999", "in_progress", "bob"));
  GhWorkflowRun other;
  other.id = 999;
  other.status = "in_progress";
  other.headSha = kOtherSha;
  s.workflowRuns = {other};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(github_concurrency)

BOOST_AUTO_TEST_CASE(another_runs_deploy_in_progress_stops_this_one_before_the_deploy_command) {
  GithubScene scene("staging");
  scene.github.update(slowDeployOfRun999);
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(!scene.deployed(run), run.out);
  const std::string reason =
      "another deploy to staging is in progress: deployment 500 of 3333333 "
      "by run 999 (@bob), since 2026-04-03T20:00:00Z; nothing was deployed";
  BOOST_TEST(contains(scene.receipt(), "- **Failed step**: deploy lock"), scene.receipt());
  BOOST_TEST(contains(scene.receipt(), reason), linesWith(scene.receipt(), "Failure reason"));
  const GithubState state = scene.github.state();
  BOOST_TEST(state.deployments.back().statuses.back().state == "error");    // our claim, closed
  BOOST_TEST(state.deployments[1].statuses.back().state == "in_progress");  // theirs, untouched
}

BOOST_AUTO_TEST_CASE(refused_runs_never_push_an_older_deploy_in_progress_out_of_sight) {
  GithubScene scene("staging");
  scene.github.update([](GithubState& s) {
    slowDeployOfRun999(s);
    refusedClaims(s, 600, 120, "2026-04-03T20:30:00Z");  // more than one page of 100
  });
  expectBusy(scene, scene.run(), "Another deploy is in progress",
             "another deploy to staging is in progress: deployment 500 of 3333333 by run 999 "
             "(@bob), since 2026-04-03T20:00:00Z; nothing was deployed");
}

BOOST_AUTO_TEST_CASE(more_recent_claims_than_can_be_read_refuses_rather_than_guess) {
  GithubScene scene("staging");
  scene.github.update([](GithubState& s) { refusedClaims(s, 600, 320, "2026-04-03T20:30:00Z"); });
  expectBusy(scene, scene.run(), "Cannot tell whether another deploy is in progress",
             "cannot tell whether another deploy to staging is in progress: more than 300 "
             "deployments of staging were created within 5 days");
  BOOST_TEST(scene.github.state().deployments.back().statuses.back().state == "error");
}

BOOST_AUTO_TEST_CASE(a_busy_environment_on_hosted_runners_narrows_the_claim_window) {
  GithubScene scene("staging");
  // 320 settled claims from 11 hours before this run's: more than can be read within 5 days,
  // none within the 6 hours a GitHub-hosted job can run.
  scene.github.update([](GithubState& s) { refusedClaims(s, 600, 320, "2026-04-03T10:30:00Z"); });
  scene.extraEnv["INPUT_CLAIM-WINDOW"] = "6";
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(scene.github.count("GET", "/deployments/650/statuses") == 0u);
  // Inside the window, a claim still deploying blocks as ever.
  GithubScene busy("staging");
  busy.github.update([](GithubState& s) {
    refusedClaims(s, 100, 320, "2026-04-03T10:30:00Z");
    slowDeployOfRun999(s);  // newer than them, as GitHub numbers deployments
    s.deployments.back().createdAt = "2026-04-03T20:00:00Z";
  });
  busy.extraEnv["INPUT_CLAIM-WINDOW"] = "6";
  expectBusy(busy, busy.run(), "Another deploy is in progress",
             "another deploy to staging is in progress: deployment 500 of 3333333");
}

BOOST_AUTO_TEST_CASE(control_claims_older_than_any_job_can_run_are_not_read) {
  GithubScene scene("staging");
  // Five days and more before this run's claim (2026-04-03T21:30): their jobs have ended.
  scene.github.update([](GithubState& s) { refusedClaims(s, 600, 320, "2026-03-29T21:00:00Z"); });
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(scene.github.count("GET", "/deployments/650/statuses") == 0u);
}

// A job without `actions: read` cannot see whether the run behind an older claim still deploys:
// refused as "cannot tell", with the permission and the way to retire the claim named.
BOOST_AUTO_TEST_CASE(a_claim_whose_run_cannot_be_read_refuses_saying_it_cannot_tell) {
  GithubScene scene("staging");
  scene.github.update(slowDeployOfRun999);
  scene.github.script(
      "GET", "/actions/runs/999",
      ServerResponse{403, {}, R"({"message":"Resource not accessible by integration"})"});
  expectBusy(scene, scene.run(), "Cannot tell whether another deploy is in progress",
             "cannot tell whether another deploy to staging is in progress: deployment 500 claims "
             "it for run 999, whose state cannot be read (GET /repos/octo/shop/actions/runs/999: "
             "403 Forbidden");
  BOOST_TEST(contains(scene.receipt(),
                      "Give the job `actions: read`; if run 999 no longer "
                      "deploys, close it: `gh api "
                      "repos/octo/shop/deployments/500/statuses -f state=error "
                      "-f description='cleared by hand'`"),
             linesWith(scene.receipt(), "Failure reason"));
}

// create-deployment: false deploys with no claim: the receipt says so, not only the log.
BOOST_AUTO_TEST_CASE(a_deploy_without_a_claim_says_so_in_the_receipt) {
  GithubScene scene("staging");
  scene.extraEnv["INPUT_CREATE-DEPLOYMENT"] = "false";
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(scene.github.count("POST", "/deployments") == 0u);
  BOOST_TEST(contains(scene.receipt(),
                      "- **Deviation**: create-deployment: false: this deploy makes no claim on "
                      "staging, so other runs cannot see it; only a `concurrency:` group per "
                      "environment keeps two deploys apart"),
             scene.receipt());
}

BOOST_AUTO_TEST_CASE(a_list_that_predates_this_runs_own_claim_is_never_trusted) {
  GithubScene scene("staging");
  // GitHub's replicas: the claim is missing from the list, and again when it is read again.
  scene.github.update([](GithubState& s) { s.deploymentListLag = 2; });
  expectBusy(scene, scene.run(), "Cannot tell whether another deploy is in progress",
             "cannot tell whether another deploy to staging is in progress: GitHub does not list "
             "this run's own deployment 900001 among those of staging yet");
}

BOOST_AUTO_TEST_CASE(control_a_list_that_lags_once_is_read_again) {
  GithubScene scene("staging");
  scene.github.update([](GithubState& s) { s.deploymentListLag = 1; });
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 0, run.all());
}

BOOST_AUTO_TEST_CASE(control_an_unfinished_deployment_of_a_run_that_has_ended_does_not_block) {
  GithubScene scene("staging");
  scene.github.update([](GithubState& s) {
    s.deployments.push_back(
        FakeGithub::factoryDeployment(500, kOtherSha, "staging", "998", "in_progress"));
    GhWorkflowRun dead;
    dead.id = 998;
    dead.status = "completed";
    dead.conclusion = "cancelled";
    dead.headSha = kOtherSha;
    s.workflowRuns = {dead};
  });
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(contains(run.out, "deployment 500 of run 998 never finished (its run has ended)"),
             linesWith(run.out, "never finished"));
}

BOOST_AUTO_TEST_CASE(an_older_run_never_retires_a_newer_deployment) {
  GithubScene scene("prod");
  scene.github.update([](GithubState& s) {
    // B: a later deploy, verified and live; this run's deployment gets a lower id (900001).
    s.deployments.push_back(
        FakeGithub::factoryDeployment(2000000, kOtherSha, "prod", "1001", "success"));
  });
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 0, run.all());
  const GithubState state = scene.github.state();
  for (const GhDeployment& deployment : state.deployments) {
    if (deployment.id == 2000000) BOOST_TEST(deployment.statuses.back().state == "success");
  }
}

BOOST_AUTO_TEST_CASE(another_version_live_after_the_deploy_fails_without_a_rollback) {
  GithubScene scene("prod", "\"current_version_command\": \"echo " + kOtherSha + "\",");
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(contains(scene.receipt(), "- **Failed step**: live version"), scene.receipt());
  BOOST_TEST(contains(scene.receipt(), "current_version_command reports " + kOtherSha +
                                           " live on prod, not " + scene.head.substr(0, 7) +
                                           ": another deploy replaced this one while it ran"),
             linesWith(scene.receipt(), "Failure reason"));
  BOOST_TEST(!scene.repo.scratchExists("rolled-back"));  // rolling back would undo the other
  BOOST_TEST(contains(scene.receipt(), "- **Rollback performed**: NO"), scene.receipt());
  BOOST_TEST(scene.github.state().deployments.back().statuses.back().state == "failure");
}

BOOST_AUTO_TEST_CASE(control_the_platform_naming_this_commit_confirms_it_live) {
  GithubScene scene("staging", "\"current_version_command\": \"echo registry/shop:$DEPLOY_SHA\",");
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(contains(run.out, "live: staging runs registry/shop:" + scene.head + " (this deploy)"),
             linesWith(run.out, "live:"));
}

BOOST_AUTO_TEST_CASE(local_a_deploy_holding_the_lock_stops_a_second_one) {
  GithubScene scene("staging");
  scene.repo.seedLedger("alpha", scene.head);
  scene.repo.write(".factory/deploy-staging.lock", lockFile(getpid(), kOtherSha));
  const ChildRun run = scene.repo.run({"--environment", "staging"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(!scene.deployed(run), run.out);
  BOOST_TEST(
      contains(scene.receipt(), "another deploy to staging is in progress: " + scene.repo.root() +
                                    "/.factory/deploy-staging.lock is held by process " +
                                    std::to_string(getpid())),
      linesWith(scene.receipt(), "Failure reason"));
  BOOST_TEST(scene.repo.exists(".factory/deploy-staging.lock"));  // never taken from a live one
}

BOOST_AUTO_TEST_CASE(local_a_lock_left_by_a_dead_process_is_taken_over_and_released) {
  GithubScene scene("staging");
  scene.repo.seedLedger("alpha", scene.head);
  const long pid = deadPid();
  scene.repo.write(".factory/deploy-staging.lock", lockFile(pid, kOtherSha));
  const ChildRun run = scene.repo.run({"--environment", "staging"});
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(contains(run.all(), "left by process " + std::to_string(pid) +
                                     ", which no longer runs (a crashed deploy?); taking it over"),
             linesWith(run.all(), "left by"));
  BOOST_TEST(!scene.repo.exists(".factory/deploy-staging.lock"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
