// Local mode's prod policy (§5.3): the default branch from git; blocker PRs from GitHub when the
// clone has a GitHub remote and a token (local_github.hpp), else skipped.
#pragma once

#include <memory>

#include "core/ports/mode.hpp"
#include "local/local_github.hpp"

namespace fd {

class LocalProdPolicy : public ProdPolicyGate {
 public:
  explicit LocalProdPolicy(std::shared_ptr<LocalGithub> github = nullptr)
      : github_(std::move(github)) {}
  GateResult blockers(const DeployContext& context) override;
  GateResult branch(const DeployContext& context, std::string& deviation) override;

 private:
  std::shared_ptr<LocalGithub> github_;
};

}  // namespace fd
