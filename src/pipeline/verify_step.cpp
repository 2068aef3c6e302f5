// Step 4 of the seed: prove the release healthy — health check, smoke tests, telemetry, and on
// prod the error rate against its pre-deploy baseline. Alpha needs no verification.
#include "core/text.hpp"
#include "deploy/error_rate.hpp"
#include "deploy/health_check.hpp"
#include "deploy/smoke_tests.hpp"
#include "pipeline/pipeline.hpp"

namespace fd {

namespace {

constexpr auto kCheckTimeout = std::chrono::seconds(120);

}  // namespace

bool Pipeline::verify() {
  if (inputs_.environment == Target::Alpha) {
    record_.healthSkippedReason = "Skipped for alpha deployments.";
    record_.smokeSkippedReason = "Skipped for alpha deployments.";
    return true;
  }
  log_.beginGroup("Verify");
  const HealthOutcome health =
      checkHealth({env_.url, env_.healthCheckPath, env_.healthCheck, context_->sha, "", &masker_},
                  world_.http, world_.clock, log_);
  record_.health = health.rows;
  if (cancelledDuring("verify")) {
    record_.smokeSkippedReason = "Not run: cancelled during the health check.";
    return log_.endGroup(), false;
  }
  if (!health.healthy) {
    fail("verify", "health check failed: " + health.reason);
    log_.error(record_.failureReason, {"Health check failed", "", 0});
    record_.smokeSkippedReason = "Not run: the health check failed.";
    return log_.endGroup(), false;
  }

  const SmokeCommandRunner runSmoke = [this](const std::string& name, const std::string& command) {
    return commands_.run("smoke test " + name, command, kCheckTimeout);
  };
  const SmokeOutcome smoke =
      runSmokeTests(env_.smokeTests, env_.url, world_.http, runSmoke, &masker_);
  record_.smoke = smoke.rows;
  if (env_.smokeTests.empty()) record_.smokeSkippedReason = "No smoke_tests in the manifest.";
  if (cancelledDuring("verify")) return log_.endGroup(), false;
  if (!smoke.passed) {
    std::string failed;
    for (const SmokeRow& row : smoke.rows) {
      if (!row.passed) failed += (failed.empty() ? "" : ", ") + row.test;
    }
    fail("verify", "smoke tests failed: " + failed);
    log_.error(record_.failureReason, {"Smoke tests failed", "", 0});
    return log_.endGroup(), false;
  }

  if (!env_.telemetryCheckCommand.empty()) {
    const CommandResult traces =
        commands_.run("telemetry", env_.telemetryCheckCommand, kCheckTimeout);
    if (cancelledDuring("verify")) return log_.endGroup(), false;
    record_.telemetry.traces = traces.succeeded() ? "YES" : "NO";
    if (!traces.succeeded()) {
      record_.telemetry.notes = "telemetry_check_command: " + describeCommandEnd(traces);
      fail("verify", "no telemetry: telemetry_check_command " + describeCommandEnd(traces));
      log_.error(record_.failureReason);
      return log_.endGroup(), false;
    }
  }

  if (inputs_.environment == Target::Prod && !env_.errorRateCommand.empty()) {
    const CommandResult after =
        commands_.run("error rate", env_.errorRateCommand, kCheckTimeout, Echo::Answer);
    if (cancelledDuring("verify")) return log_.endGroup(), false;
    const std::optional<double> rate =
        after.succeeded() ? parseErrorRate(after.output) : std::nullopt;
    const std::string detail =
        after.succeeded() ? "output was not a number" : describeCommandEnd(after);
    record_.telemetry.errorRate = rate ? formatPercent(*rate) : "no data (" + detail + ")";
    // A first deploy has nothing running to measure a baseline from: judge the absolute limit.
    EnvConfig limits = env_;
    if (firstDeploy_ && !baselineErrorRate_) {
      limits.maxErrorRateIncrease.reset();
      record_.telemetry.notes = "first deploy: no baseline, so only max_error_rate applies";
    }
    const ErrorRateVerdict verdict = judgeErrorRate(rate, baselineErrorRate_, limits, detail);
    if (!verdict.passed) {
      record_.telemetry.notes = verdict.reason;
      fail("verify", verdict.reason);
      log_.error(record_.failureReason, {"Error rate check failed", "", 0});
      return log_.endGroup(), false;
    }
  }
  log_.info("verified: " + env_.url + env_.healthCheckPath + " healthy");
  log_.endGroup();
  return true;
}

}  // namespace fd
