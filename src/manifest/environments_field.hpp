// The `environments` object: alpha, staging and/or prod, each with its own fields
// (app_name, region, config_file, deploy_command, url) and its setting overrides.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/manifest.hpp"
#include "manifest/diagnostics.hpp"
#include "manifest/json_access.hpp"
#include "manifest/settings_layer.hpp"

namespace fd::manifest {

struct ParsedEnvironment {
  EnvConfig own;        // the environment's own fields; settings not applied yet
  SettingsLayer layer;  // its overrides
};

// alpha, staging, prod: the names allowed, in chain order.
std::span<const std::string_view> environmentNames();

// Keys that belong inside an environment only (advice for a top-level one).
std::span<const std::string_view> environmentOnlyKeys();

// "missing (…)" for environment `name`'s deploy_command, with advice that fits the manifest
// (deploy_actions instead, a top-level deploy_command, or an example).
std::string missingDeployCommand(const Json& root, std::string_view name);

// Reads `root.environments`, in chain order whatever the JSON order. A missing deploy_command is
// not an error here: only a deploy to that environment needs one.
std::vector<ParsedEnvironment> readEnvironments(const Json& root, Diagnostics& d);

}  // namespace fd::manifest
