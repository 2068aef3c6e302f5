// RFC 8288 `Link` headers, as GitHub sends them for pagination.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fd::github {

// The target of the first link whose rel list contains `rel` ("next"), or nothing.
// Total: any input (malformed, truncated, hostile) yields a value or nothing, never a crash.
std::optional<std::string> findLink(std::string_view header, std::string_view rel = "next");

}  // namespace fd::github
