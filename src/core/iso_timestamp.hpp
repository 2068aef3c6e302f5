// GitHub's and the receipts' UTC timestamps ("2026-04-03T21:30:00Z") as time points, for the
// receipt archive's names and the deploy claims' horizon.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace fd {

using TimePoint = std::chrono::system_clock::time_point;

// "2026-04-03T21:30:00Z" (seconds may carry a fraction; "+00:00" is UTC too) or nullopt.
std::optional<TimePoint> parseIsoTimestamp(std::string_view text);

}  // namespace fd
