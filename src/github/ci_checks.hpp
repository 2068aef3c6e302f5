// What the CI gate saw on a commit, and what that means: pass, fail (fast) or keep waiting.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "github/check_filter.hpp"

namespace fd::github {

struct CheckRun {
  std::int64_t id = 0;
  std::string name;
  std::string status;      // queued / in_progress / completed / waiting / requested / pending
  std::string conclusion;  // empty until completed
  std::string startedAt;   // ISO 8601; empty when not started
  std::string detailsUrl;
};

CheckRun parseCheckRun(const rapidjson::Value& json);

// Re-runs leave several check runs per name: keep the newest (started_at, then id; one that has
// not started yet is newer than any that has).
std::vector<CheckRun> latestPerName(const std::vector<CheckRun>& runs);

// Whether a check run is a job of this workflow run: its id is one of the run attempt's job ids
// (the Actions job id is the check run id), or its details_url points into the run. Names play
// no part, so renamed (`name:`) and matrix jobs are recognised too.
bool belongsToRun(const CheckRun& run, const std::string& runId,
                  const std::set<std::int64_t>& jobIds);

// One check run or commit status, reduced to what the gate needs.
struct CheckItem {
  std::string name;
  std::string detail;  // the conclusion or state as GitHub spells it: "failure", "in_progress"
  enum class State { Passed, Failed, Pending } state = State::Pending;
};

CheckItem itemForCheckRun(const CheckRun& run);
// A commit status (state success / failure / error / pending).
CheckItem itemForStatus(const std::string& context, const std::string& state);

struct CiSnapshot {
  std::vector<CheckItem> items;
  std::vector<std::string> excludedOwn;  // this run's unfinished jobs, by name
};

struct CiVerdict {
  enum class Outcome { Pass, Fail, Pending } outcome = Outcome::Pending;
  std::string notes;  // "12 passed, 1 failed: lint (failure); missing: e2e"
  int passed = 0;
  int failed = 0;
  int pending = 0;
  std::vector<std::string> missing;
};

// Fail as soon as anything failed; pass when something was found and all of it passed and every
// required check is there; otherwise pending. Zero checks is never a pass.
CiVerdict evaluate(const CiSnapshot& snapshot, const CheckFilter& filter);

}  // namespace fd::github
