// INTERFACE §2 `working-directory`: an input like any other, so it is checked before anything is
// written there. A directory that does not exist is never created (a typo would otherwise get a
// receipt and a .factory/ of its own), and one that is not a git repository cannot be gated.
#pragma once

#include <string>

#include "core/result.hpp"
#include "pipeline/world.hpp"

namespace fd {

// InvalidArgument (exit 2) naming the input, what was found and what to do.
Status checkWorkingDirectory(World& world, const std::string& given, const std::string& root);

}  // namespace fd
