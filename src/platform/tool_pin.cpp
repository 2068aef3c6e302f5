#include "platform/tool_pin.hpp"

#include <algorithm>
#include <cctype>

#include "core/text.hpp"

namespace fd {

namespace {

// The release factory-deploy was tested against. The checksum is the release's own
// (flyctl_<version>_checksums.txt); scripts/pin-flyctl.sh prints the line for another version.
constexpr const char* kFlyctlVersion = "0.4.85";
constexpr const char* kFlyctlSha256X86_64 =
    "c3b5ed05319adf8a265d68171758ea7b37bd340c5c3dc4e09e17fb6344b8ff90";

// flyctl's asset names: flyctl_<version>_Linux_<x86_64|arm64>.tar.gz (its .goreleaser.yml).
constexpr const char* kArchitecture =
#if defined(__x86_64__)
    "x86_64";
#elif defined(__aarch64__)
    "arm64";
#else
    "";
#endif

std::string flyctlUrl(const std::string& version) {
  return "https://github.com/superfly/flyctl/releases/download/v" + version + "/flyctl_" + version +
         "_Linux_" + kArchitecture + ".tar.gz";
}

std::string variable(const Environment& env, const char* name) {
  return trim(env.get(name).value_or(""));
}

}  // namespace

bool isSha256Hex(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::string mirrored(const std::string& url, const Environment& env) {
  std::string mirror = variable(env, "FACTORY_DEPLOY_TOOLS_MIRROR");
  const std::string github = "https://github.com";
  if (mirror.empty() || !startsWith(url, github)) return url;
  while (!mirror.empty() && mirror.back() == '/') mirror.pop_back();
  return mirror + url.substr(github.size());
}

Result<ToolPin> flyctlPin(const Environment& env) {
  const std::string version = variable(env, "FACTORY_DEPLOY_FLYCTL_VERSION");
  const std::string sha256 = toLower(variable(env, "FACTORY_DEPLOY_FLYCTL_SHA256"));
  if (version.empty() != sha256.empty()) {
    return makeError(ErrorCode::InvalidArgument,
                     "FACTORY_DEPLOY_FLYCTL_VERSION and FACTORY_DEPLOY_FLYCTL_SHA256 go together: "
                     "a flyctl release is only used with its checksum (the asset's line in "
                     "flyctl_<version>_checksums.txt)");
  }
  const bool versionOk = std::all_of(version.begin(), version.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-';
  });
  if (!versionOk) {
    return makeError(ErrorCode::InvalidArgument,
                     "FACTORY_DEPLOY_FLYCTL_VERSION: expected a release number like 0.4.85");
  }
  if (!sha256.empty() && !isSha256Hex(sha256)) {
    return makeError(ErrorCode::InvalidArgument,
                     "FACTORY_DEPLOY_FLYCTL_SHA256: expected 64 hex digits");
  }
  if (std::string(kArchitecture).empty()) {
    return makeError(ErrorCode::FailedPrecondition,
                     "flyctl publishes Linux builds for x86_64 and arm64 only; install fly in "
                     "your own image (docs/PLATFORMS.md)");
  }
  ToolPin pin;
  pin.name = "flyctl";
  pin.member = "flyctl";
  pin.commands = {"flyctl", "fly"};
  pin.version = version.empty() ? kFlyctlVersion : version;
  pin.sha256 = sha256;
  if (pin.sha256.empty() && std::string(kArchitecture) == "x86_64") {
    pin.sha256 = kFlyctlSha256X86_64;
  }
  if (pin.sha256.empty()) {
    return makeError(ErrorCode::FailedPrecondition,
                     std::string("no pinned flyctl checksum for Linux ") + kArchitecture +
                         ": set FACTORY_DEPLOY_FLYCTL_VERSION and FACTORY_DEPLOY_FLYCTL_SHA256 "
                         "(scripts/pin-flyctl.sh prints them), or put fly on PATH");
  }
  pin.url = mirrored(flyctlUrl(pin.version), env);
  return pin;
}

}  // namespace fd
