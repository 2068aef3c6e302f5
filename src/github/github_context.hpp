// The workflow run as the runner describes it in GITHUB_* variables and the event payload.
#pragma once

#include <string>

#include "core/ports/environment.hpp"
#include "core/ports/file_system.hpp"
#include "core/result.hpp"

namespace fd {

struct GithubContext {
  std::string apiUrl = "https://api.github.com";  // GITHUB_API_URL (GHES: https://HOST/api/v3)
  std::string serverUrl = "https://github.com";   // GITHUB_SERVER_URL
  std::string owner;
  std::string repo;
  std::string sha;  // GITHUB_SHA (the merge commit on pull_request)
  std::string ref;
  std::string eventName;
  std::string runId;
  std::string runAttempt = "1";
  std::string actor;
  std::string triggeringActor;
  std::string job;
  std::string workflow;
  std::string prHeadSha;  // pull_request.head.sha from GITHUB_EVENT_PATH, when present
  bool debug = false;     // RUNNER_DEBUG=1

  // The commit being deployed: the PR head on pull_request events, else GITHUB_SHA.
  const std::string& deployedSha() const { return prHeadSha.empty() ? sha : prHeadSha; }
  std::string runUrl() const;  // <server>/<owner>/<repo>/actions/runs/<run id>
};

// InvalidArgument naming the variable when GITHUB_REPOSITORY or GITHUB_SHA is missing or
// the event payload is unreadable.
Result<GithubContext> readGithubContext(const Environment& env, const FileSystem& fs);

}  // namespace fd
