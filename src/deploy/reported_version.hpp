// `expect_version`: the health endpoint's JSON `version` must name the deployed commit.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fd {

// nullopt when the body's `version` is the full SHA or an abbreviation of it (at least 7 hex
// characters, any case); otherwise why not, e.g. "version 1a2b3c4 is not 9f8e7d6".
std::optional<std::string> versionMismatch(std::string_view body, const std::string& fullSha);

// The first 7 characters of a SHA, the way the factory abbreviates.
std::string shortSha(const std::string& sha);

}  // namespace fd
