// The hosting platform, as a port: what is live, how to roll back, and the CLI the manifest's
// commands need. A generic platform knows only the manifest's commands; a platform with built-ins
// (Fly.io) fills in what the manifest leaves out, or gets wrong, with its own CLI (PLATFORMS.md).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ports/environment.hpp"
#include "core/ports/file_system.hpp"
#include "core/ports/http_client.hpp"
#include "core/ports/log.hpp"
#include "core/ports/process_runner.hpp"
#include "core/result.hpp"
#include "deploy/command_executor.hpp"

namespace fd {

// What the platform says is live.
struct LiveRelease {
  std::string version;   // a commit SHA or the platform's release ("v12"); empty when unknown
  std::string detail;    // for people: "Fly.io release v12, image registry.fly.io/shop:…"
  std::string problem;   // why the version is unknown
  bool askable = false;  // the manifest or the platform has a way to ask
  // False when `version` is only the platform's release number ("v12"): it cannot be compared
  // with a commit.
  bool namesCommit = true;
  std::string source;  // who said so: "current_version_command", "Fly.io (`fly status`)"
  // The platform's release ("v12") when every deploy makes a new one (Fly.io); else empty. The
  // same release before and after a deploy means the deploy released nothing here.
  std::string release;
};

// A LiveRelease that does not know the version, saying why.
inline LiveRelease liveUnknown(std::string problem, bool askable) {
  LiveRelease live;
  live.problem = std::move(problem);
  live.askable = askable;
  return live;
}

// One rollback: by which mechanism, the command that ran, and how it ended.
struct RollbackAttempt {
  std::string mechanism;  // "manifest rollback_command" or "Fly.io built-in (…)"
  std::string command;    // what ran, expanded; empty when nothing could run
  CommandResult result;
};

// The secret names the environment has, for the readiness check. The listing's output is never
// shown: it lists secrets (and some commands print values).
struct SecretsListing {
  bool askable = false;  // the manifest or the platform has a way to list
  std::string source;    // "secrets_command", "Fly.io built-in (`fly secrets list --json`)"
  CommandResult ran;
  // Set when the platform read the names itself (exact); otherwise a name counts as listed when
  // it appears as a word of `ran.output`.
  std::optional<std::vector<std::string>> names;
  std::string problem;  // why the names could not be read (the platform's own words)
};

// What a platform works with: the manifest's command runner (its PATH and variables too), the
// log, the environment, and the disk and network for fetching a CLI.
struct PlatformServices {
  CommandExecutor& commands;
  Log& log;
  const Environment& env;
  FileSystem& fs;
  HttpClient& http;
};

class Platform {
 public:
  virtual ~Platform() = default;

  // Things the user should know about how the manifest is read (a replaced command, ...).
  virtual std::vector<std::string> notices() const = 0;
  // Makes the platform's CLI available to every manifest command (PATH); FailedPrecondition with
  // what to do when it cannot be (no token in CI, no pinned download for this machine, ...).
  virtual Status prepare() = 0;
  // Whether the commands this run may run act on this environment's app (a deploy: the deploy and
  // rollback commands; `rollback`: the rollback command). InvalidArgument naming the command when
  // one would ship another environment's app.
  virtual Status checkCommandTargets(bool /*rollback*/) const { return okStatus(); }
  // Asks what is live now; `label` names the moment for the log ("current version").
  virtual LiveRelease readLive(std::string_view label) = 0;
  // How a rollback would be done, for the plan and for a human: a command, or empty when the
  // platform has no way to roll back.
  virtual std::string rollbackCommand() const = 0;
  // Which mechanism rollBack uses: "manifest rollback_command", "Fly.io built-in (…)".
  virtual std::string rollbackMechanism() const = 0;
  // Where readLive gets its answer, for the plan: a command, or empty when it cannot ask.
  virtual std::string liveVersionSource() const = 0;
  // Where listSecrets gets its answer, for the plan: a command, or empty when it cannot list.
  virtual std::string secretsSource() const = 0;
  // Lists the environment's secret names, its output hidden; `timeout` bounds the command.
  virtual SecretsListing listSecrets(std::chrono::seconds timeout) = 0;
  // Rolls back to `toVersion` (what readLive said before the deploy, or the ledger's last
  // success); `timeout` bounds each command it runs.
  virtual RollbackAttempt rollBack(const std::string& toVersion, std::chrono::seconds timeout) = 0;
};

}  // namespace fd
