#include "platform/make_platform.hpp"

namespace fd {

std::unique_ptr<Platform> makePlatform(const Manifest& manifest, const EnvConfig& env,
                                       PlatformServices services) {
  if (usesFlyBuiltIns(manifest.platform, env)) {
    std::vector<std::pair<std::string, std::string>> otherApps;
    for (const EnvConfig& other : manifest.environments) {
      if (other.name != env.name && other.appName != env.appName)
        otherApps.emplace_back(other.name, other.appName);
    }
    return std::make_unique<FlyPlatform>(env, services, std::move(otherApps));
  }
  if (isFlyPlatform(manifest.platform)) {
    services.log.info(
        "platform fly.io, but deploy_command does not run fly: only the manifest's "
        "own commands are used");
  }
  return std::make_unique<ManifestPlatform>(env, services.commands);
}

}  // namespace fd
