#include <boost/test/unit_test.hpp>

#include "github/ci_gate.hpp"
#include "harness.hpp"
#include "support/fake_git.hpp"

using namespace fd;
using namespace fd::test;

namespace {

constexpr std::int64_t kNowEpoch = 1775251800;

GateResult runGate(Harness& h) {
  github::GithubCiGate gate(h.context, h.inputs, h.client(), h.clock, h.log);
  return gate.check(h.deployContext());
}

bool has(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ci_gate)

BOOST_AUTO_TEST_CASE(thousand_check_runs_cost_one_request_per_page_and_304s_when_unchanged) {
  Harness h;
  h.fake.update([](GithubState& s) {
    for (int i = 1; i <= 1000; ++i)
      s.checkRuns.push_back(externalCheck(i, "check-" + std::to_string(i)));
    s.checkRuns[549].status = "in_progress";  // on page 6
    s.statuses.push_back(GhStatus{"ci/legacy", "success", ""});
  });
  h.clock.onSleep = [&](int sleep) {
    if (sleep == 3) h.fake.update([](GithubState& s) { s.checkRuns[549].status = "completed"; });
  };
  const GateResult result = runGate(h);
  BOOST_TEST(result.passed, result.row.notes);
  BOOST_TEST(result.row.gate == "CI Checks");
  BOOST_TEST(result.row.status == "PASS");
  BOOST_TEST(result.row.notes == "1001 passed");
  BOOST_TEST(h.clock.sleepCount == 3);
  // 4 polls × 10 pages: exactly one request per page per poll.
  BOOST_TEST(h.fake.count("GET", "/check-runs") == 40u);
  // Polls 2 and 3 changed nothing (20 × 304); poll 4 changed page 6 only (9 × 304).
  BOOST_TEST(h.fake.countStatus("/check-runs", 304) == 29u);
  BOOST_TEST(h.fake.countStatus("/status", 304) == 3u);
  for (const auto& request : h.fake.requests()) {
    if (has(request.uri, "/check-runs") && !has(request.uri, "page="))
      BOOST_TEST(has(request.uri, "per_page=100"));
  }
}

BOOST_AUTO_TEST_CASE(rerun_old_failure_new_success_passes) {
  Harness h;
  h.fake.update([](GithubState& s) {
    GhCheckRun old = externalCheck(1, "test", "failure");
    old.startedAt = "2026-04-03T20:00:00Z";
    GhCheckRun rerun = externalCheck(2, "test", "success");
    rerun.startedAt = "2026-04-03T21:00:00Z";
    s.checkRuns = {rerun, old};
  });
  const GateResult result = runGate(h);
  BOOST_TEST(result.passed, result.row.notes);
  BOOST_TEST(result.row.notes == "1 passed");
}

BOOST_AUTO_TEST_CASE(own_job_in_progress_is_excluded_by_run_id) {
  Harness h;
  h.fake.update([](GithubState& s) {
    s.checkRuns = {externalCheck(1, "build"), actionsJob(2, "test", kRunId),
                   actionsJob(3, "deploy", kRunId, "in_progress", "")};
    s.jobs[kRunId + "/1"] = {GhJob{2, "test", "completed", "success", "r1"},
                             GhJob{3, "deploy", "in_progress", "", "r2"}};
  });
  h.context.runnerName = "r2";
  const GateResult result = runGate(h);
  BOOST_TEST(result.passed, result.row.notes);
  BOOST_TEST(result.row.notes == "2 passed; excluded (this job and its matrix legs): deploy");
  BOOST_TEST(h.clock.sleepCount == 0);
}

BOOST_AUTO_TEST_CASE(a_parallel_job_of_this_run_is_waited_for_and_its_failure_fails) {
  Harness h;
  h.fake.update([](GithubState& s) {
    s.checkRuns = {externalCheck(1, "build"), actionsJob(2, "test", kRunId, "in_progress", ""),
                   actionsJob(3, "deploy", kRunId, "in_progress", "")};
    s.jobs[kRunId + "/1"] = {GhJob{2, "test", "in_progress", "", "r1"},
                             GhJob{3, "deploy", "in_progress", "", "r2"}};
  });
  h.context.runnerName = "r2";
  h.clock.onSleep = [&](int sleep) {
    if (sleep == 2) {
      h.fake.update([](GithubState& s) {
        s.checkRuns[1].status = "completed";
        s.checkRuns[1].conclusion = "failure";
      });
    }
  };
  const GateResult result = runGate(h);
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.notes ==
             "1 passed, 1 failed: test (failure); excluded (this job and its matrix legs): deploy");
  BOOST_TEST(h.clock.sleepCount == 2);
}

