// Reading the manifest's commands for what they mean to flyctl.
#pragma once

#include <string_view>

namespace fd::fly {

// Whether any simple command in `command` (split at ; & | newlines and parentheses, after
// VAR=value prefixes) runs `fly` or `flyctl`, by name or path.
bool invokesFlyctl(std::string_view command);

// `fly releases rollback ...`: the command the factory's /setup writes, which flyctl does not have
// (`releases` takes no arguments; flyctl answers `unknown command "rollback"` and exits 1).
bool isReleasesRollback(std::string_view command);

}  // namespace fd::fly
