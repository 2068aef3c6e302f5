#include "gates/promotion_gate.hpp"

#include "core/ports/git_repository.hpp"
#include "core/text.hpp"
#include "gates/report_gate.hpp"

namespace fd {

namespace {

// The same commit, or an ancestor differing only in gate and receipt files (§5.1).
bool sameContent(const DeployContext& context, const std::string& deployed) {
  if (deployed == context.sha) return true;
  if (context.git == nullptr) return false;
  std::string whyNot;
  const Result<bool> equivalent =
      isContentEquivalent(*context.git, deployed, context.sha, ReportPolicy::Content, whyNot);
  return equivalent && *equivalent;
}

}  // namespace

GateResult checkPromotion(const DeployContext& context, DeploymentLedger& ledger) {
  GateResult result;
  result.row = GateRow{"Promotion Chain", true, "FAIL", ""};
  const EnvConfig* previous = context.manifest.previous(context.env.name);
  if (previous == nullptr) {
    result.passed = true;
    result.row = GateRow{"Promotion Chain", false, "SKIPPED",
                         context.env.name + " is the first environment in the manifest's chain"};
    return result;
  }
  const Result<std::vector<LedgerEntry>> deployed = ledger.successful(previous->name);
  if (!deployed) {
    result.row.notes = "cannot read the " + previous->name + " deployments: " + deployed.message();
    return result;
  }
  for (const LedgerEntry& entry : *deployed) {
    if (!sameContent(context, entry.sha)) continue;
    result.passed = true;
    result.row.status = "PASS";
    result.row.notes = previous->name + " deployed " + shortSha(entry.sha) + " successfully" +
                       (entry.time.empty() ? "" : " at " + entry.time) +
                       (entry.sha == context.sha ? "" : " (same content)");
    return result;
  }
  result.row.notes = context.env.name + " needs a successful " + previous->name + " deploy of " +
                     shortSha(context.sha) + " first; ";
  result.row.notes += deployed->empty() ? previous->name + " has no successful deploy recorded"
                                        : "the last successful " + previous->name + " deploy was " +
                                              shortSha(deployed->front().sha);
  result.rerun = "deploy " + shortSha(context.sha) + " to " + previous->name + " first";
  return result;
}

}  // namespace fd
