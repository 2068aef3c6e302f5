// Step 1 of the seed: verify the gates of the target environment (INTERFACE §5).
#include "core/text.hpp"
#include "gates/checkout_gate.hpp"
#include "gates/promotion_gate.hpp"
#include "gates/report_gate.hpp"
#include "pipeline/pipeline.hpp"

namespace fd {

namespace {

GateRow skipped(const std::string& gate, bool required, const std::string& why) {
  return GateRow{gate, required, "SKIPPED", why};
}

}  // namespace

bool Pipeline::runGate(GateResult result) {
  result.row.notes = masker_.mask(result.row.notes);
  record_.gates.push_back(result.row);
  const std::string line = result.row.gate + ": " + result.row.status +
                           (result.row.notes.empty() ? "" : " — " + result.row.notes);
  if (cancelledDuring("gates")) return false;  // a wait cut short by a signal is no verdict
  if (result.passed) {
    log_.info(line);
    return true;
  }
  log_.error(line, {result.row.gate + " gate failed", result.file, result.line});
  fail("gates", line);
  if (!result.rerun.empty()) record_.diagnostics.push_back("To clear it: " + result.rerun + ".");
  return false;
}

void Pipeline::skipRemainingGates(std::size_t fromIndex, const std::string& why) {
  static const char* const kOrder[] = {"QA Report",        "Security Report", "Promotion Chain",
                                       "CI Checks",        "Blocker PRs",     "Default Branch",
                                       "User Confirmation"};
  const bool prod = inputs_.environment == Target::Prod;
  for (std::size_t i = fromIndex; i < std::size(kOrder); ++i) {
    const std::string gate = kOrder[i];
    // Staging has only QA, the chain and CI; its confirmation row says it is not required.
    if (!prod && gate == "User Confirmation") {
      record_.gates.push_back(skipped(gate, false, "not required for staging"));
    } else if (prod || gate == "CI Checks") {
      record_.gates.push_back(skipped(gate, true, why));
    }
  }
}

// Every target, alpha too (its receipt names a version, which must be true), and dry runs.
bool Pipeline::checkCheckout() {
  const CheckoutVerdict verdict = fd::checkCheckout(
      CheckoutRequest{context_->sha, inputs_.reportCommitPolicy, context_->gateFiles, repoPrefix_,
                      repoRelative(inputs_.config), inputs_.allowUntracked, workspace_.refusals(),
                      root_},
      git_.get());
  if (!runGate(verdict.result)) return false;
  for (const std::string& deviation : verdict.deviations) {
    record_.deviations.push_back(masker_.mask(deviation));
  }
  return true;
}

void Pipeline::skipGatesAfterCheckout() {
  const std::string why = "not checked: the checkout is refused";
  if (inputs_.environment == Target::Alpha) {
    for (const char* gate : {"QA Report", "Security Report", "CI Checks", "User Confirmation"}) {
      record_.gates.push_back(skipped(gate, false, "alpha has no gates"));
    }
    return;
  }
  const bool prod = inputs_.environment == Target::Prod;
  record_.gates.push_back(skipped("QA Report", true, why));
  record_.gates.push_back(prod ? skipped("Security Report", true, why)
                               : skipped("Security Report", false, "not required for staging"));
  record_.gates.push_back(skipped("Promotion Chain", true, why));
  skipRemainingGates(3, why);
}

bool Pipeline::checkGates() {
  const Target target = inputs_.environment;
  log_.beginGroup("Gates");
  if (!checkCheckout()) {
    skipGatesAfterCheckout();
    log_.endGroup();
    return false;
  }
  if (target == Target::Alpha) {
    for (const char* gate : {"QA Report", "Security Report", "CI Checks", "User Confirmation"}) {
      record_.gates.push_back(skipped(gate, false, "alpha has no gates"));
    }
    log_.info("alpha has no gates");
    log_.endGroup();
    return true;
  }
  const bool prod = target == Target::Prod;
  const std::string& sha = context_->sha;
  bool ok = true;
  if (git_) {
    ok &= runGate(checkReport({ReportKind::Qa, path(inputs_.qaReport), inputs_.qaReport, sha,
                               inputs_.reportCommitPolicy, true, context_->gateFiles},
                              world_.fs, *git_));
  } else {
    ok &= runGate(GateResult{
        GateRow{"QA Report", true, "FAIL", "no git repository to check the tested commit against"},
        false, "", "", 0});
  }
  if (prod && git_) {
    ok &= runGate(
        checkReport({ReportKind::Security, path(inputs_.securityReport), inputs_.securityReport,
                     sha, inputs_.reportCommitPolicy, true, context_->gateFiles},
                    world_.fs, *git_));
  } else if (prod) {
    ok &= runGate(GateResult{GateRow{"Security Report", true, "FAIL",
                                     "no git repository to check the tested commit against"},
                             false, "", "", 0});
  } else {
    record_.gates.push_back(skipped("Security Report", false, "not required for staging"));
  }
  ok &= runGate(checkPromotion(*context_, *mode_.ledger));
  if (!ok) {
    skipRemainingGates(3, "not checked: an earlier gate failed");
    log_.endGroup();
    return false;
  }
  if (!runGate(mode_.ci->check(*context_))) {
    skipRemainingGates(4, "not checked: an earlier gate failed");
    log_.endGroup();
    return false;
  }
  if (!prod) {
    record_.gates.push_back(skipped("User Confirmation", false, "not required for staging"));
    log_.endGroup();
    return true;
  }
  std::string deviation;
  ok = runGate(mode_.policy->blockers(*context_));
  ok &= runGate(mode_.policy->branch(*context_, deviation));
  if (!deviation.empty()) record_.deviations.push_back(deviation);
  if (!ok) {
    skipRemainingGates(6, "not asked: an earlier gate failed");
    log_.endGroup();
    return false;
  }
  // A dry run asks too: it must predict the real run (a prompt still to come shows PENDING).
  ok = runGate(mode_.confirmation->check(*context_));
  log_.endGroup();
  return ok;
}

}  // namespace fd
