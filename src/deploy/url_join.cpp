#include "deploy/url_join.hpp"

namespace fd {

std::string joinUrl(const std::string& base, const std::string& path) {
  if (path.empty()) return base;
  const bool baseSlash = !base.empty() && base.back() == '/';
  const bool pathSlash = path.front() == '/';
  if (baseSlash && pathSlash) return base + path.substr(1);
  if (!baseSlash && !pathSlash) return base + "/" + path;
  return base + path;
}

std::string withoutCredentials(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto authorityStart = scheme + 3;
  const auto authorityEnd = url.find_first_of("/?#", authorityStart);
  const auto at = url.rfind('@', authorityEnd == std::string::npos ? url.size() : authorityEnd);
  if (at == std::string::npos || at < authorityStart) return url;
  return url.substr(0, authorityStart) + url.substr(at + 1);
}

}  // namespace fd
