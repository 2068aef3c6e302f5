#include "platform/make_platform.hpp"

#include "platform/fly_commands.hpp"

namespace fd {

std::unique_ptr<Platform> makePlatform(const Manifest& manifest, const EnvConfig& env,
                                       PlatformServices services) {
  const bool flyctlInUse =
      fly::invokesFlyctl(env.deployCommand) || fly::isReleasesRollback(env.rollbackCommand);
  if (isFlyPlatform(manifest.platform) && flyctlInUse) {
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
