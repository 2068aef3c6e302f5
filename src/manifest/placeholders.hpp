// Placeholder substitution in manifest commands, with the shell-injection guard (INTERFACE §3).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/manifest.hpp"
#include "core/result.hpp"

namespace fd {

struct PlaceholderValues {
  std::string app;          // {app}: project_name
  std::string appName;      // {app_name}
  std::string region;       // {region}
  std::string url;          // {url}
  std::string environment;  // {environment}
  std::string sha;          // {sha}: the full deployed SHA
};

// Replaces {app} {app_name} {region} {url} {environment} {sha}, and the seed's {app-name}. A
// substituted value containing anything but [A-Za-z0-9._:/@+-] is InvalidArgument naming `field`
// and the placeholder. A near miss of a placeholder ({appname}, {App_Name}, {env}, {regoin}) is
// InvalidArgument with a "did you mean": left alone it would reach the shell as text. Other
// {words} are left as they are (they may be shell syntax), and so is every `${...}` (shell
// parameter expansion), even `${app}`. Empty values substitute as empty.
Result<std::string> expandPlaceholders(std::string_view text, const PlaceholderValues& values,
                                       std::string_view field);

// The values for `env` of `manifest` deploying commit `sha`.
PlaceholderValues placeholderValues(const Manifest& manifest, const EnvConfig& env,
                                    const std::string& sha);

// `env` with every command expanded: deploy, rollback, secrets, telemetry check, error rate,
// current version, CI check and each command smoke test. Errors name the command by its path,
// e.g. `environments.prod.rollback_command`.
Result<EnvConfig> expandCommands(const EnvConfig& env, const PlaceholderValues& values);

// Every problem expandCommands would meet, one message each (it stops at the first).
std::vector<std::string> commandProblems(const EnvConfig& env, const PlaceholderValues& values);

}  // namespace fd
