// The manifest's `platform` field, as far as the parser and the platform adapters need it: whether
// it names a platform with built-ins (src/platform/, docs/PLATFORMS.md).
#pragma once

#include <string>

#include "core/manifest.hpp"

namespace fd {

// Whether the manifest's platform field names Fly.io ("fly.io", "Fly", "flyio").
bool isFlyPlatform(const std::string& platform);

// Whether the Fly.io built-ins (live release, rollback, secret names) serve `env`: the manifest
// says Fly.io and its deploy (or /setup rollback) command runs flyctl.
bool usesFlyBuiltIns(const std::string& platform, const EnvConfig& env);

}  // namespace fd
