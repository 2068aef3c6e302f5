// Tolerant readers for GitHub's JSON: a missing or mistyped field reads as empty, never throws.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <string>

namespace fd::github {

std::string stringField(const rapidjson::Value& object, const char* name);
std::int64_t intField(const rapidjson::Value& object, const char* name);
bool hasField(const rapidjson::Value& object, const char* name);
// The field when it is an object or array, else a shared empty value of that kind.
const rapidjson::Value& objectField(const rapidjson::Value& object, const char* name);
const rapidjson::Value& arrayField(const rapidjson::Value& object, const char* name);
// An integer or a string id, as text ("12345").
std::string idField(const rapidjson::Value& object, const char* name);
// Serializes a value compactly.
std::string toJson(const rapidjson::Value& value);

}  // namespace fd::github
