// What prod (or any environment) runs right now, as the platform tells it: the one place every
// step asks — before the deploy, after a failed deploy command, after a rollback, before success.
// The manifest's current_version_command, or the platform's built-in (src/platform/).
#include "pipeline/pipeline.hpp"

namespace fd {

LiveVersion Pipeline::readLiveVersion(std::string_view label) {
  const LiveRelease live = platform().readLive(label);
  return {live.version, live.problem, live.askable, live.detail};
}

}  // namespace fd
