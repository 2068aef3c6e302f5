// §5.4 in GitHub mode: an approved review of this run for the target's environment, or the
// `confirm` input on workflow_dispatch.
#pragma once

#include "core/inputs.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/log.hpp"
#include "core/ports/mode.hpp"
#include "github/github_context.hpp"
#include "github/rest_client.hpp"

namespace fd::github {

// Whether a GitHub environment name stands for the deploy target: the target's name or the app
// name (any case), or a name starting with the target's ("prod" covers "production", "prod-eu").
bool environmentMatches(const std::string& environment, const std::string& target,
                        const std::string& appName);

class GithubConfirmationGate : public ConfirmationGate {
 public:
  GithubConfirmationGate(GithubContext github, const Inputs& inputs, RestClient& client,
                         Clock& clock, Log& log);
  GateResult check(const DeployContext& context) override;

 private:
  GateResult byDispatch(const DeployContext& context, const std::string& approvalsNote);

  GithubContext github_;
  const Inputs& inputs_;
  RestClient& client_;
  Clock& clock_;
  Log& log_;
};

}  // namespace fd::github
