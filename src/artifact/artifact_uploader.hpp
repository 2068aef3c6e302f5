// Uploads one file as a workflow artifact with the v4 protocol: CreateArtifact → blob blocks →
// FinalizeArtifact (size and sha256 of the uploaded bytes).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "artifact/artifact_runtime.hpp"
#include "artifact/retry.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/http_client.hpp"
#include "core/ports/log.hpp"
#include "core/ports/random.hpp"
#include "core/result.hpp"

namespace fd {

struct ArtifactFile {
  std::string name;      // the artifact's name (validated); ignored when not zipped
  std::string fileName;  // base name, e.g. DEPLOY-RECEIPT.md
  std::string content;
  bool zip = true;  // false: the raw file (version 7), named after the file
  std::optional<int> retentionDays;
};

struct UploadedArtifact {
  std::string id;
  std::string url;
  std::uint64_t size = 0;
  std::string sha256;  // hex
};

struct ArtifactUploader {
  HttpClient& http;
  Clock& clock;
  Random& random;
  Log& log;
  RetryPolicy policy;

  // Errors say what failed and what to do; a name already used in this run (409) says that
  // re-runs need a unique name. Never throws; never quotes the token or the upload signature.
  Result<UploadedArtifact> upload(const ArtifactRuntime& runtime, const ArtifactFile& file) const;
};

// "sha256" hex digest.
std::string sha256Hex(std::string_view bytes);
// "2026-04-10T21:30:00Z"
std::string rfc3339(std::chrono::system_clock::time_point time);

}  // namespace fd
