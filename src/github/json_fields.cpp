#include "github/json_fields.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace fd::github {

namespace {

const rapidjson::Value* member(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return nullptr;
  const auto found = object.FindMember(name);
  return found == object.MemberEnd() ? nullptr : &found->value;
}

}  // namespace

std::string stringField(const rapidjson::Value& object, const char* name) {
  const rapidjson::Value* value = member(object, name);
  if (value == nullptr || !value->IsString()) return "";
  return {value->GetString(), value->GetStringLength()};
}

std::int64_t intField(const rapidjson::Value& object, const char* name) {
  const rapidjson::Value* value = member(object, name);
  if (value == nullptr || !value->IsInt64()) return 0;
  return value->GetInt64();
}

bool hasField(const rapidjson::Value& object, const char* name) {
  const rapidjson::Value* value = member(object, name);
  return value != nullptr && !value->IsNull();
}

const rapidjson::Value& objectField(const rapidjson::Value& object, const char* name) {
  static const rapidjson::Value kEmpty(rapidjson::kObjectType);
  const rapidjson::Value* value = member(object, name);
  return value != nullptr && value->IsObject() ? *value : kEmpty;
}

const rapidjson::Value& arrayField(const rapidjson::Value& object, const char* name) {
  static const rapidjson::Value kEmpty(rapidjson::kArrayType);
  const rapidjson::Value* value = member(object, name);
  return value != nullptr && value->IsArray() ? *value : kEmpty;
}

std::string idField(const rapidjson::Value& object, const char* name) {
  const rapidjson::Value* value = member(object, name);
  if (value == nullptr) return "";
  if (value->IsUint64()) return std::to_string(value->GetUint64());
  if (value->IsInt64()) return std::to_string(value->GetInt64());
  if (value->IsString()) return value->GetString();
  return "";
}

std::string toJson(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  if (!value.Accept(writer)) return "null";  // inf/NaN cannot be written back as JSON
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace fd::github
