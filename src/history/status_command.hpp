// `factory-deploy status`: what is live in each environment of the manifest (docs/HISTORY.md).
#pragma once

#include <string>
#include <vector>

#include "pipeline/world.hpp"

namespace fd {

// How many of an environment's newest entries are searched for its live version.
inline constexpr std::size_t kStatusDepth = 30;

// `args` follow the subcommand. Exit 0 with the answer on stdout (also when an environment is
// unhealthy: the answer says so), 1 when the ledger cannot be read, 2 on invalid input or
// manifest.
int runStatusCommand(World& world, const std::vector<std::string>& args);

}  // namespace fd
