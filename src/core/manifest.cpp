#include "core/manifest.hpp"

namespace fd {

const EnvConfig* Manifest::find(const std::string& environment) const {
  for (const EnvConfig& env : environments) {
    if (env.name == environment) return &env;
  }
  return nullptr;
}

const EnvConfig* Manifest::previous(const std::string& environment) const {
  const EnvConfig* before = nullptr;
  for (const EnvConfig& env : environments) {
    if (env.name == environment) return before;
    before = &env;
  }
  return nullptr;
}

}  // namespace fd
