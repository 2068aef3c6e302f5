// A real git repository in a temp directory, set up as the factory leaves a project: a manifest
// whose commands are small shell scripts in bin/, a code commit, then QA and security reports
// committed after it. `run` starts the real build/factory-deploy binary in it.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

namespace fd::test {

// The manifest's parts a test varies; every environment deploys to `url`.
struct ManifestSpec {
  explicit ManifestSpec(std::string baseUrl) : url(std::move(baseUrl)) {}
  std::string url;
  std::string deployCommand = "sh bin/deploy.sh";
  std::string rollbackCommand = "sh bin/rollback.sh";
  std::string healthCheck = R"({"timeout_s": 2, "interval_s": 1})";
  std::string extra;  // more top-level members, each followed by a comma
};

std::string manifestJson(const ManifestSpec& spec);

// A string the test thread sets and a loopback server's handler thread reads.
class SharedText {
 public:
  void set(std::string value);
  std::string get() const;

 private:
  mutable std::mutex mutex_;
  std::string value_;
};

class DeployRepo {
 public:
  DeployRepo();

  std::string root() const { return temp_.path() + "/repo"; }
  // Outside the repository: markers, pid files and other traces the scripts leave.
  std::string scratch(const std::string& name) const { return temp_.path() + "/scratch/" + name; }
  bool scratchExists(const std::string& name) const;
  std::string readScratch(const std::string& name) const { return temp_.read("scratch/" + name); }

  void write(const std::string& relative, const std::string& content) const;
  std::string read(const std::string& relative) const;
  bool exists(const std::string& relative) const;
  std::vector<std::string> list(const std::string& directory) const;  // file names, sorted
  std::string git(const std::string& arguments) const;

  // Writes the manifest and the default scripts (bin/deploy.sh, bin/rollback.sh) unless a test
  // wrote its own, commits them as the code commit, then commits passing reports about it.
  void init(const ManifestSpec& spec);
  std::string commit(const std::string& message) const;  // full SHA of the new HEAD
  std::string head() const;
  // QA-REPORT.md and SECURITY.md about `tested` (default: the short HEAD), committed.
  void commitReports(const std::string& qa = "PASS", const std::string& security = "CLEAR",
                     const std::string& tested = "") const;
  // A successful deploy of `sha` to `environment` in .factory/deployments.jsonl.
  void seedLedger(const std::string& environment, const std::string& sha) const;

  // The binary with `args`, in the repository, with a clean environment plus `env` and the
  // variable FD_IT_SCRATCH (the scratch directory) that the scripts use; `signal` is sent to it
  // once the file `signalWhen` exists, then each of `followUps` (see ChildSpec).
  ChildRun run(const std::vector<std::string>& args,
               const std::map<std::string, std::string>& env = {},
               const std::optional<std::string>& signalWhen = std::nullopt, int signal = SIGTERM,
               const std::vector<ChildSpec::FollowUp>& followUps = {}) const;
  std::string receipt() const { return read("DEPLOY-RECEIPT.md"); }

 private:
  TempDir temp_;
};

std::string binaryPath();

// Whether `text` contains `needle`; BOOST_TEST messages show both on failure.
bool contains(const std::string& text, const std::string& needle);

// The lines of `text` that contain `needle`: a failure message that points at the leak.
std::string linesWith(const std::string& text, const std::string& needle);

}  // namespace fd::test
