// The fake flyctl (tests/support/fake_flyctl.sh) set up for a test: a bin directory that holds
// it as `fly` and `flyctl`, its state, the directory its deploys write the app's version and
// health to, and a loopback app that serves them. Also packs it as a flyctl release asset.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "support/loopback_server.hpp"
#include "support/temp_dir.hpp"

namespace fd::test {

class FakeFly {
 public:
  static constexpr const char* kToken = "fly-token-5f0c2d9e7b13a846";

  FakeFly();

  std::string binDir() const { return temp_.path() + "/bin"; }
  std::string stateDir() const { return temp_.path() + "/state"; }
  std::string appDir() const { return temp_.path() + "/app"; }
  std::string script() const;  // the fake's source in the repository

  // The variables a run needs: the token, the fake's state and app directories, and (unless
  // `onPath` is false) PATH with binDir() first.
  std::map<std::string, std::string> env(bool onPath = true) const;
  // Runs the fake directly (`apps create shop`, `status --json`, ...) in `cwd`.
  struct Answer {
    int exitCode = -1;
    std::string out;
    std::string err;
  };
  Answer run(const std::vector<std::string>& args, const std::string& cwd = "/",
             const std::map<std::string, std::string>& extraEnv = {}) const;
  void createApps(const std::vector<std::string>& apps) const;
  // Every command line the fake was given, in order.
  std::vector<std::string> calls() const;
  bool called(const std::string& needle) const;

  // A flyctl release asset: flyctl_<version>_Linux_x86_64.tar.gz holding the fake as `flyctl`.
  std::string releaseTarball() const;

  // The app the deploys update: /health answers 200 with {"version": <live commit>}, or 503
  // while the live image is broken in this app; / answers the shop's home page.
  ServerHandler appHandler() const;

 private:
  TempDir temp_;
};

}  // namespace fd::test
