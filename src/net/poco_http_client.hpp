// The real HttpClient: Poco HTTP and HTTPS, TLS verified against the system CA store.
#pragma once

#include <string>

#include "core/ports/http_client.hpp"

namespace fd {

class PocoHttpClient : public HttpClient {
 public:
  // `caFile` empty: the system store (/etc/ssl/certs). Tests pass their own CA file.
  explicit PocoHttpClient(std::string caFile = "");
  Result<HttpResponse> send(const HttpRequest& request) override;

 private:
  std::string caFile_;
};

}  // namespace fd
