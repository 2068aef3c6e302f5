#include "manifest/json_access.hpp"

#include <array>
#include <charconv>
#include <set>

#include "manifest/key_suggestion.hpp"
#include "manifest/quoting.hpp"

namespace fd::manifest {
namespace {

std::string_view keyOf(const Json::Member& entry) {
  return {entry.name.GetString(), entry.name.GetStringLength()};
}

std::string describeNumber(const Json& value) {
  if (value.IsInt64()) return std::to_string(value.GetInt64());
  if (value.IsUint64()) return std::to_string(value.GetUint64());
  std::array<char, 32> buffer{};
  const auto written =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value.GetDouble());
  return {buffer.data(), written.ptr};
}

std::string unknownKeyAdvice(std::string_view key, std::span<const std::string_view> known,
                             KeyHint hint) {
  if (hint != nullptr) {
    std::string advice = hint(key);
    if (!advice.empty()) return " (" + advice + ")";
  }
  if (const auto suggestion = closestName(key, known)) {
    return " (did you mean \"" + std::string(*suggestion) + "\"?)";
  }
  return "";
}

bool contains(std::span<const std::string_view> names, std::string_view name) {
  for (const std::string_view known : names) {
    if (known == name) return true;
  }
  return false;
}

}  // namespace

std::string describe(const Json& value) {
  if (value.IsNull()) return "null";
  if (value.IsBool()) return value.GetBool() ? "true" : "false";
  if (value.IsNumber()) return describeNumber(value);
  if (value.IsString()) return quoted({value.GetString(), value.GetStringLength()});
  if (value.IsArray()) return "an array";
  return "an object";
}

const Json* member(const Json& object, std::string_view key) {
  const Json name(rapidjson::StringRef(key.data(), key.size()));
  const auto found = object.FindMember(name);
  return found == object.MemberEnd() ? nullptr : &found->value;
}

const Json* optionalMember(const Json& object, std::string_view key) {
  const Json* value = member(object, key);
  return value == nullptr || value->IsNull() ? nullptr : value;
}

void checkDuplicateKeys(const Json& object, std::string_view path, Diagnostics& diagnostics) {
  std::set<std::string_view> seen;
  for (const auto& entry : object.GetObject()) {
    if (!seen.insert(keyOf(entry)).second) {
      diagnostics.error(childPath(path, keyOf(entry)),
                        "duplicate key (JSON objects must not repeat a key)");
    }
  }
}

void checkKeys(const Json& object, std::string_view path, std::span<const std::string_view> known,
               Diagnostics& diagnostics, KeyHint hint) {
  checkDuplicateKeys(object, path, diagnostics);
  for (const auto& entry : object.GetObject()) {
    const std::string_view key = keyOf(entry);
    if (contains(known, key)) continue;
    const std::string advice = diagnostics.warningsFull() ? "" : unknownKeyAdvice(key, known, hint);
    diagnostics.warning(childPath(path, key), "unknown key, ignored" + advice);
  }
}

}  // namespace fd::manifest
