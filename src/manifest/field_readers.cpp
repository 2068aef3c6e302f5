#include "manifest/field_readers.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "manifest/quoting.hpp"

namespace fd::manifest {
namespace {

std::string_view textOf(const Json& value) { return {value.GetString(), value.GetStringLength()}; }

bool isBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

bool isSpaceOrControl(char c) {
  const auto code = static_cast<unsigned char>(c);
  return code <= 0x20U || code == 0x7FU;
}

bool hasSpaceOrControl(std::string_view text) {
  return std::any_of(text.begin(), text.end(), isSpaceOrControl);
}

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

std::nullopt_t fail(Diagnostics& d, std::string_view path, std::string_view expected,
                    const Json& value) {
  d.error(path, "expected " + std::string(expected) + ", got " + describe(value));
  return std::nullopt;
}

// The scheme's length ("http://" or "https://"), or 0 when it is neither.
std::size_t schemeLength(std::string_view url) {
  if (startsWithNoCase(url, "https://")) return 8;
  if (startsWithNoCase(url, "http://")) return 7;
  return 0;
}

std::string_view withoutTrailingSlashes(std::string_view url, std::size_t minLength) {
  while (url.size() > minLength && url.back() == '/') url.remove_suffix(1);
  return url;
}

}  // namespace

std::string wholeNumberBetween(std::string_view what, int min, int max) {
  return "a whole number" + std::string(what.empty() ? "" : " of ") + std::string(what) +
         " between " + std::to_string(min) + " and " + std::to_string(max);
}

std::optional<std::string> readString(const Json& value, std::string_view path, Diagnostics& d) {
  if (!value.IsString()) return fail(d, path, "a string", value);
  const std::string_view text = textOf(value);
  if (text.find('\0') != std::string_view::npos) {
    return fail(d, path, "a string without NUL characters", value);
  }
  return std::string(text);
}

std::optional<std::string> readNonEmptyString(const Json& value, std::string_view path,
                                              Diagnostics& d) {
  if (!value.IsString() || isBlank(textOf(value))) {
    return fail(d, path, "a non-empty string", value);
  }
  return readString(value, path, d);
}

std::optional<std::string> readCommand(const Json& value, std::string_view path, Diagnostics& d,
                                       bool required) {
  if (!value.IsString()) return fail(d, path, "a shell command (a string)", value);
  if (isBlank(textOf(value))) {
    if (required) return fail(d, path, "a non-empty shell command", value);
    return std::string();
  }
  return readString(value, path, d);
}

std::optional<int> readWholeNumber(const Json& value, std::string_view path, Diagnostics& d,
                                   int min, int max, std::string_view expectation) {
  if (!value.IsNumber()) return fail(d, path, expectation, value);
  const double number = value.IsInt64() ? static_cast<double>(value.GetInt64()) : value.GetDouble();
  if (std::trunc(number) != number || number < min || number > max) {
    return fail(d, path, expectation, value);
  }
  return static_cast<int>(number);
}

std::optional<int> readSeconds(const Json& value, std::string_view path, Diagnostics& d, int min) {
  return readWholeNumber(value, path, d, min, kMaxSeconds,
                         wholeNumberBetween("seconds", min, kMaxSeconds));
}

std::optional<int> readHttpStatus(const Json& value, std::string_view path, Diagnostics& d) {
  return readWholeNumber(value, path, d, 100, 599, "an HTTP status code between 100 and 599");
}

std::optional<double> readPercent(const Json& value, std::string_view path, Diagnostics& d) {
  if (!value.IsNumber() || value.GetDouble() < 0 || value.GetDouble() > 100) {
    return fail(d, path, "a percentage between 0 and 100", value);
  }
  return value.GetDouble();
}

std::optional<bool> readBool(const Json& value, std::string_view path, Diagnostics& d) {
  if (!value.IsBool()) return fail(d, path, "true or false", value);
  return value.GetBool();
}

std::optional<std::string> readUrlPath(const Json& value, std::string_view path, Diagnostics& d) {
  if (!value.IsString() || !textOf(value).starts_with('/')) {
    return fail(d, path, "a string starting with \"/\"", value);
  }
  if (hasSpaceOrControl(textOf(value))) {
    return fail(d, path, "a URL path without spaces or control characters", value);
  }
  return std::string(textOf(value));
}

std::optional<std::string> readBaseUrl(const Json& value, std::string_view path, Diagnostics& d) {
  if (!value.IsString()) return fail(d, path, "an http:// or https:// URL", value);
  const std::string_view url = textOf(value);
  const std::size_t scheme = schemeLength(url);
  if (scheme == 0) return fail(d, path, "an http:// or https:// URL", value);
  if (hasSpaceOrControl(url))
    return fail(d, path, "a URL without spaces or control characters", value);
  if (url.find_first_of("?#") != std::string_view::npos) {
    return fail(d, path, "a base URL without \"?\" or \"#\" (paths are appended to it)", value);
  }
  const std::string_view authority = url.substr(scheme, url.find('/', scheme) - scheme);
  if (authority.empty() || authority.front() == ':') {
    return fail(d, path, "a URL with a host name after the scheme", value);
  }
  if (authority.find('@') != std::string_view::npos) {  // not quoted: it holds a password
    d.error(path, "expected a URL without user:password@ (it would be printed in the receipt)");
    return std::nullopt;
  }
  return std::string(withoutTrailingSlashes(url, scheme + authority.size()));
}

std::optional<std::vector<std::string>> readNames(const Json& value, std::string_view path,
                                                  Diagnostics& d) {
  if (!value.IsArray()) return fail(d, path, "an array of names", value);
  std::vector<std::string> names;
  bool ok = true;
  for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
    const Json& item = value[i];
    if (!item.IsString() || textOf(item).empty() || hasSpaceOrControl(textOf(item))) {
      fail(d, indexPath(path, i), "a non-empty name without spaces", item);
      ok = false;
      continue;
    }
    names.emplace_back(textOf(item));
  }
  if (!ok) return std::nullopt;
  return names;
}

}  // namespace fd::manifest