BOOST_AUTO_TEST_CASE(a_third_party_check_pointing_into_this_run_is_judged) {
  Harness h;
  h.inputs.ciTimeoutS = 20;
  h.fake.update([](GithubState& s) {
    GhCheckRun forged = actionsJob(9, "deploy", kRunId, "in_progress", "");
    forged.appSlug = "evil-ci";
    forged.appId = 666;
    s.checkRuns = {externalCheck(1, "build"), forged};
  });
  h.fake.script("GET", "/jobs",
                ServerResponse{403, {}, R"({"message":"Resource not accessible by integration"})"});
  const GateResult result = runGate(h);
  BOOST_TEST(!result.passed);
  BOOST_TEST(
      has(result.row.notes, "timed out after 20s: 1 passed, 1 pending: deploy (in_progress)"),
      result.row.notes);
}

BOOST_AUTO_TEST_CASE(own_job_of_an_earlier_attempt_does_not_fail_a_rerun) {
  Harness h;
  h.context.runAttempt = "2";
  h.fake.update([](GithubState& s) {
    GhCheckRun firstAttempt = actionsJob(2, "deploy", kRunId, "completed", "failure");
    firstAttempt.startedAt = "2026-04-03T20:00:00Z";
    GhCheckRun thisAttempt = actionsJob(5, "deploy", kRunId, "in_progress", "");
    thisAttempt.startedAt = "2026-04-03T21:29:00Z";
    s.checkRuns = {externalCheck(1, "build"), firstAttempt, thisAttempt};
  });
  const GateResult result = runGate(h);
  BOOST_TEST(result.passed, result.row.notes);
}

BOOST_AUTO_TEST_CASE(renamed_matrix_jobs_are_recognised_by_job_id) {
  Harness h;
  h.fake.update([](GithubState& s) {
    // Matrix jobs with a custom `name:`; their details_url does not name the run (older GHES).
    GhCheckRun eu = externalCheck(11, "Ship to prod (eu)", "", "in_progress");
    GhCheckRun us = externalCheck(12, "Ship to prod (us)", "", "in_progress");
    eu.detailsUrl = "https://github.com/octo/shop/runs/11";
    us.detailsUrl = "https://github.com/octo/shop/runs/12";
    s.checkRuns = {externalCheck(1, "unit tests"), eu, us, externalCheck(13, "lint")};
    s.jobs[kRunId + "/1"] = {GhJob{11, "Ship to prod (eu)", "in_progress", "", "GitHub Actions 7"},
                             GhJob{12, "Ship to prod (us)", "in_progress", "", "GitHub Actions 8"}};
  });
  h.context.runnerName = "GitHub Actions 7";
  const GateResult result = runGate(h);
  BOOST_TEST(result.passed, result.row.notes);
  BOOST_TEST(has(result.row.notes,
                 "excluded (this job and its matrix legs): Ship to prod (eu), Ship to prod (us)"));
  BOOST_TEST(h.fake.count("GET", "/actions/runs/1000/attempts/1/jobs") == 1u);
}

BOOST_AUTO_TEST_CASE(without_actions_read_only_jobs_named_like_the_job_key_are_left_out) {
  Harness h;
  h.inputs.ciTimeoutS = 20;
  h.fake.script("GET", "/jobs",
                ServerResponse{403, {}, R"({"message":"Resource not accessible by integration"})"});
  h.fake.update([](GithubState& s) {
    s.checkRuns = {externalCheck(1, "unit tests"),
                   actionsJob(11, "deploy (eu, 1)", kRunId, "in_progress", ""),
                   actionsJob(12, "deploy (us, 2)", kRunId, "queued", ""),
                   actionsJob(13, "Ship renamed", kRunId, "in_progress", "")};
  });
  const GateResult result = runGate(h);
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.notes ==
             "timed out after 20s: 1 passed, 1 pending: Ship renamed (in_progress); excluded (this "
             "job and its matrix legs): deploy (eu, 1), deploy (us, 2)");
  BOOST_TEST(h.log.contains("grant `actions: read`"));
}

