#include "gates/promotion_gate.hpp"

#include "core/ports/git_repository.hpp"
#include "core/text.hpp"
#include "gates/report_gate.hpp"

namespace fd {

namespace {

// The same commit, or under report-commit-policy content an ancestor differing only in gate,
// receipt and bookkeeping files (§5.1, §9); `changed` names them.
bool sameContent(const DeployContext& context, const std::string& deployed,
                 std::vector<std::string>& changed) {
  if (deployed == context.sha) return true;
  if (context.git == nullptr) return false;
  const Result<ContentComparison> compared = compareContent(
      *context.git, deployed, context.sha, context.inputs.reportCommitPolicy, context.gateFiles);
  if (!compared || !compared->equivalent) return false;
  changed = compared->changed;
  return true;
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
    std::vector<std::string> changed;
    if (!sameContent(context, entry.sha, changed)) continue;
    result.passed = true;
    result.row.status = "PASS";
    // The commit the previous environment actually deployed, and what differs since.
    result.row.notes =
        previous->name + " deployed " + shortSha(entry.sha) + " successfully" +
        (entry.time.empty() ? "" : " at " + entry.time) +
        (entry.sha == context.sha ? ""
         : changed.empty()        ? " (same content: nothing changed since)"
                           : " (same content: only " + listPaths(changed) + " changed since)");
    return result;
  }
  result.row.notes = context.env.name + " needs a successful " + previous->name + " deploy of " +
                     shortSha(context.sha) + " first; ";
  result.row.notes += deployed->empty() ? previous->name + " has no successful deploy recorded"
                                        : "the last successful " + previous->name + " deploy was " +
                                              shortSha(deployed->front().sha);
  if (context.inputs.reportCommitPolicy == ReportPolicy::Exact && !deployed->empty()) {
    result.row.notes += " (report-commit-policy: exact accepts only the same commit)";
  }
  result.rerun = "deploy " + shortSha(context.sha) + " to " + previous->name + " first";
  return result;
}

}  // namespace fd
