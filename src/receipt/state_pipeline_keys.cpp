#include "receipt/state_pipeline_keys.hpp"

#include <string>
#include <string_view>

#include "receipt/receipt_renderer.hpp"

namespace fd {

namespace {

using rapidjson::Value;

Value text(std::string_view value, rapidjson::Document::AllocatorType& allocator) {
  return Value(value.data(), static_cast<rapidjson::SizeType>(value.size()), allocator);
}

bool isNonEmptyString(const Value& object, const char* key) {
  const auto found = object.FindMember(key);
  return found != object.MemberEnd() && found->value.IsString() &&
         found->value.GetStringLength() > 0;
}

// Sets `key` when it is absent (or, with `replaceInvalid`, not a non-empty string).
void fill(rapidjson::Document& state, const char* key, std::string_view value,
          bool replaceInvalid) {
  auto& allocator = state.GetAllocator();
  const auto found = state.FindMember(key);
  if (found == state.MemberEnd()) {
    state.AddMember(Value(key, allocator), text(value, allocator), allocator);
  } else if (replaceInvalid && !isNonEmptyString(state, key)) {
    found->value = text(value, allocator);
  }
}

std::string_view currentPhase(const Value& state) {
  const auto found = state.FindMember("current_phase");
  if (found == state.MemberEnd() || !found->value.IsString()) return {};
  return {found->value.GetString(), found->value.GetStringLength()};
}

}  // namespace

void ensurePipelineKeys(rapidjson::Document& state, const DeployPhaseUpdate& update) {
  const std::string name = update.projectName.empty() ? "unnamed" : update.projectName;
  const auto start = update.startedAt.value_or(update.time);
  fill(state, "pipeline", "factory", false);
  fill(state, "project_name", name, true);
  fill(state, "started_at", isoTimestamp(start), false);
  // While the deploy runs it is the current phase; when it ends the pipeline is idle again,
  // unless another skill has become the current phase meanwhile.
  const bool running = update.status == PhaseStatus::InProgress;
  const std::string_view now = currentPhase(state);
  if (running || now.empty() || now == "deploy") {
    const Value phase = text(running ? "deploy" : "idle", state.GetAllocator());
    const auto found = state.FindMember("current_phase");
    if (found == state.MemberEnd()) {
      state.AddMember("current_phase", Value(phase, state.GetAllocator()), state.GetAllocator());
    } else {
      found->value = Value(phase, state.GetAllocator());
    }
  }
}

}  // namespace fd
