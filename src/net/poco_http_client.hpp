// The real HttpClient: Poco HTTP and HTTPS, TLS verified against the system CA store.
#pragma once

#include <optional>
#include <string>

#include <Poco/Net/Context.h>

#include "core/ports/http_client.hpp"
#include "net/proxy_settings.hpp"
#include "net/ssl_library.hpp"

namespace fd {

// Never follows redirects. HTTPS peers are always verified (chain and hostname); there is no
// switch to turn that off. `request.timeout` bounds the whole exchange.
class PocoHttpClient : public HttpClient {
 public:
  // `caFile` empty: the system store (/etc/ssl/certs). Tests pass their own CA file.
  // `proxies`: usually ProxySettings::fromEnvironment(env); empty means direct connections.
  explicit PocoHttpClient(std::string caFile = "", ProxySettings proxies = {});
  Result<HttpResponse> send(const HttpRequest& request) override;

 private:
  Result<Poco::Net::Context::Ptr> tlsContext();

  std::string caFile_;
  ProxySettings proxies_;
  std::optional<SslLibrary> ssl_;    // before context_: it outlives the context
  Poco::Net::Context::Ptr context_;  // created on the first https request
};

}  // namespace fd
