// The whole program (runFactoryDeploy) with every secret planted: real shell scripts as the
// manifest's commands (they print the secrets on stdout and stderr), files in memory, the app's
// health endpoint answered in-process, and on a runner the loopback fake GitHub and results
// service reached through the real HTTP client. sinks() is everything the run wrote or sent.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "deploy/posix_process_runner.hpp"
#include "leaks/leak_scan.hpp"
#include "net/poco_http_client.hpp"
#include "support/fake_git.hpp"
#include "support/fake_github.hpp"
#include "support/fake_results.hpp"
#include "support/fakes.hpp"
#include "support/temp_dir.hpp"

namespace fd::test {

inline const std::string kDeployedSha = "1111111111111111111111111111111111111111";
inline const std::string kPreviousProdSha = "3333333333333333333333333333333333333333";

// The real process runner; optionally requests cancellation when a line contains a marker.
class SpyRunner : public ProcessRunner {
 public:
  std::vector<std::string> commands;
  std::string cancelOnLine;

  Result<CommandResult> run(const CommandSpec& spec) override;
  bool ran(const std::string& part) const;

 private:
  PosixProcessRunner real_;
};

enum class RunMode { Local, Github };

class LeakHarness {
 public:
  explicit LeakHarness(RunMode mode);
  ~LeakHarness();
  LeakHarness(const LeakHarness&) = delete;
  LeakHarness& operator=(const LeakHarness&) = delete;

  // Runs the program; `args` get --confirm locally for prod (on a runner prod is approved).
  int run(std::vector<std::string> args);

  // The manifest's commands. Each prints every secret the program can know of, on stdout and
  // stderr, and exits with `exitCode`; `extra` is shell run before the exit.
  void deployPrints(int exitCode, const std::string& extra = "");
  void rollbackPrints(int exitCode);
  void ciPrints(int exitCode);
  void script(const std::string& name, const std::string& body);  // bin/<name>.sh

  void put(const std::string& relative, const std::string& content);
  std::string file(const std::string& relative) const;
  bool has(const std::string& relative) const;
  std::string root() const { return dir.path(); }

  // The values the program is told are secret (environment, inputs, URLs).
  std::vector<Sentinel> registered() const;
  // Those, plus values it must never show although nobody registers them (the secrets_command
  // listing, the password in a refused manifest url) and, on a runner, the upload signature.
  std::vector<Sentinel> everything() const;

  // Everything the run wrote (console, every file it created or changed, the artifact) and
  // sent (requests to GitHub, the results service and the app); Authorization headers that
  // carry the credential meant for that service are left out.
  std::vector<Sink> sinks() const;
  // What was wrong with the ::add-mask:: lines on stdout (GitHub mode: one exact line per
  // registered secret before anything else; locally: none at all).
  std::vector<std::string> addMaskProblems() const;
  // findLeaks over sinks() and everything().
  std::vector<Leak> leaks() const;

  RunMode mode;
  TempDir dir;
  std::unique_ptr<FakeGithub> github;
  std::unique_ptr<FakeResultsService> results;
  FakeFileSystem fs;
  SpyRunner processes;
  FakeHttpClient http;
  PocoHttpClient loopback;
  FakeClock clock;
  FakeEnvironment env;
  FakeConsole console;
  FakeRandom random;
  FakeGitRepository git;

  // The app behind the manifest's urls.
  int healthStatus = 200;
  bool healthyAfterRollback = true;  // the rollback command "restores" the service
  std::string healthLocation;        // a Location header on the health answer
  int smokeStatus = 200;             // what the smoke test's GET / gets
  std::string smokeLocation;

 private:
  void answerTheApp();
  void setUpGithub();
  std::string runtimeToken() const;
  std::map<std::string, std::string> before_;  // the files as the test left them
};

}  // namespace fd::test
