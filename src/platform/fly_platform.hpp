// Fly.io out of the box. flyctl has no `releases rollback`: a rollback redeploys an earlier
// release's image (`fly deploy --image`, the image found with `fly releases`), and what is live is
// `fly status --json`'s current release. The manifest's own commands win where they work; the
// /setup rollback_command (`fly releases rollback`) never works and is replaced, with a notice.
#pragma once

#include <map>
#include <utility>
#include <vector>

#include "core/manifest.hpp"
#include "core/platform_name.hpp"
#include "platform/fly_json.hpp"
#include "platform/manifest_platform.hpp"
#include "platform/platform.hpp"

namespace fd {

class FlyPlatform : public Platform {
 public:
  // `otherApps`: the other environments' (name, app_name), which this one's commands must not
  // ship to.
  FlyPlatform(const EnvConfig& env, PlatformServices services,
              std::vector<std::pair<std::string, std::string>> otherApps = {});

  std::vector<std::string> notices() const override { return notices_; }
  Status prepare() override;
  Status checkCommandTargets(bool rollback) const override;
  LiveRelease readLive(std::string_view label) override;
  std::string rollbackCommand() const override;
  std::string rollbackMechanism() const override;
  std::string liveVersionSource() const override;
  std::string secretsSource() const override;
  SecretsListing listSecrets(std::chrono::seconds timeout) override;
  RollbackAttempt rollBack(const std::string& toVersion, std::chrono::seconds timeout) override;

 private:
  struct Seen {
    int release = 0;
    std::string image;
  };

  bool builtInRollback() const { return !manifestRollbackWorks_; }
  std::string fly(const std::string& arguments) const;
  std::string secretsListCommand() const;
  Status shipsThisApp(const std::string& field, const std::string& command) const;
  LiveRelease describe(const fly::Status& status);
  // The release to go back to: the one seen live as `toVersion`, else the newest complete
  // release before the newest one with another image.
  const fly::Release* target(const std::vector<fly::Release>& releases,
                             const std::string& toVersion) const;

  const EnvConfig& env_;
  PlatformServices services_;
  ManifestPlatform manifest_;
  bool manifestRollbackWorks_ = false;
  std::vector<std::pair<std::string, std::string>> otherApps_;
  std::vector<std::string> notices_;
  std::map<std::string, Seen> seen_;  // every version readLive reported, with its release
  std::string firstImage_;            // the image live at the first read (before the deploy)
};

}  // namespace fd
