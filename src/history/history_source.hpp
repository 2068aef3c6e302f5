// Which ledger `history` and `status` read: GitHub Deployments on a runner (GITHUB_ACTIONS=true),
// `.factory/deployments.jsonl` locally: the same choice the deploy makes (pipeline/mode_factory).
#pragma once

#include <memory>
#include <string>

#include "core/inputs.hpp"
#include "core/ports/log.hpp"
#include "history/deploy_history.hpp"
#include "pipeline/world.hpp"

namespace fd {

// `root`: the absolute working directory. InvalidArgument when the runner's GITHUB_* variables
// do not describe a repository.
Result<std::unique_ptr<DeployHistory>> makeHistory(World& world, const Inputs& inputs, Log& log,
                                                   const std::string& root);

}  // namespace fd
