#include "github/deployment_ledger.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/deploy_record.hpp"
#include "github/deployed_commit.hpp"
#include "github/json_fields.hpp"
#include "github/post_lookups.hpp"

namespace fd::github {

namespace {

constexpr std::size_t kMaxDescription = 140;

std::string describeOutcome(const DeployContext& context, const DeployRecord& record) {
  const std::string sha = shortSha(record.fullSha.empty() ? context.sha : record.fullSha);
  if (record.status == DeployStatus::Success) return "deployed " + sha + " to " + context.env.name;
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

Result<GithubDeploymentLedger::State> GithubDeploymentLedger::effectiveState(
    const std::string& id) {
  auto statuses = client_.get(repoPath() + "/deployments/" + id + "/statuses?per_page=100");
  if (!statuses) return statuses.error();
  State found;
  if (!statuses->json.IsArray()) return found;
  bool newest = true;
  for (const auto& status : statuses->json.GetArray()) {  // newest first
    const std::string state = stringField(status, "state");
    if (state != "inactive") {
      found = State{state, stringField(status, "created_at"), newest && state == "success"};
      break;
    }
    newest = false;
  }
  return found;
}

Result<std::vector<GithubDeploymentLedger::Found>> GithubDeploymentLedger::scan(
    const std::string& environment) {
  auto deployments = client_.get(repoPath() + "/deployments?environment=" + urlEncode(environment) +
                                 "&per_page=100");
  if (!deployments) return deployments.error();
  std::vector<Found> found;
  if (!deployments->json.IsArray()) return found;
  std::size_t examined = 0;
  for (const auto& deployment : deployments->json.GetArray()) {  // newest first
    if (++examined > kLedgerDepth) break;
    const std::string id = idField(deployment, "id");
    auto state = effectiveState(id);
    if (!state) return state.error();
    if (state->state != "success") continue;
    found.push_back(Found{
        LedgerEntry{environment, stringField(deployment, "sha"), "SUCCESS", state->time, "", id},
        state->active});
  }
  return found;
}

Result<std::vector<LedgerEntry>> GithubDeploymentLedger::successful(
    const std::string& environment) {
  auto found = scan(environment);
  if (!found) return found.error();
  std::vector<LedgerEntry> entries;
  for (Found& each : *found) entries.push_back(std::move(each.entry));
  return entries;
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

Result<std::string> GithubDeploymentLedger::begin(const DeployContext& context) {
  if (!inputs_.createDeployment) return std::string();
  const std::string sha = deployedCommit(github_, context);
  const bool production = context.inputs.environment == Target::Prod;
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
  json.StartObject();
  json.Key("ref");
  json.String(sha.c_str());
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
  const std::string marker = attemptMarker(github_);  // finds it again if the answer is lost
  json.Key("payload");
  json.StartObject();
  json.Key(kAttemptKey);
  json.String(marker.c_str());
  json.EndObject();
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
  deploymentId_ = id;
  auto started =
      postStatus(id, "in_progress", "deploying " + shortSha(sha) + " to " + context.env.name,
                 context.env.url, false);
  if (!started) return started.error();
  log_.info("GitHub deployment " + id + " created for " + context.env.name);
  return id;
}

Status GithubDeploymentLedger::finish(const DeployContext& context, const DeployRecord& record) {
  if (!inputs_.createDeployment) return okStatus();
  const std::string id = deploymentId_.empty() ? record.deploymentId : deploymentId_;
  if (id.empty()) return okStatus();  // begin() never ran: nothing to finish
  const bool success = record.status == DeployStatus::Success;
  const std::string state = success ? "success" : record.rollbackFailed ? "error" : "failure";
  auto posted = postStatus(id, state, describeOutcome(context, record), context.env.url, success);
  if (!posted) return posted;
  if (success && context.inputs.environment == Target::Prod) retireOlder(context.env.name, id);
  return okStatus();
}

void GithubDeploymentLedger::retireOlder(const std::string& environment,
                                         const std::string& keepId) {
  auto older = scan(environment);
  if (!older) {
    log_.warning("could not mark older " + environment +
                 " deployments inactive: " + older.message());
    return;
  }
  for (const Found& each : *older) {
    if (each.entry.id == keepId || !each.active) continue;
    auto retired =
        postStatus(each.entry.id, "inactive", "superseded by deployment " + keepId, "", false);
    if (!retired) {
      log_.warning("could not mark deployment " + each.entry.id +
                   " inactive: " + retired.message());
    }
  }
}

}  // namespace fd::github
