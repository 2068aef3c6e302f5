#include "scenario.hpp"

namespace fd::bench {

namespace {

constexpr std::int64_t kOwnJobId = 1;

test::GhDeployment succeeded(std::int64_t id, const std::string& sha, const std::string& env,
                             const std::string& at) {
  test::GhDeployment deployment;
  deployment.id = id;
  deployment.sha = sha;
  deployment.environment = env;
  deployment.productionEnvironment = env == "prod";
  // factory-deploy's mark: the ledger reads only its own deployments (github/deployment_mark).
  deployment.task = "deploy:factory";
  deployment.payload = R"({"factory_deploy":{"schema":1,"kind":"image","version":")" +
                       sha.substr(0, 7) +
                       R"(","run_id":"6000","run_attempt":"1","actor":"carol"}})";
  deployment.createdAt = at;
  deployment.statuses.push_back({id + 1, "success", "deployed", "", "", true, at});
  return deployment;
}

}  // namespace

void seedGithub(test::FakeGithub& github, const Scenario& scenario) {
  github.update([&scenario](test::GithubState& state) {
    state.token = scenario.token;
    // This job's own check run comes first; it is in progress (it is running the deploy).
    test::GhCheckRun own;
    own.id = kOwnJobId;
    own.name = "deploy";
    own.status = "in_progress";
    own.detailsUrl = "https://github.com/octo/shop/actions/runs/" + scenario.runId + "/job/1";
    state.checkRuns.push_back(own);
    for (int i = 2; i <= scenario.checkRuns; ++i) {
      test::GhCheckRun run;
      run.id = 1000 + i;
      run.name = "check-" + std::to_string(i);
      const bool pending = scenario.pendingPolls > 0 && i == scenario.checkRuns;
      if (pending) run.status = "in_progress";
      state.checkRuns.push_back(run);
    }
    state.statuses.push_back({"ci/legacy", "success", ""});
    state.jobs[scenario.runId + "/1"] = {{kOwnJobId, "deploy", "in_progress", "", "runner-1"}};
    state.approvals.push_back({"prod", "approved", "alice", "ship it"});
    state.compare[scenario.sha] = "identical";
    state.deployments.push_back(
        succeeded(501, scenario.previousSha, "prod", "2026-04-01T09:00:00Z"));
    state.deployments.push_back(succeeded(601, scenario.sha, "staging", "2026-04-03T20:00:00Z"));
  });
}

namespace {

std::string checkRunsPath(const std::string& sha) {
  return std::string("/repos/") + test::FakeGithub::kOwner + "/" + test::FakeGithub::kRepo +
         "/commits/" + sha + "/check-runs";
}

}  // namespace

std::vector<std::string> checkRunPages(const Scenario& scenario) {
  std::vector<std::string> shas{scenario.sha};
  if (!scenario.codeSha.empty() && scenario.codeSha != scenario.sha) {
    shas.push_back(scenario.codeSha);
  }
  std::vector<std::string> uris;
  for (const std::string& sha : shas) {
    for (int page = 1; page <= scenario.pages(); ++page) {
      uris.push_back(checkRunsPath(sha) + "?page=" + std::to_string(page) + "&per_page=100");
    }
  }
  return uris;
}

PendingCheck::PendingCheck(test::FakeGithub& github, const Scenario& scenario, PageCache& pages)
    : github_(github),
      pages_(pages),
      finishAfter_(scenario.pendingPolls * static_cast<int>(checkRunPages(scenario).size())) {}

void PendingCheck::operator()(const test::ServerRequest& request, int /*status*/) {
  if (request.method != "GET" || request.path().find("/check-runs") == std::string::npos) return;
  const int seen = ++listings_;
  if (finishAfter_ == 0 || seen != finishAfter_) return;
  github_.update([](test::GithubState& state) {
    for (test::GhCheckRun& run : state.checkRuns) {
      if (run.id != kOwnJobId && run.status != "completed") run.status = "completed";
    }
  });
  pages_.clear();
}

}  // namespace fd::bench
