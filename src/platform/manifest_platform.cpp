#include "platform/manifest_platform.hpp"

#include "core/text.hpp"

namespace fd {

namespace {

constexpr auto kAskTimeout = std::chrono::seconds(120);

// The first line that is not blank, trimmed.
std::string firstLine(const std::string& output) {
  for (const std::string& line : split(output, '\n')) {
    if (std::string trimmed = trim(line); !trimmed.empty()) return trimmed;
  }
  return "";
}

}  // namespace

ManifestPlatform::ManifestPlatform(const EnvConfig& env, CommandExecutor& commands)
    : env_(env), commands_(commands) {}

std::vector<std::string> ManifestPlatform::notices() const {
  if (env_.name != "prod" || !env_.rollbackCommand.empty()) return {};
  return {
      "environments.prod: no rollback_command: a prod deploy that fails verification cannot "
      "be rolled back automatically"};
}

LiveRelease ManifestPlatform::readLive(std::string_view label) {
  if (env_.currentVersionCommand.empty()) {
    return liveUnknown("no current_version_command in the manifest", false);
  }
  const CommandResult current =
      commands_.run(label, env_.currentVersionCommand, kAskTimeout, Echo::Answer);
  const std::string live = current.succeeded() ? firstLine(current.output) : "";
  if (live.empty()) {
    return liveUnknown(
        "current_version_command gave no version (" + describeCommandEnd(current) + ")", true);
  }
  LiveRelease found = liveUnknown("", true);
  found.version = live;
  found.source = "current_version_command";
  return found;
}

std::string ManifestPlatform::rollbackCommand() const { return env_.rollbackCommand; }

std::string ManifestPlatform::rollbackMechanism() const {
  return env_.rollbackCommand.empty() ? "" : "manifest rollback_command";
}

std::string ManifestPlatform::liveVersionSource() const { return env_.currentVersionCommand; }

std::string ManifestPlatform::secretsSource() const { return env_.secretsCommand; }

SecretsListing ManifestPlatform::listSecrets(std::chrono::seconds timeout) {
  SecretsListing listing;
  if (env_.secretsCommand.empty()) return listing;
  listing.askable = true;
  listing.source = "secrets_command";
  listing.ran = commands_.run("secrets", env_.secretsCommand, timeout, Echo::Silent);
  return listing;
}

RollbackAttempt ManifestPlatform::rollBack(const std::string& /*toVersion*/,
                                           std::chrono::seconds timeout) {
  RollbackAttempt attempt{rollbackMechanism(), env_.rollbackCommand, {}};
  if (env_.rollbackCommand.empty()) {
    attempt.result.tail = {"no rollback_command in the manifest"};
    return attempt;
  }
  attempt.result = commands_.run("rollback", env_.rollbackCommand, timeout);
  return attempt;
}

}  // namespace fd
