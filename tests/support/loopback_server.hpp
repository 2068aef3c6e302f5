// A real HTTP(S) server on 127.0.0.1 with an ephemeral port, answering from a test's handler.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace fd::test {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct ServerRequest {
  std::string method;
  std::string uri;  // path and query, as sent
  HeaderList headers;
  std::string body;
  std::optional<std::string> header(const std::string& name) const;  // case-insensitive
  std::string path() const;                                          // uri without the query
};

struct ServerResponse {
  int status = 200;
  HeaderList headers;
  std::string body;
  std::string contentType = "application/json";
  bool hang = false;            // never answer (until the server stops)
  bool dropConnection = false;  // close the socket without answering
};

using ServerHandler = std::function<ServerResponse(const ServerRequest&)>;

struct TlsFiles {
  std::string certificate;  // PEM
  std::string privateKey;   // PEM
};

class LoopbackServer {
 public:
  explicit LoopbackServer(ServerHandler handler, std::optional<TlsFiles> tls = std::nullopt);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  int port() const;
  std::string url() const;  // http(s)://127.0.0.1:<port>
  std::vector<ServerRequest> requests() const;
  std::size_t requestCount() const;
  void stop();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// A port on 127.0.0.1 that nothing listens on (bound, then closed).
int unusedPort();

// Generates a self-signed certificate for 127.0.0.1 with openssl into `directory`.
// `daysValid` may be negative to make an expired certificate.
TlsFiles makeSelfSignedCertificate(const std::string& directory, int daysValid = 30);

}  // namespace fd::test
