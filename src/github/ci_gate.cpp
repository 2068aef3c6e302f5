#include "github/ci_gate.hpp"

#include <algorithm>

#include "github/ci_commits.hpp"
#include "github/deployed_commit.hpp"
#include "github/held_bytes.hpp"
#include "github/json_fields.hpp"
#include "github/pending_work.hpp"

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

// Each list is reduced page by page (RestClient::forEachPageOf): what is kept of a page is what
// the gate reads, and that is also all the ETag cache keeps for the next poll's 304.
template <class Item, class Parse>
std::vector<Item> parseArray(const rapidjson::Value& page, const char* field, Parse parse) {
  const rapidjson::Value& array = arrayField(page, field);
  std::vector<Item> items;
  items.reserve(array.Size());
  for (const auto& each : array.GetArray()) items.push_back(parse(each));
  return items;
}

RunJob parseRunJob(const rapidjson::Value& job) {
  return RunJob{intField(job, "id"), stringField(job, "name"), stringField(job, "status"),
                stringField(job, "runner_name")};
}

// A commit status as the gate judges it; the suffix (" on <sha>") is added when it is read.
CheckItem parseCommitStatus(const rapidjson::Value& status) {
  return itemForStatus(stringField(status, "context"), stringField(status, "state"));
}

}  // namespace

static std::size_t heldBytes(const RunJob& job) {
  return heldBytes(job.name) + heldBytes(job.status) + heldBytes(job.runnerName);
}

static std::size_t heldBytes(const CheckItem& item) {
  return heldBytes(item.name) + heldBytes(item.detail);
}

static std::size_t heldBytes(const WorkflowRun& run) {
  return heldBytes(run.name) + heldBytes(run.status);
}

static std::size_t heldBytes(const CheckSuite& suite) {
  return heldBytes(suite.appSlug) + heldBytes(suite.status);
}

namespace {

// "a1b2c3d, 9f8e7d6 (same code)"
std::string describeCommits(const std::vector<std::string>& shas) {
  std::string text = shortSha(shas.front());
  if (shas.size() == 1) return text;
  for (std::size_t i = 1; i < shas.size(); ++i) text += ", " + shortSha(shas[i]);
  return text + " (the same code)";
}

}  // namespace

GithubCiGate::GithubCiGate(GithubContext github, const Inputs& inputs, RestClient& client,
                           Clock& clock, Log& log)
    : github_(std::move(github)), inputs_(inputs), client_(client), clock_(clock), log_(log) {}

std::string GithubCiGate::repoPath() const {
  return "/repos/" + github_.owner + "/" + github_.repo;
}

OwnJobs GithubCiGate::ownJobs() {
  OwnJobs own;
  if (github_.runId.empty()) {
    own.how = "no workflow run: no job of its own to leave out";
    return own;
  }
  std::vector<RunJob> jobs;
  const Status listed = client_.forEachPageOf<std::vector<RunJob>>(
      repoPath() + "/actions/runs/" + github_.runId + "/attempts/" + github_.runAttempt + "/jobs",
      "jobs",
      [](const rapidjson::Value& page) { return parseArray<RunJob>(page, "jobs", parseRunJob); },
      [&jobs](const std::shared_ptr<const std::vector<RunJob>>& page) {
        jobs.insert(jobs.end(), page->begin(), page->end());
        return okStatus();
      });
  if (!listed) {
    own.how = "cannot list this run's jobs (" + listed.message() + ")";
    return own;
  }
  return identifyOwnJobs(jobs, github_.runnerName);
}

bool GithubCiGate::isOwn(const CheckRun& run, const OwnJobs& own) const {
  if (own.identified) return own.ids.count(run.id) > 0;
  // Fallback: this run's unfinished job named like the job key (GITHUB_JOB), reported by
  // GitHub Actions itself. Anything else of this run is waited for.
  const RunIdentity identity{github_.serverUrl, github_.owner, github_.repo, github_.runId};
  return run.status != "completed" && belongsToRun(run, identity, {}) &&
         namedLikeJobKey(run.name, github_.job);
}

Status GithubCiGate::addCheckRuns(const std::string& sha, const std::string& suffix,
                                  const OwnJobs& own, Poll& poll) {
  LatestRuns latest;
  Status listed = client_.forEachPageOf<std::vector<CheckRun>>(
      repoPath() + "/commits/" + sha + "/check-runs", "check-runs", parseCheckRunPage,
      [&latest](std::shared_ptr<const std::vector<CheckRun>> page) {
        latest.add(std::move(page));
        return okStatus();
      });
  if (!listed) return listed;
  for (const CheckRun* each : latest.latest()) {
    const CheckRun& run = *each;
    if (isOwn(run, own)) {
      poll.tally.excludeOwn(run.name);
      if (run.id == own.self || !own.identified) poll.ownSuites.insert(run.suiteId);
      continue;
    }
    CheckItem item = itemForCheckRun(run);
    if (item.state == CheckItem::State::Pending) poll.reportingSuites.insert(run.suiteId);
    item.detail += suffix;
    poll.tally.add(item);
  }
  return okStatus();
}