BOOST_AUTO_TEST_CASE(a_queued_workflow_run_without_check_runs_is_pending) {
  Harness h;
  h.fake.update([](GithubState& s) {
    s.checkRuns = {externalCheck(1, "lint")};
    GhWorkflowRun ours;
    ours.id = std::stoll(kRunId);
    ours.name = "Deploy";
    ours.status = "in_progress";
    GhWorkflowRun tests;
    tests.id = 2001;
    tests.name = "Tests";
    tests.status = "queued";
    s.workflowRuns = {ours, tests};
    GhCheckSuite ownSuite;  // this run's own suite: never waited for
    ownSuite.id = 8000 + std::stoll(kRunId) % 997;
    ownSuite.appSlug = "github-actions";
    ownSuite.status = "in_progress";
    GhCheckSuite idle;  // an app that has not started
    idle.id = 5001;
    s.checkSuites = {ownSuite, idle};
  });
  h.clock.onSleep = [&](int sleep) {
    if (sleep != 1) return;
    h.fake.update([](GithubState& s) {
      s.workflowRuns[1].status = "completed";
      s.workflowRuns[1].conclusion = "failure";
      GhCheckRun unit = externalCheck(7, "unit-tests", "failure");
      s.checkRuns.push_back(unit);
      s.checkSuites[1].status = "completed";
    });
  };
  const GateResult result = runGate(h);
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.notes == "1 passed, 1 failed: unit-tests (failure)");
  BOOST_TEST(h.clock.sleepCount == 1);
  BOOST_TEST(h.log.contains(
      "1 passed, 2 pending: workflow: Tests (queued), check suite: super-ci (queued)"));
}

BOOST_AUTO_TEST_CASE(another_runs_pending_job_is_waited_for) {
  Harness h;
  h.inputs.ciTimeoutS = 30;
  h.fake.update([](GithubState& s) {
    s.checkRuns = {externalCheck(1, "build"), actionsJob(2, "test", "999", "in_progress", "")};
  });
  const GateResult result = runGate(h);
  BOOST_TEST(!result.passed);
  BOOST_TEST(has(result.row.notes, "timed out after 30s: 1 passed, 1 pending: test (in_progress)"),
             result.row.notes);
}

BOOST_AUTO_TEST_CASE(check_appearing_after_two_polls_is_waited_for) {
  Harness h;
  h.inputs.requiredChecks = {"e2e"};
  h.fake.update([](GithubState& s) { s.checkRuns = {externalCheck(1, "build")}; });
  h.clock.onSleep = [&](int sleep) {
    if (sleep == 2)
      h.fake.update([](GithubState& s) { s.checkRuns.push_back(externalCheck(2, "e2e")); });
  };
  const GateResult result = runGate(h);
  BOOST_TEST(result.passed, result.row.notes);
  BOOST_TEST(h.clock.sleepCount == 2);
  BOOST_TEST(result.row.notes == "2 passed");
}

BOOST_AUTO_TEST_CASE(missing_required_check_is_waited_for_then_fails) {
  Harness h;
  h.inputs.requiredChecks = {"e2e"};
  h.inputs.ciTimeoutS = 60;
  h.fake.update([](GithubState& s) { s.checkRuns = {externalCheck(1, "build")}; });
  const GateResult result = runGate(h);
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.status == "FAIL");
  BOOST_TEST(result.row.notes == "timed out after 60s: 1 passed; missing: e2e");
  BOOST_TEST(h.clock.sleepCount == 6);
}

BOOST_AUTO_TEST_CASE(zero_checks_fails_after_the_wait) {
  Harness h;
  h.inputs.ciTimeoutS = 60;
  const GateResult result = runGate(h);
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.notes == "timed out after 60s: no checks or statuses found on 1111111");
  BOOST_TEST(h.clock.sleepCount == 6);
  BOOST_TEST(has(result.rerun, "make sure CI runs"));
}

