// Shared setup for the uploader tests: the fake results service, a real HTTP client, fakes for
// time and randomness, and the runner's environment pointing at the fake.
#pragma once

#include <Poco/Zip/Decompress.h>

#include <fstream>
#include <sstream>

#include "artifact/artifact_runtime.hpp"
#include "artifact/artifact_uploader.hpp"
#include "net/poco_http_client.hpp"
#include "support/error_code_print.hpp"
#include "support/fake_results.hpp"
#include "support/fakes.hpp"
#include "support/temp_dir.hpp"

namespace fd::test {

struct UploadWorld {
  FakeResultsService service;
  PocoHttpClient http;
  FakeClock clock;
  FakeRandom random;
  RecordingLog log;
  FakeEnvironment env;

  UploadWorld() {
    env.values = {{"ACTIONS_RUNTIME_TOKEN", service.token()},
                  {"ACTIONS_RESULTS_URL", service.resultsUrl()},
                  {"GITHUB_SERVER_URL", "https://github.com"},
                  {"GITHUB_REPOSITORY", "factory/shop"},
                  {"GITHUB_RUN_ID", "987654321"},
                  {"GITHUB_RUN_ATTEMPT", "2"}};
  }

  ArtifactRuntime runtime() const {
    Result<ArtifactRuntime> runtime = readArtifactRuntime(env);
    if (!runtime) throw std::runtime_error(runtime.message());
    return *runtime;
  }

  Result<UploadedArtifact> upload(const ArtifactFile& file) {
    const ArtifactUploader uploader{http, clock, random, log, {}};
    return uploader.upload(runtime(), file);
  }
};

inline ArtifactFile receiptFile(std::string content = "# Deployment Receipt\n\nStatus: SUCCESS\n") {
  ArtifactFile file;
  file.name = "deploy-receipt-prod-987654321-2";
  file.fileName = "DEPLOY-RECEIPT.md";
  file.content = std::move(content);
  return file;
}

// The one file a zip holds, by name; empty when absent.
inline std::string unzipFile(const std::string& zip, const std::string& name) {
  TempDir dir;
  std::istringstream in(zip);
  Poco::Zip::Decompress decompress(in, Poco::Path(dir.path() + "/"));
  decompress.decompressAllFiles();
  if (!dir.exists(name)) return "";
  return dir.read(name);
}

}  // namespace fd::test
