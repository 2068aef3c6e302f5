#include "github/pending_work.hpp"

#include "github/json_fields.hpp"

namespace fd::github {

namespace {

CheckItem pending(std::string name, std::string detail) {
  CheckItem item;
  item.name = std::move(name);
  item.detail = std::move(detail);
  item.state = CheckItem::State::Pending;
  return item;
}

std::string statusOf(const std::string& status) {
  return status.empty() ? std::string("pending") : status;
}

}  // namespace

WorkflowRun parseWorkflowRun(const rapidjson::Value& json) {
  WorkflowRun run;
  run.id = intField(json, "id");
  run.name = stringField(json, "name");
  if (run.name.empty()) run.name = stringField(json, "path");
  run.status = stringField(json, "status");
  run.suiteId = intField(json, "check_suite_id");
  return run;
}

CheckSuite parseCheckSuite(const rapidjson::Value& json) {
  CheckSuite suite;
  suite.id = intField(json, "id");
  suite.appSlug = stringField(objectField(json, "app"), "slug");
  if (suite.appSlug.empty())
    suite.appSlug = "app " + std::to_string(intField(objectField(json, "app"), "id"));
  suite.status = stringField(json, "status");
  return suite;
}

std::vector<CheckItem> pendingWork(const PendingWorkInput& input) {
  std::vector<CheckItem> items;
  std::set<std::int64_t> runSuites;
  for (const WorkflowRun& run : input.runs) {
    runSuites.insert(run.suiteId);
    if (std::to_string(run.id) == input.ownRunId || input.ownSuites.count(run.suiteId) > 0)
      continue;
    if (run.status == "completed" || input.reportingSuites.count(run.suiteId) > 0) continue;
    items.push_back(pending("workflow: " + run.name, statusOf(run.status)));
  }
  for (const CheckSuite& suite : input.suites) {
    if (suite.status == "completed" || runSuites.count(suite.id) > 0) continue;
    if (input.ownSuites.count(suite.id) > 0 || input.reportingSuites.count(suite.id) > 0) continue;
    items.push_back(pending("check suite: " + suite.appSlug, statusOf(suite.status)));
  }
  return items;
}

}  // namespace fd::github
