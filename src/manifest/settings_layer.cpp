#include "manifest/settings_layer.hpp"

#include <array>

#include "core/text.hpp"
#include "manifest/field_readers.hpp"
#include "manifest/smoke_test_field.hpp"

namespace fd::manifest {
namespace {

constexpr std::array<std::string_view, 14> kSettingKeys = {"health_check_path",
                                                           "rollback_command",
                                                           "secrets_command",
                                                           "health_check",
                                                           "smoke_tests",
                                                           "telemetry_check_command",
                                                           "error_rate_command",
                                                           "max_error_rate",
                                                           "max_error_rate_increase",
                                                           "current_version_command",
                                                           "required_secrets",
                                                           "ci_check_command",
                                                           "deploy_timeout_s",
                                                           "rollback_timeout_s"};

constexpr std::array<std::string_view, 6> kHealthCheckKeys = {
    "expected_status", "timeout_s", "interval_s", "initial_delay_s", "successes", "expect_version"};

constexpr int kMaxSuccesses = 100;

std::string healthCheckHint(std::string_view key) {
  if (key == "path" || key == "url" || key == "endpoint") {
    return "the endpoint goes in health_check_path, next to health_check";
  }
  return "";
}

// Reads `key` of `object` with `reader` when present (and not null).
template <typename T, typename Reader>
void readInto(const Json& object, std::string_view parent, std::string_view key, Diagnostics& d,
              std::optional<T>& out, Reader reader) {
  const Json* value = optionalMember(object, key);
  if (value == nullptr) return;
  out = reader(*value, childPath(parent, key), d);
}

auto optionalCommand() {
  return [](const Json& value, std::string_view path, Diagnostics& d) {
    return readCommand(value, path, d, false);
  };
}

auto seconds(int min) {
  return [min](const Json& value, std::string_view path, Diagnostics& d) {
    return readSeconds(value, path, d, min);
  };
}

std::optional<int> readSuccesses(const Json& value, std::string_view path, Diagnostics& d) {
  return readWholeNumber(value, path, d, 1, kMaxSuccesses,
                         wholeNumberBetween("consecutive passes", 1, kMaxSuccesses));
}

HealthCheckLayer readHealthCheck(const Json& value, std::string_view path, Diagnostics& d) {
  HealthCheckLayer layer;
  if (!value.IsObject()) {
    d.error(path,
            "expected an object such as {\"expected_status\": 200, \"timeout_s\": 120} "
            "(the endpoint goes in health_check_path), got " +
                describe(value));
    return layer;
  }
  checkKeys(value, path, kHealthCheckKeys, d, healthCheckHint);
  readInto(value, path, "expected_status", d, layer.expectedStatus, readHttpStatus);
  readInto(value, path, "timeout_s", d, layer.timeoutS, seconds(1));
  readInto(value, path, "interval_s", d, layer.intervalS, seconds(1));
  readInto(value, path, "initial_delay_s", d, layer.initialDelayS, seconds(0));
  readInto(value, path, "successes", d, layer.successes, readSuccesses);
  readInto(value, path, "expect_version", d, layer.expectVersion, readBool);
  return layer;
}

// The factory's own manifest describes its health check in words. That is a note for the
// receipt, not a check: the check is a GET of health_check_path.
std::optional<std::string> readHealthCheckNote(const Json& value, std::string_view path,
                                               Diagnostics& d) {
  const std::string note = trim(std::string_view(value.GetString(), value.GetStringLength()));
  d.warning(path,
            "a description, not a check factory-deploy can run: kept as a note in the receipt. "
            "The check is a GET of health_check_path; tune it with the object form, e.g. "
            "{\"expected_status\": 200, \"timeout_s\": 120}");
  if (note.empty()) return std::nullopt;
  return note;
}

template <typename T>
void assignIf(const std::optional<T>& value, T& target) {
  if (value) target = *value;
}

template <typename T>
void assignIf(const std::optional<T>& value, std::optional<T>& target) {
  if (value) target = *value;
}

void applyHealthCheck(const HealthCheckLayer& layer, HealthCheckConfig& config) {
  assignIf(layer.expectedStatus, config.expectedStatus);
  assignIf(layer.timeoutS, config.timeoutS);
  assignIf(layer.intervalS, config.intervalS);
  assignIf(layer.initialDelayS, config.initialDelayS);
  assignIf(layer.successes, config.successes);
  assignIf(layer.expectVersion, config.expectVersion);
}

}  // namespace

std::span<const std::string_view> settingKeys() { return kSettingKeys; }

SettingsLayer readSettingsLayer(const Json& object, std::string_view path, Diagnostics& d) {
  SettingsLayer layer;
  readInto(object, path, "health_check_path", d, layer.healthCheckPath, readUrlPath);
  readInto(object, path, "rollback_command", d, layer.rollbackCommand, optionalCommand());
  readInto(object, path, "secrets_command", d, layer.secretsCommand, optionalCommand());
  if (const Json* value = optionalMember(object, "health_check"); value && value->IsString()) {
    layer.healthCheckNote = readHealthCheckNote(*value, childPath(path, "health_check"), d);
  } else if (value != nullptr) {
    layer.healthCheck = readHealthCheck(*value, childPath(path, "health_check"), d);
  }
  readInto(object, path, "smoke_tests", d, layer.smokeTests, readSmokeTests);
  readInto(object, path, "telemetry_check_command", d, layer.telemetryCheckCommand,
           optionalCommand());
  readInto(object, path, "error_rate_command", d, layer.errorRateCommand, optionalCommand());
  readInto(object, path, "max_error_rate", d, layer.maxErrorRate, readPercent);
  readInto(object, path, "max_error_rate_increase", d, layer.maxErrorRateIncrease, readPercent);
  readInto(object, path, "current_version_command", d, layer.currentVersionCommand,
           optionalCommand());
  readInto(object, path, "required_secrets", d, layer.requiredSecrets, readNames);
  readInto(object, path, "ci_check_command", d, layer.ciCheckCommand, optionalCommand());
  readInto(object, path, "deploy_timeout_s", d, layer.deployTimeoutS, seconds(1));
  readInto(object, path, "rollback_timeout_s", d, layer.rollbackTimeoutS, seconds(1));
  return layer;
}

void applyLayer(const SettingsLayer& layer, EnvConfig& env) {
  assignIf(layer.healthCheckPath, env.healthCheckPath);
  assignIf(layer.rollbackCommand, env.rollbackCommand);
  assignIf(layer.secretsCommand, env.secretsCommand);
  applyHealthCheck(layer.healthCheck, env.healthCheck);
  assignIf(layer.healthCheckNote, env.healthCheckNote);
  assignIf(layer.smokeTests, env.smokeTests);
  assignIf(layer.telemetryCheckCommand, env.telemetryCheckCommand);
  assignIf(layer.errorRateCommand, env.errorRateCommand);
  assignIf(layer.maxErrorRate, env.maxErrorRate);
  assignIf(layer.maxErrorRateIncrease, env.maxErrorRateIncrease);
  assignIf(layer.currentVersionCommand, env.currentVersionCommand);
  assignIf(layer.requiredSecrets, env.requiredSecrets);
  assignIf(layer.ciCheckCommand, env.ciCheckCommand);
  assignIf(layer.deployTimeoutS, env.deployTimeoutS);
  assignIf(layer.rollbackTimeoutS, env.rollbackTimeoutS);
}

}  // namespace fd::manifest
