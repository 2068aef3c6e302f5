// The whole program behind main(), over any World: tests run it with fakes.
#pragma once

#include <string>
#include <vector>

#include "pipeline/world.hpp"

namespace fd {

// Returns the exit code (INTERFACE §7). A first argument `deploy`, `status` or `history` names
// the command (INTERFACE §9); flags alone mean deploy.
int runFactoryDeploy(World& world, const std::vector<std::string>& commandLine);

}  // namespace fd
