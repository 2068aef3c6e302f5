#include "core/ports/process_runner.hpp"

namespace fd {

std::string describeCommandEnd(const CommandResult& result) {
  if (result.cancelled) return "cancelled";
  if (result.timedOut) {
    return "timed out after " + std::to_string(result.duration.count() / 1000) + "s";
  }
  if (result.signal != 0) return "killed by signal " + std::to_string(result.signal);
  return "exit " + std::to_string(result.exitCode);
}

}  // namespace fd