BOOST_AUTO_TEST_CASE(statuses_only) {
  Harness h;
  h.fake.update([](GithubState& s) {
    s.statuses = {GhStatus{"ci/jenkins", "success", ""}, GhStatus{"security/snyk", "success", ""}};
  });
  const GateResult result = runGate(h);
  BOOST_TEST(result.passed, result.row.notes);
  BOOST_TEST(result.row.notes == "2 passed");

  Harness failing;
  failing.fake.update([](GithubState& s) { s.statuses = {GhStatus{"ci/jenkins", "error", ""}}; });
  const GateResult failed = runGate(failing);
  BOOST_TEST(!failed.passed);
  BOOST_TEST(failed.row.notes == "0 passed, 1 failed: ci/jenkins (error)");
}

BOOST_AUTO_TEST_CASE(pending_combined_state_with_zero_statuses_is_not_waited_for) {
  Harness h;
  h.fake.update([](GithubState& s) { s.checkRuns = {externalCheck(1, "build")}; });
  const GateResult result = runGate(h);
  BOOST_TEST(result.passed, result.row.notes);
  BOOST_TEST(h.clock.sleepCount == 0);
}

BOOST_AUTO_TEST_CASE(pending_status_is_waited_for) {
  Harness h;
  h.fake.update([](GithubState& s) { s.statuses = {GhStatus{"ci/jenkins", "pending", ""}}; });
  h.clock.onSleep = [&](int) {
    h.fake.update([](GithubState& s) { s.statuses[0].state = "success"; });
  };
  const GateResult result = runGate(h);
  BOOST_TEST(result.passed, result.row.notes);
  BOOST_TEST(h.clock.sleepCount == 1);
}

BOOST_AUTO_TEST_CASE(neutral_and_skipped_pass) {
  Harness h;
  h.fake.update([](GithubState& s) {
    s.checkRuns = {externalCheck(1, "build"), externalCheck(2, "docs", "neutral"),
                   externalCheck(3, "deploy-preview", "skipped")};
  });
  const GateResult result = runGate(h);
  BOOST_TEST(result.passed, result.row.notes);
  BOOST_TEST(result.row.notes == "3 passed");
}

BOOST_AUTO_TEST_CASE(cancelled_timed_out_action_required_fail_fast) {
  for (const char* conclusion : {"cancelled", "timed_out", "action_required", "failure"}) {
    Harness h;
    h.fake.update([&](GithubState& s) {
      s.checkRuns = {externalCheck(1, "build"), externalCheck(2, "slow", "", "in_progress"),
                     externalCheck(3, "lint", conclusion)};
    });
    const GateResult result = runGate(h);
    BOOST_TEST(!result.passed, conclusion);
    BOOST_TEST(h.clock.sleepCount == 0, conclusion);  // does not wait for "slow"
    BOOST_TEST(result.row.notes == "1 passed, 1 failed: lint (" + std::string(conclusion) +
                                       "), 1 pending: slow (in_progress)");
    BOOST_TEST(has(result.rerun, "1111111"));
  }
}

BOOST_AUTO_TEST_CASE(ignore_checks_by_name_and_regex) {
  Harness h;
  h.inputs.ignoreChecks = {"codecov/patch", "/^preview/"};
  h.fake.update([](GithubState& s) {
    s.checkRuns = {externalCheck(1, "build"), externalCheck(2, "preview-app", "failure")};
    s.statuses = {GhStatus{"codecov/patch", "failure", ""}};
  });
  const GateResult result = runGate(h);
  BOOST_TEST(result.passed, result.row.notes);
  BOOST_TEST(result.row.notes == "1 passed; ignored: preview-app, codecov/patch");
}

BOOST_AUTO_TEST_CASE(invalid_ignore_regex_fails_the_gate_naming_the_input) {
  Harness h;
  h.inputs.ignoreChecks = {"/(unclosed/"};
  const GateResult result = runGate(h);
  BOOST_TEST(!result.passed);
  BOOST_TEST(has(result.row.notes, "ignore-checks: /(unclosed/"));
  BOOST_TEST(h.fake.requests().empty());
}

