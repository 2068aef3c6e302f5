// GET /deployments of one environment and this action's task, one page reduced as it arrives to
// this action's deployments (their mark verified) and where the page sits in time: what the
// ledger and the deploy claim check read. The ETag cache keeps these, not the page, for a 304.
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "github/deployment_mark.hpp"

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

}  // namespace fd::github
