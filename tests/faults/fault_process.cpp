#include "faults/fault_process.hpp"

#include <algorithm>

namespace fd::test {

Result<CommandResult> HangCappedRunner::run(const CommandSpec& spec) {
  if (spec.command.find(kHangCommand) == std::string::npos) return real_.run(spec);
  CommandSpec capped = spec;
  capped.timeout = std::min(spec.timeout, kCommandHangCap);
  Result<CommandResult> result = real_.run(capped);
  if (result && result->timedOut) {
    result->duration = spec.timeout;  // what a real hang would have cost
    clock_.advance(spec.timeout);
  }
  return result;
}

}  // namespace fd::test
