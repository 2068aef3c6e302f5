// Step 3 of the seed: run the manifest's deploy_command, output streamed live and masked.
#include "core/cancellation.hpp"
#include "pipeline/pipeline.hpp"

namespace fd {

void Pipeline::refuseBusy(const std::string& reason) {
  fail("deploy lock", reason);
  // The annotation's title says which: another deploy is running, or that cannot be told.
  const bool another = reason.starts_with("another deploy");
  log_.error(record_.failureReason, {another ? "Another deploy is in progress"
                                             : "Cannot tell whether another deploy is in progress",
                                     "", 0});
}

// What the record of a deploy that goes ahead lacks by the workflow's choice (no claim).
void Pipeline::noteLedgerDeviation() {
  if (const std::string deviation = mode_.ledger->deviation(); !deviation.empty())
    record_.deviations.push_back(deviation);
}

bool Pipeline::deploy() {
  log_.beginGroup("Deploy");
  const Result<std::string> id = mode_.ledger->begin(*context_);
  if (id) {
    record_.deploymentId = *id;
    ledgerOpen_ = true;  // closed at the end whatever happens next
  }
  // Another deploy to this environment is in progress: deploy nothing (a failed record start
  // of any other kind is only noted).
  if (!id && id.code() == ErrorCode::Aborted) {
    refuseBusy(id.message());
    return log_.endGroup(), false;
  }
  noteLedgerDeviation();
  if (!id) {
    log_.warning("could not record the deployment start: " + id.message());
    record_.notes.push_back("could not record the deployment start: " + id.message());
  }
  // A signal while the record was opened (GitHub's requests take seconds): the command never
  // ran, nothing was released, so nothing may be rolled back.
  if (Cancellation::requested()) {
    noteCancellation("before the deploy command started");
    fail("deploy", "cancelled before the deploy command started (" + Cancellation::signalName() +
                       "): nothing was released");
    log_.error(record_.failureReason);
    return log_.endGroup(), false;
  }
  deployStarted_ = true;
  const CommandResult ran =
      commands_.run("deploy", env_.deployCommand, std::chrono::seconds(env_.deployTimeoutS));
  record_.deployedAt = world_.clock.now();
  log_.endGroup();
  if (!ran.succeeded()) {
    record_.outputs.push_back({"deploy_command (" + describeCommandEnd(ran) + ")", ran.tail});
  }
  if (cancelledDuring("deploy")) return false;
  if (ran.succeeded()) return true;
  fail("deploy", "deploy_command failed (" + describeCommandEnd(ran) + ")");
  log_.error(record_.failureReason, {"Deploy failed", "", 0});
  return false;
}

}  // namespace fd
