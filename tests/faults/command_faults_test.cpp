// Fault matrix, the manifest's commands: each one killed by a signal (SIGKILL, after printing a
// line) and each one hanging past its timeout, in a local prod run with the real process runner
// (hangs cut short, see fault_process.hpp). Expected (INTERFACE §6, docs/VERIFY.md): a command
// that does not exit 0 in time is a failure of its step; the timeout kills the process group;
// the step decides what follows: no deploy (secrets, CI), a prod rollback (telemetry, error
// rate, smoke), no rollback when the failed deploy released nothing (deploy: the live version
// is unchanged and prod healthy), a rollback failure (rollback), or a warning (current version).
// "No data" from the error-rate command is never read as 0.
#include <boost/test/unit_test.hpp>

#include "faults/checks.hpp"

namespace fd::test {

namespace {

const std::string kKilled = "echo about to die; kill -KILL $$";

struct CommandCase {
  std::string id;
  std::string call;
  std::string key;  // manifest field, or "deploy" / "smoke_command"
  int exit = 0;
  std::string status;
  std::vector<std::string> receipt;  // "%END%" stands for how the command ended
  std::vector<std::string> log;
  std::string hangEnd;  // "timed out after <timeout>s"
  std::string says;     // the receipt column, "%END%" as above
};

std::vector<CommandCase> commands() {
  const std::string rolledBack = "ROLLED BACK";
  const std::string rollbackFailed = "FAILED (rollback failed — prod may be broken, act now)";
  return {
      // The live version (current_version_command) is still the previous one and prod is
      // healthy: nothing was released, so nothing is rolled back (docs/VERIFY.md).
      {"deploy_command",
       "command `deploy_command` (prod)",
       "deploy",
       1,
       "FAILED",
       {"**Failure reason**: deploy_command failed (%END%); nothing was released: prod still "
        "runs " +
            kPreviousSha + " and passed its health check, so it was not rolled back",
        "**Rollback performed**: NO", "| /health | 200 — after the failed deploy"},
       {"live version after the failed deploy: $ if [ -e .released ]", "    " + kPreviousSha},
       "timed out after 1800s",
       "failure reason `deploy_command failed (%END%); nothing was released: prod still runs "
       "2222222… and passed its health check…`; not rolled back (the live version did not "
       "change)"},
      {"rollback_command",
       "command `rollback_command` (prod, after a failed health check)",
       "rollback_command",
       4,
       rollbackFailed,
       {"**Rollback result**: %END%", "PROD MAY BE BROKEN: the rollback command failed (%END%; " +
                                          kSha + " (the failed release) is still live)"},
       {},
       "timed out after 600s",
       "Rollback result `%END%`; Diagnostics: `PROD MAY BE BROKEN …` and the next steps"},
      {"secrets_command",
       "command `secrets_command`",
       "secrets_command",
       1,
       "FAILED",
       {"**Failure reason**: secrets_command failed (%END%); its output is not shown",
        "**Deployed at**: not deployed"},
       {},
       "timed out after 120s",
       "failure reason `secrets_command failed (%END%)…`; not deployed (the output, which lists "
       "secrets, is never shown)"},
      {"current_version_command",
       "command `current_version_command`",
       "current_version_command",
       0,
       "SUCCESS",
       {"**Previous version**: 2222222"},
       {"current_version_command gave no version (%END%)"},
       "timed out after 120s",
       "SUCCESS; previous version from the ledger; log warning `current_version_command gave no "
       "version (%END%)`"},
      {"telemetry_check_command",
       "command `telemetry_check_command` (prod)",
       "telemetry_check_command",
       3,
       rolledBack,
       {"**Traces flowing**: NO", "no telemetry: telemetry_check_command %END%",
        "**Rollback performed**: YES"},
       {},
       "timed out after 120s",
       "Traces flowing NO; failure reason `no telemetry: telemetry_check_command %END%`; rollback"},
      {"error_rate_command",
       "command `error_rate_command` (prod: baseline and after)",
       "error_rate_command",
       3,
       rolledBack,
       {"no data (%END%)", "**Rollback performed**: YES"},
       {},
       "timed out after 120s",
       "error rate and baseline `no data (%END%)` (never read as 0); verification fails; "
       "rollback"},
      {"ci_check_command",
       "command `ci_check_command` (local CI gate)",
       "ci_check_command",
       1,
       "FAILED",
       {gateRow("CI Checks", "FAIL") + " ci_check_command failed (%END%)",
        "**Deployed at**: not deployed"},
       {},
       "timed out after 600s",
       "CI Checks FAIL `ci_check_command failed (%END%)`; not deployed"},
      {"smoke_command",
       "a command smoke test `{\"name\", \"command\"}` (prod)",
       "smoke_command",
       3,
       rolledBack,
       {"| checkout-cli | FAIL | %END%", "**Failure reason**: smoke tests failed: checkout-cli",
        "**Rollback performed**: YES"},
       {},
       "timed out after 120s",
       "Smoke Tests row `| checkout-cli | FAIL | %END%…`; rollback"},
  };
}

std::string substitute(std::string text, const std::string& end) {
  const std::string marker = "%END%";
  for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker, at)) {
    text.replace(at, marker.size(), end);
    at += end.size();
  }
  return text;
}

