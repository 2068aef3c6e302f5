#include "github/deployment_mark.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "github/json_fields.hpp"
#include "github/post_lookups.hpp"

namespace fd::github {

std::string markPayload(const DeploymentMark& mark, const std::string& attempt) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
  const auto field = [&json](const char* name, const std::string& value) {
    json.Key(name);
    json.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  };
  json.StartObject();
  json.Key(kPayloadKey);
  json.StartObject();
  json.Key("schema");
  json.Int(kPayloadSchema);
  field("kind", mark.kind);
  field("version", mark.version);
  field("run_id", mark.runId);
  field("run_attempt", mark.runAttempt);
  field("actor", mark.actor);
  json.EndObject();
  if (!attempt.empty()) field(kAttemptKey, attempt);
  json.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

bool readMark(const rapidjson::Value& deployment, DeploymentMark& mark) {
  if (stringField(deployment, "task") != kDeploymentTask) return false;
  const rapidjson::Value& ours = objectField(objectField(deployment, "payload"), kPayloadKey);
  if (intField(ours, "schema") != kPayloadSchema) return false;
  mark.kind = stringField(ours, "kind");
  mark.version = stringField(ours, "version");
  mark.runId = stringField(ours, "run_id");
  mark.runAttempt = stringField(ours, "run_attempt");
  mark.actor = stringField(ours, "actor");
  return true;
}

}  // namespace fd::github
