// The artifact's zip: one file, deflated, built in memory with Poco::Zip.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace fd {

// A zip holding `content` as `fileName` (a base name), dated `modified`.
Result<std::string> zipSingleFile(const std::string& fileName, std::string_view content,
                                  std::chrono::system_clock::time_point modified);

}  // namespace fd