BOOST_AUTO_TEST_CASE(without_actions_read_a_queued_run_still_shows_through_its_check_suite) {
  Harness h;
  h.inputs.ciTimeoutS = 20;
  const ServerResponse forbidden{
      403, {}, R"({"message":"Resource not accessible by integration"})"};
  for (int i = 0; i < 4; ++i) h.fake.script("GET", "/actions/runs", forbidden);  // jobs, runs ×3
  h.fake.update([](GithubState& s) {
    s.checkRuns = {externalCheck(1, "lint")};
    GhCheckSuite queued;
    queued.id = 5002;
    queued.appSlug = "github-actions";
    queued.appId = 15368;
    s.checkSuites = {queued};
  });
  const GateResult result = runGate(h);
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.notes ==
             "timed out after 20s: 1 passed, 1 pending: check suite: github-actions (queued)");
  BOOST_TEST(h.log.contains("workflow runs are not readable"));
}

BOOST_AUTO_TEST_CASE(pull_request_head_checks_stand_for_a_merge_commit_with_the_same_code) {
  Harness h;
  FakeGitRepository git;
  const std::string base(40, '3');
  git.headSha = kSha;  // GitHub's merge commit, checked out
  git.commits = {kPrHead, base};
  git.parentsOf[kSha] = {base, kPrHead};
  git.ancestry = {{kPrHead, kSha}, {base, kSha}};
  git.changes[{kPrHead, kSha}] = {};                // the base brought no code
  git.changes[{base, kSha}] = {"src/feature.cpp"};  // the PR did
  h.git = &git;
  h.context.eventName = "pull_request";
  h.context.prHeadSha = kPrHead;
  h.fake.update([](GithubState& s) {
    GhCheckRun onHead = externalCheck(1, "build");
    onHead.headSha = kPrHead;
    s.checkRuns = {onHead};
  });
  const GateResult result = runGate(h);
  BOOST_TEST(result.passed, result.row.notes);
  BOOST_TEST(h.fake.count("GET", "/commits/" + kPrHead + "/check-runs") == 1u);
  BOOST_TEST(h.fake.count("GET", "/commits/" + kSha + "/check-runs") == 1u);
  BOOST_TEST(h.fake.count("GET", "/commits/" + base + "/check-runs") == 0u);
}

BOOST_AUTO_TEST_CASE(pull_request_merge_commit_with_newer_base_code_is_refused) {
  Harness h;
  FakeGitRepository git;
  git.headSha = kSha;
  git.commits = {kPrHead};
  git.parentsOf[kSha] = {std::string(40, '3'), kPrHead};
  git.ancestry = {{kPrHead, kSha}};
  git.changes[{kPrHead, kSha}] = {"src/payments.cpp"};
  h.git = &git;
  h.context.eventName = "pull_request";
  h.context.prHeadSha = kPrHead;
  h.fake.update([](GithubState& s) { s.checkRuns = {externalCheck(1, "build")}; });
  const GateResult result = runGate(h);
  BOOST_TEST(!result.passed);
  BOOST_TEST(has(result.row.notes,
                 "pull_request: the checked-out merge commit 1111111 is not the "
                 "code the checks ran on (PR head 2222222): tested 2222222, but "
                 "1 file changed before the deployed commit 1111111: "
                 "src/payments.cpp"),
             result.row.notes);
  BOOST_TEST(h.fake.requests().empty());
}

BOOST_AUTO_TEST_CASE(a_failure_on_the_tested_commit_with_the_same_code_fails) {
  Harness h;
  FakeGitRepository git;
  const std::string tested(40, '4');
  const std::string older(40, '5');
  git.headSha = kSha;  // the report commit
  git.commits = {tested, older};
  git.parentsOf[kSha] = {tested};
  git.parentsOf[tested] = {older};
  git.ancestry = {{tested, kSha}, {older, kSha}};
  git.changes[{tested, kSha}] = {"QA-REPORT.md", "SECURITY.md"};
  git.changes[{older, kSha}] = {"src/app.cpp"};
  h.git = &git;
  h.fake.update([&](GithubState& s) {
    GhCheckRun docs = externalCheck(1, "docs");
    docs.headSha = kSha;
    GhCheckRun unit = externalCheck(2, "unit-tests", "failure");
    unit.headSha = tested;
    s.checkRuns = {docs, unit};
  });
  const GateResult result = runGate(h);
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.notes == "1 passed, 1 failed: unit-tests (failure on 4444444)");
  BOOST_TEST(h.fake.count("GET", "/commits/" + older + "/check-runs") == 0u);
  h.inputs.reportCommitPolicy = ReportPolicy::Exact;  // exact: the deployed commit alone
  BOOST_TEST(runGate(h).passed);
}

