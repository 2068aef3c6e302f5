#include "pipeline/run.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "action/action_mode.hpp"
#include "action/inputs.hpp"
#include "action/workflow_commands.hpp"
#include "core/cancellation.hpp"
#include "core/exit_code.hpp"
#include "core/paths.hpp"
#include "core/text.hpp"
#include "core/version.hpp"
#include "history/history_command.hpp"
#include "history/status_command.hpp"
#include "history/status_summary.hpp"
#include "pipeline/mode_factory.hpp"
#include "pipeline/pipeline.hpp"
#include "pipeline/secret_sources.hpp"
#include "pipeline/working_directory.hpp"

namespace fd {

namespace {

// The token may only have been given as a flag; an input error must not echo it either.
std::string tokenFromArgs(const std::vector<std::string>& args) {
  const std::string flag = "--github-token";
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == flag && i + 1 < args.size()) return args[i + 1];
    if (args[i].rfind(flag + "=", 0) == 0) return args[i].substr(flag.size() + 1);
  }
  return "";
}

// Input errors happen before the run's masker exists, so they get one of their own.
// Before the pipeline starts, so no receipt: a line on stderr and, on a runner, an annotation.
int reportStartError(World& world, const std::vector<std::string>& args, const std::string& message,
                     const std::string& title, int exitCode) {
  Inputs known;
  known.githubToken = tokenFromArgs(args);
  SecretMasker masker;
  for (const std::string& secret : secretValues(known, world.env)) masker.add(secret);
  const std::string masked = masker.mask(message);
  const bool github = world.env.get("GITHUB_ACTIONS").value_or("") == "true";
  // The runner turns this into an annotation; locally it is a plain line on stderr.
  if (github) {
    world.console.out(formatCommand("error", {{"title", title}}, masked) + "\n");
  }
  world.console.err("factory-deploy: " + masked + "\n");
  return exitCode;
}

int reportInputError(World& world, const std::vector<std::string>& args,
                     const std::string& message) {
  return reportStartError(world, args, message, "Invalid input", kExitInvalidInput);
}

// The command: a leading word on the command line, else the action's `command` input.
Result<std::string> commandWord(const std::vector<std::string>& commandLine,
                                const Environment& env) {
  static constexpr std::array<std::string_view, 4> kWords = {"deploy", "rollback", "status",
                                                             "history"};
  const auto known = [](const std::string& word) {
    return std::find(kWords.begin(), kWords.end(), word) != kWords.end();
  };
  if (!commandLine.empty() && known(commandLine.front())) return commandLine.front();
  const std::string input = toLower(trim(env.get("INPUT_COMMAND").value_or("")));
  if (input.empty()) return std::string("deploy");
  if (known(input)) return input;
  return makeError(ErrorCode::InvalidArgument, "input \"command\": invalid value \"" + input +
                                                   "\"; expected deploy, rollback, status or "
                                                   "history");
}

}  // namespace

int runFactoryDeploy(World& world, const std::vector<std::string>& commandLine) {
  // INTERFACE §9: `factory-deploy [deploy]`, `rollback`, `status`, `history`: a leading word (or
  // the action's `command` input) names the command; read-only commands never enter the
  // pipeline.
  const Result<std::string> word = commandWord(commandLine, world.env);
  if (!word) return reportInputError(world, commandLine, word.message());
  const bool leading = !commandLine.empty() && commandLine.front() == *word;
  const std::vector<std::string> args(commandLine.begin() + (leading ? 1 : 0), commandLine.end());
  if (*word == "history") return runHistoryCommand(world, args);
  if (*word == "status") return runStatusCommand(world, args);
  Result<ParsedCommand> command = parseCommand(args, world.env);
  if (!command) return reportInputError(world, args, command.message());
  if (*word == "rollback") command->inputs.command = Command::Rollback;
  if (*word == "deploy" && !command->inputs.rollbackTo.empty()) {
    return reportInputError(world, args,
                            "input \"to\" is for `factory-deploy rollback` (the action's "
                            "`command: rollback`); a deploy ships the checked-out commit");
  }
  if (command->kind == ParsedCommand::Kind::Help) {
    world.console.out(helpText());
    return kExitSuccess;
  }
  if (command->kind == ParsedCommand::Kind::Version) {
    world.console.out(std::string("factory-deploy ") + kVersion + "\n");
    return kExitSuccess;
  }
  const Inputs& inputs = command->inputs;
  const std::string root = resolvePath(world.currentDirectory, inputs.workingDirectory);
  if (Status usable = checkWorkingDirectory(world, inputs.workingDirectory, root); !usable) {
    if (usable.code() == ErrorCode::Unavailable) {  // libgit2 missing: not the user's input
      return reportStartError(world, args, usable.message(), "Cannot read git repositories",
                              kExitFailed);
    }
    return reportInputError(world, args, usable.message());
  }
  SecretMasker masker;
  const bool debug = world.env.get("RUNNER_DEBUG").value_or("") == "1";
  std::unique_ptr<Log> log = inputs.githubMode
                                 ? makeWorkflowLog(world.console, masker, world.random, debug)
                                 : makeConsoleLog(world.console, masker);
  for (const std::string& secret : secretValues(inputs, world.env)) log->addSecret(secret);

  CommandExecutor commands(world.processes, *log, masker, root, {});
  Result<Mode> mode = makeMode(world, inputs, *log, masker, commands);
  if (!mode) return reportInputError(world, args, mode.message());
  Pipeline pipeline(world, inputs, masker, *log, commands, *mode);
  const DeployRecord record =
      inputs.command == Command::Rollback ? pipeline.runRollback() : pipeline.run();
  // On a runner, a run that deployed (or rolled back) ends its job summary with what is live
  // where, read after it. A refused run changed nothing live, and its GitHub reads may be what
  // failed: it does not ask again.
  // After a signal the runner's SIGKILL is seconds away: nothing more is asked.
  if (inputs.githubMode && record.deployedAt && !inputs.dryRun && !Cancellation::arrived()) {
    log->beginGroup("What is live where");
    appendStatusSummary(world, inputs, *log, masker, root);
    log->endGroup();
  }
  if (inputs.dryRun && !record.invalidInput) {
    return record.failedStep.empty() ? kExitSuccess : kExitFailed;
  }
  return exitCodeFor(record);
}

}  // namespace fd
