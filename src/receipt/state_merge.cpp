// mergeDeployPhase(): the pure half of the state store.
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <array>
#include <string>
#include <string_view>

#include "receipt/json_text.hpp"
#include "receipt/receipt_renderer.hpp"
#include "receipt/state_pipeline_keys.hpp"
#include "receipt/state_store.hpp"

namespace fd {
namespace {

using rapidjson::Value;

// The fields a run owns; anything else in phases.deploy (claim mode's findings…) is kept.
constexpr std::array<std::string_view, 9> kManagedFields = {
    "status",  "started_at",         "completed_at", "failed_at",  "failure_reason",
    "outputs", "target_environment", "skipped",      "skip_reason"};

bool isManaged(std::string_view key) {
  for (const std::string_view field : kManagedFields) {
    if (field == key) return true;
  }
  return false;
}

const char* statusText(PhaseStatus status) {
  switch (status) {
    case PhaseStatus::InProgress:
      return "in_progress";
    case PhaseStatus::Completed:
      return "completed";
    case PhaseStatus::Failed:
      return "failed";
  }
  return "failed";
}

std::string_view stringMember(const Value& object, const char* key) {
  if (!object.IsObject()) return {};
  const auto found = object.FindMember(key);
  if (found == object.MemberEnd() || !found->value.IsString()) return {};
  return {found->value.GetString(), found->value.GetStringLength()};
}

// started_at of an earlier in_progress update of this run (same target), or empty.
std::string inheritedStart(const Value* previous, const DeployPhaseUpdate& update) {
  if (previous == nullptr || stringMember(*previous, "status") != "in_progress") return "";
  const std::string_view target = stringMember(*previous, "target_environment");
  if (!target.empty() && target != update.targetEnvironment) return "";
  return std::string(stringMember(*previous, "started_at"));
}

std::string startedAt(const Value* previous, const DeployPhaseUpdate& update) {
  if (update.status == PhaseStatus::InProgress) return isoTimestamp(update.time);
  if (update.startedAt) return isoTimestamp(*update.startedAt);
  return inheritedStart(previous, update);
}

class PhaseBuilder {
 public:
  explicit PhaseBuilder(rapidjson::Document::AllocatorType& allocator) : allocator_(allocator) {
    phase_.SetObject();
  }
  void add(std::string_view key, std::string_view text) {
    phase_.AddMember(Value(key.data(), static_cast<rapidjson::SizeType>(key.size()), allocator_),
                     Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator_),
                     allocator_);
  }
  void addList(std::string_view key, const std::vector<std::string>& items) {
    Value list(rapidjson::kArrayType);
    for (const std::string& item : items) {
      list.PushBack(Value(item.data(), static_cast<rapidjson::SizeType>(item.size()), allocator_),
                    allocator_);
    }
    phase_.AddMember(Value(key.data(), static_cast<rapidjson::SizeType>(key.size()), allocator_),
                     list, allocator_);
  }
  void keepUnmanaged(const Value* previous) {
    if (previous == nullptr || !previous->IsObject()) return;
    for (const auto& member : previous->GetObject()) {
      const std::string_view key(member.name.GetString(), member.name.GetStringLength());
      if (isManaged(key)) continue;
      phase_.AddMember(Value(member.name, allocator_), Value(member.value, allocator_), allocator_);
    }
  }
  Value& value() { return phase_; }

 private:
  rapidjson::Document::AllocatorType& allocator_;
  Value phase_;
};

Value buildPhase(const Value* previous, const DeployPhaseUpdate& update,
                 rapidjson::Document::AllocatorType& allocator) {
  PhaseBuilder phase(allocator);
  phase.add("status", statusText(update.status));
  if (const std::string start = startedAt(previous, update); !start.empty()) {
    phase.add("started_at", start);
  }
  if (update.status == PhaseStatus::Completed) phase.add("completed_at", isoTimestamp(update.time));
  if (update.status == PhaseStatus::Failed) phase.add("failed_at", isoTimestamp(update.time));
  if (!update.targetEnvironment.empty()) phase.add("target_environment", update.targetEnvironment);
  if (update.status == PhaseStatus::Failed) {
    phase.add("failure_reason",
              update.failureReason.empty() ? "deploy failed" : update.failureReason);
  }
  if (!update.outputs.empty()) phase.addList("outputs", update.outputs);
  phase.keepUnmanaged(previous);
  return std::move(phase.value());
}

bool isBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

Result<std::string> mergeDeployPhase(std::string_view stateJson, const DeployPhaseUpdate& update) {
  rapidjson::Document state;
  if (isBlank(stateJson)) {
    state.SetObject();
  } else if (const auto error = parseJson(stateJson, state)) {
    return makeError(ErrorCode::InvalidArgument, "not valid JSON (" + *error + ")");
  }
  if (!state.IsObject()) {
    return makeError(ErrorCode::InvalidArgument, "expected a JSON object at the top level");
  }
  auto& allocator = state.GetAllocator();
  ensurePipelineKeys(state, update);
  auto phases = state.FindMember("phases");
  if (phases == state.MemberEnd()) {
    state.AddMember("phases", Value(rapidjson::kObjectType), allocator);
    phases = state.FindMember("phases");
  }
  if (!phases->value.IsObject()) {
    return makeError(ErrorCode::InvalidArgument, "\"phases\": expected an object");
  }
  Value& phaseMap = phases->value;
  const auto deploy = phaseMap.FindMember("deploy");
  const Value* previous = deploy == phaseMap.MemberEnd() ? nullptr : &deploy->value;
  Value phase = buildPhase(previous, update, allocator);
  if (deploy == phaseMap.MemberEnd()) {
    phaseMap.AddMember("deploy", phase, allocator);
  } else {
    deploy->value = phase;  // in place: the key keeps its position
  }

  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  // RapidJSON reads numbers beyond a double as inf/NaN but will not write them: it stops
  // half-way, and a cut-off state.json would lose every key after the number.
  if (!state.Accept(writer)) {
    return makeError(ErrorCode::InvalidArgument, "holds a number too large to write back as JSON");
  }
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace fd
