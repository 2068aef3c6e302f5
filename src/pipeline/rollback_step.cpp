// The seed's Rollback Procedure: prod rolls back on its own at once and checks health again;
// staging records FAILED and shows the command for a human; alpha only records the failure.
#include "core/cancellation.hpp"
#include "deploy/health_check.hpp"
#include "pipeline/pipeline.hpp"

namespace fd {

namespace {

std::string orPrevious(const std::string& version) {
  return version.empty() ? "the previous version" : version;
}

}  // namespace

void Pipeline::handleFailedRelease() {
  RollbackInfo& rollback = record_.rollback;
  rollback.command = env_.rollbackCommand;
  const bool cancelled = record_.failureReason.find("cancelled during") != std::string::npos;
  if (record_.failedStep == kLiveVersionStep) {
    rollback.performed = "NO";
    rollback.reason = "another deploy replaced this one while it ran: rolling back would undo it";
    return;
  }
  switch (inputs_.environment) {
    case Target::Alpha:
      rollback.behavior = "N/A (alpha)";
      rollback.performed = "N/A";
      rollback.reason = "alpha has no rollback; the next build deploys a new version";
      return;
    case Target::Staging:
      rollback.behavior = "MANUAL (staging)";
      rollback.performed = "NO";
      rollback.reason = record_.failureReason;
      break;
    case Target::Prod:
      rollback.behavior = "AUTOMATIC (prod)";
      if (!cancelled) return rollBackProd();
      rollback.performed = "NO";
      rollback.reason = "cancelled before an automatic rollback could run";
      break;
  }
  const std::string how = env_.rollbackCommand.empty()
                              ? "no rollback_command is set in the manifest; redeploy " +
                                    orPrevious(record_.previousVersion) + " by hand"
                              : "to roll back by hand, run: " + env_.rollbackCommand;
  // Staging's receipt carries a manual-rollback paragraph of its own; a cancelled prod does not.
  if (inputs_.environment == Target::Prod) record_.diagnostics.push_back(how);
  log_.error(env_.name + " failed: " + how);
}

void Pipeline::rollBackProd() {
  RollbackInfo& rollback = record_.rollback;
  rollback.reason = record_.failureReason;
  log_.beginGroup("Rollback");
  if (env_.rollbackCommand.empty()) {
    rollback.performed = "NO";
    rollback.result = "no rollback_command in the manifest";
    record_.rollbackFailed = true;
    log_.error("prod failed and there is no rollback_command: a human must act now");
    return log_.endGroup();
  }
  rollback.performed = "YES";
  log_.warning("prod failed verification; rolling back to " + orPrevious(record_.previousVersion));
  const CommandResult ran =
      commands_.run("rollback", env_.rollbackCommand, std::chrono::seconds(env_.rollbackTimeoutS));
  rollback.result = describeCommandEnd(ran);
  rollback.outputTail = ran.tail;
  bool healthy = false;
  if (ran.succeeded() && !Cancellation::requested()) {
    HealthCheckConfig config = env_.healthCheck;
    config.expectVersion = false;  // the previous version's SHA is not ours to expect
    const HealthOutcome health =
        checkHealth({env_.url, env_.healthCheckPath, config, "", "after rollback", &masker_},
                    world_.http, world_.clock, log_);
    record_.health.insert(record_.health.end(), health.rows.begin(), health.rows.end());
    healthy = health.healthy;
    if (!healthy) rollback.result += "; health check after rollback failed: " + health.reason;
  }
  log_.endGroup();
  if (healthy) {
    record_.status = DeployStatus::RolledBack;
    log_.warning("rolled back: prod is healthy again on " + orPrevious(record_.previousVersion));
    return;
  }
  record_.rollbackFailed = true;
  record_.status = DeployStatus::Failed;
  record_.diagnostics.push_back("PROD MAY BE BROKEN: the rollback " +
                                (ran.succeeded() ? std::string("ran but prod is still unhealthy")
                                                 : "command failed (" + rollback.result + ")") +
                                ". Next steps: check " + env_.url + env_.healthCheckPath +
                                ", run the rollback by hand (" + env_.rollbackCommand +
                                ") or redeploy " + orPrevious(record_.previousVersion) +
                                ", then tell the team.");
  log_.error("rollback failed (" + rollback.result + "): prod may be broken, a human must act now");
}

}  // namespace fd
