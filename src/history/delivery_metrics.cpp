#include "history/delivery_metrics.hpp"

#include <algorithm>

#include "history/iso_time.hpp"
#include "receipt/receipt_renderer.hpp"

namespace fd {

namespace {

// At most this many commits of one deploy get a lead time (a first deploy ships everything).
constexpr std::size_t kCommitsPerDeploy = 100;

bool isDeploy(const HistoryEntry& entry) {
  return entry.kind == "deploy" && entry.status != "IN PROGRESS";
}

bool failedDeploy(const HistoryEntry& entry) {
  return entry.status == "FAILED" || entry.status == "ROLLED BACK" ||
         entry.status == "ROLLBACK FAILED";
}

std::optional<long long> median(std::vector<long long> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  if (values.size() % 2 == 1) return values[middle];
  return (values[middle - 1] + values[middle]) / 2;
}

// What a successful deploy shipped: the commits since the version live before it (the next
// older entry that put a version live), or the deployed commit alone when there was none.
Result<std::vector<CommitSummary>> shipped(const std::vector<HistoryEntry>& entries,
                                           std::size_t index, GitRepository& git) {
  for (std::size_t older = index + 1; older < entries.size(); ++older) {
    if (!putLive(entries[older])) continue;
    bool more = false;
    return git.commitsBetween(entries[older].sha, entries[index].sha, kCommitsPerDeploy, more);
  }
  auto only = git.commit(entries[index].sha);
  if (!only) return only.error();
  return std::vector<CommitSummary>{*only};
}

void leadTimes(DeliveryMetrics& metrics, const std::vector<HistoryEntry>& entries,
               const std::vector<std::size_t>& successes, GitRepository* git) {
  if (git == nullptr) {
    metrics.leadTimeUnknown = "the working directory is not a git repository";
    return;
  }
  std::vector<long long> values;
  for (const std::size_t index : successes) {
    auto commits = shipped(entries, index, *git);
    if (!commits) {
      metrics.leadTimeUnknown = entries[index].version + ": " + commits.message();
      continue;
    }
    for (const CommitSummary& commit : *commits) {
      const auto seconds = secondsBetween(commit.time, entries[index].time);
      if (!seconds || *seconds < 0) continue;  // a commit dated after its deploy: a skewed clock
      metrics.leadTimes.push_back({commit.sha, entries[index].version, *seconds});
      values.push_back(*seconds);
    }
  }
  metrics.medianLeadTimeS = median(values);
}

void restores(DeliveryMetrics& metrics, const std::vector<HistoryEntry>& entries,
              const std::vector<std::size_t>& failures) {
  std::vector<long long> values;
  for (const std::size_t index : failures) {
    Restore restore{entries[index], std::nullopt, std::nullopt};
    // Newer entries come before it: the nearest newer one that put a version live.
    for (std::size_t newer = index; newer-- > 0;) {
      if (!putLive(entries[newer])) continue;
      restore.restoredBy = entries[newer];
      restore.seconds = secondsBetween(entries[index].time, entries[newer].time);
      break;
    }
    if (restore.seconds) values.push_back(*restore.seconds);
    metrics.restores.push_back(std::move(restore));
  }
  metrics.medianRestoreS = median(values);
}

}  // namespace

DeliveryMetrics computeMetrics(const std::vector<HistoryEntry>& entries, GitRepository* git,
                               std::chrono::system_clock::time_point now, int windowDays) {
  DeliveryMetrics metrics;
  metrics.windowDays = windowDays;
  const auto start = now - std::chrono::hours(24) * windowDays;
  metrics.from = isoTimestamp(start);
  metrics.to = isoTimestamp(now);
  std::vector<std::size_t> successes;
  std::vector<std::size_t> failures;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const HistoryEntry& entry = entries[i];
    const auto time = parseIsoTime(entry.time);
    if (entry.environment != metrics.environment || !isDeploy(entry) || !time || *time < start ||
        *time > now) {
      continue;
    }
    metrics.deploys.push_back(entry);
    if (entry.status == "SUCCESS") {
      successes.push_back(i);
      metrics.successfulDeploys.push_back(entry);
    }
    // A success that a later on-demand rollback undid failed after release too.
    const bool undone = entry.status == "SUCCESS" && i > 0 && entries[i - 1].kind == "rollback" &&
                        entries[i - 1].environment == entry.environment;
    if (failedDeploy(entry) || undone) {
      failures.push_back(i);
      metrics.failures.push_back(entry);
    }
  }
  metrics.deploysPerWeek = static_cast<double>(successes.size()) * 7.0 / windowDays;
  if (!metrics.deploys.empty()) {
    metrics.changeFailureRate =
        static_cast<double>(metrics.failures.size()) / static_cast<double>(metrics.deploys.size());
  }
  leadTimes(metrics, entries, successes, git);
  restores(metrics, entries, failures);
  return metrics;
}

}  // namespace fd
