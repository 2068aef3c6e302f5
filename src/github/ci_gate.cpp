#include "github/ci_gate.hpp"

#include <algorithm>

#include "github/deployed_commit.hpp"
#include "github/json_fields.hpp"

namespace fd::github {

namespace {

constexpr const char* kGate = "CI Checks";

GateResult result(bool passed, const std::string& notes, const std::string& rerun = "") {
  GateResult gate;
  gate.row.gate = kGate;
  gate.row.required = true;
  gate.row.status = passed ? "PASS" : "FAIL";
  gate.row.notes = notes;
  gate.passed = passed;
  gate.rerun = rerun;
  return gate;
}

std::string seconds(long long value) { return std::to_string(value) + "s"; }

}  // namespace

GithubCiGate::GithubCiGate(GithubContext github, const Inputs& inputs, RestClient& client,
                           Clock& clock, Log& log)
    : github_(std::move(github)), inputs_(inputs), client_(client), clock_(clock), log_(log) {}

std::string GithubCiGate::repoPath() const {
  return "/repos/" + github_.owner + "/" + github_.repo;
}

Result<std::set<std::int64_t>> GithubCiGate::ownJobIds() {
  std::set<std::int64_t> ids;
  if (github_.runId.empty()) return ids;
  auto pages = client_.getAll(repoPath() + "/actions/runs/" + github_.runId + "/attempts/" +
                              github_.runAttempt + "/jobs");
  if (!pages) return pages.error();
  for (const auto& page : *pages) {
    for (const auto& job : arrayField(page, "jobs").GetArray()) ids.insert(intField(job, "id"));
  }
  return ids;
}

Status GithubCiGate::addCheckRuns(const std::string& sha, const std::set<std::int64_t>& jobIds,
                                  CiSnapshot& snapshot) {
  auto pages = client_.getAll(repoPath() + "/commits/" + sha + "/check-runs");
  if (!pages) return pages.error();
  std::vector<CheckRun> runs;
  for (const auto& page : *pages) {
    for (const auto& run : arrayField(page, "check_runs").GetArray())
      runs.push_back(parseCheckRun(run));
  }
  for (const CheckRun& run : latestPerName(runs)) {
    // This run's jobs that have not finished cannot be ones this job `needs:` (those finished
    // first): they are this job itself or siblings, and waiting for them would deadlock.
    if (run.status != "completed" && belongsToRun(run, github_.runId, jobIds)) {
      snapshot.excludedOwn.push_back(run.name);
      continue;
    }
    snapshot.items.push_back(itemForCheckRun(run));
  }
  return okStatus();
}

Status GithubCiGate::addStatuses(const std::string& sha, CiSnapshot& snapshot) {
  auto pages = client_.getAll(repoPath() + "/commits/" + sha + "/status");
  if (!pages) return pages.error();
  // The combined state is "pending" when there are no statuses at all: read the statuses
  // themselves, never the combined state.
  for (const auto& page : *pages) {
    for (const auto& status : arrayField(page, "statuses").GetArray()) {
      snapshot.items.push_back(
          itemForStatus(stringField(status, "context"), stringField(status, "state")));
    }
  }
  return okStatus();
}

Result<CiSnapshot> GithubCiGate::snapshot(const std::string& sha,
                                          const std::set<std::int64_t>& jobIds) {
  CiSnapshot snapshot;
  if (auto runs = addCheckRuns(sha, jobIds, snapshot); !runs) return runs.error();
  if (auto statuses = addStatuses(sha, snapshot); !statuses) return statuses.error();
  return snapshot;
}

GateResult GithubCiGate::check(const DeployContext& context) {
  const std::string sha = deployedCommit(github_, context);
  auto filter = CheckFilter::parse(inputs_.ignoreChecks, inputs_.requiredChecks);
  if (!filter) return result(false, filter.message(), "fix the input and run again");

  const auto interval = std::chrono::seconds(std::max(1, inputs_.ciIntervalS));
  const auto start = clock_.steady();
  const auto deadline = start + std::chrono::seconds(std::max(0, inputs_.ciTimeoutS));
  DeadlineScope scope(client_, deadline);
  log_.info("CI: checks and statuses on " + sha + " (timeout " + seconds(inputs_.ciTimeoutS) +
            ", every " + seconds(interval.count()) + ")");

  auto jobIds = ownJobIds();
  if (!jobIds) {
    log_.debug("CI: cannot list this run's jobs (" + jobIds.message() +
               "); recognising them by details_url only");
  }
  const std::set<std::int64_t> ids = jobIds ? *jobIds : std::set<std::int64_t>{};
  const std::string rerun =
      "make the failing checks on " + shortSha(sha) + " pass, then re-run this job";

  for (int poll = 1;; ++poll) {
    auto seen = snapshot(sha, ids);
    if (!seen) return result(false, seen.message(), "re-run this job once GitHub answers");
    const CiVerdict verdict = evaluate(*seen, *filter);
    if (verdict.outcome == CiVerdict::Outcome::Pass) return result(true, verdict.notes);
    if (verdict.outcome == CiVerdict::Outcome::Fail) return result(false, verdict.notes, rerun);

    const auto waited = std::chrono::duration_cast<std::chrono::seconds>(clock_.steady() - start);
    if (clock_.steady() + interval > deadline) {
      const bool none = verdict.passed + verdict.failed + verdict.pending == 0;
      const std::string what =
          none ? "no checks or statuses found on " + shortSha(sha) : verdict.notes;
      return result(
          false, "timed out after " + seconds(waited.count()) + ": " + what,
          none ? "make sure CI runs on " + shortSha(sha) + ", or raise ci-timeout"
               : "wait for the checks to finish (or raise ci-timeout), then re-run this job");
    }
    log_.info("CI: poll " + std::to_string(poll) + ": " + verdict.notes + "; next poll in " +
              seconds(interval.count()));
    if (!clock_.sleepFor(interval))
      return result(false, "cancelled while waiting: " + verdict.notes);
  }
}

}  // namespace fd::github