std::vector<std::string> substitute(std::vector<std::string> texts, const std::string& end) {
  for (std::string& text : texts) text = substitute(text, end);
  return texts;
}

std::string quoted(const std::string& command) { return "\"" + command + "\""; }

void runRow(const CommandCase& command, bool hangs, Verdict& verdict) {
  FaultRun run;
  const std::string faulty = hangs ? kHangCommand : kKilled;
  if (command.key == "deploy") {
    run.prodDeployCommand = faulty;
  } else if (command.key == "smoke_command") {
    run.manifest["smoke_tests"] =
        R"([{"name": "cart", "path": "/cart"}, {"name": "checkout-cli", "command": ")" + faulty +
        "\"}]";
  } else {
    run.manifest[command.key] = quoted(faulty);
  }
  if (command.key == "rollback_command") {
    // The release is broken, so prod must roll back: and the rollback itself fails.
    run.app = [](const ServerRequest& request) {
      return request.path() == "/health" ? status(503, R"({"status":"down"})")
                                         : FaultRun::healthyApp(request, false);
    };
  }
  const int exitCode = run.run();
  const std::string end = hangs ? command.hangEnd : "killed by signal 9";
  Outcome expected;
  expected.exit = command.exit;
  expected.status = command.status;
  expected.receipt = substitute(command.receipt, end);
  expected.log = substitute(command.log, end);
  checkOutcome(run, exitCode, expected, verdict);
  // The ledger records how the run ended (local mode appends one line per deploy).
  const bool deployed = command.key != "secrets_command" && command.key != "ci_check_command";
  const std::string line = R"({"environment":"prod","sha":")" + kSha;
  verdict.expect(contains(run.file(".factory/deployments.jsonl"), line) == deployed,
                 "a ledger line for this run exactly when it deployed:\n" +
                     run.file(".factory/deployments.jsonl"));
}

std::vector<MatrixCase> cases() {
  std::vector<MatrixCase> all;
  for (const CommandCase& command : commands()) {
    for (const bool hangs : {false, true}) {
      const std::string end = hangs ? command.hangEnd : "killed by signal 9";
      MatrixRow row{command.id + (hangs ? "__hang" : "__killed_by_signal"),
                    command.call,
                    hangs ? "hangs past its timeout (" + command.hangEnd.substr(16) + ")"
                          : "killed by SIGKILL after printing a line",
                    hangs ? "no: the process group gets SIGTERM, then SIGKILL" : "no",
                    command.status + ", exit " + std::to_string(command.exit),
                    substitute(command.says, end)};
      all.push_back(MatrixCase{
          row, [command, hangs](Verdict& verdict) { runRow(command, hangs, verdict); }, 0});
    }
  }
  return all;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(commands)

const MatrixRegistrar kCommandRows("commands", cases(), __FILE__, __LINE__);

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
