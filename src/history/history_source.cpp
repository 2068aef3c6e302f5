#include "history/history_source.hpp"

#include "github/github_context.hpp"
#include "github/rest_client.hpp"
#include "history/github_history.hpp"
#include "history/jsonl_history.hpp"

namespace fd {

namespace {

// The history and the REST client it reads through, alive together.
class OwnedGithubHistory : public DeployHistory {
 public:
  OwnedGithubHistory(const GithubContext& context, github::RestOptions options, World& world,
                     Log& log)
      : client_(std::move(options), world.http, world.clock, world.random, log),
        history_(context, client_, log) {}
  Result<std::vector<HistoryEntry>> entries(const std::string& environment,
                                            std::size_t limit) override {
    return history_.entries(environment, limit);
  }
  std::string source() const override { return history_.source(); }

 private:
  github::RestClient client_;
  GithubHistory history_;
};

}  // namespace

Result<std::unique_ptr<DeployHistory>> makeHistory(World& world, const Inputs& inputs, Log& log,
                                                   const std::string& root) {
  if (!inputs.githubMode) {
    return std::unique_ptr<DeployHistory>(std::make_unique<JsonlHistory>(world.fs, log, root));
  }
  Result<GithubContext> context = readGithubContext(world.env, world.fs);
  if (!context) return context.error();
  github::RestOptions options;
  options.baseUrl = context->apiUrl;
  options.token = inputs.githubToken;
  if (!inputs.githubToken.empty()) log.addSecret(inputs.githubToken);
  return std::unique_ptr<DeployHistory>(
      std::make_unique<OwnedGithubHistory>(*context, std::move(options), world, log));
}

}  // namespace fd
