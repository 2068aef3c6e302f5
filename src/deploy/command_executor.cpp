#include "deploy/command_executor.hpp"

#include <algorithm>

namespace fd {

CommandExecutor::CommandExecutor(ProcessRunner& runner, Log& log, const SecretMasker& masker,
                                 std::string workdir,
                                 std::vector<std::pair<std::string, std::string>> env)
    : runner_(runner),
      log_(log),
      masker_(masker),
      workdir_(std::move(workdir)),
      env_(std::move(env)) {}

void CommandExecutor::prependPath(const std::string& dir, const std::string& inherited) {
  const auto isPath = [](const auto& variable) { return variable.first == "PATH"; };
  const auto last = std::find_if(env_.rbegin(), env_.rend(), isPath);
  if (last != env_.rend()) {
    last->second = dir + ":" + last->second;
    return;
  }
  env_.emplace_back("PATH", dir + (inherited.empty() ? "" : ":" + inherited));
}

std::string CommandExecutor::path(const std::string& inherited) const {
  const auto isPath = [](const auto& variable) { return variable.first == "PATH"; };
  const auto last = std::find_if(env_.rbegin(), env_.rend(), isPath);
  return last == env_.rend() ? inherited : last->second;
}

CommandResult CommandExecutor::run(std::string_view label, const std::string& command,
                                   std::chrono::seconds timeout, Echo echo) {
  log_.info(std::string(label) + ": $ " + command);
  CommandSpec spec;
  spec.command = command;
  spec.workdir = workdir_;
  spec.env = env_;
  spec.timeout = timeout;
  spec.masker = &masker_;  // masked before any line is cut or split
  spec.stdoutOnly = echo != Echo::Stream;
  const bool streamed = echo == Echo::Stream || echo == Echo::Answer;
  if (streamed) {
    spec.onLine = [this](std::string_view line) { log_.untrusted(line); };
    log_.beginUntrusted();
  }
  Result<CommandResult> ran = runner_.run(spec);
  if (streamed) log_.endUntrusted();
  if (!ran) {
    CommandResult failed;
    failed.tail = {masker_.mask(ran.message())};
    log_.info(std::string(label) + ": could not start: " + masker_.mask(ran.message()));
    return failed;
  }
  CommandResult result = std::move(ran).value();
  // Again, for runners that do not take the masker (and secrets registered meanwhile).
  for (std::string& line : result.tail) line = masker_.mask(line);
  if (echo != Echo::Silent) {
    result.output = masker_.mask(result.output);
  } else {
    result.tail.clear();  // silent output (secret listings) is never kept for display
  }
  log_.info(std::string(label) + ": " + describeCommandEnd(result));
  return result;
}

}  // namespace fd
