// The Fly.io app a manifest's deploy_command ships to, decided the way flyctl decides it, so that
// `fly status`, the secrets listing and the built-in rollback (all `--app <app_name>`) act on the
// app that was deployed. A staging command whose config names prod's app would otherwise ship to
// prod past prod's gates, and a failed check would then roll back an app nobody deployed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/ports/environment.hpp"
#include "core/ports/file_system.hpp"

namespace fd {

struct FlyDeployApp {
  std::string app;
  std::string source;  // "--app", "FLY_APP", "fly.staging.toml's app"
};

// The top-level `app = "name"` of a fly.toml ("" when it has none before its first table).
std::string flyTomlApp(std::string_view toml);

// One entry per `fly deploy` in `command` whose app can be told: `--app`, else FLY_APP (before
// the command or in `env`), else the `app` of its config file (`--config`, else fly.toml) under
// `workdir`. Left out when it cannot be told: a value with `$`, a directory argument, a `cd`
// first, a config file that is missing or has no `app` (flyctl then fails on its own).
std::vector<FlyDeployApp> flyDeployApps(std::string_view command, const Environment& env,
                                        const FileSystem& fs, const std::string& workdir);

}  // namespace fd
