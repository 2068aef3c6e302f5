#include "platform/make_platform.hpp"

namespace fd {

std::unique_ptr<Platform> makePlatform(const Manifest& manifest, const EnvConfig& env,
                                       PlatformServices services) {
  if (usesFlyBuiltIns(manifest.platform, env)) {
    return std::make_unique<FlyPlatform>(env, services);
  }
  if (isFlyPlatform(manifest.platform)) {
    services.log.info(
        "platform fly.io, but deploy_command does not run fly: only the manifest's "
        "own commands are used");
  }
  return std::make_unique<ManifestPlatform>(env, services.commands);
}

}  // namespace fd
