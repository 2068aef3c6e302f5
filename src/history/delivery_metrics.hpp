// The four DORA keys for prod over a window, computed from the ledger (definitions in
// docs/HISTORY.md). Each figure keeps the entries it was computed from, so the output can say so.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/ports/git_repository.hpp"
#include "history/deploy_history.hpp"

namespace fd {

// A commit shipped by a successful prod deploy, with its lead time.
struct LeadTime {
  std::string commit;  // full SHA
  std::string deploy;  // the deploy's version label
  long long seconds = 0;
};

// A failed prod deploy and what restored it.
struct Restore {
  HistoryEntry failure;
  std::optional<HistoryEntry> restoredBy;  // nullopt: not restored yet
  std::optional<long long> seconds;
};

struct DeliveryMetrics {
  std::string environment = "prod";
  int windowDays = 30;
  std::string from;  // ISO, window start
  std::string to;    // ISO, now

  // Deployment frequency: successful prod deploys in the window.
  std::vector<HistoryEntry> successfulDeploys;
  double deploysPerWeek = 0;

  // Lead time for changes: commit time to the successful prod deploy that shipped it.
  std::vector<LeadTime> leadTimes;
  std::optional<long long> medianLeadTimeS;
  std::string leadTimeUnknown;  // why no lead time could be computed, when none

  // Change failure rate: prod deploys that failed or were rolled back / prod deploys.
  std::vector<HistoryEntry> deploys;        // every finished prod deploy in the window
  std::vector<HistoryEntry> failures;       // the failed ones among them
  std::optional<double> changeFailureRate;  // nullopt: no deploys

  // Time to restore: a failure to the next prod entry that put a version live.
  std::vector<Restore> restores;
  std::optional<long long> medianRestoreS;
};

// `entries`: prod's history, newest first (older entries than the window are used to find what a
// deploy shipped). `git` may be null: lead times are then unknown.
DeliveryMetrics computeMetrics(const std::vector<HistoryEntry>& entries, GitRepository* git,
                               std::chrono::system_clock::time_point now, int windowDays);

}  // namespace fd
