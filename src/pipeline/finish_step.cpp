// Step 5 of the seed: the receipt is always written — then state, ledger and publishing.
// Nothing is lost: a receipt that cannot be written is printed whole to the log instead.
#include "core/text.hpp"
#include "pipeline/pipeline.hpp"
#include "receipt/receipt_archive.hpp"
#include "receipt/receipt_renderer.hpp"
#include "receipt/receipt_store.hpp"
#include "receipt/state_store.hpp"

namespace fd {

namespace {

std::string defaultBehavior(Target target) {
  switch (target) {
    case Target::Alpha:
      return "N/A (alpha)";
    case Target::Staging:
      return "MANUAL (staging)";
    case Target::Prod:
      return "AUTOMATIC (prod)";
  }
  return "N/A";
}

}  // namespace

void Pipeline::fillReceiptDefaults() {
  RollbackInfo& rollback = record_.rollback;
  // Once chosen, the platform knows the command that works (Fly.io replaces /setup's
  // `fly releases rollback`, which flyctl does not have); before that, the manifest's.
  if (rollback.command.empty()) {
    rollback.command = platform_ ? platform_->rollbackCommand() : env_.rollbackCommand;
  }
  if (rollback.behavior.empty()) rollback.behavior = defaultBehavior(inputs_.environment);
  if (rollback.performed.empty()) {
    rollback.performed = inputs_.environment == Target::Alpha ? "N/A" : "NO";
  }
  if (rollback.reason.empty() && !deployStarted_ && record_.status != DeployStatus::Success) {
    rollback.reason = "not needed: nothing was deployed";
  }
  if (rollback.previousVersion.empty()) rollback.previousVersion = record_.previousVersion;
  if (record_.healthSkippedReason.empty() && record_.health.empty()) {
    record_.healthSkippedReason = "Not run: the deploy did not reach verification.";
  }
  if (record_.smokeSkippedReason.empty() && record_.smoke.empty()) {
    record_.smokeSkippedReason = "Not run: the deploy did not reach verification.";
  }
}

// Writes the receipt: the first write of a run archives the previous receipt, a later one (after
// a progress receipt) replaces ours. Returns whether it is on disk; if not, it is in the log.
bool Pipeline::writeReceiptFile(const std::string& markdown,
                                std::chrono::system_clock::time_point now) {
  const std::string receiptPath = path(inputs_.receipt);
  const bool archive = settings_.autoArchiveReceipts && !receiptWritten_;
  const Result<ReceiptWrite> receipt =
      workspace_.safe(receiptPath)
          ? writeReceipt(world_.fs, receiptPath, markdown, archive, now)
          : Result<ReceiptWrite>(makeError(ErrorCode::FailedPrecondition,
                                           inputs_.receipt + " is not a file this tool may write "
                                                             "(see the Checkout gate)"));
  if (!receipt) {
    log_.error("could not write the receipt: " + receipt.message() +
               "; here it is in full so nothing is lost:");
    log_.info(markdown);
    return false;
  }
  (void)world_.fs.matchOwner(receiptPath, root_);
  if (!receipt->archivedTo.empty()) {
    (void)world_.fs.matchOwner(receipt->archivedTo, root_);
    log_.info("archived the previous receipt to " + receipt->archivedTo);
  }
  log_.info("wrote " + inputs_.receipt + ": " + statusName(record_.status));
  receiptWritten_ = true;
  return true;
}

// Before a rollback that a SIGKILL may cut short: the receipt, the state and the outputs say
// what is happening now, and are written again when it is over.
void Pipeline::writeProgress() {
  fillReceiptDefaults();
  log_.beginGroup("Receipt (rollback starting)");
  writeReceiptFile(masker_.mask(renderReceipt(record_)), world_.clock.now());
  std::vector<std::string> warnings;
  DeployPhaseUpdate update{PhaseStatus::Failed, world_.clock.now(), record_.environment, "",
                           {inputs_.receipt},   record_.startedAt,  stateProjectName()};
  update.failureReason = record_.failureReason.empty()
                             ? "rollback in progress"
                             : record_.failureReason + "; rollback in progress";
  const Status state =
      workspace_.safe(path(settings_.stateFilePath))
          ? updateDeployPhase(world_.fs, path(settings_.stateFilePath), update, warnings)
          : makeError(ErrorCode::FailedPrecondition, "it is a symbolic link (or under one)");
  for (const std::string& warning : warnings) log_.warning(warning);
  if (!state) log_.warning("could not update " + settings_.stateFilePath + ": " + state.message());
  log_.endGroup();
  mode_.publisher->publishProgress(record_, path(inputs_.receipt));
}

void Pipeline::finish() {
  const std::string when = record_.status == DeployStatus::Success
                               ? "after the release was verified; the outcome stands"
                               : "before the run ended";
  noteCancellation(when);
  fillReceiptDefaults();

  log_.beginGroup("Receipt");
  const std::string receiptPath = path(inputs_.receipt);
  // Again: the deploy command ran in the workspace since the first check.
  workspace_ =
      WorkspaceCheck::run(world_.fs, root_, filesOfRun(inputs_, root_, settings_.stateFilePath));
  // One instant for naming both the archive of the previous receipt and this one's future name.
  const auto finishedAt = world_.clock.now();
  if (settings_.autoArchiveReceipts && record_.deployedAt) {
    record_.receiptArchive = plannedArchiveName(world_.fs, receiptPath, inputs_.receipt,
                                                *record_.deployedAt, finishedAt);
  }
  if (context_ && (deployStarted_ || ledgerOpen_)) {
    const Status recorded = mode_.ledger->finish(*context_, record_);
    if (!recorded) {
      const std::string note = "could not record the deploy in the ledger: " + recorded.message();
      log_.warning(note);
      record_.notes.push_back(note);
    }
  }
  const std::string markdown = masker_.mask(renderReceipt(record_));
  const bool written = writeReceiptFile(markdown, finishedAt);

  std::vector<std::string> warnings;
  const bool ok = record_.status == DeployStatus::Success ||
                  (record_.manualRollback && record_.status == DeployStatus::RolledBack);
  DeployPhaseUpdate update{ok ? PhaseStatus::Completed : PhaseStatus::Failed,
                           world_.clock.now(),
                           record_.environment,
                           "",
                           {inputs_.receipt},
                           record_.startedAt,
                           stateProjectName()};
  if (!ok) {
    update.failureReason = record_.failureReason;
    // What the platform said after the rollback, not the version we meant to return to.
    if (record_.status == DeployStatus::RolledBack) {
      const std::string& live = record_.rollback.liveAfter;
      update.failureReason += live.empty() ? "; rolled back and healthy again"
                              : live.starts_with("unknown")
                                  ? "; rolled back; live version " + live
                                  : "; rolled back; prod now runs " + live;
    }
    if (record_.rollbackFailed) update.failureReason += "; ROLLBACK FAILED: prod may be broken";
  }
  const Status state =
      workspace_.safe(path(settings_.stateFilePath))
          ? updateDeployPhase(world_.fs, path(settings_.stateFilePath), update, warnings)
          : makeError(ErrorCode::FailedPrecondition, "it is a symbolic link (or under one)");
  for (const std::string& warning : warnings) log_.warning(warning);
  if (!state) log_.warning("could not update " + settings_.stateFilePath + ": " + state.message());
  // In a container we run as root; the workspace belongs to the runner's user.
  for (const std::string& bookkeeping : {std::string(".factory"), settings_.stateFilePath,
                                         std::string(".factory/deployments.jsonl")}) {
    if (world_.fs.exists(path(bookkeeping)) && workspace_.safe(path(bookkeeping)))
      (void)world_.fs.matchOwner(path(bookkeeping), root_);
  }
  log_.endGroup();

  const std::size_t notesBefore = record_.notes.size();
  mode_.publisher->publish(record_, markdown, receiptPath);
  // A publishing problem (say, the artifact upload) is a line in the receipt, never a new status.
  if (written && record_.notes.size() != notesBefore) {
    const Result<ReceiptWrite> rewritten = writeReceipt(
        world_.fs, receiptPath, masker_.mask(renderReceipt(record_)), false, world_.clock.now());
    if (rewritten) (void)world_.fs.matchOwner(receiptPath, root_);  // a new file: root's again
    if (!rewritten)
      log_.warning("could not add the publishing notes to the receipt: " + rewritten.message());
  }
}

}  // namespace fd
