#include "github/deployment_ledger.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/deploy_record.hpp"
#include "github/confirmation_gate.hpp"
#include "github/deploy_claims.hpp"
#include "github/deployed_commit.hpp"
#include "github/held_bytes.hpp"
#include "github/json_fields.hpp"
#include "github/listed_deployments.hpp"
#include "github/post_lookups.hpp"

namespace fd::github {

namespace {

constexpr std::size_t kMaxDescription = 140;
// Refusals that could not tell whether another deploy runs (rather than saw one) start so.
constexpr std::string_view kCannotTell = "cannot tell whether another deploy";

std::string describeOutcome(const DeployContext& context, const DeployRecord& record) {
  const std::string sha = shortSha(record.fullSha.empty() ? context.sha : record.fullSha);
  if (record.manualRollback) {
    const std::string from = shortSha(record.previousVersion);
    const std::string what = "manual rollback of " + context.env.name +
                             (from.empty() ? "" : " from " + from) + " to " + sha;
    if (record.status == DeployStatus::RolledBack) return "verified: rolled back (" + what + ")";
    return what + " not verified: rollback failed, act now";
  }
  if (record.status == DeployStatus::Success) {
    return "verified: deployed " + sha + " to " + context.env.name;
  }
  const std::string step = record.failedStep.empty() ? "" : " at " + record.failedStep;
  if (record.rollbackFailed) {
    return "rollback failed after " + sha + " failed" + step + ": prod may be broken, act now";
  }
  if (record.status == DeployStatus::RolledBack) {
    const std::string previous = shortSha(record.rollback.previousVersion);
    return sha + " failed" + step + " and was rolled back" +
           (previous.empty() ? "" : " to " + previous);
  }
  return sha + " failed" + step;
}

using github::heldBytes;  // the string overload, beside the one below

// A deployment's statuses (newest first) reduced to its state: the newest that is not
// "inactive", when it was set, and whether it is the newest status and a success.
struct StatusPart {
  bool found = false;
  std::string state;
  std::string time;
  bool active = false;
};

std::size_t heldBytes(const StatusPart& part) {
  return sizeof(part) + heldBytes(part.state) + heldBytes(part.time);
}

StatusPart reduceStatuses(const rapidjson::Value& json) {
  StatusPart part;
  if (!json.IsArray()) return part;
  bool newest = true;
  for (const auto& status : json.GetArray()) {
    const std::string state = stringField(status, "state");
    if (state != "inactive") {
      part = {true, state, stringField(status, "created_at"), newest && state == "success"};
      break;
    }
    newest = false;
  }
  return part;
}

bool inProgress(const std::string& state) {
  return state.empty() || state == "in_progress" || state == "queued" || state == "pending";
}

std::int64_t toId(const std::string& text) {
  try {
    return text.empty() ? 0 : std::stoll(text);
  } catch (const std::exception&) {
    return 0;
  }
}

}  // namespace

std::string deploymentDescription(const std::string& text) {
  if (text.size() <= kMaxDescription) return text;
  std::string cut = text.substr(0, kMaxDescription - 3);
  while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();
  if (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0x80) != 0) cut.pop_back();
  return cut + "...";
}

GithubDeploymentLedger::GithubDeploymentLedger(GithubContext github, const Inputs& inputs,
                                               RestClient& client, Log& log)
    : github_(std::move(github)), inputs_(inputs), client_(client), log_(log) {}

std::string GithubDeploymentLedger::repoPath() const {
  return "/repos/" + github_.owner + "/" + github_.repo;
}

Result<GithubDeploymentLedger::Recorded> GithubDeploymentLedger::withState(std::int64_t id,
                                                                           Recorded found) {
  auto statuses = client_.getOf<StatusPart>(
      repoPath() + "/deployments/" + std::to_string(id) + "/statuses?per_page=100", "ledger-state",
      reduceStatuses);
  if (!statuses) return statuses.error();
  const StatusPart& newest = **statuses;
  if (!newest.found) return found;
  found.state = newest.state;
  found.entry.time = newest.time;
  found.active = newest.active;
  return found;
}

std::string GithubDeploymentLedger::listUrl(const std::string& environment) const {
  // Only this action's task: however many deployments GitHub's `environment:` jobs and other
  // tools create, they never push ours out of what is read here.
  return repoPath() + "/deployments?environment=" + urlEncode(environment) +
         "&task=" + urlEncode(kDeploymentTask) + "&per_page=100";
}

