// What prod (or any environment) runs right now, as the platform tells it: the one place every
// step asks — before the deploy, after a failed deploy command, after a rollback, before success.
#include "core/text.hpp"
#include "deploy/reported_version.hpp"
#include "pipeline/pipeline.hpp"

namespace fd {

// The manifest's current_version_command, or the platform's built-in (src/platform/).
LiveVersion Pipeline::readLiveVersion(std::string_view label) {
  const LiveRelease live = platform().readLive(label);
  return {live.version,     live.problem, live.askable, live.detail,
          live.namesCommit, live.source,  live.release};
}

bool Pipeline::confirmLive() {
  const LiveVersion live = readLiveVersion("live version");
  if (!live.askable) {  // the platform cannot tell: verification is all we have
    record_.notes.push_back(
        "what is live on " + env_.name +
        " was not confirmed: no current_version_command, and the platform cannot tell; another "
        "deploy at the same time would not be seen (the verification stands)");
    return true;
  }
  if (live.version.empty()) {
    const std::string note = "could not confirm what is live after the deploy: " + live.problem;
    log_.warning(note);
    record_.notes.push_back(note);
    return !cancelledDuring("verify");
  }
  const Result<std::vector<std::string>> tags =
      git_ ? git_->tagsAt(record_.fullSha)
           : Result<std::vector<std::string>>(std::vector<std::string>{});
  const std::vector<std::string> ownTags = tags ? *tags : std::vector<std::string>{};
  if (liveVersionNames(live.version, record_.fullSha, ownTags)) {
    log_.info("live: " + env_.name + " runs " + live.version + " (this deploy)");
    return true;
  }
  // Not this commit, and every deploy makes a new release on this platform: the release from
  // before still live means this deploy released nothing to this environment's app.
  if (!live.release.empty() && live.release == liveBefore_.release) {
    fail(kLiveVersionStep, live.source + " reports " + env_.appName + " still at release " +
                               live.release + " (" + live.detail +
                               "), as before the deploy: the deploy released nothing to " +
                               env_.appName +
                               " (did deploy_command ship another app?); this run does not claim "
                               "to be live and does not roll back");
    log_.error(record_.failureReason, {"Nothing was released here", "", 0});
    return false;
  }
  // A release number ("v42") is not evidence that another commit is live.
  if (!live.namesCommit || !mentionsACommit(live.version)) {
    const std::string note = env_.name + " runs " + live.version +
                             (live.detail.empty() ? "" : " (" + live.detail + ")") +
                             ", which names no commit: this deploy could not be confirmed as "
                             "the live one; the verification stands";
    log_.info(note);
    record_.notes.push_back(note);
    return true;
  }
  fail(kLiveVersionStep, live.source + " reports " + live.version + " live on " + env_.name +
                             (live.detail.empty() ? "" : " (" + live.detail + ")") + ", not " +
                             record_.versionLabel +
                             ": another deploy replaced this one while it ran; this run does not "
                             "claim to be live and does not roll back");
  log_.error(record_.failureReason, {"Another version is live", "", 0});
  return false;
}

}  // namespace fd
