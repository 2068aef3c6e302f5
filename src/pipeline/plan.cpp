// --dry-run: the gates' verdicts and what a real run would do, with nothing written.
#include "core/text.hpp"
#include "pipeline/pipeline.hpp"

namespace fd {

namespace {

std::string orNone(const std::string& command) {
  return command.empty() ? "(none)" : "$ " + command;
}

}  // namespace

void Pipeline::printPlan() {
  // What the real run refuses before the platform runs anything (a command that ships another
  // environment's app), the plan refuses too: a dry run never passes what the run would not.
  if (record_.failedStep.empty()) {
    if (const Status targets = platform().checkCommandTargets(false); !targets) {
      record_.invalidInput = targets.code() == ErrorCode::InvalidArgument;
      fail("readiness", targets.message());
    }
  }
  const bool passed = record_.failedStep.empty();
  std::string plan = "Plan (dry run, nothing deployed or written): " + record_.environment;
  if (!env_.appName.empty()) plan += " (" + env_.appName + ")";
  if (!record_.fullSha.empty()) plan += " at " + record_.versionLabel + " " + record_.fullSha;
  plan += "\nGates:\n";
  for (const GateRow& gate : record_.gates) {
    plan += "  " + gate.gate + ": " + gate.status + (gate.notes.empty() ? "" : " — " + gate.notes) +
            "\n";
  }
  if (!passed) {
    plan += "Verdict: BLOCKED at " + record_.failedStep + ": " + record_.failureReason + "\n";
    for (const std::string& hint : record_.diagnostics) plan += "  " + hint + "\n";
    log_.info(masker_.mask(plan));
    return;
  }
  plan += "Would run:\n";
  if (const std::string secrets = platform().secretsSource(); !secrets.empty())
    plan += "  readiness: " + orNone(secrets) + " (output hidden)\n";
  if (const std::string live = platform().liveVersionSource(); !live.empty())
    plan += "  previous version: " + orNone(live) + "\n";
  plan += "  deploy: " + orNone(env_.deployCommand) + " (timeout " +
          std::to_string(env_.deployTimeoutS) + "s)\n";
  if (inputs_.environment != Target::Alpha) {
    plan += "  health: GET " + env_.url + env_.healthCheckPath + " expecting " +
            std::to_string(env_.healthCheck.expectedStatus) + " (" +
            std::to_string(env_.healthCheck.successes) + " consecutive, within " +
            std::to_string(env_.healthCheck.timeoutS) + "s)\n";
    plan += "  smoke tests: " + std::to_string(env_.smokeTests.size()) + "\n";
  }
  const std::string rollback = platform().rollbackCommand();
  if (inputs_.environment == Target::Prod) {
    plan += "  on failure: automatic rollback: " + orNone(rollback) + "\n";
  } else if (inputs_.environment == Target::Staging) {
    plan += "  on failure: FAILED; manual rollback: " + orNone(rollback) + "\n";
  }
  plan += "Verdict: every gate passed\n";
  log_.info(masker_.mask(plan));
}

}  // namespace fd
