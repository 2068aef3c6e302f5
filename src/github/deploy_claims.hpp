// Which of this action's deployments of an environment may still be deploying: the claims a new
// deploy must yield to. Bounded by time, not by count, so that no number of newer claims (runs
// refused while one deploy is slow, runs cancelled) can push an older claim out of sight.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "github/listed_deployments.hpp"
#include "github/rest_client.hpp"

namespace fd::github {

// A job runs for at most 5 days (self-hosted runners; 6 hours on GitHub's), so a deployment
// created longer ago than this before the newest one listed belongs to a job that has ended.
// The `claim-window` input may narrow it (every deploy job on GitHub-hosted runners: 6 hours).
inline constexpr std::chrono::hours kClaimHorizon{24 * 5};
// No window is narrower than a GitHub-hosted job's 6 hours: a claim younger than that may still
// be deploying on any runner.
inline constexpr std::chrono::hours kClaimWindowFloor{6};
// Pages of 100 read at most: more deployments than that within the horizon cannot be told apart.
inline constexpr std::size_t kClaimPages = 3;

// Every deployment of ours in `listUrl` (an environment's list, newest first) created within
// `horizon` (at most kClaimHorizon) of the newest listed, by GitHub's clock. Errors rather than
// guess:
// - Unavailable: the answer is not a list, or it does not list `ownId` (this run's own claim,
//   0: none) even when read again, so it predates that claim;
// - ResourceExhausted: kClaimPages pages did not reach the horizon.
Result<std::vector<ListedDeployment>> recentClaims(RestClient& client, const std::string& listUrl,
                                                   const std::string& environment,
                                                   std::int64_t ownId, std::chrono::hours horizon);

}  // namespace fd::github
