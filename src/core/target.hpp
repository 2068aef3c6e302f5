// The three environments of the promotion chain.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fd {

enum class Target { Alpha, Staging, Prod };

std::string_view targetName(Target target);
std::optional<Target> parseTarget(std::string_view name);
// "alpha, staging or prod", for error messages.
std::string_view targetChoices();

}  // namespace fd
