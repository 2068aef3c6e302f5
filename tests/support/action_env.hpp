// The environment the runner gives the container action, pointed at loopback fakes: a test of
// GitHub mode through the binary starts from this and overrides what it varies.
#pragma once

#include <map>
#include <string>

#include "support/deploy_repo.hpp"

namespace fd::test {

struct ActionEnvSpec {
  std::string apiUrl;       // the fake GitHub's apiUrl()
  std::string token;        // INPUT_GITHUB-TOKEN
  std::string environment;  // INPUT_ENVIRONMENT
  std::string sha;          // GITHUB_SHA
  std::string eventName = "push";
  std::string runId = "1000";
  std::string runAttempt = "1";
  std::string actor = "carol";
  std::string triggeringActor;  // empty: the actor
  std::string runnerName = "GitHub Actions 2";
  std::string resultsUrl;    // empty: no artifact upload (INPUT_UPLOAD-ARTIFACT=false)
  std::string runtimeToken;  // ACTIONS_RUNTIME_TOKEN, with resultsUrl
};

// GITHUB_ACTIONS=true and the GITHUB_*/INPUT_* variables the runner sets; GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY are files in the repository's scratch directory ("output", "summary").
std::map<std::string, std::string> actionEnvironment(const DeployRepo& repo,
                                                     const ActionEnvSpec& spec);

}  // namespace fd::test
