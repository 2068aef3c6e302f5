// Runs a manifest command the way every step needs it: DEPLOY_* variables set, output streamed
// to the log as untrusted text, secrets masked in what is kept for the receipt.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ports/log.hpp"
#include "core/ports/process_runner.hpp"
#include "core/secret_masker.hpp"

namespace fd {

// Stream: every line to the log as it comes. Answer: the same, but `output` holds stdout alone (an
// answer the program reads: current_version_command's version; a CLI's warnings on stderr are
// never taken for it). Quiet: nothing printed, output (stdout alone) and tail kept masked (a
// platform CLI's JSON, read by the program). Silent: nothing printed or kept but the raw stdout
// (secrets_command).
enum class Echo { Stream, Answer, Quiet, Silent };

class CommandExecutor {
 public:
  CommandExecutor(ProcessRunner& runner, Log& log, const SecretMasker& masker, std::string workdir,
                  std::vector<std::pair<std::string, std::string>> env);

  // The DEPLOY_* variables become known once the commit is resolved.
  void setEnv(std::vector<std::pair<std::string, std::string>> env) { env_ = std::move(env); }
  // One more variable for every later command (a later one with the same name wins): PATH with a
  // platform CLI's directory in front, for example.
  void addEnv(std::string name, std::string value) {
    env_.emplace_back(std::move(name), std::move(value));
  }
  // `dir` first on the commands' PATH: in front of what an earlier call put there, else in front
  // of `inherited` (the program's own PATH).
  void prependPath(const std::string& dir, const std::string& inherited);
  // The PATH the commands run with: the last one set here, else `inherited`.
  std::string path(const std::string& inherited) const;
  // The directory the commands run in.
  const std::string& workdir() const { return workdir_; }

  // Never fails: a command that cannot start comes back as exit -1 with the reason in its tail.
  // Echo::Silent keeps the raw output in `output` (for secrets_command) and prints nothing.
  CommandResult run(std::string_view label, const std::string& command,
                    std::chrono::seconds timeout, Echo echo = Echo::Stream);

 private:
  ProcessRunner& runner_;
  Log& log_;
  const SecretMasker& masker_;
  std::string workdir_;
  std::vector<std::pair<std::string, std::string>> env_;
};

}  // namespace fd
