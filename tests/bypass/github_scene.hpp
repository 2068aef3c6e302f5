// A GitHub-mode deploy set up to pass, for bypass attempts that change one thing: a real
// repository (code commit, then a commit adding QA and security reports about it), a healthy app
// on loopback, and the fake GitHub holding green CI, this job's own check run and job, and the
// earlier environment's verified deploy of the commit. `run` starts build/factory-deploy as the
// runner would start the container action.
#pragma once

#include <cstdlib>
#include <map>
#include <string>

#include "support/action_env.hpp"
#include "support/deploy_repo.hpp"
#include "support/fake_github.hpp"
#include "support/loopback_server.hpp"

namespace fd::test {

inline const std::string kBypassToken = "ghs_bypassToken0123456789";
inline const std::string kRunId = "1000";
inline const std::string kRunner = "GitHub Actions 2";
inline constexpr std::int64_t kOwnJob = 3;

// Served bodies go to their own directory, validated by the github_openapi_bypass test.
inline bool bypassFixtures() {
  ::setenv("FD_GITHUB_FIXTURES", FD_BINARY_DIR "/github-fixtures-bypass", 1);
  return true;
}

class GithubScene {
 public:
  // `target`: staging or prod. `extraManifest`: more top-level manifest members, each ending in
  // a comma (ManifestSpec::extra).
  explicit GithubScene(std::string target = "staging", const std::string& extraManifest = "")
      : app_([](const ServerRequest&) {
          return ServerResponse{200, {}, "{\"ok\":true}"};
        }),
        target_(std::move(target)) {
    ManifestSpec spec(app_.url());
    spec.extra = extraManifest;
    repo.init(spec);
    head = repo.head();
    tested = repo.git("rev-parse HEAD~1").substr(0, 40);
    github.update([this](GithubState& s) {
      s.token = kBypassToken;
      s.checkRuns.push_back(check(11, "build"));
      GhCheckRun own = ownCheckRun();
      own.headSha = head;
      s.checkRuns.push_back(own);
      s.jobs[kRunId + "/1"] = {GhJob{kOwnJob, "deploy", "in_progress", "", kRunner}};
      const std::string previous = target_ == "prod" ? "staging" : "alpha";
      s.deployments.push_back(FakeGithub::factoryDeployment(100, head, previous, "900", "success"));
      if (target_ == "prod") s.approvals = {GhApproval{"prod", "approved", "alice", "ship it"}};
    });
  }

  // A check run of GitHub Actions on the deployed commit.
  GhCheckRun check(std::int64_t id, const std::string& name,
                   const std::string& conclusion = "success",
                   const std::string& status = "completed") const {
    GhCheckRun run;
    run.id = id;
    run.name = name;
    run.status = status;
    run.conclusion = status == "completed" ? conclusion : "";
    run.headSha = head;
    return run;
  }

  // This job's own check run: GitHub Actions' app, details_url into this run, in progress.
  static GhCheckRun ownCheckRun() {
    GhCheckRun own;
    own.id = kOwnJob;
    own.name = "deploy";
    own.status = "in_progress";
    own.conclusion = "";
    own.detailsUrl = "https://github.com/octo/shop/actions/runs/" + kRunId + "/job/3";
    return own;
  }

  std::map<std::string, std::string> environment() const {
    ActionEnvSpec spec;
    spec.apiUrl = github.apiUrl();
    spec.token = kBypassToken;
    spec.environment = target_;
    spec.sha = head;
    spec.runId = kRunId;
    spec.runnerName = kRunner;
    spec.eventName = eventName;
    spec.actor = actor;
    spec.triggeringActor = triggeringActor;
    std::map<std::string, std::string> env = actionEnvironment(repo, spec);
    env["INPUT_CI-TIMEOUT"] = "2";  // a pending check fails after ~2 s, not 15 minutes
    for (const auto& [name, value] : extraEnv) env[name] = value;
    return env;
  }

  ChildRun run() const { return repo.run({}, environment()); }

  std::string receipt() const { return repo.receipt(); }
  // The default bin/deploy.sh prints this line: whether the deploy command ran.
  bool deployed(const ChildRun& run) const { return contains(run.out, "deploying " + head); }

 private:
  bool fixtures_ = bypassFixtures();  // first: before the fake GitHub cleans its directory
  LoopbackServer app_;

 public:
  DeployRepo repo;
  FakeGithub github;
  std::string head;    // the report commit: what is deployed
  std::string tested;  // the code commit the reports name
  std::string eventName = "push";
  std::string actor = "carol";
  std::string triggeringActor;
  std::map<std::string, std::string> extraEnv;

 private:
  std::string target_;
};

}  // namespace fd::test
