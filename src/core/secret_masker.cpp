#include "core/secret_masker.hpp"

#include <algorithm>

namespace fd {

namespace {

void addOne(std::vector<std::string>& secrets, std::string_view value) {
  while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.remove_suffix(1);
  if (value.size() < SecretMasker::kMinLength) return;
  if (std::find(secrets.begin(), secrets.end(), value) != secrets.end()) return;
  secrets.emplace_back(value);
}

}  // namespace

void SecretMasker::add(std::string_view secret) {
  addOne(secrets_, secret);
  std::size_t start = 0;
  while (start < secret.size()) {
    std::size_t end = secret.find('\n', start);
    if (end == std::string_view::npos) end = secret.size();
    addOne(secrets_, secret.substr(start, end - start));
    start = end + 1;
  }
  std::sort(secrets_.begin(), secrets_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string SecretMasker::mask(std::string_view text) const {
  std::string result(text);
  for (const std::string& secret : secrets_) {
    std::size_t pos = 0;
    while ((pos = result.find(secret, pos)) != std::string::npos) {
      result.replace(pos, secret.size(), kMask);
      pos += kMask.size();
    }
  }
  return result;
}

}  // namespace fd
