// `factory-deploy rollback` (the action's `command: rollback`): the seed's Rollback Procedure on
// demand. It returns only to a version the ledger shows was verified live in the environment
// (history/rollback_target.hpp), asks for the same confirmation as a prod deploy, runs the
// manifest's rollback_command or the platform's built-in shielded from signals, verifies health and
// the live version like a deploy, and records ROLLED BACK (manual) in the receipt and the ledger.
#include "core/cancellation.hpp"
#include "core/text.hpp"
#include "deploy/release_evidence.hpp"
#include "deploy/reported_version.hpp"
#include "history/history_source.hpp"
#include "history/rollback_target.hpp"
#include "pipeline/pipeline.hpp"

namespace fd {

namespace {

constexpr std::size_t kLedgerDepth = 100;  // entries read to find the version to return to
constexpr const char* kRollbackTo = "DEPLOY_ROLLBACK_TO";  // set by rollBackAndCheck

std::string requester(const Environment& env, bool github) {
  const std::vector<const char*> names =
      github ? std::vector<const char*>{"GITHUB_TRIGGERING_ACTOR", "GITHUB_ACTOR"}
             : std::vector<const char*>{"USER", "LOGNAME"};
  for (const char* name : names) {
    const std::string value = trim(env.get(name).value_or(""));
    if (!value.empty()) return github ? "@" + value : value;
  }
  return "";
}

}  // namespace

std::vector<std::string> Pipeline::tagsOf(const std::string& sha) {
  if (!git_) return {};
  Result<std::vector<std::string>> tags = git_->tagsAt(sha);
  return tags ? *tags : std::vector<std::string>{};
}

DeployRecord Pipeline::runRollback() {
  record_.manualRollback = true;
  record_.requestedBy = requester(world_.env, inputs_.githubMode);
  record_.rollback.behavior = "MANUAL (on demand)";
  record_.rollback.reason = inputs_.rollbackReason.empty() ? "none given (--reason)"
                                                           : masker_.mask(inputs_.rollbackReason);
  const bool ready = startRun() && chooseRollbackTarget() && resolveCommit() && preparePlatform() &&
                     confirmRollback();
  if (inputs_.dryRun) {
    log_.info(ready ? "dry run: would roll " + env_.name + " back to " + record_.versionLabel +
                          " with " + platform().rollbackMechanism()
                    : "dry run: the rollback would be refused: " + record_.failureReason);
    return record_;
  }
  if (ready && !cancelledDuring("rollback") && claimRollback()) rollBackOnDemand();
  finish();
  return record_;
}

bool Pipeline::chooseRollbackTarget() {
  if (inputs_.environment == Target::Alpha) {
    record_.invalidInput = true;
    fail("inputs",
         "alpha has no rollback (the next build deploys a new version): roll back "
         "staging or prod");
    log_.error(record_.failureReason, {"Invalid input", "", 0});
    return false;
  }
  log_.beginGroup("Rollback target");
  Result<std::unique_ptr<DeployHistory>> history = makeHistory(world_, inputs_, log_, root_);
  Result<std::vector<HistoryEntry>> entries =
      history ? (*history)->entries(env_.name, kLedgerDepth)
              : Result<std::vector<HistoryEntry>>(history.error());
  if (!entries) {
    fail("rollback target", "cannot read the ledger: " + entries.message());
    log_.error(record_.failureReason);
    return log_.endGroup(), false;
  }
  Result<std::unique_ptr<GitRepository>> git = world_.openGit(root_);
  const TagsAt tags = [&git](const std::string& sha) {
    if (!git) return std::vector<std::string>{};
    Result<std::vector<std::string>> found = (*git)->tagsAt(sha);
    return found ? *found : std::vector<std::string>{};
  };
  Result<RollbackTarget> target = pickRollbackTarget(*entries, inputs_.rollbackTo, tags);
  if (!target) {
    record_.invalidInput = target.code() == ErrorCode::InvalidArgument;
    fail("rollback target", (*history)->source() + " for " + env_.name + ": " + target.message() +
                                "; nothing was rolled back");
    log_.error(record_.failureReason);
    return log_.endGroup(), false;
  }
  record_.previousVersion = target->fromSha;
  record_.previousVersionLabel = target->fromVersion;
  mode_.deployedSha = target->sha;
  log_.info((*history)->source() + ": " + env_.name + " runs " + target->fromVersion +
            "; going back to " + target->version);
  return log_.endGroup(), true;
}

// The same confirmation as a prod deploy (staging needs none), and a mechanism that can do it.
bool Pipeline::confirmRollback() {
  context_->kind = "rollback";
  const std::string mechanism = platform().rollbackMechanism();
  record_.rollback.command = platform().rollbackCommand();
  if (mechanism.empty()) {
    record_.invalidInput = true;
    fail("rollback", inputs_.config + ": " + env_.name +
                         " has no rollback_command and its platform no built-in rollback; "
                         "nothing was rolled back");
    log_.error(record_.failureReason, {"Invalid deployment manifest", inputs_.config, 0});
    return false;
  }
  const bool named = startsWith(mechanism, "manifest") &&
                     env_.rollbackCommand.find(kRollbackTo) != std::string::npos;
  if (!inputs_.rollbackTo.empty() && !named) {
    record_.invalidInput = true;
    fail("rollback", "--to needs a rollback_command that uses $" + std::string(kRollbackTo) + " (" +
                         mechanism +
                         " goes back one release, not to a named version); nothing was rolled "
                         "back");
    log_.error(record_.failureReason, {"Invalid input", "", 0});
    return false;
  }
  if (!checkLiveBeforeRollback()) return false;
  if (inputs_.environment != Target::Prod) return true;
  log_.beginGroup("Gates");
  // The commands come from this checkout: on prod it must be on the default branch, as for a
  // deploy (the Default Branch gate, judged on HEAD rather than on the version returned to).
  bool ok = true;
  if (git_) {
    const Result<std::string> head = git_->head();
    DeployContext checkout = *context_;
    checkout.sha = head ? *head : "";
    std::string deviation;
    ok = runGate(mode_.policy->branch(checkout, deviation));
    if (!deviation.empty()) record_.deviations.push_back(deviation);
  }
  ok = ok && runGate(mode_.confirmation->check(*context_));  // a refusal fails the run
  log_.endGroup();
  return ok;
}

// What the platform says is live must be what the ledger says, unless --to names the version:
// after a deploy that failed and could not be rolled back, the platform runs an unverified
// release and "the one before the live one" would skip the last good version.
bool Pipeline::checkLiveBeforeRollback() {
  liveBefore_ = readLiveVersion("live version before the rollback");
  const std::string& live = liveBefore_.version;
  if (live.empty() || !liveBefore_.namesCommit) {  // the ledger is all there is to go by
    if (context_->sha != record_.previousVersion) return true;
    record_.invalidInput = true;
    fail("rollback target", "--to " + inputs_.rollbackTo + " is what is live now (" +
                                record_.previousVersionLabel +
                                ", as the ledger says); nothing was rolled back");
    log_.error(record_.failureReason);
    return false;
  }
  if (liveVersionNames(live, context_->sha, tagsOf(context_->sha))) {
    fail("rollback",
         env_.name + " already runs " + record_.versionLabel + "; nothing to roll back");
    log_.error(record_.failureReason);
    return false;
  }
  if (liveVersionNames(live, record_.previousVersion, tagsOf(record_.previousVersion))) return true;
  if (inputs_.rollbackTo.empty()) {
    fail("rollback target", env_.name + " runs " + live +
                                " (the platform says), which the ledger does not record "
                                "as verified there; its last verified version is " +
                                record_.previousVersionLabel +
                                ". To return to that one, run again with --to " +
                                record_.previousVersion + "; nothing was rolled back");
    log_.error(record_.failureReason);
    return false;
  }
  record_.previousVersion = live;
  record_.previousVersionLabel = live;
  return true;
}

// The ledger's claim, as for a deploy: never while another deploy to the environment runs.
bool Pipeline::claimRollback() {
  const Result<std::string> id = mode_.ledger->begin(*context_);
  if (id) record_.deploymentId = *id;
  if (!id && id.code() == ErrorCode::Aborted) {
    refuseBusy(id.message());
    return false;
  }
  noteLedgerDeviation();
  if (!id) record_.notes.push_back("could not record the rollback's start: " + id.message());
  deployStarted_ = true;
  return true;
}

void Pipeline::rollBackOnDemand() {
  // The receipt, state and outputs say a rollback is under way before it starts: a SIGKILL may
  // cut it short.
  record_.rollback.performed = "IN PROGRESS";
  writeProgress();
  log_.beginGroup("Rollback");
  record_.rollback.performed = "YES";
  log_.warning("rolling " + env_.name + " back from " + record_.previousVersionLabel + " to " +
               record_.versionLabel + " (requested by " +
               (record_.requestedBy.empty() ? "unknown" : record_.requestedBy) + ")");
  const RollbackCheck check =
      rollBackAndCheck(context_->sha, record_.previousVersion, context_->sha);
  record_.deployedAt = world_.clock.now();
  record_.smokeSkippedReason = "Not run: a rollback is verified by health and the live version.";
  log_.endGroup();
  const bool wrongCommit =
      check.live.namesCommit && !check.live.version.empty() &&
      !liveVersionNames(check.live.version, context_->sha, tagsOf(context_->sha));
  if (!check.live.namesCommit || check.live.version.empty()) {
    record_.notes.push_back(
        "the platform " +
        (check.live.version.empty()
             ? "could not say what is live after the rollback"
             : "names no commit for what is live (" + check.live.version + ")") +
        ": that " + record_.versionLabel +
        " is live rests on the rollback command and the health check");
  }
  if (check.ran && check.healthy && !check.stillOld && !wrongCommit) {
    record_.status = DeployStatus::RolledBack;
    log_.info("rolled back: " + env_.name + " is healthy and runs " +
              (check.live.version.empty() ? record_.versionLabel : check.live.version));
    return;
  }
  // Not verified, whatever the cause: what runs now is not known to be good (exit 4).
  record_.status = DeployStatus::Failed;
  record_.rollbackFailed = true;
  const std::string what =
      !check.ran       ? "the rollback did not complete (" + record_.rollback.result + ")"
      : wrongCommit    ? check.live.version + " is live, not " + record_.versionLabel
      : check.stillOld ? record_.previousVersionLabel + " is still live"
                       : env_.name + " is not healthy";
  fail("rollback", "not verified: " + what);
  record_.diagnostics.push_back("NOT VERIFIED: " + what + ". Check " + env_.url +
                                env_.healthCheckPath +
                                " and the platform's dashboard now, then roll back by hand (" +
                                record_.rollback.command + ") or deploy a fix.");
  log_.error(record_.failureReason + ": a human must act now");
}

}  // namespace fd
