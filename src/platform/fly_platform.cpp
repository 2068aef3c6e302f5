#include "platform/fly_platform.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/fly_commands.hpp"
#include "core/text.hpp"
#include "platform/fly_deploy_app.hpp"
#include "platform/tool_installer.hpp"
#include "platform/tool_pin.hpp"

namespace fd {

namespace {

constexpr auto kAskTimeout = std::chrono::seconds(120);

// Values put into a built-in command: the same guard as the manifest's placeholders.
bool isShellSafe(const std::string& value) {
  return !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view("._:/@+-").find(c) != std::string_view::npos;
  });
}

std::string lastLine(const CommandResult& result) {
  const auto last = std::find_if(result.tail.rbegin(), result.tail.rend(),
                                 [](const std::string& line) { return !trim(line).empty(); });
  return last == result.tail.rend() ? "" : trim(*last);
}

std::string failure(const std::string& what, const CommandResult& result) {
  const std::string line = lastLine(result);
  return what + " failed (" + describeCommandEnd(result) + ")" + (line.empty() ? "" : ": " + line);
}

CommandResult refused(const std::string& why) {
  CommandResult result;
  result.tail = {why};
  return result;
}

std::string release(int version) { return "v" + std::to_string(version); }

}  // namespace

FlyPlatform::FlyPlatform(const EnvConfig& env, PlatformServices services,
                         std::vector<std::pair<std::string, std::string>> otherApps)
    : env_(env),
      services_(services),
      manifest_(env, services.commands),
      otherApps_(std::move(otherApps)) {
  const bool seedRollback = fly::isReleasesRollback(env.rollbackCommand);
  manifestRollbackWorks_ = !env.rollbackCommand.empty() && !seedRollback;
  if (seedRollback) {
    notices_.push_back(
        "rollback_command `" + env.rollbackCommand +
        "` cannot work: flyctl has no `releases rollback` command. Using the Fly.io built-in "
        "rollback instead: redeploy the previous release's image with `fly deploy --image` "
        "(docs/PLATFORMS.md). Remove rollback_command, or set one that works, to silence this.");
  }
}

std::string FlyPlatform::fly(const std::string& arguments) const { return "fly " + arguments; }

std::string FlyPlatform::secretsListCommand() const {
  return fly("secrets list --app " + env_.appName + " --json");
}

Status FlyPlatform::prepare() {
  const Environment& env = services_.env;
  const auto set = [&env](const char* name) { return !env.get(name).value_or("").empty(); };
  const bool onRunner = env.get("GITHUB_ACTIONS").value_or("") == "true";
  if (onRunner && !set("FLY_API_TOKEN") && !set("FLY_ACCESS_TOKEN")) {
    return makeError(ErrorCode::FailedPrecondition,
                     "FLY_API_TOKEN is not set, so flyctl cannot reach Fly.io: add it to the "
                     "step's env (FLY_API_TOKEN: ${{ secrets.FLY_API_TOKEN }}); create the "
                     "secret with `fly tokens create deploy`");
  }
  if (!isShellSafe(env_.appName)) {
    return makeError(
        ErrorCode::InvalidArgument,
        "environments." + env_.name + ".app_name: a Fly.io app name is letters, digits and dashes");
  }
  // A CLI pinned by checksum does not update itself in the middle of a deploy.
  if (!set("FLY_NO_UPDATE_CHECK")) services_.commands.addEnv("FLY_NO_UPDATE_CHECK", "1");
  const std::string path = env.get("PATH").value_or("/usr/local/bin:/usr/bin:/bin");
  const std::string searched = services_.commands.path(path);  // with the manifest's `tools`
  if (const std::string dir = findOnPath("fly", searched, services_.fs); !dir.empty()) {
    services_.log.info("flyctl: using " + dir + "/fly");
    return okStatus();
  }
  Result<ToolPin> pin = flyctlPin(env);
  if (!pin) return pin.error();
  Result<std::string> root = toolCacheRoot(env);
  if (!root) return root.error();
  ToolInstaller installer(services_.http, services_.fs, services_.log, *root);
  Result<std::string> dir = installer.install(*pin);
  if (!dir) {
    return makeError(dir.code(), "fly is not installed and the pinned flyctl " + pin->version +
                                     " could not be set up: " + dir.message());
  }
  services_.commands.prependPath(*dir, path);
  return okStatus();
}

