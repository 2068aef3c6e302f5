// Which values are secret: the token, the runtime token, variables whose names say so, the
// manifest's required_secrets when set in the environment, and passwords in URLs.
#pragma once

#include <string>
#include <vector>

#include "core/inputs.hpp"
#include "core/ports/environment.hpp"

namespace fd {

// Variable names that hold secrets by convention (TOKEN, SECRET, PASSWORD, KEY, ...).
bool looksSecret(const std::string& variableName);

std::vector<std::string> secretValues(const Inputs& inputs, const Environment& env);

// "https://user:pa55@host/x" → "pa55"; empty when the URL carries no password.
std::string urlPassword(const std::string& url);

}  // namespace fd