Result<std::vector<GithubDeploymentLedger::Recorded>> GithubDeploymentLedger::withStates(
    const std::string& environment, const std::vector<ListedDeployment>& listed) {
  std::vector<Recorded> found;
  for (const ListedDeployment& deployment : listed) {  // newest first
    Recorded each;
    each.id = deployment.id;
    each.mark = deployment.mark;
    each.entry = LedgerEntry{environment, deployment.sha, "", "", "", std::to_string(each.id)};
    auto state = withState(deployment.id, std::move(each));
    if (!state) return state.error();
    found.push_back(std::move(state).value());
  }
  return found;
}

Result<std::vector<GithubDeploymentLedger::Recorded>> GithubDeploymentLedger::recorded(
    const std::string& environment) {
  auto listed = readListedPage(client_, listUrl(environment), environment);
  if (!listed) return listed.error();
  std::vector<ListedDeployment> newest;
  for (const ListedDeployment& each : listed->page->ours) {
    if (each.position < kLedgerDepth) newest.push_back(each);
  }
  return withStates(environment, newest);
}

Result<std::vector<LedgerEntry>> GithubDeploymentLedger::successful(
    const std::string& environment) {
  auto found = recorded(environment);
  if (!found) return found.error();
  std::vector<LedgerEntry> entries;
  for (Recorded& each : *found) {
    if (each.state != "success") continue;
    each.entry.status = "SUCCESS";
    entries.push_back(std::move(each.entry));
  }
  return entries;
}

Result<bool> GithubDeploymentLedger::runHasEnded(const DeploymentMark& mark) {
  // A run executes one attempt at a time: an earlier attempt of this very run has ended.
  if (mark.runId == github_.runId && toId(mark.runAttempt) < toId(github_.runAttempt)) return true;
  if (mark.runId.empty()) return false;
  auto run = client_.get(repoPath() + "/actions/runs/" + mark.runId);
  // Unreadable (no `actions: read`, or the run deleted): the caller refuses, saying it cannot tell.
  if (!run) return run.error();
  // The run is re-running: the attempt that made the claim has ended.
  const std::int64_t attempt = intField(run->json, "run_attempt");
  if (attempt > 0 && !mark.runAttempt.empty() && toId(mark.runAttempt) > 0 &&
      toId(mark.runAttempt) < attempt)
    return true;
  return stringField(run->json, "status") == "completed";
}

// How to retire a claim by hand: what on-call needs when no run will ever close it.
// `error`, not `inactive`: the ledger reads past `inactive` to the state before it (a success
// that a newer deploy retired), so an `inactive` claim would still read as in progress.
std::string GithubDeploymentLedger::clearingHint(std::int64_t id) const {
  return "close it: `gh api " + repoPath().substr(1) + "/deployments/" + std::to_string(id) +
         "/statuses -f state=error -f description='cleared by hand'`";
}

Result<std::optional<GithubDeploymentLedger::Recorded>> GithubDeploymentLedger::deployInProgress(
    const std::string& environment, std::int64_t ownId) {
  auto claims = recentClaims(client_, listUrl(environment), environment, ownId,
                             std::chrono::hours(inputs_.claimWindowHours));
  if (!claims) return claims.error();
  // A younger claim yields to this one: its state is not needed (one request each spared).
  std::erase_if(*claims, [ownId](const ListedDeployment& each) {
    return each.id == ownId || (ownId != 0 && each.id > ownId);
  });
  auto found = withStates(environment, *claims);
  if (!found) return found.error();
  std::optional<Recorded> oldest;
  std::optional<Error> unknown;    // a claim whose run cannot be read: never taken as ended
  for (Recorded& each : *found) {  // newest first: the last match is the oldest claim
    if (!inProgress(each.state)) continue;
    const Result<bool> ended = runHasEnded(each.mark);
    if (!ended) {
      // Forbidden: the job lacks `actions: read`; anything else (a deleted run, GitHub failing)
      // may pass, or may need the claim closed by hand.
      const std::string next = ended.code() == ErrorCode::PermissionDenied
                                   ? "Give the job `actions: read`; if run "
                                   : "Re-run this job later; if run ";
      unknown = makeError(ErrorCode::Unavailable,
                          "deployment " + std::to_string(each.id) + " claims it for run " +
                              each.mark.runId + ", whose state cannot be read (" + ended.message() +
                              "); nothing was deployed. " + next + each.mark.runId +
                              " no longer deploys, " + clearingHint(each.id));
      continue;
    }
    if (*ended) {
      log_.warning("deployment " + std::to_string(each.id) + " of run " + each.mark.runId +
                   " never finished (its run has ended): not treated as in progress");
      continue;
    }
    oldest = std::move(each);
  }
  if (!oldest && unknown) return *unknown;  // a deploy known to run is the clearer refusal
  return oldest;
}

