// GET /deployments of one environment and this action's task, one page reduced as it arrives to
// this action's deployments (their mark verified) and where the page sits in time: what the
// ledger and the deploy claim check read. The ETag cache keeps these, not the page, for a 304.
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "github/deployment_mark.hpp"
#include "github/rest_client.hpp"

namespace fd::github {

struct ListedDeployment {
  std::int64_t id = 0;
  std::string sha;
  std::string createdAt;
  DeploymentMark mark;
  std::size_t position = 0;  // among every deployment the page lists, ours or not (0: newest)
};

struct ListedPage {
  bool list = false;     // a list at all (anything else is an error for the caller)
  std::size_t size = 0;  // deployments listed, ours or not
  std::string newestCreatedAt;
  std::string oldestCreatedAt;
  std::vector<ListedDeployment> ours;  // newest first
};

std::size_t heldBytes(const ListedDeployment& listed);
std::size_t heldBytes(const ListedPage& page);

// GitHub's own deployments for `environment:` jobs and other tools' are not ours: skipped
// without reading their statuses, but they take their place.
ListedPage reduceListed(const rapidjson::Value& json);

// One page of an environment's list (`target`: its URL or a Link rel="next"), reduced, and the
// next page's URL. The ledger and the claim check share the cache entry: one reduction, one kind.
// Unavailable when GitHub's answer is not a list.
struct ListedAnswer {
  std::shared_ptr<const ListedPage> page;
  std::string nextUrl;
};
Result<ListedAnswer> readListedPage(RestClient& client, const std::string& target,
                                    const std::string& environment);

}  // namespace fd::github
