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
  std::string job;         // GITHUB_JOB: the job's key in the workflow, not its display name
  std::string runnerName;  // RUNNER_NAME: the runner this job runs on (one job at a time)
  std::string workflow;
  // pull_request.head.sha from GITHUB_EVENT_PATH, when present: only ever used to find checks,
  // and only when the merge commit holds the same code (github/ci_commits.hpp).
  std::string prHeadSha;
  bool debug = false;  // RUNNER_DEBUG=1

  // The commit being deployed: GITHUB_SHA, which on pull_request events is GitHub's merge commit
  // (what actions/checkout checks out), never the PR head.
  const std::string& deployedSha() const { return sha; }
  std::string runUrl() const;  // <server>/<owner>/<repo>/actions/runs/<run id>
};

// InvalidArgument naming the variable when GITHUB_REPOSITORY or GITHUB_SHA is missing or
// the event payload is unreadable.
Result<GithubContext> readGithubContext(const Environment& env, const FileSystem& fs);

}  // namespace fd
