#include "history/environment_status.hpp"

namespace fd {

namespace {

AheadOfNext aheadOf(const EnvironmentStatus& from, const EnvironmentStatus& next,
                    GitRepository* git) {
  AheadOfNext ahead;
  ahead.next = next.environment;
  if (!from.live) {
    ahead.unknown = "nothing is live in " + from.environment;
    return ahead;
  }
  if (!next.live) {
    ahead.unknown = "nothing is live in " + next.environment;
    return ahead;
  }
  if (git == nullptr) {
    ahead.unknown = "the working directory is not a git repository";
    return ahead;
  }
  auto commits = git->commitsBetween(next.live->sha, from.live->sha, kAheadSubjects, ahead.more);
  if (!commits) {
    ahead.unknown = commits.message();
    return ahead;
  }
  ahead.subjects = std::move(commits).value();
  ahead.commits = ahead.subjects.size();
  return ahead;
}

}  // namespace

std::optional<HistoryEntry> liveEntry(const std::vector<HistoryEntry>& entries,
                                      const std::string& environment) {
  for (const HistoryEntry& entry : entries) {
    if (entry.environment == environment && putLive(entry)) return entry;
  }
  return std::nullopt;
}

std::vector<EnvironmentStatus> environmentStatuses(const Manifest& manifest,
                                                   const std::vector<HistoryEntry>& entries,
                                                   GitRepository* git, HttpClient& http) {
  std::vector<EnvironmentStatus> statuses;
  for (const EnvConfig& env : manifest.environments) {
    EnvironmentStatus status;
    status.environment = env.name;
    status.live = liveEntry(entries, env.name);
    const std::string sha = status.live ? status.live->sha : "";
    if (git != nullptr && !sha.empty()) {
      if (auto tags = git->tagsAt(sha)) status.tags = std::move(tags).value();
    }
    status.health = checkHealthNow(http, env, sha);
    statuses.push_back(std::move(status));
  }
  for (std::size_t i = 0; i + 1 < statuses.size(); ++i) {
    statuses[i].ahead = aheadOf(statuses[i], statuses[i + 1], git);
  }
  return statuses;
}

}  // namespace fd
