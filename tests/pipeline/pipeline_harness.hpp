// The whole program over fakes: a repository at /repo with a manifest, reports and a service.
#pragma once

#include <string>
#include <vector>

#include "pipeline/run.hpp"
#include "support/fake_git.hpp"
#include "support/fakes.hpp"

namespace fd::test {

inline const std::string kSha = "1111111111111111111111111111111111111111";
inline const std::string kRoot = "/repo";

struct PipelineHarness {
  FakeFileSystem fs;
  FakeProcessRunner processes;
  FakeHttpClient http;
  FakeClock clock;
  FakeEnvironment env;
  FakeConsole console;
  FakeRandom random;
  FakeGitRepository git;
  int healthStatus = 200;
  bool healthyAfterRollback = false;  // the rollback command "fixes" the service
  std::string healthVersion = kSha;

  PipelineHarness();
  int run(std::vector<std::string> args);
  std::string receipt() const { return file("DEPLOY-RECEIPT.md"); }
  std::string file(const std::string& relative) const;
  bool has(const std::string& relative) const { return fs.files.count(kRoot + "/" + relative) > 0; }
  void put(const std::string& relative, const std::string& content) {
    fs.files[kRoot + "/" + relative] = content;
  }
  void writeReports(const std::string& qaStatus, const std::string& securityStatus,
                    const std::string& tested = kSha);
  // Records a successful deploy of kSha to `environment` in the local ledger.
  void ledgerSuccess(const std::string& environment, const std::string& sha = kSha);
  std::string output() const { return console.stdoutText + console.stderrText; }
  // Adds "current_version_command": "current-version" to the manifest (once) and makes it
  // print `version` from now on (an empty version: it fails).
  void reportLive(const std::string& version);
  // Adds top-level manifest members (each followed by a comma), e.g. error-rate settings.
  void addToManifest(const std::string& members);
};

}  // namespace fd::test
