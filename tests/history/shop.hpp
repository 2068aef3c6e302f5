// Scenes for `history`, `status` and the metrics through the binary, on both ledgers.
// LocalShop: a real repository deployed by real runs (the ledger is what they wrote), its app on
// loopback answering health checks, unhealthy on demand until the rollback script ran.
// GithubShop: the same repository in GitHub mode against the fake GitHub (its served bodies go
// to github-fixtures-history, validated by the github_openapi_history test).
#pragma once

#include <rapidjson/document.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/action_env.hpp"
#include "support/deploy_repo.hpp"
#include "support/fake_github.hpp"
#include "support/loopback_server.hpp"

namespace fd::test {

inline rapidjson::Document parseJson(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str(), text.size());
  return document;
}

inline std::string str(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject() || !object.HasMember(name) || !object[name].IsString()) return "<null>";
  return object[name].GetString();
}

inline std::string shortSha(const std::string& sha) { return sha.substr(0, 7); }

class LocalShop {
 public:
  // `rollbackCommand`: the manifest's (default: bin/rollback.sh, which marks "rolled-back").
  explicit LocalShop(const std::string& rollbackCommand = "")
      : app_([this](const ServerRequest&) {
          const bool unhealthy = failing_ && !repo.scratchExists("rolled-back");
          return ServerResponse{unhealthy ? 503 : 200, {}, "{\"ok\":true}"};
        }) {
    ManifestSpec spec(app_.url());
    if (!rollbackCommand.empty()) spec.rollbackCommand = rollbackCommand;
    repo.init(spec);
  }

  // Health answers 503 from now until bin/rollback.sh has run.
  void breakHealth() {
    std::filesystem::remove(repo.scratch("rolled-back"));
    failing_ = true;
  }
  void fixHealth() { failing_ = false; }

  ChildRun deploy(const std::string& environment) const {
    std::vector<std::string> args = {"--environment", environment};
    if (environment == "prod") args.insert(args.end(), {"--confirm", "shop"});
    return cli(args);
  }
  // A code commit with `subject`, then the reports about it: the head to deploy next.
  std::string release(const std::string& subject) const {
    repo.write("app/main.txt", subject + "\n");
    repo.commit(subject);
    repo.commitReports();
    return repo.head();
  }
  ChildRun cli(const std::vector<std::string>& args) const {
    return repo.run(args, {{"USER", "carol"}});
  }

  DeployRepo repo;

 private:
  std::atomic<bool> failing_{false};
  LoopbackServer app_;
};

inline const std::string kHistoryToken = "ghs_historyToken0123456789";

inline bool historyFixtures() {
  ::setenv("FD_GITHUB_FIXTURES", FD_BINARY_DIR "/github-fixtures-history", 1);
  return true;
}

class GithubShop {
 public:
  GithubShop()
      : app_([](const ServerRequest&) {
          return ServerResponse{200, {}, "{\"ok\":true}"};
        }) {
    repo.init(ManifestSpec(app_.url()));
    head = repo.head();
    github.update([](GithubState& s) { s.token = kHistoryToken; });
  }

  std::map<std::string, std::string> environment(const std::string& target) const {
    ActionEnvSpec spec;
    spec.apiUrl = github.apiUrl();
    spec.token = kHistoryToken;
    spec.environment = target;
    spec.sha = head;
    std::map<std::string, std::string> env = actionEnvironment(repo, spec);
    env["INPUT_CI-TIMEOUT"] = "2";
    return env;
  }

  // A GitHub-mode deploy of HEAD to `target` with green CI and this job's own check run.
  ChildRun deploy(const std::string& target) {
    github.update([this](GithubState& s) {
      GhCheckRun build;
      build.id = 11;
      build.name = "build";
      build.headSha = head;
      GhCheckRun own;
      own.id = 3;
      own.name = "deploy";
      own.status = "in_progress";
      own.conclusion = "";
      own.detailsUrl = "https://github.com/octo/shop/actions/runs/1000/job/3";
      own.headSha = head;
      s.checkRuns = {build, own};
      s.jobs["1000/1"] = {GhJob{3, "deploy", "in_progress", "", "GitHub Actions 2"}};
    });
    return repo.run({}, environment(target));
  }

  ChildRun cli(const std::vector<std::string>& args) const {
    return repo.run(args, environment("prod"));
  }

  // A marked deployment whose statuses say it started at `start` and ended `state` at `end`.
  static GhDeployment recorded(std::int64_t id, const std::string& sha, const std::string& env,
                               const std::string& state, const std::string& start,
                               const std::string& end, const std::string& description = "") {
    GhDeployment deployment = FakeGithub::factoryDeployment(id, sha, env, "900", state);
    deployment.createdAt = start;
    deployment.statuses.front().createdAt = start;
    deployment.statuses.back().createdAt = end;
    if (!description.empty()) deployment.statuses.back().description = description;
    return deployment;
  }

 private:
  bool fixtures_ = historyFixtures();  // first: before the fake GitHub cleans its directory
  LoopbackServer app_;

 public:
  DeployRepo repo;
  FakeGithub github;
  std::string head;
};

}  // namespace fd::test
