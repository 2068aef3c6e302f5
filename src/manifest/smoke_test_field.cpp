#include "manifest/smoke_test_field.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "manifest/field_readers.hpp"

namespace fd::manifest {
namespace {

constexpr std::array<std::string_view, 6> kSmokeTestKeys = {
    "name", "path", "method", "expect_status", "expect_body_contains", "command"};
constexpr std::array<std::string_view, 3> kHttpOnlyKeys = {"method", "expect_status",
                                                           "expect_body_contains"};
constexpr std::array<std::string_view, 7> kMethods = {"GET",   "HEAD",   "POST",   "PUT",
                                                      "PATCH", "DELETE", "OPTIONS"};

std::string upperCased(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::optional<std::string> readMethod(const Json& value, std::string_view path, Diagnostics& d) {
  if (value.IsString()) {
    const std::string method = upperCased({value.GetString(), value.GetStringLength()});
    if (std::find(kMethods.begin(), kMethods.end(), method) != kMethods.end()) return method;
  }
  d.error(path, "expected an HTTP method (GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS), got " +
                    describe(value));
  return std::nullopt;
}

// Reads the HTTP form's fields into `test`; false when one is wrong.
bool readHttpFields(const Json& object, std::string_view path, Diagnostics& d, SmokeTest& test) {
  bool ok = true;
  if (const Json* value = optionalMember(object, "path")) {
    const auto read = readUrlPath(*value, childPath(path, "path"), d);
    ok = read.has_value() && ok;
    test.path = read.value_or("");
  }
  if (const Json* value = optionalMember(object, "method")) {
    const auto read = readMethod(*value, childPath(path, "method"), d);
    ok = read.has_value() && ok;
    test.method = read.value_or(test.method);
  }
  if (const Json* value = optionalMember(object, "expect_status")) {
    const auto read = readHttpStatus(*value, childPath(path, "expect_status"), d);
    ok = read.has_value() && ok;
    test.expectStatus = read.value_or(test.expectStatus);
  }
  if (const Json* value = optionalMember(object, "expect_body_contains")) {
    const auto read = readString(*value, childPath(path, "expect_body_contains"), d);
    ok = read.has_value() && ok;
    test.expectBodyContains = read.value_or("");
  }
  return ok;
}

// A command check has no HTTP response: HTTP expectations on it would silently check nothing.
bool rejectHttpFieldsOnCommand(const Json& object, std::string_view path, Diagnostics& d) {
  bool ok = true;
  for (const std::string_view key : kHttpOnlyKeys) {
    if (optionalMember(object, key) == nullptr) continue;
    d.error(childPath(path, key),
            "only applies to HTTP smoke tests (with \"path\"); a command smoke test passes when "
            "it exits 0");
    ok = false;
  }
  return ok;
}

std::string defaultName(const SmokeTest& test) {
  if (test.isCommand()) return test.command;
  return test.method + " " + test.path;
}

std::optional<SmokeTest> readSmokeTest(const Json& object, std::string_view path, Diagnostics& d) {
  if (!object.IsObject()) {
    d.error(path, "expected an object {\"name\", \"path\"} or {\"name\", \"command\"}, got " +
                      describe(object));
    return std::nullopt;
  }
  checkKeys(object, path, kSmokeTestKeys, d);
  const Json* pathValue = optionalMember(object, "path");
  const Json* commandValue = optionalMember(object, "command");
  if (pathValue != nullptr && commandValue != nullptr) {
    d.error(path,
            "has both \"path\" and \"command\"; give \"path\" for an HTTP check or "
            "\"command\" for a shell check, not both");
    return std::nullopt;
  }
  if (pathValue == nullptr && commandValue == nullptr) {
    d.error(path,
            "needs \"path\" (an HTTP check against the url) or \"command\" (a shell "
            "check that must exit 0)");
    return std::nullopt;
  }
  SmokeTest test;
  bool ok = true;
  if (commandValue != nullptr) {
    const auto command = readCommand(*commandValue, childPath(path, "command"), d, true);
    ok = command.has_value() && rejectHttpFieldsOnCommand(object, path, d);
    test.command = command.value_or("");
  } else {
    ok = readHttpFields(object, path, d, test);
  }
  if (const Json* name = optionalMember(object, "name")) {
    const auto read = readNonEmptyString(*name, childPath(path, "name"), d);
    ok = read.has_value() && ok;
    test.name = read.value_or("");
  }
  if (!ok) return std::nullopt;
  if (test.name.empty()) test.name = defaultName(test);
  return test;
}

}  // namespace

std::optional<std::vector<SmokeTest>> readSmokeTests(const Json& value, std::string_view path,
                                                     Diagnostics& d) {
  if (!value.IsArray()) {
    d.error(path, "expected an array of smoke tests, got " + describe(value));
    return std::nullopt;
  }
  std::vector<SmokeTest> tests;
  bool ok = true;
  for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
    auto test = readSmokeTest(value[i], indexPath(path, i), d);
    if (!test) {
      ok = false;
      continue;
    }
    tests.push_back(std::move(*test));
  }
  if (!ok) return std::nullopt;
  return tests;
}

}  // namespace fd::manifest
