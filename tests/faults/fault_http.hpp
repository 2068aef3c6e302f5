// The HttpClient the fault suite gives the pipeline: the real PocoHttpClient, with chosen requests
// sent somewhere that fails. A rule names an endpoint (method + a regular expression on the URL
// path); a matching request goes to a port nothing listens on (connection refused), to a TLS
// server with a self-signed certificate (verification fails), or to a loopback server that
// answers the rule's response (a status, a broken body, or a hang). Everything else goes to the
// loopback fakes as usual. Real sockets all the way; only the destination changes.
//
// Hangs: a request routed to a hanging answer waits at most `kHangCap` of real time; when it times
// out, the fake clock is moved by the request's full timeout, so deadlines and budgets run out as
// they would for real, and error messages give the request's own timeout and URL.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "core/ports/http_client.hpp"
#include "net/poco_http_client.hpp"
#include "support/fakes.hpp"
#include "support/loopback_server.hpp"

namespace fd::test {

inline constexpr std::chrono::milliseconds kHangCap{80};

// AppliedThenLost: the request reaches its real destination (a POST is applied), then the
// answer the client gets is the rule's response instead (a 502, a broken body, a hang).
enum class HttpFaultKind { Refused, Tls, Serve, AppliedThenLost };

struct HttpFault {
  std::string method;  // empty: any method
  std::string path;    // ECMAScript regex, searched in the URL's path (no query)
  HttpFaultKind kind = HttpFaultKind::Serve;
  ServerResponse response;       // Serve: the answer (or hang) every routed request gets
  int times = -1;                // -1: every matching request; n: only the first n
  std::function<bool()> active;  // optional: route only while this says so
};

class FaultRouter : public HttpClient {
 public:
  explicit FaultRouter(FakeClock& clock);
  ~FaultRouter() override;
  FaultRouter(const FaultRouter&) = delete;
  FaultRouter& operator=(const FaultRouter&) = delete;

  // Returns the rule's index for hits().
  std::size_t add(HttpFault fault);
  // How many requests the rule diverted (every attempt counts).
  int hits(std::size_t rule = 0) const;
  int totalRequests() const { return total_; }
  // Requests for anything but a loopback address: refused, and counted (must stay 0).
  int offMachine() const { return offMachine_; }

  Result<HttpResponse> send(const HttpRequest& request) override;

 private:
  struct Rule;
  Rule* match(const HttpRequest& request);

  FakeClock& clock_;
  PocoHttpClient real_;
  std::vector<std::unique_ptr<Rule>> rules_;
  int total_ = 0;
  int offMachine_ = 0;
};

// A response whose body is `bytes` long (an oversized answer).
ServerResponse oversized(std::size_t bytes);
ServerResponse status(int code, std::string body = "",
                      std::string contentType = "application/json");
ServerResponse hang();
ServerResponse redirectTo(const std::string& location, int code = 302);

}  // namespace fd::test
