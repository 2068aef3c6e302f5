// Which platform a manifest gets: Fly.io's built-ins when it says "fly.io" and deploys with
// flyctl (or names the /setup rollback that only the built-in can replace); otherwise the
// generic platform, which runs the manifest's commands and nothing else.
#pragma once

#include <memory>

#include "core/manifest.hpp"
#include "platform/fly_platform.hpp"
#include "platform/platform.hpp"

namespace fd {

// `env` (expanded) must outlive the platform.
std::unique_ptr<Platform> makePlatform(const Manifest& manifest, const EnvConfig& env,
                                       PlatformServices services);

}  // namespace fd
