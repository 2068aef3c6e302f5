#include "github/github_mode.hpp"

#include "github/ci_gate.hpp"
#include "github/confirmation_gate.hpp"
#include "github/deployment_ledger.hpp"
#include "github/policy_gate.hpp"
#include "github/rest_client.hpp"

namespace fd {

namespace {

// The four adapters share one client (one ETag cache, one request count). Each holds a
// reference to it; the shared_ptr keeps it alive as long as any adapter lives.
template <typename Adapter>
class Sharing : public Adapter {
 public:
  template <typename... Args>
  explicit Sharing(std::shared_ptr<github::RestClient> client, Args&&... args)
      : Adapter(std::forward<Args>(args)...), client_(std::move(client)) {}

 private:
  std::shared_ptr<github::RestClient> client_;
};

}  // namespace

GithubMode makeGithubMode(const GithubContext& context, const Inputs& inputs, HttpClient& http,
                          Clock& clock, Random& random, Log& log) {
  github::RestOptions options;
  options.baseUrl = context.apiUrl;
  options.token = inputs.githubToken;
  if (options.token.empty()) {
    log.warning("github-token is empty: GitHub API calls are unauthenticated (60 requests/hour)");
  }
  auto client = std::make_shared<github::RestClient>(options, http, clock, random, log);
  GithubMode mode;
  mode.ci =
      std::make_unique<Sharing<github::GithubCiGate>>(client, context, inputs, *client, clock, log);
  mode.confirmation = std::make_unique<Sharing<github::GithubConfirmationGate>>(
      client, context, inputs, *client, clock, log);
  mode.policy =
      std::make_unique<Sharing<github::GithubPolicyGate>>(client, context, inputs, *client, log);
  mode.ledger = std::make_unique<Sharing<github::GithubDeploymentLedger>>(client, context, inputs,
                                                                          *client, log);
  return mode;
}

}  // namespace fd