Status GithubDeploymentLedger::postStatus(const std::string& id, const std::string& state,
                                          const std::string& description,
                                          const std::string& environmentUrl, bool autoInactive) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
  json.StartObject();
  json.Key("state");
  json.String(state.c_str());
  json.Key("description");
  json.String(deploymentDescription(description).c_str());
  if (!github_.runId.empty()) {
    json.Key("log_url");
    json.String(github_.runUrl().c_str());
  }
  if (!environmentUrl.empty()) {
    json.Key("environment_url");
    json.String(environmentUrl.c_str());
  }
  json.Key("auto_inactive");
  json.Bool(autoInactive);
  json.EndObject();
  const std::string statuses = repoPath() + "/deployments/" + id + "/statuses";
  auto posted =
      client_.post(statuses, buffer.GetString(),
                   findPostedStatus(client_, statuses, state, deploymentDescription(description)));
  if (!posted) return posted.error();
  return okStatus();
}

Result<std::string> GithubDeploymentLedger::create(const DeployContext& context) {
  const std::string sha = deployedCommit(github_, context);
  const bool production = context.inputs.environment == Target::Prod;
  const DeploymentMark mark{
      context.kind, context.versionLabel, github_.runId, github_.runAttempt,
      github_.triggeringActor.empty() ? github_.actor : github_.triggeringActor};
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
  json.StartObject();
  json.Key("ref");
  json.String(sha.c_str());
  json.Key("task");
  json.String(kDeploymentTask);
  const std::string marker = attemptMarker(github_);  // finds it again if the answer is lost
  json.Key("payload");
  const std::string payload = markPayload(mark, marker);
  json.RawValue(payload.c_str(), payload.size(), rapidjson::kObjectType);
  json.Key("environment");
  json.String(context.env.name.c_str());
  json.Key("auto_merge");
  json.Bool(false);
  // The CI gate already checked every check run and status itself (with ignore-checks and
  // required-checks): GitHub must not re-check them with its own rules.
  json.Key("required_contexts");
  json.StartArray();
  json.EndArray();
  json.Key("description");
  json.String(
      deploymentDescription("factory-deploy " + shortSha(sha) + " to " + context.env.name).c_str());
  json.Key("production_environment");
  json.Bool(production);
  json.Key("transient_environment");
  json.Bool(false);
  json.EndObject();
  auto created =
      client_.post(repoPath() + "/deployments", buffer.GetString(),
                   findCreatedDeployment(client_, repoPath(), sha, context.env.name, marker));
  if (!created) return created.error();
  const std::string id = idField(created->json, "id");
  if (id.empty()) {
    return makeError(ErrorCode::Internal,
                     "POST " + repoPath() + "/deployments: " + std::to_string(created->status) +
                         " without a deployment id: " + stringField(created->json, "message"));
  }
  deploymentId_ = id;  // recorded: finish() closes it even if the next status cannot be posted
  auto started =
      postStatus(id, "in_progress", "deploying " + shortSha(sha) + " to " + context.env.name,
                 context.env.url, false);
  if (!started) return started.error();
  log_.info("GitHub deployment " + id + " created for " + context.env.name);
  return id;
}

// Without its claim this deploy would be invisible to every other run's check.
std::string GithubDeploymentLedger::unclaimedRefusal(const std::string& environment,
                                                     const std::string& why) const {
  return std::string(kCannotTell) + " to " + environment +
         " is in progress: this run's deployment, its claim on " + environment +
         ", could not be created (" + why +
         "); nothing was deployed. Give the job `deployments: write`, or set "
         "`create-deployment: false` to deploy with no record and no claim";
}

// The deployment is the claim: created first, then the older claim wins, so two runs that start
// together never both deploy. Empty when no other deploy is in progress.
std::string GithubDeploymentLedger::busyRefusal(const std::string& environment,
                                                std::int64_t ownId) {
  auto busy = deployInProgress(environment, ownId);
  if (!busy) {
    return std::string(kCannotTell) + " to " + environment + " is in progress: " + busy.message();
  }
  if (!busy->has_value()) return "";
  const Recorded& other = **busy;
  // A claim naming no run cannot be checked: it holds until it leaves the claim window.
  const std::string unchecked =
      other.mark.runId.empty()
          ? ". It names no run, so it holds until it is older than claim-window; if nothing "
            "deploys it, " +
                clearingHint(other.id)
          : "";
  return "another deploy to " + environment + " is in progress: deployment " +
         std::to_string(other.id) + " of " + shortSha(other.entry.sha) + " by run " +
         (other.mark.runId.empty() ? "?" : other.mark.runId) +
         (other.mark.actor.empty() ? "" : " (@" + other.mark.actor + ")") +
         (other.entry.time.empty() ? "" : ", since " + other.entry.time) +
         "; nothing was deployed. Wait for it to finish, then re-run this job (a "
         "`concurrency:` group per environment makes runs queue instead)" +
         unchecked;
}

