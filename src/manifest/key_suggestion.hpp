// "Did you mean …?" for a misspelt manifest key or environment name.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace fd::manifest {

// The known name closest to `name` (ignoring case) when it is a likely typo, else nullopt.
std::optional<std::string_view> closestName(std::string_view name,
                                            std::span<const std::string_view> known);

}  // namespace fd::manifest