Status GithubCiGate::addStatuses(const std::string& sha, const std::string& suffix, Poll& poll) {
  // The combined state is "pending" when there are no statuses at all: read the statuses
  // themselves, never the combined state.
  return client_.forEachPageOf<std::vector<CheckItem>>(
      repoPath() + "/commits/" + sha + "/status", "statuses",
      [](const rapidjson::Value& page) {
        return parseArray<CheckItem>(page, "statuses", parseCommitStatus);
      },
      [&](const std::shared_ptr<const std::vector<CheckItem>>& page) {
        for (CheckItem item : *page) {
          item.detail += suffix;
          poll.tally.add(item);
        }
        return okStatus();
      });
}

Status GithubCiGate::addPendingWork(const std::string& sha, Poll& poll) {
  PendingWorkInput input;
  Status runs = client_.forEachPageOf<std::vector<WorkflowRun>>(
      repoPath() + "/actions/runs?head_sha=" + sha, "workflow-runs",
      [](const rapidjson::Value& page) {
        return parseArray<WorkflowRun>(page, "workflow_runs", parseWorkflowRun);
      },
      [&input](const std::shared_ptr<const std::vector<WorkflowRun>>& page) {
        input.runs.insert(input.runs.end(), page->begin(), page->end());
        return okStatus();
      });
  // Without `actions: read` the check suites still show every queued workflow run (a run gets
  // its suite when it is created), only without the workflow's name.
  if (!runs && runs.code() != ErrorCode::PermissionDenied) return runs;
  if (!runs && !runsHidden_) {
    runsHidden_ = true;
    log_.info("CI: workflow runs are not readable (" + runs.message() +
              "); unfinished ones are seen through their check suites");
  }
  if (!runs) input.runs.clear();  // a later page refused: judge by the suites alone
  Status suites = client_.forEachPageOf<std::vector<CheckSuite>>(
      repoPath() + "/commits/" + sha + "/check-suites", "check-suites",
      [](const rapidjson::Value& page) {
        return parseArray<CheckSuite>(page, "check_suites", parseCheckSuite);
      },
      [&input](const std::shared_ptr<const std::vector<CheckSuite>>& page) {
        input.suites.insert(input.suites.end(), page->begin(), page->end());
        return okStatus();
      });
  if (!suites) return suites;
  for (const WorkflowRun& run : input.runs) {
    if (!github_.runId.empty() && std::to_string(run.id) == github_.runId)
      poll.ownSuites.insert(run.suiteId);
  }
  input.ownRunId = github_.runId;
  input.ownSuites = poll.ownSuites;
  input.reportingSuites = poll.reportingSuites;
  for (const CheckItem& item : pendingWork(input)) poll.tally.add(item);
  return okStatus();
}

Result<CiVerdict> GithubCiGate::poll(const std::vector<std::string>& shas, const OwnJobs& own,
                                     const CheckFilter& filter) {
  Poll poll(filter);
  for (const std::string& sha : shas) {
    const std::string suffix = sha == shas.front() ? "" : " on " + shortSha(sha);
    if (auto runs = addCheckRuns(sha, suffix, own, poll); !runs) return runs.error();
    if (auto statuses = addStatuses(sha, suffix, poll); !statuses) return statuses.error();
  }
  for (const std::string& sha : shas) {
    if (auto work = addPendingWork(sha, poll); !work) return work.error();
  }
  return poll.tally.verdict();
}

GateResult GithubCiGate::check(const DeployContext& context) {
  auto filter = CheckFilter::parse(inputs_.ignoreChecks, inputs_.requiredChecks);
  if (!filter) return result(false, filter.message(), "fix the input and run again");
  const CiCommits commits = commitsToJudge(github_, context);
  if (!commits.refusal.empty()) return result(false, commits.refusal, commits.rerun);
  const std::string& sha = commits.shas.front();

  const auto interval = std::chrono::seconds(std::max(1, inputs_.ciIntervalS));
  const auto start = clock_.steady();
  const auto deadline = start + std::chrono::seconds(std::max(0, inputs_.ciTimeoutS));
  DeadlineScope scope(client_, deadline);
  log_.info("CI: checks and statuses on " + describeCommits(commits.shas) + " (timeout " +
            seconds(inputs_.ciTimeoutS) + ", every " + seconds(interval.count()) + ")");

  const OwnJobs own = ownJobs();
  if (own.identified) {
    log_.info("CI: " + own.how);
  } else if (!github_.runId.empty()) {
    log_.warning("CI: " + own.how + "; leaving out only this run's unfinished jobs named \"" +
                 github_.job + "\" (grant `actions: read` so this job is recognised by id)");
  }
  const std::string rerun =
      "make the failing checks on " + shortSha(sha) + " pass, then re-run this job";

  for (int round = 1;; ++round) {
    auto seen = poll(commits.shas, own, *filter);
    if (!seen) return result(false, seen.message(), "re-run this job once GitHub answers");
    const CiVerdict& verdict = *seen;
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
    log_.info("CI: poll " + std::to_string(round) + ": " + verdict.notes + "; next poll in " +
              seconds(interval.count()));
    if (!clock_.sleepFor(interval))
      return result(false, "cancelled while waiting: " + verdict.notes);
  }
}

}  // namespace fd::github