// `fly status`, the secrets listing and the rollback name app_name: a command that ships another
// environment's app, or never app_name, would deploy past that environment's gates, or be judged
// by an app it never touched. Another app beside app_name (a worker) is fine.
Status FlyPlatform::shipsThisApp(const std::string& field, const std::string& command) const {
  const std::vector<FlyDeployApp> targets =
      flyDeployApps(command, services_.env, services_.fs, services_.commands.workdir());
  const auto wrong = [this, &field](const FlyDeployApp& target, const std::string& whose) {
    return makeError(ErrorCode::InvalidArgument,
                     "environments." + env_.name + "." + field + " ships Fly.io app \"" +
                         target.app + "\" (" + target.source + ")" + whose + ", not \"" +
                         env_.appName +
                         "\", this environment's app_name, which `fly status`, the secrets check "
                         "and the rollback read. Make them name the same app; nothing was "
                         "deployed");
  };
  for (const FlyDeployApp& target : targets) {
    if (target.app == env_.appName) continue;
    for (const auto& [name, app] : otherApps_) {
      if (target.app == app) return wrong(target, ", " + name + "'s app_name");
    }
  }
  const bool shipsAppName = std::any_of(targets.begin(), targets.end(),
                                        [this](const auto& t) { return t.app == env_.appName; });
  if (!targets.empty() && !shipsAppName) return wrong(targets.front(), "");
  return okStatus();
}

Status FlyPlatform::checkCommandTargets(bool rollback) const {
  if (!rollback) {
    if (Status deploy = shipsThisApp("deploy_command", env_.deployCommand); !deploy) return deploy;
  }
  if (!manifestRollbackWorks_) return okStatus();  // the built-in names --app itself
  return shipsThisApp("rollback_command", env_.rollbackCommand);
}

LiveRelease FlyPlatform::readLive(std::string_view label) {
  if (!env_.currentVersionCommand.empty()) return manifest_.readLive(label);
  const std::string command = fly("status --app " + env_.appName + " --json");
  const CommandResult ran = services_.commands.run(label, command, kAskTimeout, Echo::Quiet);
  if (!ran.succeeded()) return liveUnknown(failure("`" + command + "`", ran), true);
  Result<fly::Status> status = fly::parseStatus(ran.output);
  if (!status) return liveUnknown(status.message(), true);
  return describe(*status);
}

LiveRelease FlyPlatform::describe(const fly::Status& status) {
  const auto current = std::find_if(
      status.machines.begin(), status.machines.end(),
      [&status](const fly::Machine& machine) { return machine.release == status.version; });
  if (status.version == 0 || current == status.machines.end()) {
    return liveUnknown("Fly.io reports no live release of " + env_.appName, true);
  }
  const auto onCurrent = std::count_if(
      status.machines.begin(), status.machines.end(),
      [&status](const fly::Machine& machine) { return machine.release == status.version; });
  LiveRelease live;
  live.askable = true;
  live.version = current->commit.empty() ? release(status.version) : current->commit;
  live.namesCommit = !current->commit.empty();  // images built off a runner carry no GH_SHA
  live.detail = "Fly.io release " + release(status.version) + ", image " + current->image;
  live.source = "Fly.io (`fly status`)";
  live.release = release(status.version);
  if (static_cast<std::size_t>(onCurrent) != status.machines.size()) {
    live.detail += " (on " + std::to_string(onCurrent) + " of " +
                   std::to_string(status.machines.size()) + " machines)";
  }
  seen_[live.version] = {status.version, current->image};
  if (firstImage_.empty()) firstImage_ = current->image;
  services_.log.info(env_.appName + " is live at " + live.version + " (" + live.detail + ")");
  return live;
}

std::string FlyPlatform::rollbackCommand() const {
  if (!builtInRollback()) return manifest_.rollbackCommand();
  const std::string image =
      firstImage_.empty()
          ? "<image of the previous release in `fly releases --app " + env_.appName + " --image`>"
          : firstImage_;
  const std::string config = env_.configFile.empty() ? "" : " --config " + env_.configFile;
  return fly("deploy --app " + env_.appName + config + " --image " + image + " --yes");
}

std::string FlyPlatform::rollbackMechanism() const {
  if (!builtInRollback()) return manifest_.rollbackMechanism();
  return "Fly.io built-in (fly deploy --image of the previous release)";
}

std::string FlyPlatform::liveVersionSource() const {
  if (!env_.currentVersionCommand.empty()) return manifest_.liveVersionSource();
  return fly("status --app " + env_.appName + " --json") + " (Fly.io built-in)";
}

