#include "local/local_ci_gate.hpp"

namespace fd {

GateResult LocalCiGate::check(const DeployContext& context) {
  GateResult result;
  result.row = GateRow{"CI Checks", true, "FAIL", ""};
  if (context.env.ciCheckCommand.empty()) {
    result.row.notes = "local mode needs ci_check_command in the manifest (environments." +
                       context.env.name + " or top level) to check CI; none is set";
    result.rerun = "add ci_check_command to the manifest, or run in GitHub Actions";
    return result;
  }
  // Commands in the context are already expanded (placeholders, injection guard).
  const CommandResult ran =
      commands_.run("ci check", context.env.ciCheckCommand, std::chrono::minutes(10));
  if (ran.succeeded()) {
    result.passed = true;
    result.row.status = "PASS";
    result.row.notes = "ci_check_command passed (exit 0)";
    return result;
  }
  result.row.notes = "ci_check_command failed (" + describeCommandEnd(ran) + ")";
  if (!ran.tail.empty()) result.row.notes += ": " + ran.tail.back();
  result.rerun = "make CI green for this commit, then deploy again";
  return result;
}

}  // namespace fd
