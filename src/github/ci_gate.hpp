// §5.2 in GitHub mode: check runs and commit statuses on the deployed commit, polled until they
// settle or `ci-timeout` runs out.
#pragma once

#include <cstdint>
#include <set>

#include "core/inputs.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/log.hpp"
#include "core/ports/mode.hpp"
#include "github/ci_checks.hpp"
#include "github/github_context.hpp"
#include "github/rest_client.hpp"

namespace fd::github {

class GithubCiGate : public CiGate {
 public:
  GithubCiGate(GithubContext github, const Inputs& inputs, RestClient& client, Clock& clock,
               Log& log);
  GateResult check(const DeployContext& context) override;

 private:
  Result<std::set<std::int64_t>> ownJobIds();
  Result<CiSnapshot> snapshot(const std::string& sha, const std::set<std::int64_t>& jobIds);
  Status addCheckRuns(const std::string& sha, const std::set<std::int64_t>& jobIds,
                      CiSnapshot& snapshot);
  Status addStatuses(const std::string& sha, CiSnapshot& snapshot);
  std::string repoPath() const;

  GithubContext github_;
  const Inputs& inputs_;
  RestClient& client_;
  Clock& clock_;
  Log& log_;
};

}  // namespace fd::github
