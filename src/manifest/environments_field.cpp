#include "manifest/environments_field.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <utility>

#include "manifest/field_readers.hpp"
#include "manifest/key_suggestion.hpp"

namespace fd::manifest {
namespace {

constexpr std::array<std::string_view, 3> kEnvironmentNames = {"alpha", "staging", "prod"};
constexpr std::array<std::string_view, 5> kOwnKeys = {"app_name", "region", "config_file",
                                                      "deploy_command", "url"};
constexpr std::array<std::string_view, 4> kTopLevelOnlyKeys = {"platform", "project_name",
                                                               "internal_port", "environments"};
// The factory project's own manifest describes its release steps here; we run deploy_command.
constexpr std::string_view kDeployActions = "deploy_actions";
constexpr std::string_view kAllowedNames = "allowed names are alpha, staging, prod";

// Names people use for our three environments.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kAliases = {{
    {"production", "prod"},
    {"prd", "prod"},
    {"live", "prod"},
    {"stage", "staging"},
    {"stg", "staging"},
    {"preprod", "staging"},
    {"dev", "alpha"},
    {"development", "alpha"},
}};

std::vector<std::string_view> environmentKeys() {
  std::vector<std::string_view> keys(kOwnKeys.begin(), kOwnKeys.end());
  keys.push_back(kDeployActions);
  const auto settings = settingKeys();
  keys.insert(keys.end(), settings.begin(), settings.end());
  return keys;
}

std::string environmentKeyHint(std::string_view key) {
  if (std::find(kTopLevelOnlyKeys.begin(), kTopLevelOnlyKeys.end(), key) !=
      kTopLevelOnlyKeys.end()) {
    return "it belongs at the top level of the manifest, not inside an environment";
  }
  return "";
}

std::optional<std::string_view> suggestedEnvironment(std::string_view name) {
  for (const auto& [alias, target] : kAliases) {
    if (alias == name) return target;
  }
  return closestName(name, kEnvironmentNames);
}

std::string unknownEnvironmentMessage(std::string_view name) {
  const auto suggestion = suggestedEnvironment(name);
  if (!suggestion) return "unknown environment; " + std::string(kAllowedNames);
  return "unknown environment (did you mean \"" + std::string(*suggestion) + "\"?); " +
         std::string(kAllowedNames);
}

bool isAllowedName(std::string_view name) {
  return std::find(kEnvironmentNames.begin(), kEnvironmentNames.end(), name) !=
         kEnvironmentNames.end();
}

}  // namespace

std::string missingDeployCommand(const Json& root, std::string_view name) {
  const Json* environments = member(root, "environments");
  const Json* found =
      environments != nullptr && environments->IsObject() ? member(*environments, name) : nullptr;
  static const Json kEmpty(rapidjson::kObjectType);
  const Json& environment = found != nullptr && found->IsObject() ? *found : kEmpty;
  const std::string env(name);
  if (member(environment, kDeployActions) != nullptr || member(root, kDeployActions) != nullptr) {
    return "missing (this manifest uses \"deploy_actions\", which factory-deploy does not run; "
           "add \"deploy_command\": the one shell command that deploys " +
           env + "; placeholders such as {app_name} and {sha} are filled in)";
  }
  if (member(root, "deploy_command") != nullptr) {
    return "missing (a top-level deploy_command is not used; each environment needs its own)";
  }
  const std::string configFile = name == "prod" ? "fly.toml" : "fly." + env + ".toml";
  return "missing (the shell command that deploys " + env + ", e.g. \"fly deploy -c " + configFile +
         "\")";
}

namespace {

// A missing deploy_command only matters to a deploy of this environment (manifest_parser's
// target check): the factory's own manifest describes its releases with deploy_actions instead.
void readDeployCommand(const Json& object, std::string_view path, Diagnostics& d, EnvConfig& env) {
  const std::string commandPath = childPath(path, "deploy_command");
  const Json* command = optionalMember(object, "deploy_command");
  if (command == nullptr) return;
  env.deployCommand = readCommand(*command, commandPath, d, true).value_or("");
  if (member(object, kDeployActions) != nullptr) {
    d.warning(childPath(path, kDeployActions), "ignored; factory-deploy runs deploy_command");
  }
}

void readOwnFields(const Json& object, std::string_view path, std::string_view name, Diagnostics& d,
                   EnvConfig& env) {
  const std::string appNamePath = childPath(path, "app_name");
  if (const Json* appName = member(object, "app_name")) {
    env.appName = readNonEmptyString(*appName, appNamePath, d).value_or("");
  } else {
    d.error(appNamePath, "missing (the platform's name for the " + std::string(name) +
                             " app, e.g. \"shop-" + std::string(name) + "\")");
  }
  readDeployCommand(object, path, d, env);
  if (const Json* region = optionalMember(object, "region")) {
    env.region = readString(*region, childPath(path, "region"), d).value_or("");
  }
  if (const Json* configFile = optionalMember(object, "config_file")) {
    env.configFile = readString(*configFile, childPath(path, "config_file"), d).value_or("");
  }
  if (const Json* url = optionalMember(object, "url")) {
    env.url = readBaseUrl(*url, childPath(path, "url"), d).value_or("");
  }
}

std::optional<ParsedEnvironment> readEnvironment(const Json& object, std::string_view name,
                                                 Diagnostics& d) {
  const std::string path = childPath("environments", name);
  if (!object.IsObject()) {
    d.error(path,
            "expected an object with app_name, deploy_command and url, got " + describe(object));
    return std::nullopt;
  }
  const std::vector<std::string_view> keys = environmentKeys();
  checkKeys(object, path, keys, d, environmentKeyHint);
  ParsedEnvironment parsed;
  parsed.own.name = std::string(name);
  readOwnFields(object, path, name, d, parsed.own);
  parsed.layer = readSettingsLayer(object, path, d);
  return parsed;
}

// Unknown or repeated environment names are errors: deploying to a misspelt one must not
// silently fall back to nothing.
void checkEnvironmentNames(const Json& environments, Diagnostics& d) {
  checkDuplicateKeys(environments, "environments", d);
  for (const auto& entry : environments.GetObject()) {
    const std::string_view name(entry.name.GetString(), entry.name.GetStringLength());
    if (!isAllowedName(name)) {
      d.error(childPath("environments", name), unknownEnvironmentMessage(name));
    }
  }
}

}  // namespace

std::span<const std::string_view> environmentNames() { return kEnvironmentNames; }

std::span<const std::string_view> environmentOnlyKeys() { return kOwnKeys; }

std::vector<ParsedEnvironment> readEnvironments(const Json& root, Diagnostics& d) {
  const Json* environments = member(root, "environments");
  if (environments == nullptr) {
    d.error("environments",
            "missing (an object with alpha, staging and/or prod, each with "
            "app_name, deploy_command and url)");
    return {};
  }
  if (!environments->IsObject()) {
    d.error("environments",
            "expected an object keyed by environment name (alpha, staging, "
            "prod), got " +
                describe(*environments));
    return {};
  }
  if (environments->MemberCount() == 0) {
    d.error("environments", "empty; define at least one of alpha, staging, prod");
    return {};
  }
  checkEnvironmentNames(*environments, d);
  std::vector<ParsedEnvironment> parsed;
  for (const std::string_view name : kEnvironmentNames) {
    const Json* object = member(*environments, name);
    if (object == nullptr) continue;
    if (auto environment = readEnvironment(*object, name, d)) {
      parsed.push_back(std::move(*environment));
    }
  }
  return parsed;
}

}  // namespace fd::manifest
