// GitHub for a run on a laptop: when the clone has a GitHub remote and a token is at hand, the
// CI and blocker-PR gates are the action's own (github/github_mode), on the same REST client.
// Resolved on first use (alpha never needs it), then kept for the run.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/deploy_context.hpp"
#include "core/inputs.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/environment.hpp"
#include "core/ports/http_client.hpp"
#include "core/ports/log.hpp"
#include "core/ports/process_runner.hpp"
#include "core/ports/random.hpp"
#include "github/github_mode.hpp"
#include "local/github_remote.hpp"

namespace fd {

struct LocalGithubPorts {
  HttpClient& http;
  Clock& clock;
  Random& random;
  Environment& env;
  ProcessRunner& processes;
  Log& log;
};

class LocalGithub {
 public:
  LocalGithub(const Inputs& inputs, LocalGithubPorts ports);

  // The GitHub gates for this repository, or nullptr; then unavailable() says why.
  GithubMode* resolve(const DeployContext& context);
  const std::string& unavailable() const { return why_; }
  // The remote the gates talk about (valid after a successful resolve()).
  const GithubRemote& remote() const { return *remote_; }
  const std::string& tokenSource() const { return tokenSource_; }

 private:
  void attempt(const DeployContext& context);

  Inputs inputs_;  // a copy: the gates keep a reference, and the token may come from gh
  LocalGithubPorts ports_;
  bool attempted_ = false;
  std::string why_;
  std::optional<GithubRemote> remote_;
  std::string tokenSource_;
  std::optional<GithubMode> mode_;
};

}  // namespace fd
