// One whole factory-deploy run (runFactoryDeploy, in process) for one row of the fault matrix:
// a repository in a temporary directory on the real file system (PosixFileSystem), the real
// HTTP client behind the FaultRouter, the real process runner (hangs capped), a fake clock so
// back-off and polling are instant, and a loopback app serving /health and /cart. GitHub mode
// adds the loopback fake GitHub and results service, with the runner's variables pointing at
// them (never at api.github.com).
//
// Before the run it plants what must survive: a previous receipt, a state file with other
// phases and keys, and (local mode) ledger lines. After the run the kept*() checks say whether
// each is still there.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "faults/fault_fs.hpp"
#include "faults/fault_http.hpp"
#include "faults/fault_process.hpp"
#include "local/posix_file_system.hpp"
#include "support/fake_git.hpp"
#include "support/fake_github.hpp"
#include "support/fake_results.hpp"
#include "support/fakes.hpp"
#include "support/loopback_server.hpp"
#include "support/temp_dir.hpp"

namespace fd::test {

inline const std::string kSha = "1111111111111111111111111111111111111111";
inline const std::string kPreviousSha = "2222222222222222222222222222222222222222";
// A deploy command that releases: the fake platform (current_version_command) then reports kSha.
inline const std::string kReleases = "touch .released; echo deployed";
inline const std::string kToken = "ghs_faultMatrixToken0123456789";
inline const std::string kPreviousReceiptMark = "sentinel: the previous run's receipt";
inline const std::string kStateMark = "sentinel-other-phase";
inline const std::string kArtifactName = "deploy-receipt-prod-1000-1";

enum class RunMode { Local, Github };
enum class FsKind { Posix, Fake };  // Fake: FakeFileSystem (failWrites = a full disk)

class FaultRun {
 public:
  explicit FaultRun(RunMode mode = RunMode::Local, FsKind fs = FsKind::Posix);
  ~FaultRun();
  FaultRun(const FaultRun&) = delete;
  FaultRun& operator=(const FaultRun&) = delete;

  // The manifest: top-level fields as raw JSON values, replaced or added by name.
  std::map<std::string, std::string> manifest;
  std::string prodDeployCommand = kReleases;
  // Drops the optional commands (secrets, current version, telemetry, error rate, local CI): for
  // rows about HTTP calls, where each command would only cost a process start.
  void withoutOptionalCommands();

  // The app's answers; the default is healthy (version = the deployed SHA; after a rollback
  // the previous one) with a /cart that passes its smoke test.
  std::function<ServerResponse(const ServerRequest&)> app;
  static ServerResponse healthyApp(const ServerRequest& request, bool rolledBack);

  int run(std::vector<std::string> args = {"--environment", "prod"});
  // Where the receipt goes (the `receipt` input; the previous one is planted there).
  void useReceiptPath(const std::string& relative);
  void writeManifest();
  // Replaces the planted ledger (local mode) with these lines.
  void plantLedger(std::vector<std::string> lines);
  static std::string ledgerLine(const std::string& environment, const std::string& sha,
                                const std::string& receipt = "DEPLOY-RECEIPT.md");

  const std::string& root() const { return root_; }
  std::string file(const std::string& relative) const;
  bool has(const std::string& relative) const;
  void put(const std::string& relative, const std::string& content);
  std::string receipt() const { return file(receiptRelative_); }
  std::string log() const { return console.stdoutText + console.stderrText; }
  std::string outputs() const;  // GITHUB_OUTPUT
  bool rolledBack() const;      // the rollback command ran

  // What must survive any fault.
  bool keptPreviousReceipt() const;  // as it was, or archived beside the new one
  bool keptState() const;            // other phases and keys of .factory/state.json
  bool keptLedger() const;           // local mode: the planted lines, intact and in order
  // The run left a record: the receipt file, or the receipt printed whole to the log.
  bool recorded() const;
  bool receiptInLog() const;

  FakeClock clock;
  FaultRouter http{clock};
  HangCappedRunner processes{clock};
  FakeEnvironment env;
  FakeConsole console;
  FakeRandom random;
  FakeGitRepository git;
  PosixFileSystem posixFs;
  FakeFileSystem fakeFs;
  SelectiveFailFs fs;  // forwards to posixFs or fakeFs
  std::unique_ptr<FakeGithub> github;
  std::unique_ptr<FakeResultsService> results;
  std::unique_ptr<LoopbackServer> appServer;

 private:
  void plant();
  void setUpGithub();
  std::string manifestText() const;

  RunMode mode_;
  FsKind fsKind_;
  TempDir dir_;
  std::string root_;
  std::string receiptRelative_ = "DEPLOY-RECEIPT.md";
  std::vector<std::string> ledgerLines_;
  std::string stateText_;
};

bool contains(const std::string& text, const std::string& part);

}  // namespace fd::test
