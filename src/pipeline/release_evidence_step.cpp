// Before the Rollback Procedure, when prod's deploy command failed: read what is live and
// whether prod is healthy, and roll back only when that evidence says a release went out or prod
// is broken (deploy/release_evidence.hpp). Otherwise the run is FAILED, exit 1, nothing rolled
// back.
#include "deploy/health_check.hpp"
#include "pipeline/pipeline.hpp"

namespace fd {

ReleaseVerdict Pipeline::releaseAfterFailedDeploy() {
  log_.beginGroup("After the failed deploy");
  const LiveVersion live = readLiveVersion("live version after the failed deploy");
  HealthCheckConfig config = env_.healthCheck;
  config.expectVersion = false;  // which version is live is the question here, not the test
  const HealthOutcome health =
      checkHealth({env_.url, env_.healthCheckPath, config, "", "after the failed deploy", &masker_},
                  world_.http, world_.clock, log_);
  record_.health.insert(record_.health.end(), health.rows.begin(), health.rows.end());

  ReleaseEvidence evidence;
  evidence.liveBefore = liveBefore_.version;
  evidence.liveAfter = live.version;
  evidence.unknownWhy = live.problem;
  evidence.deployedSha = record_.fullSha;
  evidence.healthy = health.healthy;
  evidence.healthProblem = health.reason;
  ReleaseVerdict verdict = judgeFailedDeploy(evidence);
  log_.warning("after the failed deploy: " + verdict.why);
  log_.endGroup();
  return verdict;
}

void Pipeline::keepProdAsItIs(const ReleaseVerdict& verdict) {
  record_.rollback.performed = "NO";
  record_.rollback.reason = verdict.why;
  record_.failureReason += "; " + masker_.mask(verdict.why);
  if (verdict.knownUnreleased) return;
  record_.diagnostics.push_back(
      "If the deploy command did release something before it failed, roll back by hand: " +
      (platform().rollbackCommand().empty()
           ? std::string("no rollback_command is set in the manifest")
           : platform().rollbackCommand()) +
      ". Set current_version_command so the next run can tell.");
}

}  // namespace fd
