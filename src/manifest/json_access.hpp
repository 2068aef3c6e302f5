// Reading a RapidJSON object the way the manifest needs: members by name, the value as it
// should appear after "got" in a message, and the key checks (duplicates, unknown keys).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "manifest/diagnostics.hpp"

namespace fd::manifest {

using Json = rapidjson::Value;

// `-5`, `"120"`, `true`, `null`, `an array`, `an object`.
std::string describe(const Json& value);

// The member `key` of `object` (which must be an object), or nullptr when absent.
const Json* member(const Json& object, std::string_view key);
// Like member(), but a JSON null counts as absent: optional fields may be written as null.
const Json* optionalMember(const Json& object, std::string_view key);

// Extra advice for an unknown key (where it belongs instead), or empty.
using KeyHint = std::string (*)(std::string_view key);

// Repeated keys are errors (which one would win is ambiguous); keys not in `known` are warnings,
// with a "did you mean" or the `hint`.
void checkKeys(const Json& object, std::string_view path, std::span<const std::string_view> known,
               Diagnostics& diagnostics, KeyHint hint = nullptr);
// Only the repeated-key check, for objects whose keys are checked otherwise.
void checkDuplicateKeys(const Json& object, std::string_view path, Diagnostics& diagnostics);

}  // namespace fd::manifest
