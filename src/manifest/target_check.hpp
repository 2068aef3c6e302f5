// What a deploy to one environment needs from the manifest beyond loading: the environment
// itself, app_name and deploy_command, url and health_check_path for staging and prod, and
// commands whose placeholders expand. Every gap is listed, not only the first.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/manifest.hpp"

namespace fd::manifest {

struct TargetProblem {
  std::string path;  // JSON path, e.g. environments.prod.url
  std::string what;  // "missing (…)"
};

// `environment` must be one of alpha, staging, prod and defined in `manifest`.
std::vector<TargetProblem> targetProblems(const Manifest& manifest, std::string_view environment);

// The fields of `env` a deploy needs but lacks, in the order a user would add them.
std::vector<TargetProblem> missingFields(const EnvConfig& env);

}  // namespace fd::manifest
