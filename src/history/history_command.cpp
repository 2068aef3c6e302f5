#include "history/history_command.hpp"

#include "core/exit_code.hpp"
#include "core/paths.hpp"
#include "history/command_line.hpp"
#include "history/command_log.hpp"
#include "history/delivery_metrics.hpp"
#include "history/history_render.hpp"
#include "history/history_source.hpp"
#include "history/metrics_render.hpp"

namespace fd {

int runHistoryCommand(World& world, const std::vector<std::string>& args) {
  CommandLog log(world.console);
  Result<HistoryOptions> options = parseHistoryOptions("history", args, world.env);
  if (!options) {
    log.log().error("factory-deploy history: " + options.message());
    return kExitInvalidInput;
  }
  if (options->help) {
    world.console.out(historyHelp("history"));
    return kExitSuccess;
  }
  const std::string root = resolvePath(world.currentDirectory, options->inputs.workingDirectory);
  auto history = makeHistory(world, options->inputs, log.log(), root);
  if (!history) {
    log.log().error("factory-deploy history: " + history.message());
    return kExitInvalidInput;
  }
  const std::string source = (*history)->source();
  if (options->metrics) {
    auto prod = (*history)->entries("prod", 0);
    if (!prod) {
      log.log().error("factory-deploy history: cannot read " + source + ": " + prod.message());
      return kExitFailed;
    }
    auto git = world.openGit(root);
    if (!git) log.log().warning("lead times unknown: " + git.message());
    const DeliveryMetrics metrics =
        computeMetrics(*prod, git ? git->get() : nullptr, world.clock.now(), options->windowDays);
    world.console.out(options->json ? metricsJson(metrics, source) : metricsText(metrics, source));
    return kExitSuccess;
  }
  auto entries = (*history)->entries(options->environment, options->limit);
  if (!entries) {
    log.log().error("factory-deploy history: cannot read " + source + ": " + entries.message());
    return kExitFailed;
  }
  world.console.out(options->json ? historyJson(*entries, source) : historyText(*entries, source));
  return kExitSuccess;
}

}  // namespace fd
