#include "github/own_job.hpp"

#include <algorithm>

namespace fd::github {

namespace {

bool hasMatrixSuffix(const std::string& name) { return matrixBase(name) != name; }

}  // namespace

std::string matrixBase(const std::string& name) {
  if (name.size() < 4 || name.back() != ')') return name;
  const std::size_t open = name.rfind(" (");
  if (open == std::string::npos || open == 0) return name;
  return name.substr(0, open);
}

OwnJobs identifyOwnJobs(const std::vector<RunJob>& jobs, const std::string& runnerName) {
  OwnJobs own;
  if (runnerName.empty()) {
    own.how = "RUNNER_NAME is not set, so this job cannot be told apart from the run's others";
    return own;
  }
  std::vector<const RunJob*> mine;
  for (const RunJob& job : jobs) {
    if (job.status == "in_progress" && job.runnerName == runnerName) mine.push_back(&job);
  }
  if (mine.size() != 1) {
    own.how = std::to_string(mine.size()) + " jobs of this run are in progress on runner \"" +
              runnerName + "\"; expected exactly one";
    return own;
  }
  const RunJob& self = *mine.front();
  own.identified = true;
  own.self = self.id;
  own.ids.insert(self.id);
  own.names.push_back(self.name);
  own.how =
      "this job is \"" + self.name + "\" (the one in progress on runner \"" + runnerName + "\")";
  if (!hasMatrixSuffix(self.name)) return own;
  const std::string base = matrixBase(self.name);
  for (const RunJob& job : jobs) {
    if (job.id == self.id || !hasMatrixSuffix(job.name) || matrixBase(job.name) != base) continue;
    own.ids.insert(job.id);
    own.names.push_back(job.name);
  }
  return own;
}

bool namedLikeJobKey(const std::string& name, const std::string& jobKey) {
  if (jobKey.empty()) return false;
  return name == jobKey || (hasMatrixSuffix(name) && matrixBase(name) == jobKey);
}

}  // namespace fd::github
