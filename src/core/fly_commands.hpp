// Reading the manifest's commands for what they mean to flyctl.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fd::fly {

// Whether any simple command in `command` (split at ; & | newlines and parentheses, after
// VAR=value prefixes) runs `fly` or `flyctl`, by name or path.
bool invokesFlyctl(std::string_view command);

// `fly releases rollback ...`: the command the factory's /setup writes, which flyctl does not have
// (`releases` takes no arguments; flyctl answers `unknown command "rollback"` and exits 1).
bool isReleasesRollback(std::string_view command);

// One `fly deploy` in a command, with what decides its app as flyctl reads it: `--app`/`-a`, else
// FLY_APP (when not empty), else the config file's `app` (`--config`/`-c`, else fly.toml, in the
// directory argument when there is one).
struct DeployInvocation {
  std::string app;                    // the last --app NAME, -a NAME, --app=NAME, -a=NAME, -aNAME
  std::string config;                 // the last --config PATH, -c PATH, ...
  std::optional<std::string> flyApp;  // FLY_APP set for it: before it, or exported earlier
  std::string directory;              // `fly deploy DIR`: flyctl changes into DIR first
};

// Every `fly deploy` / `flyctl deploy` in `command` (flags before `deploy` count, as flyctl reads
// them). `unclear` is set when the command may run it elsewhere than in its own directory (`cd`,
// `pushd`), so a relative config cannot be found.
std::vector<DeployInvocation> deployInvocations(std::string_view command, bool& unclear);

}  // namespace fd::fly
