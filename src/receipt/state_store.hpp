// `.factory/state.json`: merge phases.deploy, keep everything else (INTERFACE §4).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/ports/file_system.hpp"
#include "core/result.hpp"

namespace fd {

enum class PhaseStatus { InProgress, Completed, Failed };

struct DeployPhaseUpdate {
  PhaseStatus status = PhaseStatus::InProgress;
  std::chrono::system_clock::time_point time;  // started_at / completed_at / failed_at
  std::string targetEnvironment;
  std::string failureReason;          // failed only
  std::vector<std::string> outputs;   // e.g. {"DEPLOY-RECEIPT.md"}
};

// Reads, merges and atomically rewrites the state file. A malformed file is first copied to
// state.json.corrupt-<timestamp> (never discarded) and a warning is returned in `warnings`.
Status updateDeployPhase(FileSystem& fs, const std::string& statePath,
                         const DeployPhaseUpdate& update, std::vector<std::string>& warnings);

}  // namespace fd
