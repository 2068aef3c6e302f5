// Parsing the small JSON files of `.factory/` safely: bounded nesting, errors as one line.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

namespace fd {

// Deeper documents are refused: writing them back would recurse once per level.
inline constexpr std::size_t kMaxJsonDepth = 128;

// Parses `text` (numbers in full precision). Returns an error description ("offset 12: missing a
// comma or '}' after an object member") or nullopt when `document` holds the value.
std::optional<std::string> parseJson(std::string_view text, rapidjson::Document& document);

// A value as its JSON text would show it to a user: strings without quotes, others as JSON.
std::string describeJsonValue(const rapidjson::Value& value);

}  // namespace fd
