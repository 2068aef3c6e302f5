// `factory-deploy status` as text for people and JSON for scripts (docs/HISTORY.md).
#pragma once

#include <string>
#include <vector>

#include "history/environment_status.hpp"

namespace fd {

std::string statusText(const std::vector<EnvironmentStatus>& statuses, const std::string& source);

// {"source": …, "environments": [{"environment", "live": {"sha", "short_sha", "version",
// "tags", "time", "actor", "receipt", "status", "kind"} | null, "health": {"url", "state",
// "http_status", "response_ms", "detail"}, "ahead_of_next": {"environment", "commits",
// "more", "subjects": [{"sha", "subject"}], "unknown"} | null}]}
std::string statusJson(const std::vector<EnvironmentStatus>& statuses, const std::string& source);

// "staging is 3 commits ahead of prod" (no subjects): also the job summary's wording.
std::string aheadSentence(const EnvironmentStatus& status);

// "healthy (200 in 4 ms)", "unreachable (connection refused)".
std::string healthWords(const HealthNow& health);

}  // namespace fd
