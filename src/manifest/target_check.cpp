#include "manifest/target_check.hpp"

#include "manifest/placeholders.hpp"

namespace fd::manifest {

namespace {

// Stands in for the deployed SHA, which is not known yet: hex, so it always passes the guard.
const std::string kProbeSha(40, '0');

bool isKnownEnvironment(std::string_view name) {
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

}  // namespace

std::vector<TargetProblem> missingFields(const EnvConfig& env) {
  const std::string path = "environments." + env.name + ".";
  std::vector<TargetProblem> missing;
  if (env.appName.empty()) missing.push_back({path + "app_name", "missing"});
  if (env.deployCommand.empty()) missing.push_back({path + "deploy_command", "missing"});
  if (env.name == "alpha") return missing;
  if (env.url.empty()) {
    missing.push_back(
        {path + "url", "missing (" + env.name + " is verified over HTTP after the deploy)"});
  }
  if (env.healthCheckPath.empty()) {
    missing.push_back({path + "health_check_path",
                       "missing (set it at the top level for every environment, or inside "
                       "environments." +
                           env.name + ")"});
  }
  return missing;
}

std::vector<TargetProblem> targetProblems(const Manifest& manifest, std::string_view environment) {
  const std::string name(environment);
  if (!isKnownEnvironment(name)) {
    return {
        {"", "environment \"" + name + "\" is unknown; allowed names are alpha, staging, prod"}};
  }
  const EnvConfig* env = manifest.find(name);
  if (env == nullptr) {
    return {{"environments." + name, "missing; the manifest defines " + definedNames(manifest)}};
  }
  std::vector<TargetProblem> problems = missingFields(*env);
  // Expanding now makes a rejected value fail before anything runs, not at rollback time.
  for (std::string& problem : commandProblems(*env, placeholderValues(manifest, *env, kProbeSha))) {
    problems.push_back({"", std::move(problem)});
  }
  return problems;
}

}  // namespace fd::manifest
