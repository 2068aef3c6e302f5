// parseManifest: JSON text to a Manifest with top-level defaults applied to each environment.
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "core/platform_name.hpp"
#include "manifest/diagnostics.hpp"
#include "manifest/environments_field.hpp"
#include "manifest/field_readers.hpp"
#include "manifest/json_access.hpp"
#include "manifest/manifest_loader.hpp"
#include "manifest/settings_layer.hpp"
#include "manifest/target_check.hpp"
#include "manifest/tools_field.hpp"

namespace fd {
namespace {

using manifest::Diagnostics;
using manifest::Json;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
// Iterative: a deeply nested document cannot exhaust the stack. Validate: strings are UTF-8.
constexpr unsigned kParseFlags =
    rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;

std::vector<std::string_view> topLevelKeys() {
  std::vector<std::string_view> keys = {"$schema",       "platform",     "project_name",
                                        "internal_port", "environments", "deploy_actions",
                                        "tools"};
  const auto settings = manifest::settingKeys();
  keys.insert(keys.end(), settings.begin(), settings.end());
  return keys;
}

std::string topLevelKeyHint(std::string_view key) {
  const auto own = manifest::environmentOnlyKeys();
  if (std::find(own.begin(), own.end(), key) == own.end()) return "";
  return "it belongs inside each environment, e.g. environments.prod." + std::string(key);
}

bool isBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

Error invalid(const std::string& displayPath, std::string_view message) {
  return makeError(ErrorCode::InvalidArgument, manifest::prefixed(displayPath, message));
}

Error malformed(std::string_view text, std::size_t offset, rapidjson::ParseErrorCode code,
                const std::string& displayPath) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const std::size_t line =
      1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t lineStart = before.rfind('\n');
  const std::size_t column = offset - (lineStart == std::string_view::npos ? 0 : lineStart + 1) + 1;
  return invalid(displayPath, "malformed JSON at line " + std::to_string(line) + ", column " +
                                  std::to_string(column) + " (byte " + std::to_string(offset) +
                                  "): " + rapidjson::GetParseError_En(code));
}

std::string readRequiredText(const Json& root, std::string_view key, std::string_view advice,
                             Diagnostics& d) {
  const Json* value = manifest::member(root, key);
  if (value == nullptr) {
    d.error(key, "missing (" + std::string(advice) + ")");
    return "";
  }
  return manifest::readNonEmptyString(*value, key, d).value_or("");
}

// Settings that only make sense together, checked once defaults and overrides are merged.
void checkCombinations(const std::string& platform, const EnvConfig& env, Diagnostics& d) {
  const std::string path = manifest::childPath("environments", env.name);
  const bool hasThreshold = env.maxErrorRate.has_value() || env.maxErrorRateIncrease.has_value();
  if (hasThreshold && env.errorRateCommand.empty()) {
    d.error(path,
            "max_error_rate/max_error_rate_increase is set but error_rate_command is not: "
            "nothing would measure the error rate");
  }
  if (!hasThreshold && !env.errorRateCommand.empty()) {
    d.warning(path,
              "error_rate_command is set without max_error_rate or "
              "max_error_rate_increase: the error rate is recorded but never fails a deploy");
  }
  // Fly.io lists secret names itself (`fly secrets list --json`, src/platform/) when its
  // built-ins serve the environment.
  if (!env.requiredSecrets.empty() && env.secretsCommand.empty() &&
      !usesFlyBuiltIns(platform, env)) {
    d.error(path,
            "required_secrets is set but secrets_command is not: nothing would list the "
            "secrets to look for them");
  }
  // A prod without rollback_command is the platform's to judge (src/platform/): Fly.io rolls
  // back on its own, a generic platform cannot, and says so when it deploys prod.
}

// Whether the target environment's object gave `key` (a value that failed to parse was reported
// where it stands; "missing" would be wrong).
bool givenFor(const Json& root, std::string_view environment, std::string_view key) {
  const Json* environments = manifest::member(root, "environments");
  const Json* env = environments != nullptr && environments->IsObject()
                        ? manifest::member(*environments, environment)
                        : nullptr;
  return env != nullptr && env->IsObject() && manifest::optionalMember(*env, key) != nullptr;
}

// What the target needs, in the same pass as everything else: one run lists every problem.
void checkTarget(const Json& root, const Manifest& manifest, std::string_view environment,
                 Diagnostics& d) {
  const Json* environments = manifest::member(root, "environments");
  if (environments == nullptr || !environments->IsObject()) return;  // reported already
  for (const manifest::TargetProblem& problem : manifest::targetProblems(manifest, environment)) {
    const std::string prefix = "environments." + std::string(environment) + ".";
    const std::string_view field = std::string_view(problem.path).starts_with(prefix)
                                       ? std::string_view(problem.path).substr(prefix.size())
                                       : std::string_view();
    // app_name is required of every environment and reported by the reader.
    if (field == "app_name") continue;
    if (!field.empty() && givenFor(root, environment, field)) continue;
    if (field == "health_check_path" && manifest::optionalMember(root, field) != nullptr) continue;
    d.error(problem.path, field == "deploy_command"
                              ? manifest::missingDeployCommand(root, environment)
                              : problem.what);
  }
}

Result<Manifest> readManifest(const Json& root, const std::string& displayPath,
                              std::string_view environment) {
  Diagnostics d;
  const std::vector<std::string_view> keys = topLevelKeys();
  manifest::checkKeys(root, "", keys, d, topLevelKeyHint);
  Manifest result;
  result.path = displayPath;
  result.platform = readRequiredText(
      root, "platform", "the hosting platform shown in the receipt, e.g. \"fly.io\"", d);
  result.projectName =
      readRequiredText(root, "project_name", "the project's name, used for {app}", d);
  if (const Json* port = manifest::optionalMember(root, "internal_port")) {
    result.internalPort = manifest::readWholeNumber(*port, "internal_port", d, 1, 65535,
                                                    "a port number between 1 and 65535");
  }
  if (const Json* tools = manifest::optionalMember(root, "tools")) {
    result.tools = manifest::readTools(*tools, "tools", d);
  }
  const auto environments = manifest::readEnvironments(root, d);
  const manifest::SettingsLayer defaults = manifest::readSettingsLayer(root, "", d);
  if (manifest::member(root, "deploy_actions") != nullptr) {
    d.warning("deploy_actions", "ignored; factory-deploy runs each environment's deploy_command");
  }
  // Combinations are judged only on fields that parsed, or one typo would report twice.
  const bool fieldsParsed = !d.hasErrors();
  for (const manifest::ParsedEnvironment& parsed : environments) {
    EnvConfig env = parsed.own;
    manifest::applyLayer(defaults, env);
    manifest::applyLayer(parsed.layer, env);
    if (fieldsParsed) checkCombinations(result.platform, env, d);
    result.environments.push_back(std::move(env));
  }
  for (const EnvConfig& env : result.environments) {
    if (env.name == environment || !env.deployCommand.empty() ||
        givenFor(root, env.name, "deploy_command")) {
      continue;
    }
    d.warning(manifest::childPath(manifest::childPath("environments", env.name), "deploy_command"),
              manifest::missingDeployCommand(root, env.name) + "; " + env.name +
                  " cannot be deployed until it has one");
  }
  if (!environment.empty()) checkTarget(root, result, environment, d);
  if (d.hasErrors()) return d.toError(displayPath);
  result.warnings = d.warnings(displayPath);
  return result;
}

}  // namespace

Result<Manifest> parseManifest(std::string_view json, const std::string& displayPath,
                               std::string_view environment) {
  if (json.size() > kMaxManifestBytes) {
    return invalid(displayPath,
                   "larger than 1 MiB; a deployment manifest is a few kilobytes "
                   "(is this the right file?)");
  }
  const std::string_view text = json.starts_with(kBom) ? json.substr(kBom.size()) : json;
  if (isBlank(text)) {
    return invalid(displayPath,
                   "empty; expected a JSON object with platform, project_name and "
                   "environments (run /setup to generate it)");
  }
  rapidjson::Document document;
  document.Parse<kParseFlags>(text.data(), text.size());
  if (document.HasParseError()) {
    const std::size_t offset = document.GetErrorOffset() + (json.size() - text.size());
    return malformed(json, offset, document.GetParseError(), displayPath);
  }
  if (!document.IsObject()) {
    return invalid(displayPath,
                   "expected a JSON object at the top level, got " + manifest::describe(document));
  }
  return readManifest(document, displayPath, environment);
}

}  // namespace fd
