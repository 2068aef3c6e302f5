// Puts a pinned platform CLI where the manifest's commands find it: download the release asset,
// check its SHA-256 against the pin before anything of it is written, unpack the binary, keep
// it for the next run.
#pragma once

#include <string>

#include "core/ports/environment.hpp"
#include "core/ports/file_system.hpp"
#include "core/ports/http_client.hpp"
#include "core/ports/log.hpp"
#include "core/result.hpp"
#include "platform/tool_pin.hpp"

namespace fd {

class ToolInstaller {
 public:
  ToolInstaller(HttpClient& http, FileSystem& fs, Log& log, std::string cacheRoot);

  // The directory to put first on PATH, holding every name in `pin.commands`. Errors:
  // Unavailable (download failed: retry), FailedPrecondition (checksum mismatch, nothing kept),
  // NotFound (the binary is not in the asset).
  Result<std::string> install(const ToolPin& pin);

 private:
  Result<std::string> download(const std::string& url);

  HttpClient& http_;
  FileSystem& fs_;
  Log& log_;
  std::string cacheRoot_;
};

// Where downloaded CLIs are kept: $RUNNER_TEMP/factory-deploy-tools on a runner (one job),
// else $XDG_CACHE_HOME/factory-deploy/tools or ~/.cache/factory-deploy/tools.
Result<std::string> toolCacheRoot(const Environment& env);

// The directory on `path` (a PATH value) holding `command`, or empty.
std::string findOnPath(const std::string& command, const std::string& path, const FileSystem& fs);

// The SHA-256 of `bytes`, lower-case hex.
std::string sha256Of(const std::string& bytes);

}  // namespace fd
