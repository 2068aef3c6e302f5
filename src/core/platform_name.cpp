#include "core/platform_name.hpp"

#include "core/fly_commands.hpp"
#include "core/text.hpp"

namespace fd {

bool isFlyPlatform(const std::string& platform) {
  const std::string name = toLower(trim(platform));
  return name == "fly.io" || name == "fly" || name == "flyio" || name == "fly io";
}

bool usesFlyBuiltIns(const std::string& platform, const EnvConfig& env) {
  return isFlyPlatform(platform) &&
         (fly::invokesFlyctl(env.deployCommand) || fly::isReleasesRollback(env.rollbackCommand));
}

}  // namespace fd
