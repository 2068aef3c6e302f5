// The read model over the deployment ledger (docs/HISTORY.md): what `history`, `status` and the
// delivery metrics read. Locally `.factory/deployments.jsonl`, on a runner the GitHub Deployments
// this action marked (github/deployment_mark.hpp); nothing else counts.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace fd {

struct HistoryEntry {
  std::string environment;
  std::string sha;              // full
  std::string status;           // SUCCESS / FAILED / ROLLED BACK / ROLLBACK FAILED / IN PROGRESS
  std::string kind = "deploy";  // deploy | rollback (an on-demand rollback)
  std::string version;          // the receipt's label: "v1.4.0 (a1b2c3d)" or "a1b2c3d"
  std::string previousVersion;  // what was live before; empty when unknown
  std::string actor;            // who deployed; empty when not recorded
  std::string time;             // ISO 8601 UTC: when it finished
  std::optional<long long> durationS;  // from start to finish, when recorded
  std::string receipt;                 // the receipt's path (local) or the run's link (GitHub)
  std::string id;                      // GitHub deployment id, empty locally
  std::string description;             // GitHub: the final status's description
};

class DeployHistory {
 public:
  virtual ~DeployHistory() = default;
  // The ledger newest first: `environment` empty for all; at most `limit` entries (0: every
  // entry the source keeps within its depth).
  virtual Result<std::vector<HistoryEntry>> entries(const std::string& environment,
                                                    std::size_t limit) = 0;
  // Where the entries come from, for the output's first line: ".factory/deployments.jsonl".
  virtual std::string source() const = 0;
};

// Whether an entry put its version live and verified it: a successful deploy, or a verified
// on-demand rollback (whose sha is the version it went back to).
bool putLive(const HistoryEntry& entry);

// Fills each entry's empty previousVersion with the version of the next older entry of the same
// environment that put its version live (entries newest first).
void fillPreviousVersions(std::vector<HistoryEntry>& entries);

// At most `limit` (0: all) of `entries` of `environment` (empty: all), order kept.
std::vector<HistoryEntry> selectEntries(const std::vector<HistoryEntry>& entries,
                                        const std::string& environment, std::size_t limit);

}  // namespace fd
