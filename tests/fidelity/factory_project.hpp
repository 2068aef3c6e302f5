// A project as the factory plugin leaves it, in a real git repository: /setup's manifest and
// scaffold, a sprint of code, /qa's and /security's reports committed after the code they tested,
// the skills' .factory/state.json and settings. Deploys run the real binary; `fly` is the fake
// flyctl (tests/support/fake_flyctl.sh, with the apps shop-alpha, shop-staging and shop created)
// and, when a test wants it, `gh` a small shell script, first on PATH. The app's health endpoint
// is a loopback server in /setup's shape that serves what the fake's last deploy made live.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "fidelity/factory_templates.hpp"
#include "support/deploy_repo.hpp"
#include "support/fake_fly.hpp"
#include "support/loopback_server.hpp"

namespace fd::test {

class FactoryProject {
 public:
  FactoryProject();

  DeployRepo& repo() { return repo_; }
  const DeployRepo& repo() const { return repo_; }
  std::string url() const { return health_->url(); }

  // /setup (manifest, scaffold), a sprint of code, the factory's state and settings. `manifest`
  // empty: the step 4g template. Returns the code commit (the one /qa and /security test).
  std::string scaffold(const std::string& manifest = "");
  // QA-REPORT.md and SECURITY.md about `tested` (as written in the report), committed after it.
  std::string commitReports(const factory::Report& qa, const factory::Report& security,
                            const std::string& message = "Add gate reports");
  // Commits exactly `paths` (never the bookkeeping files a run leaves: state, ledger, receipts;
  // committing those is item 6's case, bookkeeping_test). Returns the new HEAD.
  std::string commit(const std::vector<std::string>& paths, const std::string& message);
  // Both reports with the statuses given, naming `testedCommit` as written.
  std::string commitPassingReports(const std::string& testedCommit);

  // origin = https://github.com/octo/shop.git (what git and this tool read); pushes go to a bare
  // repository beside the project, so `git push` updates origin's tracking branches for real.
  void connectGithub();
  void push();
  // A `gh` on PATH that is logged in with `token` (empty: installed, not logged in).
  void installGh(const std::string& token);

  // The variables a run needs for the fake CLIs: fly's token and state, PATH with them first.
  std::map<std::string, std::string> toolEnv() const;
  // The binary in the project with toolEnv(), plus `env`.
  ChildRun deploy(const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env = {}) const;
  // Prod (the Fly.io app `shop`) already runs release v1, deployed before this project used the
  // action (its image registry.fly.io/shop:deployment-01HFAKE00000001).
  void prodAlreadyLive();
  // Before scaffold(): prodAlreadyLive(), and the sprint's code answers its health check with 503
  // in prod only (the fake flyctl's fake-fly-unhealthy, committed with the code), so it passes
  // alpha and staging and fails prod.
  void breakProdInTheSprint();
  // The fly command lines the runs gave, one a line ("fly deploy -c fly.toml"); not the setup's.
  std::string flyLog() const;
  const FakeFly& fly() const { return fly_; }

  std::string codeSha;   // full SHA of the sprint's code commit
  std::string setupSha;  // full SHA of the scaffold commit

 private:
  DeployRepo repo_;
  FakeFly fly_;
  std::unique_ptr<LoopbackServer> health_;
  bool brokenProd_ = false;
  std::size_t setupCalls_ = 0;  // the fake's calls made by the setup, left out of flyLog()
};

// The JSON of `.factory/state.json`-like files checked against the factory's state rules
// (tests/fidelity/state-rules.schema.json) by Ajv; "" when valid, else the validator's lines.
std::string stateSchemaProblems(const std::vector<std::string>& files);

}  // namespace fd::test
