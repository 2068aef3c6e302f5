// GitHub mode's gates and ledger, talking to the REST API (INTERFACE §5.2–5.5).
#pragma once

#include <memory>

#include "core/inputs.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/http_client.hpp"
#include "core/ports/log.hpp"
#include "core/ports/mode.hpp"
#include "core/ports/random.hpp"
#include "github/github_context.hpp"

namespace fd {

struct GithubMode {
  std::unique_ptr<CiGate> ci;
  std::unique_ptr<ConfirmationGate> confirmation;
  std::unique_ptr<ProdPolicyGate> policy;
  std::unique_ptr<DeploymentLedger> ledger;
};

GithubMode makeGithubMode(const GithubContext& context, const Inputs& inputs, HttpClient& http,
                          Clock& clock, Random& random, Log& log);

}  // namespace fd
