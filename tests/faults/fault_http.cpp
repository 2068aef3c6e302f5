#include "faults/fault_http.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

#include "faults/reaper.hpp"
#include "support/temp_dir.hpp"

namespace fd::test {

namespace {

// scheme://host:port of an absolute URL.
std::string originOf(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  const auto path = url.find('/', scheme + 3);
  return path == std::string::npos ? url : url.substr(0, path);
}

std::string pathOf(const std::string& url) {
  const std::string rest = url.substr(originOf(url).size());
  return rest.substr(0, rest.find('?'));
}

// As PocoHttpClient writes a timeout: "30s" or "150 ms".
std::string describe(std::chrono::milliseconds duration) {
  if (duration.count() % 1000 == 0) return std::to_string(duration.count() / 1000) + "s";
  return std::to_string(duration.count()) + " ms";
}

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty() || from == to) return;
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// One self-signed certificate for the whole run: generating RSA keys is the slow part.
const TlsFiles& selfSigned() {
  static TempDir directory;
  static const TlsFiles files = makeSelfSignedCertificate(directory.path());
  return files;
}

}  // namespace

// A port on 127.0.0.1 that is bound but not listening: connecting to it is refused, and unlike
// a port merely found free, no other server (tests run in parallel) can take it meanwhile.
class RefusingPort {
 public:
  RefusingPort() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
      throw std::runtime_error("cannot reserve a port on 127.0.0.1");
    }
    port_ = ntohs(address.sin_port);
  }
  ~RefusingPort() { ::close(fd_); }
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  int port() const { return port_; }

 private:
  int fd_;
  int port_ = 0;
};

struct FaultRouter::Rule {
  HttpFault fault;
  std::regex path;
  std::string origin;  // where routed requests go
  std::unique_ptr<LoopbackServer> server;
  std::unique_ptr<RefusingPort> refusing;
  int hits = 0;
};

FaultRouter::FaultRouter(FakeClock& clock) : clock_(clock) {}

FaultRouter::~FaultRouter() {
  for (auto& rule : rules_) destroyLater(std::move(rule->server));
}

std::size_t FaultRouter::add(HttpFault fault) {
  auto rule = std::make_unique<Rule>();
  rule->path = std::regex(fault.path);
  switch (fault.kind) {
    case HttpFaultKind::Refused:
      rule->refusing = std::make_unique<RefusingPort>();
      rule->origin = "http://127.0.0.1:" + std::to_string(rule->refusing->port());
      break;
    case HttpFaultKind::Tls:
      // Never reached past the handshake: the client refuses the self-signed certificate.
      rule->server = std::make_unique<LoopbackServer>(
          [](const ServerRequest&) { return ServerResponse{}; }, selfSigned());
      rule->origin = rule->server->url();
      break;
    case HttpFaultKind::Serve:
    case HttpFaultKind::AppliedThenLost: {
      rule->server = std::make_unique<LoopbackServer>(
          [answer = fault.response](const ServerRequest&) -> ServerResponse { return answer; });
      rule->origin = rule->server->url();
      break;
    }
  }
  rule->fault = std::move(fault);
  rules_.push_back(std::move(rule));
  return rules_.size() - 1;
}

int FaultRouter::hits(std::size_t rule) const {
  return rule < rules_.size() ? rules_[rule]->hits : 0;
}

FaultRouter::Rule* FaultRouter::match(const HttpRequest& request) {
  const std::string path = pathOf(request.url);
  for (auto& rule : rules_) {
    const HttpFault& fault = rule->fault;
    if (!fault.method.empty() && fault.method != request.method) continue;
    if (!std::regex_search(path, rule->path)) continue;
    if (fault.times >= 0 && rule->hits >= fault.times) continue;
    if (fault.active && !fault.active()) continue;
    return rule.get();
  }
  return nullptr;
}

Result<HttpResponse> FaultRouter::send(const HttpRequest& request) {
  ++total_;
  const std::string origin = originOf(request.url);
  if (origin.find("://127.0.0.1:") == std::string::npos &&
      origin.find("://localhost:") == std::string::npos) {
    ++offMachine_;  // nothing may leave this machine, whatever a bug makes of the URLs
    return makeError(ErrorCode::Unavailable, request.url + ": connection refused (not loopback)");
  }
  Rule* rule = match(request);
  if (rule == nullptr) return real_.send(request);
  ++rule->hits;
  if (rule->fault.kind == HttpFaultKind::AppliedThenLost) (void)real_.send(request);
  HttpRequest routed = request;
  routed.url = rule->origin + request.url.substr(origin.size());
  // Only a hang is cut short: any other routed answer comes as fast as it would for real.
  if (rule->fault.response.hang) routed.timeout = std::min(request.timeout, kHangCap);
  Result<HttpResponse> answer = real_.send(routed);
  if (answer) return answer;
  Error error = answer.error();
  if (error.code == ErrorCode::DeadlineExceeded) {
    clock_.advance(request.timeout);  // the wait a real hang would have cost
    replaceAll(error.message, "within " + describe(routed.timeout),
               "within " + describe(request.timeout));
  }
  // Messages name the URL the program asked for (a TLS fault keeps its https:// URL).
  if (rule->fault.kind != HttpFaultKind::Tls) replaceAll(error.message, rule->origin, origin);
  return error;
}

ServerResponse oversized(std::size_t bytes) {
  ServerResponse response;
  response.body = std::string(bytes, ' ');
  response.body.front() = '[';
  response.body.back() = ']';
  return response;
}

ServerResponse status(int code, std::string body, std::string contentType) {
  ServerResponse response;
  response.status = code;
  response.body = std::move(body);
  response.contentType = std::move(contentType);
  return response;
}

ServerResponse hang() {
  ServerResponse response;
  response.hang = true;
  return response;
}

ServerResponse redirectTo(const std::string& location, int code) {
  ServerResponse response;
  response.status = code;
  response.headers = {{"Location", location}};
  response.contentType = "text/html";
  response.body = "<html><body>Moved</body></html>";
  return response;
}

}  // namespace fd::test
