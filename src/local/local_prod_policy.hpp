// Local mode's prod policy (§5.3): the default branch from git; blocker PRs need GitHub.
#pragma once

#include "core/ports/mode.hpp"

namespace fd {

class LocalProdPolicy : public ProdPolicyGate {
 public:
  GateResult blockers(const DeployContext& context) override;
  GateResult branch(const DeployContext& context, std::string& deviation) override;
};

}  // namespace fd
