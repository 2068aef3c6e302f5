#include "history/deploy_history.hpp"

namespace fd {

bool putLive(const HistoryEntry& entry) {
  if (entry.status == "SUCCESS") return true;
  return entry.kind == "rollback" && entry.status == "ROLLED BACK";
}

void fillPreviousVersions(std::vector<HistoryEntry>& entries) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (!entries[i].previousVersion.empty()) continue;
    for (std::size_t older = i + 1; older < entries.size(); ++older) {
      if (entries[older].environment != entries[i].environment || !putLive(entries[older]))
        continue;
      entries[i].previousVersion = entries[older].version;
      break;
    }
  }
}

std::vector<HistoryEntry> selectEntries(const std::vector<HistoryEntry>& entries,
                                        const std::string& environment, std::size_t limit) {
  std::vector<HistoryEntry> selected;
  for (const HistoryEntry& entry : entries) {
    if (limit != 0 && selected.size() == limit) break;
    if (!environment.empty() && entry.environment != environment) continue;
    selected.push_back(entry);
  }
  return selected;
}

}  // namespace fd
