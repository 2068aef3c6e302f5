#include "github/deploy_claims.hpp"

#include <algorithm>
#include <optional>

#include "core/iso_timestamp.hpp"

namespace fd::github {

namespace {

struct Scan {
  std::vector<ListedDeployment> claims;
  bool ownListed = false;
};

// Older than the horizon; an unreadable time never is (it is examined).
bool beyond(const std::string& createdAt, const std::optional<TimePoint>& newest,
            std::chrono::hours horizon) {
  const auto created = parseIsoTimestamp(createdAt);
  return newest && created && *created < *newest - horizon;
}

std::string inWords(std::chrono::hours horizon) {
  const auto hours = horizon.count();
  if (hours % 24 == 0) return std::to_string(hours / 24) + (hours == 24 ? " day" : " days");
  return std::to_string(hours) + (hours == 1 ? " hour" : " hours");
}

Result<Scan> scan(RestClient& client, const std::string& listUrl, const std::string& environment,
                  std::int64_t ownId, std::chrono::hours horizon) {
  Scan found;
  std::optional<TimePoint> newest;
  std::string target = listUrl;
  for (std::size_t pages = 0; pages < kClaimPages; ++pages) {
    auto answer = readListedPage(client, target, environment);
    if (!answer) return answer.error();
    const ListedPage& listed = *answer->page;
    if (pages == 0) newest = parseIsoTimestamp(listed.newestCreatedAt);
    for (const ListedDeployment& each : listed.ours) {
      if (beyond(each.createdAt, newest, horizon)) return found;
      found.ownListed = found.ownListed || each.id == ownId;
      found.claims.push_back(each);
    }
    if (answer->nextUrl.empty() || beyond(listed.oldestCreatedAt, newest, horizon)) return found;
    target = answer->nextUrl;
  }
  return makeError(ErrorCode::ResourceExhausted,
                   "more than " + std::to_string(kClaimPages * 100) + " deployments of " +
                       environment + " were created within " + inWords(horizon) +
                       " (claim-window): an older deploy still in progress could be among those "
                       "not read. If every job that deploys here runs on GitHub-hosted runners, "
                       "set claim-window: 6; otherwise wait for older deployments to leave the "
                       "window");
}

}  // namespace

Result<std::vector<ListedDeployment>> recentClaims(RestClient& client, const std::string& listUrl,
                                                   const std::string& environment,
                                                   std::int64_t ownId, std::chrono::hours horizon) {
  horizon = std::clamp(horizon, kClaimWindowFloor, kClaimHorizon);
  auto found = scan(client, listUrl, environment, ownId, horizon);
  // GitHub may answer from a replica that has not seen this run's claim yet: what it lists then
  // predates the claim, and a claim made meanwhile by another run would be missed. Read again.
  if (found && ownId != 0 && !found->ownListed)
    found = scan(client, listUrl, environment, ownId, horizon);
  if (!found) return found.error();
  if (ownId != 0 && !found->ownListed) {
    return makeError(ErrorCode::Unavailable,
                     "GitHub does not list this run's own deployment " + std::to_string(ownId) +
                         " among those of " + environment +
                         " yet: its answer predates this deploy's claim. Re-run this job");
  }
  return std::move(found->claims);
}

}  // namespace fd::github
