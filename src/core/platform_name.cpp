#include "core/platform_name.hpp"

#include "core/text.hpp"

namespace fd {

bool isFlyPlatform(const std::string& platform) {
  const std::string name = toLower(trim(platform));
  return name == "fly.io" || name == "fly" || name == "flyio" || name == "fly io";
}

}  // namespace fd
