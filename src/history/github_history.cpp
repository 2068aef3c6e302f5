#include "history/github_history.hpp"

#include "github/deployment_mark.hpp"
#include "github/json_fields.hpp"
#include "history/iso_time.hpp"

namespace fd {

namespace {

using github::stringField;

// The ledger's outcome words (github/deployment_ledger.cpp posts them): success only after
// verification, failure with "rolled back" when prod went back, error when that rollback failed.
std::string statusOf(const std::string& state, const std::string& description,
                     const std::string& kind) {
  if (state == "success") return kind == "rollback" ? "ROLLED BACK" : "SUCCESS";
  if (state == "failure") {
    return description.find("rolled back") != std::string::npos ? "ROLLED BACK" : "FAILED";
  }
  if (state == "error") {
    return description.find("rollback failed") != std::string::npos ? "ROLLBACK FAILED" : "FAILED";
  }
  return "IN PROGRESS";  // queued, pending, in_progress, or no status yet
}

}  // namespace

GithubHistory::GithubHistory(GithubContext github, github::RestClient& client, Log& log)
    : github_(std::move(github)), client_(client), log_(log) {}

std::string GithubHistory::repoPath() const {
  return "/repos/" + github_.owner + "/" + github_.repo;
}

std::string GithubHistory::source() const {
  return "GitHub Deployments of " + github_.owner + "/" + github_.repo;
}

Result<HistoryEntry> GithubHistory::withStatuses(const rapidjson::Value& deployment,
                                                 HistoryEntry entry) {
  const std::string id = github::idField(deployment, "id");
  auto statuses = client_.get(repoPath() + "/deployments/" + id + "/statuses?per_page=100");
  if (!statuses) return statuses.error();
  const std::string created = stringField(deployment, "created_at");
  std::string state;
  if (statuses->json.IsArray()) {
    for (const auto& status : statuses->json.GetArray()) {       // newest first
      if (stringField(status, "state") == "inactive") continue;  // superseded, not an outcome
      state = stringField(status, "state");
      entry.time = stringField(status, "created_at");
      entry.description = stringField(status, "description");
      const std::string log = stringField(status, "log_url");
      if (!log.empty()) entry.receipt = log;
      break;
    }
  }
  entry.status = statusOf(state, entry.description, entry.kind);
  if (entry.time.empty()) entry.time = created;
  if (entry.status != "IN PROGRESS") entry.durationS = secondsBetween(created, entry.time);
  return entry;
}

Result<std::vector<HistoryEntry>> GithubHistory::entries(const std::string& environment,
                                                         std::size_t limit) {
  std::string url =
      repoPath() + "/deployments?per_page=100&task=" + github::urlEncode(github::kDeploymentTask);
  if (!environment.empty()) url += "&environment=" + github::urlEncode(environment);
  std::vector<HistoryEntry> found;
  for (int page = 0; page < kHistoryMaxPages && !url.empty(); ++page) {
    auto listed = client_.get(url);
    if (!listed) return listed.error();
    url = listed->nextUrl;
    if (!listed->json.IsArray()) {  // never read as "no deployments": that would hide them all
      return makeError(ErrorCode::Unavailable,
                       "GitHub's deployments" +
                           (environment.empty() ? std::string() : " of " + environment) +
                           " are not a list");
    }
    for (const auto& deployment : listed->json.GetArray()) {  // newest first
      github::DeploymentMark mark;
      if (!github::readMark(deployment, mark)) continue;  // GitHub's own or another tool's
      HistoryEntry entry;
      entry.environment = stringField(deployment, "environment");
      entry.sha = stringField(deployment, "sha");
      entry.kind = mark.kind.empty() ? "deploy" : mark.kind;
      entry.version = mark.version.empty() ? entry.sha.substr(0, 7) : mark.version;
      entry.actor = mark.actor;
      entry.id = github::idField(deployment, "id");
      if (!mark.runId.empty()) {
        GithubContext run = github_;
        run.runId = mark.runId;
        entry.receipt = run.runUrl();
      }
      auto complete = withStatuses(deployment, std::move(entry));
      if (!complete) return complete.error();
      found.push_back(std::move(complete).value());
      // One beyond the limit is enough (previous versions): no more statuses are read.
      if (limit != 0 && found.size() > limit) break;
    }
    // The previous versions need one entry beyond the limit, so a page more is not read for it.
    if (limit != 0 && found.size() > limit) break;
  }
  if (!url.empty() && (limit == 0 || found.size() <= limit)) {
    log_.warning("history: read the newest " + std::to_string(kHistoryMaxPages * 100) +
                 " deployments only");
  }
  fillPreviousVersions(found);
  return selectEntries(found, environment, limit);
}

}  // namespace fd
