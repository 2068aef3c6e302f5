#include "pipeline/pipeline.hpp"

#include "core/cancellation.hpp"
#include "core/paths.hpp"
#include "core/text.hpp"
#include "manifest/manifest_loader.hpp"
#include "manifest/placeholders.hpp"
#include "receipt/receipt_renderer.hpp"
#include "receipt/state_store.hpp"

namespace fd {

Pipeline::Pipeline(World& world, const Inputs& inputs, SecretMasker& masker, Log& log,
                   CommandExecutor& commands, Mode& mode)
    : world_(world),
      inputs_(inputs),
      masker_(masker),
      log_(log),
      commands_(commands),
      mode_(mode) {}

DeployRecord Pipeline::run() {
  const bool manifestLoaded = startRun();
  const bool ready = manifestLoaded && resolveCommit() && checkGates();
  if (inputs_.dryRun) {
    printPlan();
    return record_;
  }
  if (ready && preparePlatform() && checkReadiness() && deploy() && verify() && confirmLive()) {
    record_.status = DeployStatus::Success;
  }
  if (deployStarted_ && record_.status != DeployStatus::Success) handleFailedRelease();
  finish();
  return record_;
}

bool Pipeline::startRun() {
  record_.startedAt = world_.clock.now();
  record_.environment = std::string(targetName(inputs_.environment));
  record_.dryRun = inputs_.dryRun;
  root_ = resolvePath(world_.currentDirectory, inputs_.workingDirectory);
  record_.receiptPath = inputs_.receipt;
  // Before any of our files is read or written: which of them a symbolic link makes unsafe.
  workspace_ = WorkspaceCheck::run(world_.fs, root_, filesOfRun(inputs_, root_));

  if (workspace_.safe(path(".factory/settings.json"))) {
    settings_ = loadSettings(world_.fs, path(".factory/settings.json"));
  }
  for (const std::string& warning : settings_.warnings) log_.warning(warning);
  if (settings_.stateFilePath != kDefaultStateFile) {  // settings.json moved the state file
    workspace_ =
        WorkspaceCheck::run(world_.fs, root_, filesOfRun(inputs_, root_, settings_.stateFilePath));
  }
  // The manifest first: a state file started from nothing needs its project_name.
  const bool manifestLoaded = checkWorkspacePaths() && loadManifest();
  if (!inputs_.dryRun && workspace_.safe(path(settings_.stateFilePath))) {
    std::vector<std::string> warnings;
    const DeployPhaseUpdate start{
        PhaseStatus::InProgress, record_.startedAt, record_.environment, "", {},
        record_.startedAt,       stateProjectName()};
    const Status state =
        updateDeployPhase(world_.fs, path(settings_.stateFilePath), start, warnings);
    for (const std::string& warning : warnings) log_.warning(warning);
    if (!state) log_.warning("could not record the deploy as in progress: " + state.message());
  }
  return manifestLoaded;
}

std::string Pipeline::path(const std::string& relative) const {
  return resolvePath(root_, relative);
}

std::string Pipeline::repoRelative(const std::string& input) const {
  std::string full = path(input);
  if (full.rfind(root_ + "/", 0) != 0) return full;
  return repoPrefix_ + full.substr(root_.size() + 1);
}

// An input naming a file outside the working directory is an input error (exit 2).
bool Pipeline::checkWorkspacePaths() {
  if (workspace_.outside().empty()) return true;
  record_.invalidInput = true;
  std::string reason;
  for (const std::string& problem : workspace_.outside()) {
    reason += (reason.empty() ? "" : "; ") + problem;
  }
  fail("inputs", reason);
  log_.error(record_.failureReason, {"Invalid input", "", 0});
  return false;
}

std::string Pipeline::stateProjectName() const {
  if (!manifest_.projectName.empty()) return manifest_.projectName;
  const std::size_t slash = root_.find_last_of('/');
  return slash == std::string::npos ? root_ : root_.substr(slash + 1);
}

void Pipeline::fail(std::string step, const std::string& reason) {
  if (!record_.failedStep.empty()) return;  // the first failure is the one that matters
  record_.status = DeployStatus::Failed;
  record_.failedStep = std::move(step);
  record_.failureReason = masker_.mask(reason);
}

bool Pipeline::cancelledDuring(const std::string& step) {
  if (!Cancellation::requested()) return false;
  noteCancellation("during " + step);
  fail(step, "cancelled during " + step + " (" + Cancellation::signalName() + ")");
  log_.error("cancelled during " + step);
  return true;
}

bool Pipeline::loadManifest() {
  log_.beginGroup("Manifest");
  if (!workspace_.safe(path(inputs_.config))) {  // a link out of the workspace: never read it
    record_.invalidInput = true;
    for (const std::string& refusal : workspace_.refusals()) {
      if (startsWith(refusal, inputs_.config + " ")) fail("manifest", refusal);
    }
    fail("manifest", inputs_.config + ": not a file in the repository");
    log_.error(record_.failureReason, {"Invalid deployment manifest", inputs_.config, 0});
    log_.endGroup();
    return false;
  }
  Result<Manifest> manifest =
      fd::loadManifest(world_.fs, path(inputs_.config), inputs_.config, record_.environment);
  Result<EnvConfig> env = manifest ? selectEnvironment(*manifest, record_.environment)
                                   : Result<EnvConfig>(manifest.error());
  if (!env) {
    record_.invalidInput = true;
    fail("manifest", env.message());
    log_.error(env.message(), {"Invalid deployment manifest", inputs_.config, 0});
    log_.endGroup();
    return false;
  }
  manifest_ = std::move(manifest).value();
  env_ = std::move(env).value();
  registerCommandPasswords();
  for (const std::string& warning : manifest_.warnings) {
    log_.warning(warning, {"Deployment manifest", inputs_.config, 0});
  }
  if (!env_.healthCheckNote.empty()) {
    record_.notes.push_back("health_check in the manifest (a note, not run): " +
                            masker_.mask(env_.healthCheckNote));
  }
  record_.appName = env_.appName;
  record_.platform = manifest_.platform;
  record_.region = env_.region;
  record_.url = env_.url;
  log_.info("loaded " + inputs_.config + ": " + record_.environment + " is " + env_.appName +
            (env_.url.empty() ? "" : " at " + env_.url));
  log_.endGroup();
  return true;
}

// A URL password written into a command ("echo DATABASE_URL=postgres://u:PASSWORD@db") is a
// secret like any other: masked in the echoed command, its cut pieces, and on a runner.
void Pipeline::registerCommandPasswords() {
  std::vector<std::string> commands = {env_.deployCommand,    env_.rollbackCommand,
                                       env_.secretsCommand,   env_.telemetryCheckCommand,
                                       env_.errorRateCommand, env_.currentVersionCommand,
                                       env_.ciCheckCommand};
  for (const SmokeTest& test : env_.smokeTests) commands.push_back(test.command);
  for (const std::string& command : commands) {
    for (const std::string& password : urlPasswordsIn(command)) log_.addSecret(password);
  }
}

bool Pipeline::resolveCommit() {
  Result<std::unique_ptr<GitRepository>> git = world_.openGit(root_);
  const std::string gitProblem = git ? "" : git.message();
  if (git) git_ = std::move(git).value();
  std::string sha = mode_.deployedSha;
  if (sha.empty()) {
    if (!git_) {
      fail("commit", "cannot tell which commit to deploy: " + gitProblem);
      log_.error(record_.failureReason);
      return false;
    }
    Result<std::string> head = git_->head();
    if (!head) {
      fail("commit", "cannot read HEAD of " + root_ + ": " + head.message());
      log_.error(record_.failureReason);
      return false;
    }
    sha = *head;
  }
  record_.fullSha = sha;
  const Result<std::vector<std::string>> tags =
      git_ ? git_->tagsAt(sha) : Result<std::vector<std::string>>(std::vector<std::string>{});
  record_.versionLabel = versionLabel(sha, tags ? *tags : std::vector<std::string>{});

  Result<EnvConfig> expanded = expandCommands(env_, placeholderValues(manifest_, env_, sha));
  if (!expanded) {
    record_.invalidInput = true;
    fail("manifest", inputs_.config + ": " + expanded.message());
    log_.error(record_.failureReason, {"Unsafe manifest value", inputs_.config, 0});
    return false;
  }
  env_ = std::move(expanded).value();
  commands_.setEnv({{"DEPLOY_ENVIRONMENT", env_.name},
                    {"DEPLOY_URL", env_.url},
                    {"DEPLOY_SHA", sha},
                    {"DEPLOY_APP_NAME", env_.appName}});
  if (git_) {
    const Result<std::string> workdir = git_->workdir();
    repoPrefix_ = workdir ? prefixInRepository(world_.fs, root_, *workdir) : "";
  }
  context_ = std::make_unique<DeployContext>(
      DeployContext{inputs_, manifest_, env_, sha, root_, git_.get(),
                    GateFiles(repoPrefix_, {inputs_.qaReport, inputs_.securityReport},
                              inputs_.receipt, settings_.stateFilePath),
                    record_.versionLabel});
  log_.info((record_.manualRollback ? "rolling back " + env_.name + " to " : "deploying ") +
            record_.versionLabel + " (" + sha + ")" +
            (record_.manualRollback ? "" : " to " + env_.name));
  return true;
}

}  // namespace fd
