// §5.2 in GitHub mode: check runs, commit statuses and unfinished workflow runs and check suites
// on the code that ships, polled until they settle or `ci-timeout` runs out.
#pragma once

#include <cstdint>
#include <set>

#include "core/inputs.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/log.hpp"
#include "core/ports/mode.hpp"
#include "github/ci_checks.hpp"
#include "github/ci_tally.hpp"
#include "github/github_context.hpp"
#include "github/own_job.hpp"
#include "github/rest_client.hpp"

namespace fd::github {

class GithubCiGate : public CiGate {
 public:
  // Without a run id (`github.runId` empty: a developer's machine) there is no own job to leave
  // out and nothing is this run's.
  GithubCiGate(GithubContext github, const Inputs& inputs, RestClient& client, Clock& clock,
               Log& log);
  GateResult check(const DeployContext& context) override;

 private:
  // What one poll saw, and this run's own check suites found along the way.
  struct Poll {
    explicit Poll(const CheckFilter& filter) : tally(filter) {}
    CiTally tally;
    std::set<std::int64_t> ownSuites;
    std::set<std::int64_t> reportingSuites;
  };
  OwnJobs ownJobs();
  Result<CiVerdict> poll(const std::vector<std::string>& shas, const OwnJobs& own,
                         const CheckFilter& filter);
  Status addCheckRuns(const std::string& sha, const std::string& suffix, const OwnJobs& own,
                      Poll& poll);
  Status addStatuses(const std::string& sha, const std::string& suffix, Poll& poll);
  Status addPendingWork(const std::string& sha, Poll& poll);
  bool isOwn(const CheckRun& run, const OwnJobs& own) const;
  std::string repoPath() const;

  GithubContext github_;
  const Inputs& inputs_;
  RestClient& client_;
  Clock& clock_;
  Log& log_;
  bool runsHidden_ = false;  // the workflow runs list was refused once (said once)
};

}  // namespace fd::github
