#include "github/deploy_claims.hpp"

#include <optional>

#include "core/iso_timestamp.hpp"

namespace fd::github {

namespace {

struct Scan {
  std::vector<ListedDeployment> claims;
  bool ownListed = false;
};

// Older than the horizon; an unreadable time never is (it is examined).
bool beyond(const std::string& createdAt, const std::optional<TimePoint>& newest) {
  const auto created = parseIsoTimestamp(createdAt);
  return newest && created && *created < *newest - kClaimHorizon;
}

Result<Scan> scan(RestClient& client, const std::string& listUrl, const std::string& environment,
                  std::int64_t ownId) {
  Scan found;
  std::optional<TimePoint> newest;
  std::string target = listUrl;
  for (std::size_t pages = 0; pages < kClaimPages; ++pages) {
    auto answer =
        client.get(target, typedReduction<ListedPage>("ledger-deployments", reduceListed));
    if (!answer) return answer.error();
    auto page = partOf<ListedPage>(answer->part, target);
    if (!page) return page.error();
    const ListedPage& listed = **page;
    if (!listed.list) {
      return makeError(ErrorCode::Unavailable,
                       "GitHub's deployments of " + environment + " are not a list");
    }
    if (pages == 0) newest = parseIsoTimestamp(listed.newestCreatedAt);
    for (const ListedDeployment& each : listed.ours) {
      if (beyond(each.createdAt, newest)) return found;
      found.ownListed = found.ownListed || each.id == ownId;
      found.claims.push_back(each);
    }
    if (answer->nextUrl.empty() || beyond(listed.oldestCreatedAt, newest)) return found;
    target = answer->nextUrl;
  }
  return makeError(ErrorCode::ResourceExhausted,
                   "more than " + std::to_string(kClaimPages * 100) + " deployments of " +
                       environment + " were created within " +
                       std::to_string(kClaimHorizon.count() / 24) +
                       " days (the longest a job runs): an older deploy still in progress "
                       "could be among those not read");
}

}  // namespace

Result<std::vector<ListedDeployment>> recentClaims(RestClient& client, const std::string& listUrl,
                                                   const std::string& environment,
                                                   std::int64_t ownId) {
  auto found = scan(client, listUrl, environment, ownId);
  // GitHub may answer from a replica that has not seen this run's claim yet: what it lists then
  // predates the claim, and a claim made meanwhile by another run would be missed. Read again.
  if (found && ownId != 0 && !found->ownListed) found = scan(client, listUrl, environment, ownId);
  if (!found) return found.error();
  if (ownId != 0 && !found->ownListed) {
    return makeError(ErrorCode::Unavailable, "GitHub does not list this run's own deployment " +
                                                 std::to_string(ownId) + " among those of " +
                                                 environment +
                                                 " yet: its answer predates this deploy's claim");
  }
  return std::move(found->claims);
}

}  // namespace fd::github
