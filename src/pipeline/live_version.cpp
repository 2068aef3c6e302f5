// What prod (or any environment) runs right now, as the platform tells it: the one place every
// step asks — before the deploy, after a failed deploy command, after a rollback, before success.
#include "core/text.hpp"
#include "deploy/reported_version.hpp"
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

bool Pipeline::confirmLive() {
  const LiveVersion live = readLiveVersion("live version");
  if (!live.askable) return true;  // the platform cannot tell: verification is all we have
  if (live.version.empty()) {
    const std::string note = "could not confirm what is live after the deploy: " + live.problem;
    log_.warning(note);
    record_.notes.push_back(note);
    return !cancelledDuring("verify");
  }
  const Result<std::vector<std::string>> tags =
      git_ ? git_->tagsAt(record_.fullSha)
           : Result<std::vector<std::string>>(std::vector<std::string>{});
  if (liveVersionNames(live.version, record_.fullSha, tags ? *tags : std::vector<std::string>{})) {
    log_.info("live: " + env_.name + " runs " + live.version + " (this deploy)");
    return true;
  }
  fail(kLiveVersionStep, "current_version_command reports " + live.version + " live on " +
                             env_.name + ", not " + record_.versionLabel +
                             ": another deploy replaced this one while it ran; this run does not "
                             "claim to be live and does not roll back");
  log_.error(record_.failureReason, {"Another version is live", "", 0});
  return false;
}

}  // namespace fd
