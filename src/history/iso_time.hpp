// ISO 8601 timestamps as the ledgers write them ("2026-04-03T20:05:00Z"), for durations and
// the metrics' windows.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace fd {

// nullopt for anything that is not an ISO 8601 date-time.
std::optional<std::chrono::system_clock::time_point> parseIsoTime(const std::string& text);

// Whole seconds from `from` to `to`; nullopt when either does not parse.
std::optional<long long> secondsBetween(const std::string& from, const std::string& to);

// "42s", "5m 3s", "2h 5m", "3d 4h": a duration for people.
std::string humanDuration(long long seconds);

}  // namespace fd
