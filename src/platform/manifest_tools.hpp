// The manifest's `tools`: every platform CLI it lists, fetched and checked against its SHA-256
// (or found verified from an earlier run), then put first on the commands' PATH. The general way
// to bring a platform's CLI into the action without an image of one's own (docs/PLATFORMS.md).
#pragma once

#include <vector>

#include "core/manifest.hpp"
#include "core/result.hpp"
#include "platform/platform.hpp"

namespace fd {

// FACTORY_DEPLOY_TOOLS_MIRROR applies to github.com URLs here too. Errors name the tool.
Status installManifestTools(const std::vector<ToolSpec>& tools, PlatformServices services);

}  // namespace fd
