// The top-level keys the factory's state schema requires of .factory/state.json (pipeline,
// project_name, started_at, current_phase): filled in when missing, so a state file this tool
// starts is valid for every other skill, and current_phase follows the deploy.
#pragma once

#include <rapidjson/document.h>

#include "receipt/state_store.hpp"

namespace fd {

// `state` must be an object. Keys already there keep their values and places, except
// current_phase: "deploy" while a deploy runs, back to "idle" when it was "deploy" and ends.
void ensurePipelineKeys(rapidjson::Document& state, const DeployPhaseUpdate& update);

}  // namespace fd
