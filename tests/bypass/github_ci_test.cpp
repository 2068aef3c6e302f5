// Attempts on the CI gate in GitHub mode (docs/THREAT-MODEL.md, "CI, confirmation and the
// ledger"), each through the binary against the fake GitHub: the gate must judge every other job
// and workflow, the code that ships, and a required check by its exact conclusion.
#include <boost/test/unit_test.hpp>

#include "bypass/github_scene.hpp"

namespace fd::test {

namespace {

// The receipt's CI Checks row, for messages and exact assertions.
std::string ciRow(const std::string& receipt) { return linesWith(receipt, "| CI Checks |"); }

void expectRefused(const GithubScene& scene, const ChildRun& run, const std::string& reason) {
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(!scene.deployed(run), run.out);
  BOOST_TEST(contains(scene.receipt(), "FAILED"), scene.receipt());
  BOOST_TEST(contains(ciRow(scene.receipt()), reason), ciRow(scene.receipt()));
  BOOST_TEST(contains(run.all(), reason), linesWith(run.all(), "CI"));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(github_ci)

BOOST_AUTO_TEST_CASE(control_green_ci_with_own_job_running_deploys) {
  GithubScene scene;
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(scene.deployed(run));
  BOOST_TEST(
      contains(ciRow(scene.receipt()), "1 passed; excluded (this job and its matrix legs): deploy"),
      ciRow(scene.receipt()));
}

BOOST_AUTO_TEST_CASE(a_parallel_test_job_of_this_run_still_running_is_waited_for) {
  GithubScene scene;
  scene.github.update([&](GithubState& s) {
    GhCheckRun test = GithubScene::ownCheckRun();
    test.id = 4;
    test.name = "test";
    test.detailsUrl = "https://github.com/octo/shop/actions/runs/1000/job/4";
    test.headSha = scene.head;
    s.checkRuns.push_back(test);
    s.jobs[kRunId + "/1"].push_back(GhJob{4, "test", "in_progress", "", "GitHub Actions 9"});
  });
  const ChildRun run = scene.run();
  expectRefused(scene, run, "1 passed, 1 pending: test (in_progress)");
  BOOST_TEST(contains(ciRow(scene.receipt()), "timed out after"), ciRow(scene.receipt()));
}

BOOST_AUTO_TEST_CASE(matrix_legs_of_this_job_are_left_out_but_nothing_else) {
  GithubScene scene;
  scene.github.update([&](GithubState& s) {
    s.checkRuns = {scene.check(11, "build")};
    const auto leg = [&](std::int64_t id, const std::string& name, const std::string& status) {
      GhCheckRun run = GithubScene::ownCheckRun();
      run.id = id;
      run.name = name;
      run.status = status;
      run.headSha = scene.head;
      run.detailsUrl = "https://github.com/octo/shop/actions/runs/1000/job/" + std::to_string(id);
      return run;
    };
    s.checkRuns.push_back(leg(kOwnJob, "deploy (eu)", "in_progress"));
    s.checkRuns.push_back(leg(5, "deploy (us)", "queued"));
    s.checkRuns.push_back(leg(6, "e2e", "queued"));
    s.jobs[kRunId + "/1"] = {GhJob{kOwnJob, "deploy (eu)", "in_progress", "", kRunner},
                             GhJob{5, "deploy (us)", "queued", "", ""},
                             GhJob{6, "e2e", "queued", "", ""}};
  });
  const ChildRun run = scene.run();
  expectRefused(scene, run,
                "1 passed, 1 pending: e2e (queued); excluded (this job and its matrix legs): "
                "deploy (eu), deploy (us)");
}

BOOST_AUTO_TEST_CASE(a_third_party_check_whose_url_points_into_the_run_is_judged) {
  GithubScene scene;
  scene.github.update([&](GithubState& s) {
    GhCheckRun forged = scene.check(44, "security-scan", "", "in_progress");
    forged.detailsUrl = "https://github.com/octo/shop/actions/runs/1000/job/44";
    forged.appSlug = "evil-ci";
    forged.appId = 666;
    s.checkRuns.push_back(forged);
  });
  const ChildRun run = scene.run();
  expectRefused(scene, run, "1 passed, 1 pending: security-scan (in_progress)");
}

BOOST_AUTO_TEST_CASE(a_newer_same_named_check_from_another_app_does_not_hide_a_failure) {
  GithubScene scene;
  scene.github.update([&](GithubState& s) {
    GhCheckRun failed = scene.check(20, "unit-tests", "failure");
    failed.startedAt = "2026-04-03T20:00:00Z";
    GhCheckRun decoy = scene.check(21, "unit-tests");
    decoy.startedAt = "2026-04-03T21:00:00Z";
    decoy.appSlug = "other-ci";
    decoy.appId = 777;
    s.checkRuns.push_back(failed);
    s.checkRuns.push_back(decoy);
  });
  const ChildRun run = scene.run();
  expectRefused(scene, run, "2 passed, 1 failed: unit-tests (failure)");  // build, other-ci
}

BOOST_AUTO_TEST_CASE(the_tested_commits_failure_fails_though_the_report_commit_is_green) {
  GithubScene scene;
  const std::string tested = scene.tested;
  const std::string head = scene.head;
  scene.github.update([&](GithubState& s) {
    s.checkRuns.clear();  // workflows with paths-ignore '**.md' did not run on the report commit
    GhCheckRun docs;
    docs.id = 30;
    docs.name = "docs-lint";
    docs.headSha = head;
    GhCheckRun unit;
    unit.id = 31;
    unit.name = "unit-tests";
    unit.conclusion = "failure";
    unit.headSha = tested;
    GhCheckRun own = GithubScene::ownCheckRun();
    own.headSha = head;
    s.checkRuns = {docs, unit, own};
  });
  const ChildRun run = scene.run();
  expectRefused(scene, run,
                "1 passed, 1 failed: unit-tests (failure on " + tested.substr(0, 7) + ")");
}

// The same with the QA report at the workflow's own path (input qa-report): the CI gate must walk
// back to the tested commit with the run's gate files, as the report gate does, not the defaults.
BOOST_AUTO_TEST_CASE(the_tested_commit_is_found_with_the_runs_own_report_paths) {
  GithubScene scene;
  const std::string tested = scene.tested;
  scene.repo.git("mv QA-REPORT.md qa-results.md");
  const std::string head = scene.repo.commit("the QA report where the workflow keeps it");
  scene.head = head;
  scene.extraEnv["INPUT_QA-REPORT"] = "qa-results.md";
  scene.github.update([&](GithubState& s) {
    s.deployments = {FakeGithub::factoryDeployment(100, head, "alpha", "900", "success")};
    GhCheckRun docs;
    docs.id = 30;
    docs.name = "docs-lint";
    docs.headSha = head;
    GhCheckRun unit;
    unit.id = 31;
    unit.name = "unit-tests";
    unit.conclusion = "failure";
    unit.headSha = tested;
    GhCheckRun own = GithubScene::ownCheckRun();
    own.headSha = head;
    s.checkRuns = {docs, unit, own};
  });
  const ChildRun run = scene.run();
  expectRefused(scene, run,
                "1 passed, 1 failed: unit-tests (failure on " + tested.substr(0, 7) + ")");
}

BOOST_AUTO_TEST_CASE(a_queued_workflow_run_with_no_check_runs_yet_is_pending) {
  GithubScene scene;
  scene.github.update([&](GithubState& s) {
    GhWorkflowRun ours;
    ours.id = 1000;
    ours.name = "Deploy";
    ours.status = "in_progress";
    ours.headSha = scene.head;
    GhWorkflowRun queued;
    queued.id = 1001;
    queued.name = "Tests";
    queued.status = "queued";  // behind a concurrency group: no check runs yet
    queued.headSha = scene.head;
    s.workflowRuns = {ours, queued};
  });
  const ChildRun run = scene.run();
  expectRefused(scene, run, "1 passed, 1 pending: workflow: Tests (queued)");
}

BOOST_AUTO_TEST_CASE(a_check_suite_an_app_has_not_started_is_pending) {
  GithubScene scene;
  scene.github.update([&](GithubState& s) {
    GhCheckSuite suite;
    suite.id = 5001;
    suite.headSha = scene.head;
    suite.appSlug = "super-ci";
    suite.status = "queued";
    s.checkSuites = {suite};
  });
  const ChildRun run = scene.run();
  expectRefused(scene, run, "1 passed, 1 pending: check suite: super-ci (queued)");
}

BOOST_AUTO_TEST_CASE(a_skipped_required_check_fails) {
  GithubScene scene;
  scene.github.update(
      [&](GithubState& s) { s.checkRuns.push_back(scene.check(40, "e2e", "skipped")); });
  scene.extraEnv["INPUT_REQUIRED-CHECKS"] = "e2e";
  const ChildRun run = scene.run();
  expectRefused(scene, run,
                "1 passed, 1 failed: e2e (skipped; a required check must conclude success)");
}

// A pull request: `feature` (a code commit, then reports about it) off main, and the merge
// commit GitHub makes, checked out as actions/checkout does on pull_request events.
struct PullRequest {
  explicit PullRequest(GithubScene& scene, bool baseMovesOn) {
    DeployRepo& repo = scene.repo;
    repo.git("checkout -q -b feature");
    repo.write("app/feature.txt", "a feature\n");
    repo.commit("feature");
    repo.commitReports();
    head = repo.head();
    repo.git("checkout -q main");
    if (baseMovesOn) {
      repo.write("app/payments.txt", "a newer base, never tested with the feature\n");
      repo.commit("payments");
    }
    repo.git("merge -q --no-ff -m merge feature");
    merge = repo.head();
    open(scene, head, merge, head);
  }
  // The event names `head`; HEAD is `merge`, as checked out; the checks ran on `head`; alpha
  // deployed `alphaDeployed`.
  static void open(GithubScene& scene, const std::string& head, const std::string& merge,
                   const std::string& alphaDeployed) {
    scene.repo.write("../scratch/event.json",
                     "{\"pull_request\":{\"number\":7,\"head\":{\"sha\":\"" + head + "\"}}}");
    scene.head = merge;
    scene.eventName = "pull_request";
    scene.extraEnv["GITHUB_EVENT_PATH"] = scene.repo.scratch("event.json");
    scene.github.update([&](GithubState& s) {
      s.checkRuns.clear();
      for (GhCheckRun run : {scene.check(11, "build"), GithubScene::ownCheckRun()}) {
        run.headSha = head;  // checks of pull_request runs live on the PR head
        s.checkRuns.push_back(run);
      }
      s.deployments = {
          FakeGithub::factoryDeployment(100, alphaDeployed, "alpha", "900", "success")};
    });
  }
  std::string head;
  std::string merge;
};

BOOST_AUTO_TEST_CASE(pull_request_deploys_the_merge_commit_and_finds_checks_on_the_head) {
  GithubScene scene;
  const PullRequest pr(scene, false);
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(contains(run.out, "deploying " + pr.merge), run.out);
  const std::string outputs = scene.repo.readScratch("output");
  BOOST_TEST(contains(outputs, "version<<"), outputs);
  BOOST_TEST(contains(outputs, "\n" + pr.merge + "\n"), outputs);
  BOOST_TEST(scene.github.state().deployments.back().sha == pr.merge);
  BOOST_TEST(contains(ciRow(scene.receipt()), "| PASS | 1 passed"), ciRow(scene.receipt()));
  const std::string promotion = linesWith(scene.receipt(), "| Promotion Chain |");
  BOOST_TEST(contains(promotion, "alpha deployed " + pr.head.substr(0, 7) +
                                     " successfully at 2026-04-03T20:05:00Z (same content: "
                                     "nothing changed since)"),
             promotion);
  // The receipt names the commit that shipped, never the PR head.
  const std::string receipt = scene.receipt();
  BOOST_TEST(contains(receipt, "- **Commit**: " + pr.merge), linesWith(receipt, "Commit"));
  BOOST_TEST(!contains(receipt, "- **Commit**: " + pr.head), linesWith(receipt, "Commit"));
}

BOOST_AUTO_TEST_CASE(pull_request_whose_merge_brings_untested_base_code_is_refused) {
  GithubScene scene;
  const PullRequest pr(scene, true);
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(!contains(run.out, "deploying " + pr.merge), run.out);
  BOOST_TEST(!contains(run.out, "deploying " + pr.head), run.out);
  const std::string qa = linesWith(scene.receipt(), "| QA Report |");
  BOOST_TEST(contains(qa, "| STALE |"), qa);
  BOOST_TEST(contains(qa, "app/payments.txt"), qa);
}

// The reports name T, a merge of the feature with the newer base on main, so the QA and Security
// gates pass for GitHub's merge commit; the checks ran on the PR head, which lacks the base's
// payments code. They must not stand in for the merge commit's code.
BOOST_AUTO_TEST_CASE(pull_request_checks_of_a_head_without_the_base_code_never_pass_ci) {
  GithubScene scene;
  DeployRepo& repo = scene.repo;
  repo.git("checkout -q -b feature");
  repo.write("app/feature.txt", "a feature\n");
  repo.commit("feature");
  repo.git("checkout -q main");
  repo.write("app/payments.txt", "a newer base, never checked with the feature\n");
  repo.commit("payments");
  repo.git("merge -q --no-ff -m tested-together feature");
  const std::string tested = repo.head();
  repo.git("checkout -q feature");
  repo.commitReports("PASS", "CLEAR", tested.substr(0, 7));
  const std::string head = repo.head();
  repo.git("checkout -q main");
  repo.git("merge -q --no-ff -m merge feature");
  const std::string merge = repo.head();
  PullRequest::open(scene, head, merge, merge);
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(!scene.deployed(run), run.out);
  BOOST_TEST(contains(linesWith(scene.receipt(), "| QA Report |"), "| PASS |"), scene.receipt());
  BOOST_TEST(contains(ciRow(scene.receipt()),
                      "| FAIL | pull_request: the checked-out merge commit " + merge.substr(0, 7) +
                          " is not the code the checks ran on (PR head " + head.substr(0, 7) +
                          "): tested " + head.substr(0, 7) +
                          ", but 1 file changed before the deployed commit " + merge.substr(0, 7) +
                          ": app/payments.txt"),
             ciRow(scene.receipt()));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
