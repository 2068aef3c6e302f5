// selectEnvironment: the target's resolved settings, refused early when a deploy could not
// complete (missing fields, or a value the injection guard would reject mid-deploy).
#include <string>

#include "manifest/diagnostics.hpp"
#include "manifest/manifest_loader.hpp"
#include "manifest/placeholders.hpp"

namespace fd {
namespace {

// Stands in for the deployed SHA, which is not known yet: hex, so it always passes the guard.
const std::string kProbeSha(40, '0');

bool isKnownEnvironment(const std::string& name) {
  return name == "alpha" || name == "staging" || name == "prod";
}

std::string definedNames(const Manifest& manifest) {
  std::string names;
  for (const EnvConfig& env : manifest.environments) {
    if (!names.empty()) names += ", ";
    names += env.name;
  }
  return names.empty() ? "none" : names;
}

Error invalid(const Manifest& manifest, const std::string& message) {
  return makeError(ErrorCode::InvalidArgument, manifest::prefixed(manifest.path, message));
}

// The first field a deploy to `env` needs but lacks, as "environments.<env>.<field>: missing …".
std::string missingField(const EnvConfig& env) {
  const std::string path = "environments." + env.name + ".";
  if (env.appName.empty()) return path + "app_name: missing";
  if (env.deployCommand.empty()) return path + "deploy_command: missing";
  if (env.name == "alpha") return "";
  if (env.url.empty()) {
    return path + "url: missing (" + env.name + " is verified over HTTP after the deploy)";
  }
  if (env.healthCheckPath.empty()) {
    return path +
           "health_check_path: missing (set it at the top level for every environment, "
           "or inside environments." +
           env.name + ")";
  }
  return "";
}

}  // namespace

Result<EnvConfig> selectEnvironment(const Manifest& manifest, const std::string& environment) {
  if (!isKnownEnvironment(environment)) {
    return invalid(manifest, "environment \"" + environment +
                                 "\" is unknown; allowed names are alpha, staging, prod");
  }
  const EnvConfig* env = manifest.find(environment);
  if (env == nullptr) {
    return invalid(manifest, "environments." + environment + ": missing; the manifest defines " +
                                 definedNames(manifest));
  }
  if (const std::string missing = missingField(*env); !missing.empty()) {
    return invalid(manifest, missing);
  }
  // Expanding now makes a rejected value fail before anything runs, not at rollback time.
  const auto expanded = expandCommands(*env, placeholderValues(manifest, *env, kProbeSha));
  if (!expanded.ok()) return invalid(manifest, expanded.message());
  return *env;
}

}  // namespace fd
