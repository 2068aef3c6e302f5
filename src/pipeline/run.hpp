// The whole program behind main(), over any World: tests run it with fakes.
#pragma once

#include <string>
#include <vector>

#include "pipeline/world.hpp"

namespace fd {

// Returns the exit code (INTERFACE §7).
int runFactoryDeploy(World& world, const std::vector<std::string>& args);

}  // namespace fd
