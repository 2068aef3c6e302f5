// GitHub Deployments as history: only those this action marked (github/deployment_mark.hpp),
// newest first, paged through Link rel="next"; each one's statuses give its outcome, time,
// duration and run link. Repeat reads are conditional (the client's ETag cache answers 304s).
#pragma once

#include "core/ports/log.hpp"
#include "github/github_context.hpp"
#include "github/rest_client.hpp"
#include "history/deploy_history.hpp"

namespace fd {

// At most this many pages of 100 deployments are read (GitHub keeps every deployment forever).
inline constexpr int kHistoryMaxPages = 10;

class GithubHistory : public DeployHistory {
 public:
  GithubHistory(GithubContext github, github::RestClient& client, Log& log);
  Result<std::vector<HistoryEntry>> entries(const std::string& environment,
                                            std::size_t limit) override;
  std::string source() const override;

 private:
  Result<HistoryEntry> withStatuses(const rapidjson::Value& deployment, HistoryEntry entry);
  std::string repoPath() const;

  GithubContext github_;
  github::RestClient& client_;
  Log& log_;
};

}  // namespace fd
