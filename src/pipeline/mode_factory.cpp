#include "pipeline/mode_factory.hpp"

#include "action/action_mode.hpp"
#include "core/paths.hpp"
#include "github/github_mode.hpp"
#include "local/jsonl_ledger.hpp"
#include "local/local_ci_gate.hpp"
#include "local/local_confirmation.hpp"
#include "local/local_github.hpp"
#include "local/local_prod_policy.hpp"

namespace fd {

namespace {

std::string absoluteRoot(const World& world, const Inputs& inputs) {
  return resolvePath(world.currentDirectory, inputs.workingDirectory);
}

}  // namespace

Mode makeLocalMode(World& world, const Inputs& inputs, Log& log, CommandExecutor& commands) {
  Mode mode;
  auto github = std::make_shared<LocalGithub>(
      inputs,
      LocalGithubPorts{world.http, world.clock, world.random, world.env, world.processes, log});
  mode.ci = std::make_unique<LocalCiGate>(commands, github);
  mode.confirmation = std::make_unique<LocalConfirmation>(world.console);
  mode.policy = std::make_unique<LocalProdPolicy>(github);
  // Who deploys from a laptop: the login name, as `git log` would not know it any better.
  const std::string actor = world.env.get("USER").value_or(world.env.get("LOGNAME").value_or(""));
  mode.ledger = std::make_unique<JsonlLedger>(
      world.fs, log, world.clock, absoluteRoot(world, inputs) + "/.factory/deployments.jsonl",
      actor);
  mode.publisher = makeLocalPublisher(log);
  return mode;
}

Result<Mode> makeMode(World& world, const Inputs& inputs, Log& log, SecretMasker& masker,
                      CommandExecutor& commands) {
  if (!inputs.githubMode) return makeLocalMode(world, inputs, log, commands);
  Result<GithubContext> context = readGithubContext(world.env, world.fs);
  if (!context) return context.error();
  GithubMode github = makeGithubMode(*context, inputs, world.http, world.clock, world.random, log);
  Mode mode;
  mode.ci = std::move(github.ci);
  mode.confirmation = std::move(github.confirmation);
  mode.policy = std::move(github.policy);
  mode.ledger = std::move(github.ledger);
  mode.publisher = makeGithubPublisher(world.fs, world.http, world.clock, world.random, log, masker,
                                       world.env, inputs);
  mode.deployedSha = context->deployedSha();
  return mode;
}

}  // namespace fd
