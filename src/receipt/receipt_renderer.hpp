// DEPLOY-RECEIPT.md, section by section as the seed's Output Template (INTERFACE §8).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/deploy_record.hpp"

namespace fd {

// Pure: the same record gives the same bytes (golden-file tested). Not yet masked.
std::string renderReceipt(const DeployRecord& record);

// "v1.2.0 (a1b2c3d)" when a tag points at the commit, else "a1b2c3d".
std::string versionLabel(const std::string& fullSha, const std::vector<std::string>& tags);

// "2026-04-03T21:30:00Z"
std::string isoTimestamp(std::chrono::system_clock::time_point time);

}  // namespace fd
