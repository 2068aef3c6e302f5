// What a POST whose answer was lost may have created, looked up before it is sent again
// (RestClient::post): a second deployment, or a second status, is never created blindly.
#pragma once

#include <string>

#include "github/github_context.hpp"
#include "github/rest_client.hpp"

namespace fd::github {

// The payload key that marks the deployments this attempt creates.
inline constexpr const char* kAttemptKey = "factory_deploy_attempt";

// Unique to this process: the run, its attempt, and a per-process nonce.
std::string attemptMarker(const GithubContext& github);

// The deployment of `sha` to `environment` whose payload carries `marker`.
RestClient::PostLookup findCreatedDeployment(RestClient& client, const std::string& repoPath,
                                             const std::string& sha, const std::string& environment,
                                             const std::string& marker);

// The deployment's newest status, when it already has this state and description.
RestClient::PostLookup findPostedStatus(RestClient& client, const std::string& statusesPath,
                                        const std::string& state, const std::string& description);

}  // namespace fd::github
