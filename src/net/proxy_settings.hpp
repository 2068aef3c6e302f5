// HTTP_PROXY / HTTPS_PROXY / NO_PROXY, as self-hosted runners behind a corporate proxy set them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/ports/environment.hpp"
#include "core/result.hpp"

namespace fd {

struct ProxySettings {
  std::string httpProxy;   // for http:// URLs, e.g. "http://proxy.corp:3128"
  std::string httpsProxy;  // for https:// URLs (tunnelled with CONNECT)
  std::string noProxy;     // "localhost,.corp.example,10.0.0.1"; "*" disables proxies

  // Lower-case names win over upper-case ones, as in curl. Loopback hosts never use a proxy.
  static ProxySettings fromEnvironment(const Environment& environment);
};

struct ProxyServer {
  std::string host;
  std::uint16_t port = 1080;  // curl's default when the proxy URL names none
  std::string username;
  std::string password;
};

// The proxy to use for `scheme://host`, nullopt for a direct connection. InvalidArgument when
// the configured proxy is not an http:// URL we can use.
Result<std::optional<ProxyServer>> proxyFor(const ProxySettings& settings,
                                            const std::string& scheme, const std::string& host);

// Whether NO_PROXY (or loopback) exempts `host`.
bool bypassesProxy(const std::string& noProxy, const std::string& host);

}  // namespace fd
