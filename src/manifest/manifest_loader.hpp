// Reads and validates `.factory/deploy-config.json` (INTERFACE §3).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/manifest.hpp"
#include "core/ports/file_system.hpp"
#include "core/result.hpp"

namespace fd {

// A deployment manifest is a few kilobytes; anything near this is the wrong file.
inline constexpr std::size_t kMaxManifestBytes = std::size_t{1} << 20;

// Errors: NotFound (the actionable "No deployment manifest found at …" message),
// InvalidArgument (malformed JSON or a bad field, naming the JSON path and what was expected,
// e.g. "environments.prod.deploy_command: missing").
// `displayPath` is the path as the user gave it, used in every message.
Result<Manifest> loadManifest(const FileSystem& fs, const std::string& path,
                              const std::string& displayPath);
// Pure (text in, result out; no I/O, no globals): safe to call from a fuzzer. Every error line
// and warning starts with `displayPath: `; all errors are reported, up to 20.
Result<Manifest> parseManifest(std::string_view json, const std::string& displayPath);

// Checks that `environment` is present and has what a deploy needs (deploy_command, app_name,
// and url + health_check_path for staging/prod); InvalidArgument naming the path otherwise.
Result<EnvConfig> selectEnvironment(const Manifest& manifest, const std::string& environment);

}  // namespace fd
