// What the runner tells an action about the artifact service, read once from the environment.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/ports/environment.hpp"
#include "core/result.hpp"

namespace fd {

struct ArtifactRuntime {
  std::string token;                    // ACTIONS_RUNTIME_TOKEN (a secret)
  std::string resultsOrigin;            // scheme://host[:port] of ACTIONS_RESULTS_URL
  std::string serverUrl;                // GITHUB_SERVER_URL, without a trailing slash
  std::string repository;               // GITHUB_REPOSITORY (owner/repo)
  std::string runId;                    // GITHUB_RUN_ID
  std::string runAttempt;               // GITHUB_RUN_ATTEMPT, "1" when absent
  std::optional<int> maxRetentionDays;  // GITHUB_RETENTION_DAYS: the repository's ceiling
};

// Like the toolkit: GHES is any GITHUB_SERVER_URL host but github.com, *.ghe.com, *.localhost
// (an unset variable means github.com). The results service host does not matter.
bool isGhes(std::string_view serverUrl);

// NotFound naming the missing variable, FailedPrecondition on GHES, InvalidArgument for a
// malformed ACTIONS_RESULTS_URL: in every case the caller skips the upload with a notice.
Result<ArtifactRuntime> readArtifactRuntime(const Environment& env);

// <server>/<owner>/<repo>/actions/runs/<run id>/artifacts/<artifact id>
std::string artifactUrl(const ArtifactRuntime& runtime, std::string_view artifactId);

}  // namespace fd
