// Which jobs of this workflow run the CI gate leaves out: this job and the other legs of its own
// matrix. Every other job of the run (a parallel `test`, a later `e2e`) is judged like any check.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace fd::github {

// One job of the run attempt, from GET /repos/{o}/{r}/actions/runs/{id}/attempts/{n}/jobs.
struct RunJob {
  std::int64_t id = 0;  // also the id of the job's check run
  std::string name;     // as shown: "deploy", "deploy (prod, eu)" for a matrix leg
  std::string status;   // queued / in_progress / completed / waiting / ...
  std::string runnerName;
};

struct OwnJobs {
  bool identified = false;         // this job was found in the run attempt's jobs
  std::int64_t self = 0;           // this job's id (its check run id)
  std::set<std::int64_t> ids;      // this job and its matrix legs
  std::vector<std::string> names;  // the same, by name, for the receipt
  std::string how;                 // how it was recognised, or why it was not
};

// A runner runs one job at a time, so the job in progress on this runner (RUNNER_NAME) is this
// one. Its matrix legs are the jobs whose names differ from it only in the "(…)" suffix GitHub
// appends to matrix jobs. Ambiguous or absent: not identified.
OwnJobs identifyOwnJobs(const std::vector<RunJob>& jobs, const std::string& runnerName);

// "deploy (prod, eu)" -> "deploy"; a name without a trailing "(…)" is returned unchanged.
std::string matrixBase(const std::string& name);

// Whether a check run's name is the job key's (GITHUB_JOB), plain or as a matrix leg: the
// fallback when the run's jobs cannot be read. A job renamed with `name:` is not recognised.
bool namedLikeJobKey(const std::string& name, const std::string& jobKey);

}  // namespace fd::github
