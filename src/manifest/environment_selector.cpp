// selectEnvironment: the target's resolved settings, refused early when a deploy could not
// complete (missing fields, or a value the injection guard would reject mid-deploy).
#include <string>

#include "manifest/diagnostics.hpp"
#include "manifest/manifest_loader.hpp"
#include "manifest/target_check.hpp"

namespace fd {

Result<EnvConfig> selectEnvironment(const Manifest& manifest, const std::string& environment) {
  const std::vector<manifest::TargetProblem> problems =
      manifest::targetProblems(manifest, environment);
  if (problems.empty()) return *manifest.find(environment);
  std::string message;
  for (const manifest::TargetProblem& problem : problems) {
    const std::string line =
        problem.path.empty() ? problem.what : problem.path + ": " + problem.what;
    message += (message.empty() ? "" : "\n") + manifest::prefixed(manifest.path, line);
  }
  return makeError(ErrorCode::InvalidArgument, message);
}

}  // namespace fd
