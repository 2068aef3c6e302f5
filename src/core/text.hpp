// Small string helpers shared by parsers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fd {

std::string trim(std::string_view text);
std::string toLower(std::string_view text);
std::vector<std::string> split(std::string_view text, char separator);
// The parts with `separator` between them ("a, b, c").
std::string join(const std::vector<std::string>& parts, std::string_view separator);
bool startsWith(std::string_view text, std::string_view prefix);
std::string shortSha(std::string_view sha);  // first 7 characters

}  // namespace fd
