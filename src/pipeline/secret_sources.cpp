#include "pipeline/secret_sources.hpp"

#include "core/text.hpp"

namespace fd {

bool looksSecret(const std::string& variableName) {
  if (startsWith(variableName, "INPUT_")) return variableName == "INPUT_GITHUB-TOKEN";
  static const char* const kMarkers[] = {"TOKEN",  "SECRET",      "PASSWORD",   "PASSWD", "API_KEY",
                                         "APIKEY", "PRIVATE_KEY", "CREDENTIAL", "AUTH"};
  for (const char* marker : kMarkers) {
    if (variableName.find(marker) != std::string::npos) return true;
  }
  return false;
}

std::string urlPassword(const std::string& url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  const std::size_t hostStart = scheme + 3;
  const std::size_t at = url.find('@', hostStart);
  const std::size_t slash = url.find('/', hostStart);
  if (at == std::string::npos || (slash != std::string::npos && at > slash)) return "";
  const std::size_t colon = url.find(':', hostStart);
  if (colon == std::string::npos || colon > at) return "";
  return url.substr(colon + 1, at - colon - 1);
}

std::vector<std::string> secretValues(const Inputs& inputs, const Environment& env) {
  std::vector<std::string> values;
  if (!inputs.githubToken.empty()) values.push_back(inputs.githubToken);
  for (const auto& [name, value] : env.all()) {
    if (value.empty()) continue;
    if (looksSecret(name)) values.push_back(value);
    const std::string password = urlPassword(value);
    if (!password.empty()) values.push_back(password);
  }
  return values;
}

}  // namespace fd
