// The settings that may stand at the top level (defaults for every environment) or inside an
// environment (overrides): health_check_path, rollback_command, secrets_command and every
// extension. A layer holds only what one JSON object gave; layers are applied in order.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/manifest.hpp"
#include "manifest/diagnostics.hpp"
#include "manifest/json_access.hpp"

namespace fd::manifest {

// `health_check` overrides field by field, so each field is optional on its own.
struct HealthCheckLayer {
  std::optional<int> expectedStatus;
  std::optional<int> timeoutS;
  std::optional<int> intervalS;
  std::optional<int> initialDelayS;
  std::optional<int> successes;
  std::optional<bool> expectVersion;
};

struct SettingsLayer {
  std::optional<std::string> healthCheckPath;
  std::optional<std::string> rollbackCommand;
  std::optional<std::string> secretsCommand;
  HealthCheckLayer healthCheck;
  std::optional<std::string> healthCheckNote;  // "health_check": "<free text>" (the factory's)
  std::optional<std::vector<SmokeTest>> smokeTests;  // replaces, never merges
  std::optional<std::string> telemetryCheckCommand;
  std::optional<std::string> errorRateCommand;
  std::optional<double> maxErrorRate;
  std::optional<double> maxErrorRateIncrease;
  std::optional<std::string> currentVersionCommand;
  std::optional<std::vector<std::string>> requiredSecrets;  // replaces, never merges
  std::optional<std::string> ciCheckCommand;
  std::optional<int> deployTimeoutS;
  std::optional<int> rollbackTimeoutS;
};

// The keys a layer reads, for the unknown-key check of the object that holds them.
std::span<const std::string_view> settingKeys();

// Reads the setting keys of `object` (the manifest root or one environment) at `path`.
SettingsLayer readSettingsLayer(const Json& object, std::string_view path, Diagnostics& d);

// Writes what `layer` gives over `env`.
void applyLayer(const SettingsLayer& layer, EnvConfig& env);

}  // namespace fd::manifest
