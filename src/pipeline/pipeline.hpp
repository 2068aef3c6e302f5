// The seed's procedure as one object: inputs → manifest → gates → readiness → deploy → verify →
// rollback → receipt → publish. Each step lives in its own file; this header is the map.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/deploy_context.hpp"
#include "core/deploy_record.hpp"
#include "core/inputs.hpp"
#include "core/manifest.hpp"
#include "core/ports/log.hpp"
#include "core/secret_masker.hpp"
#include "deploy/command_executor.hpp"
#include "deploy/release_evidence.hpp"
#include "pipeline/mode.hpp"
#include "pipeline/world.hpp"
#include "platform/platform.hpp"
#include "receipt/settings.hpp"
#include "workspace/workspace_files.hpp"

namespace fd {

// What the platform says is live (pipeline/live_version.cpp).
struct LiveVersion {
  std::string version;      // empty when unknown
  std::string problem;      // why it is unknown
  bool askable = false;     // the manifest (or platform) has a way to ask
  std::string detail;       // the platform's own words: "Fly.io release v12, image …"
  bool namesCommit = true;  // false for a bare platform release number ("v12")
  std::string source;       // who said so: "current_version_command", "Fly.io (`fly status`)"
  std::string release;      // a release every deploy renews ("v12", Fly.io), else empty
};

// The failed step when the platform reports another version live after our deploy.
inline constexpr const char* kLiveVersionStep = "live version";

class Pipeline {
 public:
  Pipeline(World& world, const Inputs& inputs, SecretMasker& masker, Log& log,
           CommandExecutor& commands, Mode& mode);

  // Runs every step and always ends with the receipt (unless dry-run); returns the record.
  DeployRecord run();
  // `factory-deploy rollback` (manual_rollback.cpp): the seed's Rollback Procedure on demand,
  // confirmed like a prod deploy, verified like one, recorded in the receipt and the ledger.
  DeployRecord runRollback();

 private:
  // pipeline.cpp
  bool startRun();  // settings, workspace, manifest, state "in progress": false if no manifest
  bool loadManifest();
  void registerCommandPasswords();
  bool resolveCommit();
  void fail(std::string step, const std::string& reason);
  // The ledger refused to start a deploy (Aborted): another deploy runs, or that cannot be told.
  void refuseBusy(const std::string& reason);
  void noteLedgerDeviation();
  bool cancelledDuring(const std::string& step);
  std::string path(const std::string& relative) const;
  std::string repoRelative(const std::string& input) const;  // as git status names it
  bool checkWorkspacePaths();
  // project_name for a state file that has none: the manifest's, else the directory's name.
  std::string stateProjectName() const;
  // gate_step.cpp
  bool checkGates();
  bool checkCheckout();
  void skipGatesAfterCheckout();
  bool runGate(GateResult result);
  void skipRemainingGates(std::size_t fromIndex, const std::string& why);
  // plan.cpp
  void printPlan();
  // platform_step.cpp
  Platform& platform();
  bool preparePlatform();
  // readiness_step.cpp
  bool checkReadiness();
  bool checkSecrets();
  // live_version.cpp
  LiveVersion readLiveVersion(std::string_view label);
  // Before declaring success: what the platform says is live must be this deploy (when it can
  // tell). A mismatch fails with step "live version" and is never rolled back.
  bool confirmLive();
  // deploy_step.cpp
  bool deploy();
  // verify_step.cpp
  bool verify();
  // rollback_step.cpp
  void handleFailedRelease();
  void rollBackProd();
  // release_evidence_step.cpp
  ReleaseVerdict releaseAfterFailedDeploy();
  void keepProdAsItIs(const ReleaseVerdict& verdict);
  // What a rollback left live (rollback_step.cpp): shared by the automatic and the manual one.
  struct RollbackCheck {
    bool ran = false;       // the command (or built-in) succeeded
    bool healthy = false;   // the health check after it passed
    bool stillOld = false;  // the version it rolled away from is still live
    LiveVersion live;       // read again after it
  };
  // Runs the platform's rollback to `toVersion` shielded from signals, checks health (expecting
  // `expectSha` when the manifest asks for versions and it is non-empty) and reads what is live;
  // `awayFrom` is the version that must no longer be live. Fills record_.rollback.
  RollbackCheck rollBackAndCheck(const std::string& toVersion, const std::string& awayFrom,
                                 const std::string& expectSha);
  // manual_rollback.cpp
  bool chooseRollbackTarget();
  bool confirmRollback();
  bool checkLiveBeforeRollback();
  std::vector<std::string> tagsOf(const std::string& sha);  // the clone's tags; none if unknown
  bool claimRollback();
  void rollBackOnDemand();
  // cancelled_release.cpp
  void noteCancellation(const std::string& when);
  void rollBackAfterCancel();
  // finish_step.cpp
  void fillReceiptDefaults();
  bool writeReceiptFile(const std::string& markdown, std::chrono::system_clock::time_point now);
  void writeProgress();
  void finish();

  World& world_;
  const Inputs& inputs_;
  SecretMasker& masker_;
  Log& log_;
  CommandExecutor& commands_;
  Mode& mode_;

  DeployRecord record_;
  Settings settings_;
  std::string root_;
  std::string repoPrefix_;    // the working directory within the repository: "" or "svc/"
  WorkspaceCheck workspace_;  // which of our files are safe to touch (symbolic links, inside)
  Manifest manifest_;
  EnvConfig env_;  // the target, commands expanded
  std::unique_ptr<GitRepository> git_;
  std::unique_ptr<DeployContext> context_;
  std::unique_ptr<Platform> platform_;  // chosen on first use, once env_ is expanded
  std::optional<double> baselineErrorRate_;
  std::string baselineDetail_;
  LiveVersion liveBefore_;       // what readiness found live, to compare after a failed deploy
  bool receiptWritten_ = false;  // a progress receipt is on disk: rewrite it, never archive it
  bool deployStarted_ = false;
  bool ledgerOpen_ = false;   // the ledger's begin() succeeded: finish() must close it
  bool firstDeploy_ = false;  // no previous version: nothing to compare the error rate with
};

}  // namespace fd
