// Local mode's CI gate: the manifest's ci_check_command must exit 0 (INTERFACE §5.2).
#pragma once

#include "core/ports/mode.hpp"
#include "deploy/command_executor.hpp"

namespace fd {

class LocalCiGate : public CiGate {
 public:
  explicit LocalCiGate(CommandExecutor& commands) : commands_(commands) {}
  GateResult check(const DeployContext& context) override;

 private:
  CommandExecutor& commands_;
};

}  // namespace fd
