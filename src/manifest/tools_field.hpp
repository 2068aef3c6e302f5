// The `tools` array: platform CLIs to fetch before any command runs, each pinned by checksum
// ({name, url, sha256, binary?}).
#pragma once

#include <string_view>
#include <vector>

#include "core/manifest.hpp"
#include "manifest/diagnostics.hpp"
#include "manifest/json_access.hpp"

namespace fd::manifest {

std::vector<ToolSpec> readTools(const Json& value, std::string_view path, Diagnostics& d);

}  // namespace fd::manifest
