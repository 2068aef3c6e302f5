#include "local/local_confirmation.hpp"

#include "core/text.hpp"

namespace fd {

namespace {

GateResult confirmed(std::string notes) {
  GateResult result;
  result.passed = true;
  result.row = GateRow{"User Confirmation", true, "CONFIRMED", std::move(notes)};
  return result;
}

GateResult pending(std::string notes) {
  GateResult result;
  result.passed = true;
  result.row = GateRow{"User Confirmation", true, "PENDING", std::move(notes)};
  return result;
}

GateResult refused(std::string notes, const std::string& appName) {
  GateResult result;
  result.row = GateRow{"User Confirmation", true, "FAIL", std::move(notes)};
  result.rerun = "confirm with --confirm " + appName + " (or answer the prompt in a terminal)";
  return result;
}

}  // namespace

GateResult LocalConfirmation::check(const DeployContext& context) {
  const std::string& appName = context.env.appName;
  const std::string& given = context.inputs.confirm;
  if (!given.empty() && given == appName) return confirmed("--confirm " + appName);
  if (!given.empty()) {
    return refused(
        "--confirm \"" + given + "\" does not match the prod app_name \"" + appName + "\"",
        appName);
  }
  if (!console_.stdinIsTty()) {
    return refused("not confirmed: pass --confirm " + appName +
                       " (stdin is not a terminal, so no prompt was shown; never assumed)",
                   appName);
  }
  // A dry run predicts the real run: the prompt will be asked there, and only there.
  if (context.inputs.dryRun) return pending("a prompt on this terminal asks for it when deploying");
  const std::string question =
      context.kind == "rollback" ? "Roll PROD (" + appName + ") back to " + shortSha(context.sha)
                                 : "Deploy " + shortSha(context.sha) + " to PROD (" + appName + ")";
  console_.out(question + "? Type the app name to confirm: ");
  const std::optional<std::string> answer = console_.readLine();
  if (answer && trim(*answer) == appName) return confirmed("typed at the interactive prompt");
  return refused("the prompt's answer did not match \"" + appName + "\"", appName);
}

}  // namespace fd