// The manifest's secrets_command wins (the /setup one, a table, works); without one the names
// come from flyctl's JSON, compared exactly.
std::string FlyPlatform::secretsSource() const {
  if (!env_.secretsCommand.empty() || env_.requiredSecrets.empty()) {
    return manifest_.secretsSource();
  }
  return secretsListCommand() + " (Fly.io built-in)";
}

SecretsListing FlyPlatform::listSecrets(std::chrono::seconds timeout) {
  // Nothing to look for: flyctl is not asked (a failing listing would fail the deploy).
  if (!env_.secretsCommand.empty() || env_.requiredSecrets.empty()) {
    return manifest_.listSecrets(timeout);
  }
  SecretsListing listing;
  listing.askable = true;
  listing.source = "Fly.io built-in (`fly secrets list --json`)";
  // Quiet, not Silent: flyctl lists names and digests, never values, and its error (on stderr,
  // masked) says why a listing failed.
  const std::string command = secretsListCommand();
  listing.ran = services_.commands.run("secrets", command, timeout, Echo::Quiet);
  if (!listing.ran.succeeded()) {
    listing.problem = failure("`" + command + "`", listing.ran);
    return listing;
  }
  Result<std::vector<std::string>> names = fly::parseSecretNames(listing.ran.output);
  if (names) {
    listing.names = std::move(names).value();
  } else {
    listing.problem = names.message();
  }
  return listing;
}

const fly::Release* FlyPlatform::target(const std::vector<fly::Release>& releases,
                                        const std::string& toVersion) const {
  int wanted = 0;
  if (const auto seen = seen_.find(toVersion); seen != seen_.end()) wanted = seen->second.release;
  if (wanted == 0 && toVersion.size() > 1 && toVersion[0] == 'v') {
    const char* end = toVersion.data() + toVersion.size();
    if (std::from_chars(toVersion.data() + 1, end, wanted).ptr != end) wanted = 0;
  }
  if (wanted > 0) {
    const auto found = std::find_if(releases.begin(), releases.end(), [wanted](const auto& r) {
      return r.version == wanted && !r.imageRef.empty();
    });
    if (found != releases.end()) return &*found;
  }
  if (releases.empty()) return nullptr;
  const fly::Release& newest = releases.front();
  const auto earlier = std::find_if(releases.begin() + 1, releases.end(), [&newest](const auto& r) {
    return r.status == "complete" && !r.imageRef.empty() && r.imageRef != newest.imageRef;
  });
  return earlier == releases.end() ? nullptr : &*earlier;
}

RollbackAttempt FlyPlatform::rollBack(const std::string& toVersion, std::chrono::seconds timeout) {
  if (!builtInRollback()) return manifest_.rollBack(toVersion, timeout);
  RollbackAttempt attempt{
      rollbackMechanism(), fly("releases --app " + env_.appName + " --json"), {}};
  const CommandResult listed =
      services_.commands.run("rollback: releases", attempt.command, kAskTimeout, Echo::Quiet);
  if (!listed.succeeded()) {
    attempt.result = listed;
    attempt.result.tail = {failure("`" + attempt.command + "`", listed)};
    return attempt;
  }
  Result<std::vector<fly::Release>> releases = fly::parseReleases(listed.output);
  if (!releases) {
    attempt.result = refused(releases.message());
    return attempt;
  }
  const fly::Release* to = target(*releases, toVersion);
  if (to == nullptr) {
    attempt.result = refused("`" + attempt.command +
                             "` lists no earlier complete release with an image to go back to");
    return attempt;
  }
  if (!isShellSafe(to->imageRef)) {
    attempt.result = refused("release " + release(to->version) +
                             "'s image reference has characters that are not allowed in a "
                             "command; roll back by hand");
    return attempt;
  }
  const std::string config = env_.configFile.empty() ? "" : " --config " + env_.configFile;
  attempt.mechanism = "Fly.io built-in: redeploy release " + release(to->version) +
                      "'s image with fly deploy --image";
  attempt.command =
      fly("deploy --app " + env_.appName + config + " --image " + to->imageRef + " --yes");
  services_.log.info("rolling " + env_.appName + " back to release " + release(to->version) + " (" +
                     to->imageRef + ")");
  attempt.result = services_.commands.run("rollback", attempt.command, timeout);
  return attempt;
}

}  // namespace fd
