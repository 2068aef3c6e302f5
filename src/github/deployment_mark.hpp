// The mark this action puts on the GitHub Deployments it records (docs/GITHUB.md, "The deployment
// record"): a task of its own and a payload naming the run. Only deployments carrying it, whose
// newest status that is not `inactive` is `success` (posted only after verification), count as
// deployed for the promotion chain and the previous version. The deployments GitHub creates for a
// job's `environment:` (task "deploy", empty payload) and any other tool's do not.
#pragma once

#include <rapidjson/document.h>

#include <string>

namespace fd::github {

inline constexpr const char* kDeploymentTask = "deploy:factory";
inline constexpr const char* kPayloadKey = "factory_deploy";
inline constexpr int kPayloadSchema = 1;

struct DeploymentMark {
  std::string kind = "deploy";  // deploy | rollback
  std::string version;          // the receipt's version label: "v1.4.0 (a1b2c3d)" or "a1b2c3d"
  std::string runId;            // GITHUB_RUN_ID (empty off a runner)
  std::string runAttempt;       // GITHUB_RUN_ATTEMPT
  std::string actor;            // who triggered the run (GITHUB_TRIGGERING_ACTOR)
};

// {"factory_deploy": {"schema": 1, "kind": …, "version": …, "run_id": …, "run_attempt": …,
// "actor": …}} as JSON text, for POST /deployments' `payload`.
// `attempt`, when set, goes beside the mark as "factory_deploy_attempt": what finds the deployment
// again when the answer to its create was lost (post_lookups.hpp).
std::string markPayload(const DeploymentMark& mark, const std::string& attempt = "");

// Whether a deployment (as GitHub lists it) carries the mark: task "deploy:factory" and a payload
// object with factory_deploy.schema 1. Fills `mark` when it does.
bool readMark(const rapidjson::Value& deployment, DeploymentMark& mark);

}  // namespace fd::github
