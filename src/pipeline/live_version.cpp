// What prod (or any environment) runs right now, as the platform tells it: the one place every
// step asks — before the deploy, after a failed deploy command, after a rollback, before success.
#include "core/text.hpp"
#include "pipeline/pipeline.hpp"

namespace fd {

LiveVersion Pipeline::readLiveVersion(std::string_view label) {
  if (env_.currentVersionCommand.empty()) {
    return {"", "no current_version_command in the manifest", false};
  }
  const CommandResult current =
      commands_.run(label, env_.currentVersionCommand, std::chrono::seconds(120));
  const std::string live =
      current.succeeded() && !current.tail.empty() ? trim(current.tail.front()) : "";
  if (live.empty()) {
    return {"", "current_version_command gave no version (" + describeCommandEnd(current) + ")",
            true};
  }
  return {live, "", true};
}

}  // namespace fd
