#include "manifest/tools_field.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>

#include "core/text.hpp"
#include "manifest/field_readers.hpp"

namespace fd::manifest {
namespace {

constexpr std::array<std::string_view, 4> kToolKeys = {"name", "url", "sha256", "binary"};

// A command name: it becomes a file name on PATH.
bool isCommandName(const std::string& name) {
  return !name.empty() && name != "." && name != ".." &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' ||
                  c == '-';
         });
}

// A relative path inside an archive, never climbing out of it.
bool isMemberPath(const std::string& path) {
  if (path.empty() || path.front() == '/') return false;
  const std::vector<std::string> parts = split(path, '/');
  return std::none_of(parts.begin(), parts.end(),
                      [](const std::string& part) { return part == ".."; });
}

bool isHexSha256(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c)) != 0;
         });
}

std::optional<ToolSpec> readTool(const Json& object, std::string_view path, Diagnostics& d) {
  if (!object.IsObject()) {
    d.error(path, "expected an object {\"name\", \"url\", \"sha256\"}, got " + describe(object));
    return std::nullopt;
  }
  checkKeys(object, path, kToolKeys, d);
  ToolSpec tool;
  bool ok = true;
  const auto required = [&](std::string_view key, std::string& into) {
    const Json* value = member(object, key);
    if (value == nullptr) {
      d.error(childPath(path, key), "missing");
      ok = false;
      return;
    }
    const auto read = readNonEmptyString(*value, childPath(path, key), d);
    ok = read.has_value() && ok;
    into = trim(read.value_or(""));
  };
  required("name", tool.name);
  required("url", tool.url);
  required("sha256", tool.sha256);
  if (const Json* binary = optionalMember(object, "binary")) {
    const auto read = readNonEmptyString(*binary, childPath(path, "binary"), d);
    ok = read.has_value() && ok;
    tool.binary = read.value_or("");
  }
  if (!ok) return std::nullopt;
  if (!isCommandName(tool.name)) {
    d.error(childPath(path, "name"), "expected a command name (letters, digits, . _ -)");
    return std::nullopt;
  }
  if (!startsWith(tool.url, "https://") && !startsWith(tool.url, "http://")) {
    d.error(childPath(path, "url"), "expected an https:// URL of the release asset");
    return std::nullopt;
  }
  if (!isHexSha256(tool.sha256)) {
    d.error(childPath(path, "sha256"),
            "expected the asset's SHA-256 as 64 hex digits (the line for it in the release's "
            "checksums file)");
    return std::nullopt;
  }
  tool.sha256 = toLower(tool.sha256);
  if (tool.binary.empty()) tool.binary = tool.name;
  if (!isMemberPath(tool.binary)) {
    d.error(childPath(path, "binary"), "expected a relative path inside the archive");
    return std::nullopt;
  }
  return tool;
}

}  // namespace

std::vector<ToolSpec> readTools(const Json& value, std::string_view path, Diagnostics& d) {
  std::vector<ToolSpec> tools;
  if (!value.IsArray()) {
    d.error(path, "expected an array of {\"name\", \"url\", \"sha256\"}, got " + describe(value));
    return tools;
  }
  for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
    if (auto tool = readTool(value[i], indexPath(path, i), d)) tools.push_back(std::move(*tool));
  }
  return tools;
}

}  // namespace fd::manifest
