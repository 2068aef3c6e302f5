// A platform CLI pinned by version and checksum: what factory-deploy downloads when the
// manifest's commands need a CLI the machine does not have (PLATFORMS.md, "How fly gets in").
#pragma once

#include <string>
#include <vector>

#include "core/ports/environment.hpp"
#include "core/result.hpp"

namespace fd {

struct ToolPin {
  std::string name;     // "flyctl"
  std::string version;  // "0.4.85"
  std::string url;      // the release asset
  std::string sha256;   // of the asset, lower-case hex
  std::string member;   // the binary's path inside the archive; ignored for a plain file
  std::vector<std::string> commands;  // names it answers to on PATH: {"flyctl", "fly"}
};

// flyctl as the pinned release for this machine's architecture, or as the environment says:
//   FACTORY_DEPLOY_FLYCTL_VERSION + FACTORY_DEPLOY_FLYCTL_SHA256  another release (both needed)
//   FACTORY_DEPLOY_TOOLS_MIRROR  serves github.com's release paths (a mirror, a proxy cache)
// FailedPrecondition when there is no pin for this architecture and none was given.
Result<ToolPin> flyctlPin(const Environment& env);

// `url` with https://github.com replaced by FACTORY_DEPLOY_TOOLS_MIRROR when that is set.
std::string mirrored(const std::string& url, const Environment& env);

// Whether `text` is 64 lower-case hex digits.
bool isSha256Hex(const std::string& text);

}  // namespace fd
