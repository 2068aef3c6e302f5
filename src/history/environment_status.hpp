// What `status` says about each environment of the manifest: what is live (from the ledger),
// its health now, and how far it is ahead of the next environment of the chain (from git).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/manifest.hpp"
#include "core/ports/git_repository.hpp"
#include "core/ports/http_client.hpp"
#include "history/deploy_history.hpp"
#include "history/health_now.hpp"

namespace fd {

// At most this many commit subjects are listed per environment.
inline constexpr std::size_t kAheadSubjects = 20;

struct AheadOfNext {
  std::string next;                    // the next environment of the chain
  std::optional<std::size_t> commits;  // nullopt: unknown (see `unknown`)
  bool more = false;                   // more than the listed subjects
  std::vector<CommitSummary> subjects;
  std::string unknown;  // why the count is unknown
};

struct EnvironmentStatus {
  std::string environment;
  std::optional<HistoryEntry> live;  // the newest entry that put its version live
  std::vector<std::string> tags;     // the live commit's tags, when the clone has it
  HealthNow health;
  std::optional<AheadOfNext> ahead;  // absent for the last environment of the chain
};

// The newest entry of `environment` that put its version live (entries newest first).
std::optional<HistoryEntry> liveEntry(const std::vector<HistoryEntry>& entries,
                                      const std::string& environment);

// One status per manifest environment, in chain order. `git` may be null (not a repository).
std::vector<EnvironmentStatus> environmentStatuses(const Manifest& manifest,
                                                   const std::vector<HistoryEntry>& entries,
                                                   GitRepository* git, HttpClient& http);

}  // namespace fd