BOOST_AUTO_TEST_CASE(rate_limited_with_reset_in_5s_waits_and_passes) {
  Harness h;
  h.fake.update([](GithubState& s) { s.checkRuns = {externalCheck(1, "build")}; });
  h.fake.script("GET", "/check-runs", FakeGithub::primaryRateLimit(kNowEpoch + 5));
  const GateResult result = runGate(h);
  BOOST_TEST(result.passed, result.row.notes);
  BOOST_REQUIRE(h.clock.sleeps.size() == 1u);
  BOOST_TEST(h.clock.sleeps[0].count() == 6000);
}

BOOST_AUTO_TEST_CASE(rate_limited_with_reset_in_2h_fails_with_the_time) {
  Harness h;
  h.fake.update([](GithubState& s) { s.checkRuns = {externalCheck(1, "build")}; });
  h.fake.script("GET", "/check-runs", FakeGithub::primaryRateLimit(kNowEpoch + 7200));
  const GateResult result = runGate(h);
  BOOST_TEST(!result.passed);
  BOOST_TEST(has(result.row.notes, "rate limit"), result.row.notes);
  BOOST_TEST(has(result.row.notes, "it resets at 2026-04-03T23:30:00Z"), result.row.notes);
  BOOST_TEST(has(result.row.notes, "does not fit the time left (15m)"), result.row.notes);
  BOOST_TEST(h.clock.sleeps.empty());
}

BOOST_AUTO_TEST_CASE(secondary_limit_with_retry_after_waits_and_passes) {
  Harness h;
  h.fake.update([](GithubState& s) { s.checkRuns = {externalCheck(1, "build")}; });
  h.fake.script("GET", "/status", FakeGithub::secondaryRateLimit(45));
  const GateResult result = runGate(h);
  BOOST_TEST(result.passed, result.row.notes);
  BOOST_REQUIRE(h.clock.sleeps.size() == 1u);
  BOOST_TEST(h.clock.sleeps[0].count() == 45000);
}

BOOST_AUTO_TEST_CASE(bad_gateway_then_ok_passes) {
  Harness h;
  h.fake.update([](GithubState& s) { s.checkRuns = {externalCheck(1, "build")}; });
  h.fake.script("GET", "/check-runs", FakeGithub::badGateway());
  const GateResult result = runGate(h);
  BOOST_TEST(result.passed, result.row.notes);
  BOOST_TEST(h.fake.count("GET", "/check-runs") == 2u);
}

BOOST_AUTO_TEST_CASE(malformed_json_on_every_attempt_fails_with_a_clear_message) {
  Harness h;
  for (int i = 0; i < 5; ++i) h.fake.script("GET", "/check-runs", FakeGithub::malformedJson());
  const GateResult result = runGate(h);
  BOOST_TEST(!result.passed);
  BOOST_TEST(h.fake.count("GET", "/check-runs") == 5u);
  BOOST_TEST(has(result.row.notes, "/check-runs: 200 OK with malformed JSON"), result.row.notes);
}

BOOST_AUTO_TEST_CASE(ghes_base_url_with_api_v3) {
  Harness h("/api/v3");
  h.fake.update([](GithubState& s) {
    for (int i = 1; i <= 120; ++i) s.checkRuns.push_back(externalCheck(i, "c" + std::to_string(i)));
  });
  const GateResult result = runGate(h);
  BOOST_TEST(result.passed, result.row.notes);
  BOOST_TEST(result.row.notes == "120 passed");
  BOOST_TEST(h.fake.count("GET", "/api/v3/repos/octo/shop/commits/" + kSha + "/check-runs") == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
