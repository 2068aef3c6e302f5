// Typed readers for manifest fields. Each checks one JSON value and returns it, or records an
// error naming `path`, what was expected and what was found, and returns nullopt.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "manifest/diagnostics.hpp"
#include "manifest/json_access.hpp"

namespace fd::manifest {

// Bounds shared by every duration in the manifest: a second to a day.
inline constexpr int kMaxSeconds = 86400;

// "a whole number of seconds between 1 and 86400"
std::string wholeNumberBetween(std::string_view what, int min, int max);

std::optional<std::string> readString(const Json& value, std::string_view path, Diagnostics& d);
std::optional<std::string> readNonEmptyString(const Json& value, std::string_view path,
                                              Diagnostics& d);
// A shell command. Blank is an error when `required`; otherwise it yields "" (which turns off
// an inherited command).
std::optional<std::string> readCommand(const Json& value, std::string_view path, Diagnostics& d,
                                       bool required);
// A JSON integer (or an integral number such as 120.0) within [min, max]; `expectation` is
// what the message says was expected.
std::optional<int> readWholeNumber(const Json& value, std::string_view path, Diagnostics& d,
                                   int min, int max, std::string_view expectation);
std::optional<int> readSeconds(const Json& value, std::string_view path, Diagnostics& d, int min);
std::optional<int> readHttpStatus(const Json& value, std::string_view path, Diagnostics& d);
std::optional<double> readPercent(const Json& value, std::string_view path, Diagnostics& d);
std::optional<bool> readBool(const Json& value, std::string_view path, Diagnostics& d);
// A path on the app, appended to the url: starts with "/", no spaces or control characters.
std::optional<std::string> readUrlPath(const Json& value, std::string_view path, Diagnostics& d);
// An http:// or https:// base URL without credentials, query or fragment; trailing "/" dropped
// so that url + "/health" never doubles the slash.
std::optional<std::string> readBaseUrl(const Json& value, std::string_view path, Diagnostics& d);
// An array of non-empty names without spaces (secret names).
std::optional<std::vector<std::string>> readNames(const Json& value, std::string_view path,
                                                  Diagnostics& d);

}  // namespace fd::manifest
