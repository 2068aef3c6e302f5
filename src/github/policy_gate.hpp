// §5.3 in GitHub mode: open blocker pull requests, and whether the commit is on the default branch.
#pragma once

#include "core/inputs.hpp"
#include "core/ports/log.hpp"
#include "core/ports/mode.hpp"
#include "github/github_context.hpp"
#include "github/rest_client.hpp"

namespace fd::github {

class GithubPolicyGate : public ProdPolicyGate {
 public:
  GithubPolicyGate(GithubContext github, const Inputs& inputs, RestClient& client, Log& log);
  GateResult blockers(const DeployContext& context) override;
  GateResult branch(const DeployContext& context, std::string& deviation) override;

 private:
  std::string repoPath() const;

  GithubContext github_;
  const Inputs& inputs_;
  RestClient& client_;
  Log& log_;
};

}  // namespace fd::github
