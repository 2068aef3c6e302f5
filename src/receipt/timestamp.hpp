// UTC renderings of a time point for the receipt, file names and state (isoTimestamp is in
// receipt_renderer.hpp).
#pragma once

#include <chrono>
#include <string>

namespace fd {

// "2026-04-03": the receipt's title date.
std::string isoDate(std::chrono::system_clock::time_point time);

// "2026-04-03T21-30-00Z": isoTimestamp with the colons replaced, safe in file names everywhere.
std::string fileTimestamp(std::chrono::system_clock::time_point time);

}  // namespace fd
