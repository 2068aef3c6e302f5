// The seed's Rollback Procedure: prod rolls back on its own at once and checks health again;
// staging records FAILED and shows the command for a human; alpha only records the failure.
// Prod rolls back only on evidence: a deploy command that failed before releasing leaves a
// healthy prod alone (release_evidence_step.cpp); a cancellation after the deploy command started
// always rolls back (cancelled_release.cpp). A rollback, once started, is never cut short by a
// signal, and what is live afterwards is read again before the receipt names it.
#include "core/cancellation.hpp"
#include "deploy/health_check.hpp"
#include "pipeline/pipeline.hpp"

namespace fd {

namespace {

std::string orPrevious(const std::string& version) {
  return version.empty() ? "the previous version" : version;
}

// For the receipt: the version, in the platform's words too when it has some.
std::string describeLive(const LiveVersion& live) {
  if (live.version.empty()) return live.askable ? "unknown: " + live.problem : "";
  return live.detail.empty() ? live.version : live.version + " (" + live.detail + ")";
}

}  // namespace

void Pipeline::handleFailedRelease() {
  RollbackInfo& rollback = record_.rollback;
  rollback.command = platform().rollbackCommand();  // the manifest's, or the platform's built-in
  if (record_.failedStep == kLiveVersionStep) {
    rollback.performed = "NO";
    // Another deploy replaced this one, or this one released nothing here: either way what is
    // live is not this run's release, and rolling back would undo a version it did not ship.
    rollback.reason =
        "what is live is not this run's release (see the failure reason): rolling "
        "back would undo a version this run did not ship";
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
      if (Cancellation::arrived()) return rollBackAfterCancel();
      if (record_.failedStep == "deploy") {
        const ReleaseVerdict verdict = releaseAfterFailedDeploy();
        if (Cancellation::arrived()) return rollBackAfterCancel();  // the evidence was cut short
        if (!verdict.rollBack) return keepProdAsItIs(verdict);      // FAILED, exit 1
        record_.rollback.reason = verdict.why;
      }
      return rollBackProd();
  }
  const std::string how = rollback.command.empty()
                              ? "no rollback_command is set in the manifest; redeploy " +
                                    orPrevious(record_.previousVersion) + " by hand"
                              : "to roll back by hand, run: " + rollback.command;
  log_.error(env_.name + " failed: " + how);
}

void Pipeline::rollBackProd() {
  RollbackInfo& rollback = record_.rollback;
  if (rollback.reason.empty()) rollback.reason = record_.failureReason;
  log_.beginGroup("Rollback");
  if (rollback.command.empty()) {
    rollback.performed = "NO";
    rollback.result = "no rollback_command in the manifest";
    record_.rollbackFailed = true;
    log_.error("prod failed and there is no rollback_command: a human must act now");
    return log_.endGroup();
  }
  rollback.performed = "YES";
  log_.warning("prod failed; rolling back to " + orPrevious(record_.previousVersion));
  const RollbackCheck check = rollBackAndCheck(record_.previousVersion, record_.fullSha, "");
  const bool healthy = check.healthy;
  const bool stillNew = check.stillOld;
  log_.endGroup();
  if (healthy && !stillNew) {
    record_.status = DeployStatus::RolledBack;
    log_.warning("rolled back: prod is healthy again" +
                 (check.live.version.empty() ? std::string() : " and runs " + check.live.version));
    return;
  }
  record_.rollbackFailed = true;
  record_.status = DeployStatus::Failed;
  const std::string what = !check.ran ? "command failed (" + rollback.result + ")"
                           : stillNew ? "ran but the failed release is still live"
                                      : "ran but prod is still unhealthy";
  record_.diagnostics.push_back(
      "PROD MAY BE BROKEN: the rollback " + what + ". Next steps: check " + env_.url +
      env_.healthCheckPath + ", run the rollback by hand (" + rollback.command + ") or redeploy " +
      orPrevious(record_.previousVersion) + ", then tell the team.");
  log_.error("rollback failed (" + rollback.result + "): prod may be broken, a human must act now");
}

Pipeline::RollbackCheck Pipeline::rollBackAndCheck(const std::string& toVersion,
                                                   const std::string& awayFrom,
                                                   const std::string& expectSha) {
  RollbackInfo& rollback = record_.rollback;
  RollbackCheck check;
  const int signalsBefore = Cancellation::count();
  const Cancellation::Shield shield;  // a SIGTERM now must not leave prod half rolled back
  // A rollback_command that can go to a named version reads it here (docs/HISTORY.md): only ever
  // a full SHA, never a platform's release number or a guess.
  // Always set (empty when not a full SHA): a value inherited from the job's environment must
  // never pick the version.
  const bool sha = toVersion.size() == 40 &&
                   toVersion.find_first_not_of("0123456789abcdef") == std::string::npos;
  commands_.addEnv("DEPLOY_ROLLBACK_TO", sha ? toVersion : "");
  const RollbackAttempt attempt =
      platform().rollBack(toVersion, std::chrono::seconds(env_.rollbackTimeoutS));
  const CommandResult& ran = attempt.result;
  rollback.mechanism = attempt.mechanism;
  if (!attempt.command.empty()) rollback.command = attempt.command;
  rollback.result = describeCommandEnd(ran);
  rollback.outputTail = ran.tail;
  check.ran = ran.succeeded();
  if (check.ran) {
    HealthCheckConfig config = env_.healthCheck;
    // Only a commit we know we went back to can be expected in the health body.
    config.expectVersion = config.expectVersion && !expectSha.empty();
    const HealthOutcome health =
        checkHealth({env_.url, env_.healthCheckPath, config, expectSha, "after rollback", &masker_},
                    world_.http, world_.clock, log_);
    record_.health.insert(record_.health.end(), health.rows.begin(), health.rows.end());
    check.healthy = health.healthy;
    if (!check.healthy) rollback.result += "; health check after rollback failed: " + health.reason;
  }
  // What runs now, asked again: never the version we hoped to roll back to.
  check.live = readLiveVersion("live version after the rollback");
  rollback.liveAfter = describeLive(check.live);
  check.stillOld = !awayFrom.empty() && sameVersion(check.live.version, awayFrom);
  if (check.stillOld) {
    const char* what = record_.manualRollback ? "what it rolled back from" : "the failed release";
    rollback.result += "; " + check.live.version + " (" + what + ") is still live";
  }
  if (Cancellation::count() > signalsBefore) {
    log_.warning(Cancellation::lastSignalName() +
                 " arrived during the rollback; the rollback was not stopped");
    noteCancellation("during the rollback, which was not stopped");
  }
  return check;
}

}  // namespace fd
