// Path joining for user-given paths: absolute ones stand, relative ones hang off a base.
#pragma once

#include <string>

namespace fd {

// Lexically normalised ("/repo/./x" → "/repo/x"), without a trailing slash.
std::string resolvePath(const std::string& base, const std::string& path);

}  // namespace fd
