#include "core/target.hpp"

namespace fd {

std::string_view targetName(Target target) {
  switch (target) {
    case Target::Alpha:
      return "alpha";
    case Target::Staging:
      return "staging";
    case Target::Prod:
      return "prod";
  }
  return "prod";
}

std::optional<Target> parseTarget(std::string_view name) {
  if (name == "alpha") return Target::Alpha;
  if (name == "staging") return Target::Staging;
  if (name == "prod") return Target::Prod;
  return std::nullopt;
}

std::string_view targetChoices() { return "alpha, staging or prod"; }

}  // namespace fd
