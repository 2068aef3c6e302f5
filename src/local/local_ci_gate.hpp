// Local mode's CI gate (INTERFACE §5.2): the manifest's ci_check_command when it has one, else
// the action's own GitHub CI gate when the clone has a GitHub remote and a token is at hand
// (HEAD must be pushed for GitHub to have checks on it). With neither, it fails naming both.
#pragma once

#include <memory>

#include "core/ports/mode.hpp"
#include "deploy/command_executor.hpp"
#include "local/local_github.hpp"

namespace fd {

class LocalCiGate : public CiGate {
 public:
  LocalCiGate(CommandExecutor& commands, std::shared_ptr<LocalGithub> github)
      : commands_(commands), github_(std::move(github)) {}
  GateResult check(const DeployContext& context) override;

 private:
  GateResult runCommand(const DeployContext& context);
  GateResult askGithub(const DeployContext& context, GithubMode& github);

  CommandExecutor& commands_;
  std::shared_ptr<LocalGithub> github_;
};

}  // namespace fd
