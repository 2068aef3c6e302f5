// §5.5 in GitHub mode: GitHub Deployments as the ledger of what went where.
#pragma once

#include <optional>

#include "core/inputs.hpp"
#include "core/ports/log.hpp"
#include "core/ports/mode.hpp"
#include "github/github_context.hpp"
#include "github/rest_client.hpp"

namespace fd::github {

// How many recent deployments of an environment successful() examines (one request each for
// their statuses, answered by 304s when polled again).
inline constexpr std::size_t kLedgerDepth = 30;

// A deployment status description: GitHub allows at most 140 characters.
std::string deploymentDescription(const std::string& text);

class GithubDeploymentLedger : public DeploymentLedger {
 public:
  GithubDeploymentLedger(GithubContext github, const Inputs& inputs, RestClient& client, Log& log);
  Result<std::vector<LedgerEntry>> successful(const std::string& environment) override;
  Result<std::string> begin(const DeployContext& context) override;
  Status finish(const DeployContext& context, const DeployRecord& record) override;

 private:
  struct Found {
    LedgerEntry entry;
    bool active = false;  // its newest status is success (not yet inactive)
  };
  // The state of a deployment's newest status that is not "inactive", with its time.
  struct State {
    std::string state;
    std::string time;
    bool active = false;
  };
  Result<State> effectiveState(const std::string& id);
  Result<std::vector<Found>> scan(const std::string& environment);
  Status postStatus(const std::string& id, const std::string& state, const std::string& description,
                    const std::string& environmentUrl, bool autoInactive);
  // GitHub never auto-inactivates production deployments: retire the older ones ourselves.
  void retireOlder(const std::string& environment, const std::string& keepId);
  std::string repoPath() const;

  GithubContext github_;
  const Inputs& inputs_;
  RestClient& client_;
  Log& log_;
  std::string deploymentId_;
};

}  // namespace fd::github
