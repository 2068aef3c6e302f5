// §5.5 in GitHub mode: GitHub Deployments as the ledger of what went where. Only deployments this
// action recorded and verified count (deployment_mark.hpp); a deploy claims its environment by
// creating its deployment first, and yields when an older claim is still deploying.
#pragma once

#include <cstdint>
#include <optional>

#include "core/inputs.hpp"
#include "core/ports/log.hpp"
#include "core/ports/mode.hpp"
#include "github/deployment_mark.hpp"
#include "github/github_context.hpp"
#include "github/listed_deployments.hpp"
#include "github/rest_client.hpp"

namespace fd::github {

// How many recent deployments of an environment are examined (one request each for the statuses
// of those carrying our mark, answered by 304s when polled again).
inline constexpr std::size_t kLedgerDepth = 30;

// A deployment status description: GitHub allows at most 140 characters.
std::string deploymentDescription(const std::string& text);

class GithubDeploymentLedger : public DeploymentLedger {
 public:
  GithubDeploymentLedger(GithubContext github, const Inputs& inputs, RestClient& client, Log& log);
  Result<std::vector<LedgerEntry>> successful(const std::string& environment) override;
  // Aborted when another run's deploy to the environment is in progress (this run's
  // own deployment, if it made one, is closed with `error` and deploys nothing).
  Result<std::string> begin(const DeployContext& context) override;
  Status finish(const DeployContext& context, const DeployRecord& record) override;
  std::string deviation() const override { return deviation_; }

 private:
  // One of our deployments, with the state of its newest status that is not "inactive".
  struct Recorded {
    std::int64_t id = 0;
    LedgerEntry entry;
    DeploymentMark mark;
    std::string state;    // success / failure / error / in_progress / queued / pending / ""
    bool active = false;  // its newest status is success (not yet inactive)
  };
  // The kLedgerDepth newest deployments listed, ours with their state.
  Result<std::vector<Recorded>> recorded(const std::string& environment);
  Result<std::vector<Recorded>> withStates(const std::string& environment,
                                           const std::vector<ListedDeployment>& listed);
  Result<Recorded> withState(std::int64_t id, Recorded found);
  // Another run's deploy still in progress on the environment, older than `ownId` (0: any),
  // among every claim within deploy_claims.hpp's horizon.
  Result<std::optional<Recorded>> deployInProgress(const std::string& environment,
                                                   std::int64_t ownId);
  // Whether the run that made a claim has ended; an error when its run cannot be read.
  Result<bool> runHasEnded(const DeploymentMark& mark);
  std::string clearingHint(std::int64_t id) const;
  // Why this deploy may not start (empty: it may): no claim could be made, or another claim is
  // older and still deploying, or that cannot be told.
  std::string unclaimedRefusal(const std::string& environment, const std::string& why) const;
  std::string busyRefusal(const std::string& environment, std::int64_t ownId);
  // The deployment GitHub created for this job's `environment:` (unmarked, its statuses pointing
  // into this run), if any: then this run leaves two deployments in the history.
  void warnAboutGithubsOwnDeployment(const DeployContext& context);
  Status postStatus(const std::string& id, const std::string& state, const std::string& description,
                    const std::string& environmentUrl, bool autoInactive);
  Result<std::string> create(const DeployContext& context);
  // GitHub never auto-inactivates production deployments: retire our OLDER ones ourselves.
  void retireOlder(const std::string& environment, std::int64_t keepId);
  std::string repoPath() const;
  std::string listUrl(const std::string& environment) const;

  GithubContext github_;
  const Inputs& inputs_;
  RestClient& client_;
  Log& log_;
  std::string deploymentId_;
  std::string deviation_;  // set by begin() when the deploy makes no claim
};

}  // namespace fd::github
