#include "net/poco_http_client.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>

#include <algorithm>
#include <istream>
#include <memory>
#include <utility>

#include "net/http_target.hpp"
#include "net/tls_context.hpp"

namespace fd {

namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

constexpr std::size_t kReadChunk = std::size_t{16} * 1024;

std::string describe(milliseconds duration) {
  if (duration.count() % 1000 == 0) return std::to_string(duration.count() / 1000) + "s";
  return std::to_string(duration.count()) + " ms";
}

Poco::Timespan timespan(milliseconds duration) {
  return Poco::Timespan(std::max<long long>(1, duration.count()) * 1000);
}

bool isToken(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return c > 32 && c < 127 && c != ':' && c != '(' && c != ')' && c != ',' && c != '"';
  });
}

bool hasLineBreak(const std::string& text) {
  return text.find_first_of("\r\n") != std::string::npos;
}

Status validate(const HttpRequest& request, const HttpTarget& target) {
  if (!isToken(request.method)) {
    return makeError(ErrorCode::InvalidArgument,
                     target.display + ": invalid HTTP method \"" + request.method + "\"");
  }
  for (const auto& [name, value] : request.headers) {
    if (!isToken(name) || hasLineBreak(value)) {
      return makeError(ErrorCode::InvalidArgument,
                       target.display + ": invalid header \"" + name + "\"");
    }
  }
  return okStatus();
}

// Maps what Poco threw to an error code that tells the caller whether to retry.
Error mapException(const Poco::Exception& e, const HttpTarget& target, milliseconds timeout) {
  const std::string& url = target.display;
  const std::string verification = lastVerificationError();
  if (!verification.empty()) {
    return makeError(ErrorCode::FailedPrecondition,
                     "TLS verification failed for " + url + ": " + verification);
  }
  if (dynamic_cast<const Poco::Net::CertificateValidationException*>(&e) != nullptr ||
      dynamic_cast<const Poco::Net::InvalidCertificateException*>(&e) != nullptr) {
    return makeError(
        ErrorCode::FailedPrecondition,
        "TLS verification failed for " + url + ": the certificate is not valid for " + target.host);
  }
  if (dynamic_cast<const Poco::TimeoutException*>(&e) != nullptr) {
    return makeError(ErrorCode::DeadlineExceeded, url + ": no answer within " + describe(timeout));
  }
  if (dynamic_cast<const Poco::Net::ConnectionRefusedException*>(&e) != nullptr) {
    return makeError(ErrorCode::Unavailable, url + ": connection refused");
  }
  if (dynamic_cast<const Poco::Net::ConnectionResetException*>(&e) != nullptr ||
      dynamic_cast<const Poco::Net::ConnectionAbortedException*>(&e) != nullptr) {
    return makeError(ErrorCode::Unavailable, url + ": connection reset");
  }
  if (dynamic_cast<const Poco::Net::NoMessageException*>(&e) != nullptr) {
    return makeError(ErrorCode::Unavailable, url + ": connection closed without a response");
  }
  if (dynamic_cast<const Poco::Net::DNSException*>(&e) != nullptr) {
    return makeError(ErrorCode::Unavailable, url + ": host " + target.host + " not found");
  }
  if (dynamic_cast<const Poco::Net::SSLException*>(&e) != nullptr) {
    return makeError(ErrorCode::Unavailable, url + ": TLS handshake failed: " + e.message());
  }
  return makeError(ErrorCode::Unavailable, url + ": " + e.displayText());
}

std::unique_ptr<Poco::Net::HTTPClientSession> makeSession(const HttpTarget& target,
                                                          const Poco::Net::Context::Ptr& context) {
  if (target.https()) {
    return std::make_unique<Poco::Net::HTTPSClientSession>(target.host, target.port, context);
  }
  return std::make_unique<Poco::Net::HTTPClientSession>(target.host, target.port);
}

void configureProxy(Poco::Net::HTTPClientSession& session,
                    const std::optional<ProxyServer>& proxy) {
  Poco::Net::HTTPClientSession::ProxyConfig config;  // empty host: overrides any global proxy
  if (proxy) {
    config.host = proxy->host;
    config.port = proxy->port;
    config.username = proxy->username;
    config.password = proxy->password;
  }
  session.setProxyConfig(config);
}

