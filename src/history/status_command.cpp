#include "history/status_command.hpp"

#include "core/exit_code.hpp"
#include "core/paths.hpp"
#include "history/command_line.hpp"
#include "history/command_log.hpp"
#include "history/environment_status.hpp"
#include "history/history_source.hpp"
#include "history/status_render.hpp"
#include "manifest/manifest_loader.hpp"

namespace fd {

int runStatusCommand(World& world, const std::vector<std::string>& args) {
  CommandLog log(world.console);
  const auto fail = [&log](const std::string& message, int code) {
    log.log().error("factory-deploy status: " + message);
    return code;
  };
  Result<HistoryOptions> options = parseHistoryOptions("status", args, world.env);
  if (!options) return fail(options.message(), kExitInvalidInput);
  if (options->help) {
    world.console.out(historyHelp("status"));
    return kExitSuccess;
  }
  const Inputs& inputs = options->inputs;
  const std::string root = resolvePath(world.currentDirectory, inputs.workingDirectory);
  Result<Manifest> manifest =
      loadManifest(world.fs, resolvePath(root, inputs.config), inputs.config);
  if (!manifest) return fail(manifest.message(), kExitInvalidInput);
  auto history = makeHistory(world, inputs, log.log(), root);
  if (!history) return fail(history.message(), kExitInvalidInput);
  std::vector<HistoryEntry> entries;
  for (const EnvConfig& env : manifest->environments) {
    auto some = (*history)->entries(env.name, kStatusDepth);
    if (!some) {
      return fail("cannot read " + (*history)->source() + ": " + some.message(), kExitFailed);
    }
    entries.insert(entries.end(), some->begin(), some->end());
  }
  auto git = world.openGit(root);
  if (!git) log.log().warning("commits between environments unknown: " + git.message());
  const std::vector<EnvironmentStatus> statuses =
      environmentStatuses(*manifest, entries, git ? git->get() : nullptr, world.http);
  const std::string source = (*history)->source();
  world.console.out(options->json ? statusJson(statuses, source) : statusText(statuses, source));
  return kExitSuccess;
}

}  // namespace fd
