// `.factory/state.json`: merge phases.deploy, keep everything else (INTERFACE §4).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ports/file_system.hpp"
#include "core/result.hpp"

namespace fd {

enum class PhaseStatus { InProgress, Completed, Failed };

struct DeployPhaseUpdate {
  PhaseStatus status = PhaseStatus::InProgress;
  std::chrono::system_clock::time_point time;  // started_at / completed_at / failed_at
  std::string targetEnvironment;
  std::string failureReason;         // failed only
  std::vector<std::string> outputs;  // e.g. {"DEPLOY-RECEIPT.md"}
  // completed / failed: the run's start. When absent, started_at is kept from an earlier
  // in_progress update for the same target environment, or left out.
  std::optional<std::chrono::system_clock::time_point> startedAt;
  // project_name for a state file that has none (the schema requires it): the manifest's
  // project_name, else the project directory's name.
  std::string projectName;
};

// Pure (string in, string out; the fuzzer's entry point): `stateJson` with phases.deploy set from
// `update`, the schema's required top-level keys filled in when missing (state_pipeline_keys.hpp)
// and every other key kept in its order. Empty or blank text counts as {}. Malformed
// JSON, a top level that is not an object, or a "phases" that is not an object is
// InvalidArgument: the caller backs the file up rather than guessing.
Result<std::string> mergeDeployPhase(std::string_view stateJson, const DeployPhaseUpdate& update);

// Reads, merges and atomically rewrites the state file. A malformed file is first moved aside to
// state.json.corrupt-<timestamp> (-2, -3… if taken; never discarded) and a warning is returned in
// `warnings`.
Status updateDeployPhase(FileSystem& fs, const std::string& statePath,
                         const DeployPhaseUpdate& update, std::vector<std::string>& warnings);

}  // namespace fd
