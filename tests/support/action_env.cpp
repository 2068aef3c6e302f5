#include "support/action_env.hpp"

namespace fd::test {

std::map<std::string, std::string> actionEnvironment(const DeployRepo& repo,
                                                     const ActionEnvSpec& spec) {
  std::map<std::string, std::string> env = {
      {"GITHUB_ACTIONS", "true"},
      {"GITHUB_API_URL", spec.apiUrl},
      {"GITHUB_SERVER_URL", "https://github.com"},  // never contacted
      {"GITHUB_REPOSITORY", "octo/shop"},
      {"GITHUB_SHA", spec.sha},
      {"GITHUB_REF", "refs/heads/main"},
      {"GITHUB_EVENT_NAME", spec.eventName},
      {"GITHUB_RUN_ID", spec.runId},
      {"GITHUB_RUN_ATTEMPT", spec.runAttempt},
      {"GITHUB_ACTOR", spec.actor},
      {"GITHUB_TRIGGERING_ACTOR", spec.triggeringActor.empty() ? spec.actor : spec.triggeringActor},
      {"RUNNER_NAME", spec.runnerName},
      {"GITHUB_JOB", "deploy"},
      {"GITHUB_WORKSPACE", repo.root()},
      {"GITHUB_OUTPUT", repo.scratch("output")},
      {"GITHUB_STEP_SUMMARY", repo.scratch("summary")},
      {"INPUT_ENVIRONMENT", spec.environment},
      {"INPUT_GITHUB-TOKEN", spec.token},
      {"INPUT_CI-INTERVAL", "1"},
      {"INPUT_CI-TIMEOUT", "10"},
  };
  if (spec.resultsUrl.empty()) {
    env["INPUT_UPLOAD-ARTIFACT"] = "false";
  } else {
    env["ACTIONS_RESULTS_URL"] = spec.resultsUrl;
    env["ACTIONS_RUNTIME_TOKEN"] = spec.runtimeToken;
  }
  return env;
}

}  // namespace fd::test
