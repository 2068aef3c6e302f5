#include "github/confirmation_gate.hpp"

#include <algorithm>
#include <cctype>

#include "github/json_fields.hpp"
#include "github/rate_limit.hpp"

namespace fd::github {

namespace {

constexpr const char* kGate = "User Confirmation";

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

GateResult confirmed(std::string notes) {
  GateResult result;
  result.row = GateRow{kGate, true, "CONFIRMED", std::move(notes)};
  result.passed = true;
  return result;
}

GateResult refused(std::string notes, std::string rerun) {
  GateResult result;
  result.row = GateRow{kGate, true, "FAIL", std::move(notes)};
  result.rerun = std::move(rerun);
  return result;
}

std::string howToConfirm(const std::string& appName, const std::string& githubEnvironment) {
  return "confirm prod in one of two ways: (1) give the GitHub environment this job uses "
         "(`environment: " +
         githubEnvironment +
         "`, named by the github-environment input) required reviewers, and approve the run; or "
         "(2) run the workflow with workflow_dispatch and the input confirm=" +
         appName +
         ". Required reviewers exist only on public repositories and on GitHub Enterprise plans: "
         "elsewhere use (2)";
}

struct Review {
  std::string state;
  std::string login;
  std::string comment;
  std::string environment;
};

std::vector<Review> reviewsFor(const rapidjson::Value& approvals,
                               const std::string& githubEnvironment,
                               std::vector<std::string>& others) {
  std::vector<Review> matching;
  if (!approvals.IsArray()) return matching;
  for (const auto& approval : approvals.GetArray()) {
    Review review{stringField(approval, "state"),
                  stringField(objectField(approval, "user"), "login"),
                  stringField(approval, "comment"), ""};
    for (const auto& environment : arrayField(approval, "environments").GetArray()) {
      const std::string name = stringField(environment, "name");
      if (environmentMatches(name, githubEnvironment))
        review.environment = name;
      else
        others.push_back(name);
    }
    if (!review.environment.empty()) matching.push_back(std::move(review));
  }
  return matching;
}

}  // namespace

bool environmentMatches(const std::string& environment, const std::string& githubEnvironment) {
  return !environment.empty() && lower(environment) == lower(githubEnvironment);
}

std::string githubEnvironmentFor(const Inputs& inputs, const std::string& targetName) {
  return inputs.githubEnvironment.empty() ? targetName : inputs.githubEnvironment;
}

GithubConfirmationGate::GithubConfirmationGate(GithubContext github, const Inputs& inputs,
                                               RestClient& client, Clock& clock, Log& log)
    : github_(std::move(github)), inputs_(inputs), client_(client), clock_(clock), log_(log) {}

std::string GithubConfirmationGate::triggeringActor() const {
  return github_.triggeringActor.empty() ? github_.actor : github_.triggeringActor;
}

GateResult GithubConfirmationGate::check(const DeployContext& context) {
  if (github_.runId.empty()) return byDispatch(context, "no GITHUB_RUN_ID to look up approvals");
  const std::string environment = githubEnvironmentFor(inputs_, context.env.name);
  auto approvals = client_.get("/repos/" + github_.owner + "/" + github_.repo + "/actions/runs/" +
                               github_.runId + "/approvals");
  if (!approvals) {
    log_.warning("cannot read this run's approvals: " + approvals.message());
    return byDispatch(context, "approvals unreadable: " + approvals.message());
  }
  std::vector<std::string> others;
  const auto reviews = reviewsFor(approvals->json, environment, others);
  const auto rejected = std::find_if(reviews.begin(), reviews.end(),
                                     [](const Review& r) { return r.state == "rejected"; });
  if (rejected != reviews.end()) {
    return refused("rejected by @" + rejected->login + " for environment " + rejected->environment +
                       (rejected->comment.empty() ? "" : ": \"" + rejected->comment + "\""),
                   "ask the reviewer why, fix it, and start a new run");
  }
  const auto approved = std::find_if(reviews.begin(), reviews.end(),
                                     [](const Review& r) { return r.state == "approved"; });
  if (approved != reviews.end()) {
    // GitHub's "Prevent self-review" setting forbids this; we make it visible either way.
    const bool self =
        !approved->login.empty() && lower(approved->login) == lower(triggeringActor());
    return confirmed("approved by @" + approved->login + " for environment " +
                     approved->environment + " (review of run " + github_.runId + ", seen " +
                     isoTime(clock_.now()) + ")" +
                     (approved->comment.empty() ? "" : ": \"" + approved->comment + "\"") +
                     (self ? "; SELF-APPROVED: @" + approved->login +
                                 " triggered this run and approved it (turn on \"Prevent "
                                 "self-review\" on the environment to require a second person)"
                           : ""));
  }
  std::string note = "no approved review of this run for environment " + environment;
  if (!others.empty())
    note += " (reviews for other environments do not count: " + others.front() + ")";
  return byDispatch(context, note);
}

GateResult GithubConfirmationGate::byDispatch(const DeployContext& context,
                                              const std::string& approvalsNote) {
  const std::string& appName = context.env.appName;
  const std::string how = howToConfirm(appName, githubEnvironmentFor(inputs_, context.env.name));
  if (github_.eventName != "workflow_dispatch") {
    const std::string ignoredConfirm =
        inputs_.confirm.empty() ? "" : "; the confirm input counts only on workflow_dispatch";
    return refused(approvalsNote + ignoredConfirm + "; " + how, how);
  }
  if (inputs_.confirm.empty())
    return refused(approvalsNote + "; confirm input is empty; " + how, how);
  if (inputs_.confirm != appName) {
    return refused(approvalsNote + "; confirm input \"" + inputs_.confirm +
                       "\" does not match the prod app_name \"" + appName + "\"; " + how,
                   how);
  }
  return confirmed("workflow_dispatch confirm=" + appName + " by @" + triggeringActor() + " (run " +
                   github_.runId + ", " + isoTime(clock_.now()) + ")");
}

}  // namespace fd::github
