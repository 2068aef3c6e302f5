// Chooses GitHub mode (GITHUB_ACTIONS=true) or local mode and builds its adapters.
#pragma once

#include "core/inputs.hpp"
#include "core/ports/log.hpp"
#include "core/secret_masker.hpp"
#include "deploy/command_executor.hpp"
#include "pipeline/mode.hpp"
#include "pipeline/world.hpp"

namespace fd {

Result<Mode> makeMode(World& world, const Inputs& inputs, Log& log, SecretMasker& masker,
                      CommandExecutor& commands);

// Local mode alone, for tests and for the command line.
Mode makeLocalMode(World& world, const Inputs& inputs, Log& log, CommandExecutor& commands);

}  // namespace fd
