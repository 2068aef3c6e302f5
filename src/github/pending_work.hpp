// CI that has not reported yet: a workflow run still queued behind a concurrency group or a busy
// runner pool has no check runs, and a check suite an app has not started has none either. Both
// count as pending, so the gate cannot pass at its first poll and miss a failure that comes later.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "github/ci_checks.hpp"

namespace fd::github {

// GET /repos/{o}/{r}/actions/runs?head_sha=<sha>: one workflow run.
struct WorkflowRun {
  std::int64_t id = 0;
  std::string name;    // the workflow's name (or its path when it has none)
  std::string status;  // queued / in_progress / waiting / requested / pending / completed
  std::int64_t suiteId = 0;
};

// GET /repos/{o}/{r}/commits/{sha}/check-suites: one check suite.
struct CheckSuite {
  std::int64_t id = 0;
  std::string appSlug;
  std::string status;  // queued / in_progress / completed / ...
};

WorkflowRun parseWorkflowRun(const rapidjson::Value& json);
CheckSuite parseCheckSuite(const rapidjson::Value& json);

struct PendingWorkInput {
  std::vector<WorkflowRun> runs;
  std::vector<CheckSuite> suites;
  std::string ownRunId;                    // this workflow run: never waited for
  std::set<std::int64_t> ownSuites;        // this run's check suite(s)
  std::set<std::int64_t> reportingSuites;  // suites with an unfinished check run already judged
};

// An unfinished workflow run ("workflow: CI") or check suite ("check suite: super-ci") other than
// this run's, as a pending item, unless one of its check runs is already pending in the gate.
// A suite that belongs to a listed workflow run is that run, not a second item.
std::vector<CheckItem> pendingWork(const PendingWorkInput& input);

}  // namespace fd::github
