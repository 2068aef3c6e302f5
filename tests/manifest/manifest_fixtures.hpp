// Fixture access for the manifest tests: the JSON files under tests/fixtures/manifest and
// small edits of them, so each case shows only the field it is about.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/manifest.hpp"
#include "core/result.hpp"
#include "manifest/manifest_loader.hpp"

namespace fd::test {

inline constexpr const char* kDisplayPath = ".factory/deploy-config.json";

inline std::string fixture(const std::string& name) {
  const std::string path = std::string(FD_SOURCE_DIR) + "/tests/fixtures/manifest/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// `json` with the value at dotted `path` (e.g. "environments.prod.url") set to the JSON
// `value`, creating objects on the way; an empty `value` removes the member instead.
inline std::string edited(const std::string& json, std::string_view path, std::string_view value) {
  rapidjson::Document document;
  document.Parse(json.data(), json.size());
  if (document.HasParseError()) throw std::runtime_error("fixture is not JSON");
  auto& allocator = document.GetAllocator();
  rapidjson::Value* node = &document;
  while (true) {
    const std::size_t dot = path.find('.');
    const std::string key(path.substr(0, dot));
    rapidjson::Value name(key.c_str(), allocator);
    if (dot == std::string_view::npos) {
      node->RemoveMember(name);
      if (value.empty()) break;
      rapidjson::Document parsed(&allocator);
      parsed.Parse(value.data(), value.size());
      if (parsed.HasParseError()) throw std::runtime_error("edit value is not JSON");
      rapidjson::Value copy(parsed, allocator);
      node->AddMember(name, copy, allocator);
      break;
    }
    if (!node->HasMember(key.c_str())) {
      node->AddMember(name, rapidjson::Value(rapidjson::kObjectType), allocator);
    }
    node = &(*node)[key.c_str()];
    path.remove_prefix(dot + 1);
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  document.Accept(writer);
  return buffer.GetString();
}

inline std::string setupWith(std::string_view path, std::string_view value) {
  return edited(fixture("setup_example.json"), path, value);
}

inline Result<Manifest> parse(const std::string& json) { return parseManifest(json, kDisplayPath); }
// As a deploy to `environment` loads it: what that deploy needs is checked in the same pass.
inline Result<Manifest> parseFor(const std::string& json, const std::string& environment) {
  return parseManifest(json, kDisplayPath, environment);
}

// The error message, or "(ok)": for BOOST_*_MESSAGE on a result.
template <typename T>
std::string errorOf(const Result<T>& result) {
  return result.ok() ? std::string("(ok)") : result.message();
}

}  // namespace fd::test
