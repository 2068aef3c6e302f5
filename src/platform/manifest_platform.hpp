// A generic platform: only the manifest's own commands (current_version_command,
// rollback_command), exactly as the manifest says. Built-in platforms use it for the commands
// the manifest does give.
#pragma once

#include "core/manifest.hpp"
#include "deploy/command_executor.hpp"
#include "platform/platform.hpp"

namespace fd {

class ManifestPlatform : public Platform {
 public:
  ManifestPlatform(const EnvConfig& env, CommandExecutor& commands);

  // Prod without rollback_command: a failed verification cannot be undone automatically.
  std::vector<std::string> notices() const override;
  Status prepare() override { return okStatus(); }
  LiveRelease readLive(std::string_view label) override;
  std::string rollbackCommand() const override;
  std::string rollbackMechanism() const override;
  std::string liveVersionSource() const override;
  std::string secretsSource() const override;
  SecretsListing listSecrets(std::chrono::seconds timeout) override;
  RollbackAttempt rollBack(const std::string& toVersion, std::chrono::seconds timeout) override;

 private:
  const EnvConfig& env_;
  CommandExecutor& commands_;
};

}  // namespace fd
