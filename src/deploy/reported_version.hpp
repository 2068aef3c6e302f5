// `expect_version`: the health endpoint's JSON `version` must name the deployed commit.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fd {

// nullopt when the body's `version` is the full SHA or an abbreviation of it (at least 7 hex
// characters, any case); otherwise why not, e.g. "version 1a2b3c4 is not 9f8e7d6".
std::optional<std::string> versionMismatch(std::string_view body, const std::string& fullSha);

// Whether what the platform says is live (current_version_command's first line) names the
// commit: the full SHA or an abbreviation of it (at least 7 hex characters, any case), one of its
// tags, or a word of it that is one of those ("registry.fly.io/shop:deployment-a1b2c3d4").
bool liveVersionNames(const std::string& live, const std::string& fullSha,
                      const std::vector<std::string>& tags);

// Whether that output names some commit at all: a word of 7 to 40 hex characters. A platform's
// release ("v42") names none, so it cannot tell this deploy from another one.
bool mentionsACommit(const std::string& live);

// The first 7 characters of a SHA, the way the factory abbreviates.
std::string shortSha(const std::string& sha);

}  // namespace fd
