// The seed's procedure as one object: inputs → manifest → gates → readiness → deploy → verify →
// rollback → receipt → publish. Each step lives in its own file; this header is the map.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/deploy_context.hpp"
#include "core/deploy_record.hpp"
#include "core/inputs.hpp"
#include "core/manifest.hpp"
#include "core/ports/log.hpp"
#include "core/secret_masker.hpp"
#include "deploy/command_executor.hpp"
#include "pipeline/mode.hpp"
#include "pipeline/world.hpp"
#include "receipt/settings.hpp"

namespace fd {

// What the platform says is live (pipeline/live_version.cpp).
struct LiveVersion {
  std::string version;   // empty when unknown
  std::string problem;   // why it is unknown
  bool askable = false;  // the manifest (or platform) has a way to ask
};

// The failed step when the platform reports another version live after our deploy.
inline constexpr const char* kLiveVersionStep = "live version";

class Pipeline {
 public:
  Pipeline(World& world, const Inputs& inputs, SecretMasker& masker, Log& log,
           CommandExecutor& commands, Mode& mode);

  // Runs every step and always ends with the receipt (unless dry-run); returns the record.
  DeployRecord run();

 private:
  // pipeline.cpp
  bool loadManifest();
  bool resolveCommit();
  void fail(std::string step, const std::string& reason);
  bool cancelledDuring(const std::string& step);
  std::string path(const std::string& relative) const;
  // gate_step.cpp
  bool checkGates();
  bool runGate(GateResult result);
  void skipRemainingGates(std::size_t fromIndex, const std::string& why);
  // plan.cpp
  void printPlan();
  // readiness_step.cpp
  bool checkReadiness();
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
  // finish_step.cpp
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
  Manifest manifest_;
  EnvConfig env_;  // the target, commands expanded
  std::unique_ptr<GitRepository> git_;
  std::unique_ptr<DeployContext> context_;
  std::optional<double> baselineErrorRate_;
  std::string baselineDetail_;
  bool deployStarted_ = false;
  bool firstDeploy_ = false;  // no previous version: nothing to compare the error rate with
};

}  // namespace fd