Poco::Net::HTTPRequest makePocoRequest(const HttpRequest& request, const HttpTarget& target) {
  Poco::Net::HTTPRequest poco(request.method, target.pathAndQuery,
                              Poco::Net::HTTPMessage::HTTP_1_1);
  poco.setKeepAlive(false);
  for (const auto& [name, value] : request.headers) poco.set(name, value);
  if (!target.userInfo.empty() && !poco.has("Authorization")) {
    const auto colon = target.userInfo.find(':');
    Poco::Net::HTTPBasicCredentials credentials(
        target.userInfo.substr(0, colon),
        colon == std::string::npos ? "" : target.userInfo.substr(colon + 1));
    credentials.authenticate(poco);
  }
  const bool sendsBody = !request.body.empty() || request.method == "POST" ||
                         request.method == "PUT" || request.method == "PATCH";
  if (sendsBody) poco.setContentLength(static_cast<std::streamsize>(request.body.size()));
  return poco;
}

// Reads the body in chunks, stopping at the size limit and at the overall deadline.
Result<std::string> readBody(std::istream& in, const HttpRequest& request, const HttpTarget& target,
                             steady_clock::time_point deadline) {
  std::string body;
  char buffer[kReadChunk];
  while (in) {
    if (steady_clock::now() >= deadline) {
      return makeError(ErrorCode::DeadlineExceeded,
                       target.display + ": no complete answer within " + describe(request.timeout));
    }
    in.read(buffer, sizeof buffer);
    const auto n = static_cast<std::size_t>(in.gcount());
    if (body.size() + n > request.maxBodyBytes) {
      return makeError(ErrorCode::ResourceExhausted,
                       target.display + ": response body larger than " +
                           std::to_string(request.maxBodyBytes) + " bytes");
    }
    body.append(buffer, n);
  }
  return body;
}

HttpResponse toResponse(const Poco::Net::HTTPResponse& poco, std::string body) {
  HttpResponse response;
  response.status = static_cast<int>(poco.getStatus());
  response.reason = poco.getReason();
  for (const auto& [name, value] : poco) response.headers.emplace_back(name, value);
  response.body = std::move(body);
  return response;
}

}  // namespace

PocoHttpClient::PocoHttpClient(std::string caFile, ProxySettings proxies)
    : caFile_(std::move(caFile)), proxies_(std::move(proxies)) {}

Result<Poco::Net::Context::Ptr> PocoHttpClient::tlsContext() {
  if (context_) return context_;
  if (!ssl_) ssl_.emplace();
  Result<Poco::Net::Context::Ptr> context = makeVerifyingClientContext(caFile_);
  if (context.ok()) context_ = context.value();
  return context;
}

Result<HttpResponse> PocoHttpClient::send(const HttpRequest& request) {
  const auto started = steady_clock::now();
  const auto deadline = started + request.timeout;
  Result<HttpTarget> parsed = parseHttpTarget(request.url);
  if (!parsed.ok()) return parsed.error();
  const HttpTarget& target = parsed.value();
  if (Status valid = validate(request, target); !valid.ok()) return valid.error();
  Result<std::optional<ProxyServer>> proxy = proxyFor(proxies_, target.scheme, target.host);
  if (!proxy.ok()) return proxy.error();

  Poco::Net::Context::Ptr context;
  if (target.https()) {
    Result<Poco::Net::Context::Ptr> made = tlsContext();
    if (!made.ok()) return made.error();
    context = made.value();
  }
  clearVerificationError();
  try {
    auto session = makeSession(target, context);
    configureProxy(*session, proxy.value());
    session->setTimeout(timespan(request.timeout), timespan(request.timeout),
                        timespan(request.timeout));
    Poco::Net::HTTPRequest pocoRequest = makePocoRequest(request, target);
    session->sendRequest(pocoRequest) << request.body;
    // The connection used part of the budget; the answer gets only what is left.
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - steady_clock::now());
    session->socket().setReceiveTimeout(timespan(left));
    Poco::Net::HTTPResponse pocoResponse;
    std::istream& in = session->receiveResponse(pocoResponse);
    in.exceptions(std::ios::badbit);  // a failed read rethrows Poco's exception
    Result<std::string> body = readBody(in, request, target, deadline);
    if (!body.ok()) return body.error();
    if (const Poco::Exception* failed = session->networkException(); failed != nullptr) {
      return mapException(*failed, target, request.timeout);
    }
    HttpResponse response = toResponse(pocoResponse, std::move(body).value());
    response.elapsed = std::chrono::duration_cast<milliseconds>(steady_clock::now() - started);
    return response;
  } catch (const Poco::Exception& e) {
    return mapException(e, target, request.timeout);
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Internal, target.display + ": " + e.what());
  }
}

}  // namespace fd
