// Step 2 of the seed, before readiness: the platform. It decides how the live version is read and
// how prod is rolled back (src/platform/), and makes CLIs available to the manifest's commands:
// the manifest's `tools`, then the platform's own (a pinned, checksum-verified flyctl when the
// manifest deploys with fly and none is installed).
#include "pipeline/pipeline.hpp"
#include "platform/make_platform.hpp"
#include "platform/manifest_tools.hpp"

namespace fd {

// Chosen once env_ holds the expanded commands (after resolveCommit); its notices are the
// user's to read, so they go to the log and the receipt.
Platform& Pipeline::platform() {
  if (platform_) return *platform_;
  platform_ = makePlatform(manifest_, env_, {commands_, log_, world_.env, world_.fs, world_.http});
  for (const std::string& notice : platform_->notices()) {
    log_.warning(notice, {"Deployment manifest", inputs_.config, 0});
    record_.notes.push_back(notice);
  }
  return *platform_;
}

bool Pipeline::preparePlatform() {
  log_.beginGroup("Platform");
  Status prepared =
      installManifestTools(manifest_.tools, {commands_, log_, world_.env, world_.fs, world_.http});
  if (prepared) prepared = platform().prepare();
  if (prepared) prepared = platform().checkCommandTargets(inputs_.command == Command::Rollback);
  log_.endGroup();
  if (cancelledDuring("readiness")) return false;
  if (prepared) return true;
  record_.invalidInput = prepared.code() == ErrorCode::InvalidArgument;  // a bad variable: exit 2
  fail("readiness", prepared.message());
  log_.error(record_.failureReason);
  return false;
}

}  // namespace fd
