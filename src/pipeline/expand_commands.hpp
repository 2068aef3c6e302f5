// Expands the placeholders of every command of the target environment once the SHA is known,
// so an unsafe manifest value stops the run before any gate or command.
#pragma once

#include <string>

#include "core/manifest.hpp"
#include "core/result.hpp"

namespace fd {

Result<EnvConfig> expandCommands(const EnvConfig& env, const Manifest& manifest,
                                 const std::string& sha);

}  // namespace fd
