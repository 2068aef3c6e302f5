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
// With `environment`, what a deploy there needs (selectEnvironment's checks) is checked in the
// same pass, so one run lists every problem.
Result<Manifest> loadManifest(const FileSystem& fs, const std::string& path,
                              const std::string& displayPath, std::string_view environment = {});
// Pure (text in, result out; no I/O, no globals): safe to call from a fuzzer. Every error line
// and warning starts with `displayPath: `; all errors are reported, up to 20, followed by the
// warnings (unknown keys with their "did you mean"), which often explain an error.
Result<Manifest> parseManifest(std::string_view json, const std::string& displayPath,
                               std::string_view environment = {});

// Checks that `environment` is present and has what a deploy needs (deploy_command, app_name,
// and url + health_check_path for staging/prod, commands that expand); InvalidArgument listing
// every gap, one per line, naming the path.
Result<EnvConfig> selectEnvironment(const Manifest& manifest, const std::string& environment);

}  // namespace fd
