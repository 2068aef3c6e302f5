// `factory-deploy history` as text for people and JSON for scripts.
#pragma once

#include <string>
#include <vector>

#include "history/deploy_history.hpp"

namespace fd {

std::string historyText(const std::vector<HistoryEntry>& entries, const std::string& source);

// {"source": …, "entries": [{"environment", "status", "kind", "sha", "version",
// "previous_version", "actor", "time", "duration_s", "receipt", "deployment_id"}]}; unknown
// values are null.
std::string historyJson(const std::vector<HistoryEntry>& entries, const std::string& source);

}  // namespace fd
