// The manifest's `platform` field, as far as the parser and the platform adapters need it: whether
// it names a platform with built-ins (src/platform/, docs/PLATFORMS.md).
#pragma once

#include <string>

namespace fd {

// Whether the manifest's platform field names Fly.io ("fly.io", "Fly", "flyio").
bool isFlyPlatform(const std::string& platform);

}  // namespace fd
