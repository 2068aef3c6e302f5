#include "core/paths.hpp"

#include <filesystem>

namespace fd {

std::string resolvePath(const std::string& base, const std::string& path) {
  const std::filesystem::path given(path);
  std::filesystem::path full = given.is_absolute() ? given : std::filesystem::path(base) / given;
  std::string normal = full.lexically_normal().string();
  while (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return normal;
}

}  // namespace fd
