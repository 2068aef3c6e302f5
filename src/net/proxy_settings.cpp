#include "net/proxy_settings.hpp"

#include <Poco/Exception.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <sstream>

namespace fd {

namespace {

std::string firstSet(const Environment& environment, const char* lower, const char* upper) {
  if (auto value = environment.get(lower); value && !value->empty()) return *value;
  if (auto value = environment.get(upper); value && !value->empty()) return *value;
  return "";
}

bool isLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

std::string withoutPort(std::string entry) {
  if (!entry.empty() && entry.front() == '[') return entry.substr(0, entry.find(']') + 1);
  if (entry.find(':') != entry.rfind(':')) return entry;  // a bare IPv6 address
  return entry.substr(0, entry.find(':'));
}

bool matchesEntry(const std::string& host, std::string entry) {
  entry = Poco::toLower(withoutPort(Poco::trim(entry)));
  if (entry.empty()) return false;
  if (entry == "*") return true;
  if (entry.front() == '.') entry.erase(0, 1);
  if (host == entry) return true;
  return host.size() > entry.size() &&
         host.compare(host.size() - entry.size(), entry.size(), entry) == 0 &&
         host[host.size() - entry.size() - 1] == '.';
}

Result<ProxyServer> parseProxy(const std::string& value, const char* name) {
  const std::string text = value.find("://") == std::string::npos ? "http://" + value : value;
  try {
    const Poco::URI uri(text);
    if (uri.getScheme() != "http" || uri.getHost().empty()) {
      return makeError(ErrorCode::InvalidArgument,
                       std::string(name) + ": expected an http:// proxy URL with a host");
    }
    ProxyServer server;
    server.host = uri.getHost();
    if (uri.getSpecifiedPort() != 0) server.port = uri.getSpecifiedPort();
    const std::string& userInfo = uri.getUserInfo();
    const auto colon = userInfo.find(':');
    server.username = userInfo.substr(0, colon);
    if (colon != std::string::npos) server.password = userInfo.substr(colon + 1);
    return server;
  } catch (const Poco::Exception&) {
    return makeError(ErrorCode::InvalidArgument, std::string(name) + ": not a URL");
  }
}

}  // namespace

ProxySettings ProxySettings::fromEnvironment(const Environment& environment) {
  ProxySettings settings;
  settings.httpProxy = firstSet(environment, "http_proxy", "HTTP_PROXY");
  settings.httpsProxy = firstSet(environment, "https_proxy", "HTTPS_PROXY");
  settings.noProxy = firstSet(environment, "no_proxy", "NO_PROXY");
  return settings;
}

bool bypassesProxy(const std::string& noProxy, const std::string& host) {
  const std::string name = Poco::toLower(host);
  if (isLoopback(name)) return true;
  std::istringstream entries(noProxy);
  std::string entry;
  while (std::getline(entries, entry, ',')) {
    if (matchesEntry(name, entry)) return true;
  }
  return false;
}

Result<std::optional<ProxyServer>> proxyFor(const ProxySettings& settings,
                                            const std::string& scheme, const std::string& host) {
  const bool https = scheme == "https";
  const std::string& configured = https ? settings.httpsProxy : settings.httpProxy;
  if (configured.empty() || bypassesProxy(settings.noProxy, host)) {
    return std::optional<ProxyServer>();
  }
  Result<ProxyServer> server = parseProxy(configured, https ? "HTTPS_PROXY" : "HTTP_PROXY");
  if (!server.ok()) return server.error();
  return std::optional<ProxyServer>(std::move(server).value());
}

}  // namespace fd
