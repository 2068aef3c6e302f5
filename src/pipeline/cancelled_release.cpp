// SIGINT/SIGTERM once prod's deploy command has started: the release may be live and is not
// verified, so prod is rolled back. The runner gives us 10 s (SIGINT, SIGTERM 7.5 s later,
// SIGKILL 2.5 s after that): the receipt and outputs are written first, saying that a rollback
// is starting, so they tell the truth even if we are killed; then the rollback runs to its end
// whatever signal comes next; then they are written again with the result.
#include "core/cancellation.hpp"
#include "pipeline/pipeline.hpp"

namespace fd {

void Pipeline::noteCancellation(const std::string& when) {
  if (!record_.cancellation.empty() || !Cancellation::arrived()) return;
  record_.cancellation = Cancellation::signalName() + " arrived " + when;
}

void Pipeline::rollBackAfterCancel() {
  noteCancellation("after the deploy command started");
  // A child may have died of the signal before we saw it: the reason still says "cancelled".
  if (record_.failureReason.find("cancelled") == std::string::npos) {
    record_.failureReason = "cancelled (" + Cancellation::signalName() + ") during " +
                            record_.failedStep + "; " + record_.failureReason;
  }
  RollbackInfo& rollback = record_.rollback;
  rollback.reason = "cancelled (" + Cancellation::signalName() +
                    ") after the deploy command started: the release may be live and was not "
                    "verified";
  rollback.performed = "IN PROGRESS";
  log_.warning(
      "cancelled after the prod deploy started: writing the receipt, then rolling back "
      "(another SIGINT/SIGTERM will not stop the rollback)");
  writeProgress();
  rollBackProd();
}

}  // namespace fd