Result<std::string> GithubDeploymentLedger::begin(const DeployContext& context) {
  Result<std::string> created =
      inputs_.createDeployment ? create(context) : Result<std::string>(std::string());
  if (!inputs_.createDeployment) {
    deviation_ = "create-deployment: false: this deploy makes no claim on " + context.env.name +
                 ", so other runs cannot see it; only a `concurrency:` group per environment "
                 "keeps two deploys apart";
    log_.warning(deviation_);
  }
  const std::string id = deploymentId_;
  const std::string refusal = inputs_.createDeployment && id.empty()
                                  ? unclaimedRefusal(context.env.name, created.message())
                                  : busyRefusal(context.env.name, toId(id));
  if (refusal.empty()) {
    if (!id.empty()) warnAboutGithubsOwnDeployment(context);
    return created;  // an error here only means the record is incomplete
  }
  deploymentId_.clear();
  if (!id.empty()) {
    const bool unsure = refusal.starts_with(kCannotTell);
    auto closed = postStatus(
        id, "error",
        std::string("not deployed: ") +
            (unsure ? "could not tell whether another deploy to " : "another deploy to ") +
            context.env.name + " was in progress",
        "", false);
    if (!closed) log_.warning("could not close deployment " + id + ": " + closed.message());
  }
  return makeError(ErrorCode::Aborted, refusal);
}

void GithubDeploymentLedger::warnAboutGithubsOwnDeployment(const DeployContext& context) {
  if (github_.runId.empty()) return;
  const std::string environment = githubEnvironmentFor(inputs_, context.env.name);
  auto listed = client_.get(repoPath() + "/deployments?environment=" + urlEncode(environment) +
                            "&sha=" + deployedCommit(github_, context) + "&per_page=10");
  if (!listed || !listed->json.IsArray()) return;  // only a hint: never a reason to stop
  const std::string run = "/actions/runs/" + github_.runId + "/";
  for (const auto& deployment : listed->json.GetArray()) {
    DeploymentMark mark;
    if (readMark(deployment, mark)) continue;
    const std::string id = idField(deployment, "id");
    auto statuses = client_.get(repoPath() + "/deployments/" + id + "/statuses?per_page=10");
    if (!statuses || !statuses->json.IsArray()) continue;
    for (const auto& status : statuses->json.GetArray()) {
      const std::string url =
          stringField(status, "log_url") + " " + stringField(status, "target_url");
      if (url.find(run) == std::string::npos) continue;
      std::string warning = "GitHub created deployment " + id + " for this job's `environment: ";
      warning += environment;
      log_.warning(warning +
                   "`, so this run leaves two deployments in the history (that one does not count "
                   "for the promotion chain). Add `deployment: false` to the job's environment "
                   "(required reviewers still apply): see docs/GITHUB.md");
      return;
    }
  }
}

Status GithubDeploymentLedger::finish(const DeployContext& context, const DeployRecord& record) {
  if (!inputs_.createDeployment) return okStatus();
  const std::string id = deploymentId_.empty() ? record.deploymentId : deploymentId_;
  if (id.empty()) return okStatus();  // begin() never ran: nothing to finish
  // A verified on-demand rollback put its version live, as a successful deploy does.
  const bool success = record.status == DeployStatus::Success ||
                       (record.manualRollback && record.status == DeployStatus::RolledBack);
  const std::string state = success ? "success" : record.rollbackFailed ? "error" : "failure";
  auto posted = postStatus(id, state, describeOutcome(context, record), context.env.url, success);
  if (!posted) return posted;
  if (success && context.inputs.environment == Target::Prod)
    retireOlder(context.env.name, toId(id));
  return okStatus();
}

void GithubDeploymentLedger::retireOlder(const std::string& environment, std::int64_t keepId) {
  auto older = recorded(environment);
  if (!older) {
    log_.warning("could not mark older " + environment +
                 " deployments inactive: " + older.message());
    return;
  }
  for (const Recorded& each : *older) {
    // Only older ones: a newer deployment belongs to a later deploy, which is what is live.
    if (each.id >= keepId || !each.active) continue;
    auto retired = postStatus(std::to_string(each.id), "inactive",
                              "superseded by deployment " + std::to_string(keepId), "", false);
    if (!retired) {
      log_.warning("could not mark deployment " + std::to_string(each.id) +
                   " inactive: " + retired.message());
    }
  }
}

}  // namespace fd::github
