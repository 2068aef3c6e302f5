// §5.4 in GitHub mode: an approved review of this run for the GitHub environment this job deploys
// to (`github-environment`, default the target's name), or the `confirm` input on
// workflow_dispatch. A dry run asks the same questions: both answers exist before the job starts.
#pragma once

#include "core/inputs.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/log.hpp"
#include "core/ports/mode.hpp"
#include "github/github_context.hpp"
#include "github/rest_client.hpp"

namespace fd::github {

// Whether an approval's environment is the one this job deploys to: the same name, any case
// (GitHub's environment names are case-insensitive). `prod-preview` is not `prod`.
bool environmentMatches(const std::string& environment, const std::string& githubEnvironment);

// The GitHub environment approvals must be for: the input, or the target's name.
std::string githubEnvironmentFor(const Inputs& inputs, const std::string& targetName);

class GithubConfirmationGate : public ConfirmationGate {
 public:
  GithubConfirmationGate(GithubContext github, const Inputs& inputs, RestClient& client,
                         Clock& clock, Log& log);
  GateResult check(const DeployContext& context) override;

 private:
  GateResult byDispatch(const DeployContext& context, const std::string& approvalsNote);
  std::string triggeringActor() const;

  GithubContext github_;
  const Inputs& inputs_;
  RestClient& client_;
  Clock& clock_;
  Log& log_;
};

}  // namespace fd::github
