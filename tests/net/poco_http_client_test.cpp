// PocoHttpClient against real loopback HTTP and HTTPS servers.
#include <Poco/Net/AcceptCertificateHandler.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/ServerSocket.h>

#include <boost/test/unit_test.hpp>
#include <string>

#include "net/poco_http_client.hpp"
#include "support/error_code_print.hpp"
#include "support/loopback_server.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace std::chrono_literals;
using fd::ErrorCode;
using fd::HttpRequest;
using fd::HttpResponse;
using fd::Result;
using fd::test::LoopbackServer;
using fd::test::ServerRequest;
using fd::test::ServerResponse;

HttpRequest get(const std::string& url, std::chrono::milliseconds timeout = 5s) {
  HttpRequest request;
  request.url = url;
  request.timeout = timeout;
  return request;
}

ServerResponse answer(int status, std::string body = "") {
  ServerResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// One certificate for all TLS tests: generating RSA keys is the slow part.
struct Certificates {
  fd::test::TempDir valid;
  fd::test::TempDir expired;
  fd::test::TlsFiles validFiles = fd::test::makeSelfSignedCertificate(valid.path());
  fd::test::TlsFiles expiredFiles = fd::test::makeSelfSignedCertificate(expired.path(), -1);

  static Certificates& get() {
    static Certificates certificates;
    return certificates;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(poco_http_client)

BOOST_AUTO_TEST_CASE(returns_status_reason_headers_body_and_elapsed_time) {
  LoopbackServer server([](const ServerRequest&) {
    ServerResponse response = answer(201, "{\"ok\":true}");
    response.headers = {{"X-Release", "abc1234"}};
    return response;
  });
  fd::PocoHttpClient client;
  const Result<HttpResponse> response = client.send(get(server.url() + "/items?x=1"));
  BOOST_REQUIRE_MESSAGE(response.ok(), (response.ok() ? std::string() : response.message()));
  BOOST_TEST(response->status == 201);
  BOOST_TEST(!response->reason.empty());
  BOOST_TEST(response->body == "{\"ok\":true}");
  BOOST_TEST(response->header("x-release").value_or("") == "abc1234");
  BOOST_TEST(response->elapsed.count() >= 0);
  BOOST_TEST(response->elapsed < 5s);
  BOOST_REQUIRE(server.requestCount() == 1U);
  BOOST_TEST(server.requests()[0].uri == "/items?x=1");
  BOOST_TEST(server.requests()[0].method == "GET");
}

BOOST_AUTO_TEST_CASE(sends_any_method_with_body_and_custom_headers) {
  LoopbackServer server([](const ServerRequest&) { return answer(200); });
  fd::PocoHttpClient client;
  for (const std::string method : {"POST", "PUT", "PATCH", "DELETE"}) {
    HttpRequest request = get(server.url() + "/api");
    request.method = method;
    request.body = "{\"name\":\"" + method + "\"}";
    request.headers = {{"Content-Type", "application/json"}, {"X-Token-Name", "deploy"}};
    const Result<HttpResponse> response = client.send(request);
    BOOST_REQUIRE_MESSAGE(response.ok(), (response.ok() ? std::string() : response.message()));
    BOOST_TEST(response->status == 200);
  }
  const auto requests = server.requests();
  BOOST_REQUIRE(requests.size() == 4U);
  BOOST_TEST(requests[0].method == "POST");
  BOOST_TEST(requests[0].body == "{\"name\":\"POST\"}");
  BOOST_TEST(requests[1].method == "PUT");
  BOOST_TEST(requests[2].method == "PATCH");
  BOOST_TEST(requests[2].body == "{\"name\":\"PATCH\"}");
  BOOST_TEST(requests[3].method == "DELETE");
  BOOST_TEST(requests[0].header("x-token-name").value_or("") == "deploy");
  BOOST_TEST(requests[0].header("content-type").value_or("") == "application/json");
}

BOOST_AUTO_TEST_CASE(a_head_request_gets_headers_and_no_body) {
  LoopbackServer server(
      [](const ServerRequest&) { return answer(200, "a body HEAD must not see"); });
  fd::PocoHttpClient client;
  HttpRequest request = get(server.url() + "/health", 2s);
  request.method = "HEAD";
  const Result<HttpResponse> response = client.send(request);
  BOOST_REQUIRE_MESSAGE(response.ok(), (response.ok() ? std::string() : response.message()));
  BOOST_TEST(response->status == 200);
  BOOST_TEST(response->body.empty());
  BOOST_TEST(server.requests()[0].method == "HEAD");
}

BOOST_AUTO_TEST_CASE(does_not_follow_redirects) {
  LoopbackServer server([](const ServerRequest& request) {
    if (request.path() == "/other") return answer(200, "followed");
    ServerResponse response = answer(302);
    response.headers = {{"Location", "/other"}};
    return response;
  });
  fd::PocoHttpClient client;
  const Result<HttpResponse> response = client.send(get(server.url() + "/health"));
  BOOST_REQUIRE(response.ok());
  BOOST_TEST(response->status == 302);
  BOOST_TEST(response->header("Location").value_or("") == "/other");
  BOOST_TEST(server.requestCount() == 1U);
}

BOOST_AUTO_TEST_CASE(connection_refused_is_unavailable) {
  fd::PocoHttpClient client;
  const std::string url = "http://127.0.0.1:" + std::to_string(fd::test::unusedPort()) + "/health";
  const Result<HttpResponse> response = client.send(get(url));
  BOOST_REQUIRE(!response.ok());
  BOOST_TEST(response.code() == ErrorCode::Unavailable);
  BOOST_TEST(response.message() == url + ": connection refused");
}

BOOST_AUTO_TEST_CASE(a_server_that_never_answers_is_a_timeout) {
  LoopbackServer server([](const ServerRequest&) {
    ServerResponse response;
    response.hang = true;
    return response;
  });
  fd::PocoHttpClient client;
  const Result<HttpResponse> response = client.send(get(server.url() + "/health", 300ms));
  BOOST_REQUIRE(!response.ok());
  BOOST_TEST(response.code() == ErrorCode::DeadlineExceeded);
  BOOST_TEST(contains(response.message(), "no answer within 300 ms"));
}

BOOST_AUTO_TEST_CASE(a_socket_that_accepts_nothing_is_a_timeout) {
  // Listening, never accepting: the connection sits in the backlog and nothing is ever said.
  Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0));
  fd::PocoHttpClient client;
  const std::string url = "http://127.0.0.1:" + std::to_string(silent.address().port()) + "/";
  const Result<HttpResponse> response = client.send(get(url, 300ms));
  BOOST_REQUIRE(!response.ok());
  BOOST_TEST(response.code() == ErrorCode::DeadlineExceeded);
}

BOOST_AUTO_TEST_CASE(a_tls_handshake_that_never_happens_is_a_timeout) {
  Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0));
  fd::PocoHttpClient client;
  const std::string url = "https://127.0.0.1:" + std::to_string(silent.address().port()) + "/";
  const Result<HttpResponse> response = client.send(get(url, 300ms));
  BOOST_REQUIRE(!response.ok());
  BOOST_TEST(response.code() == ErrorCode::DeadlineExceeded);
}

BOOST_AUTO_TEST_CASE(a_dropped_connection_is_unavailable) {
  LoopbackServer server([](const ServerRequest&) {
    ServerResponse response;
    response.dropConnection = true;
    return response;
  });
  fd::PocoHttpClient client;
  const Result<HttpResponse> response = client.send(get(server.url() + "/health"));
  BOOST_REQUIRE(!response.ok());
  BOOST_TEST(response.code() == ErrorCode::Unavailable);
}

BOOST_AUTO_TEST_CASE(an_oversized_body_is_resource_exhausted) {
  LoopbackServer server([](const ServerRequest&) { return answer(200, std::string(200000, 'x')); });
  fd::PocoHttpClient client;
  HttpRequest request = get(server.url() + "/big");
  request.maxBodyBytes = 1000;
  const Result<HttpResponse> response = client.send(request);
  BOOST_REQUIRE(!response.ok());
  BOOST_TEST(response.code() == ErrorCode::ResourceExhausted);
  BOOST_TEST(contains(response.message(), "larger than 1000 bytes"));
}

BOOST_AUTO_TEST_CASE(bad_urls_methods_and_headers_are_invalid_arguments) {
  fd::PocoHttpClient client;
  for (const std::string url :
       {"not a url", "ftp://example.com/", "http://", "/health", "http://127.0.0.1:99999/"}) {
    const Result<HttpResponse> response = client.send(get(url));
    BOOST_REQUIRE(!response.ok());
    BOOST_TEST(response.code() == ErrorCode::InvalidArgument, url);
  }
  HttpRequest badMethod = get("http://127.0.0.1:1/");
  badMethod.method = "GET /x HTTP/1.1\r\n";
  BOOST_TEST(client.send(badMethod).code() == ErrorCode::InvalidArgument);
  HttpRequest badHeader = get("http://127.0.0.1:1/");
  badHeader.headers = {{"X-A", "1\r\nX-Injected: 2"}};
  BOOST_TEST(client.send(badHeader).code() == ErrorCode::InvalidArgument);
}

BOOST_AUTO_TEST_CASE(credentials_in_the_url_become_basic_auth_and_are_never_printed) {
  LoopbackServer server([](const ServerRequest&) { return answer(200); });
  fd::PocoHttpClient client;
  const std::string url = server.url();  // http://127.0.0.1:port
  const Result<HttpResponse> response =
      client.send(get("http://deployer:s3cr3t-pw@" + url.substr(7) + "/health"));
  BOOST_REQUIRE(response.ok());
  BOOST_REQUIRE(server.requestCount() == 1U);
  // base64("deployer:s3cr3t-pw")
  BOOST_TEST(server.requests()[0].header("Authorization").value_or("") ==
             "Basic ZGVwbG95ZXI6czNjcjN0LXB3");

  const std::string refused =
      "http://deployer:s3cr3t-pw@127.0.0.1:" + std::to_string(fd::test::unusedPort()) + "/h";
  const Result<HttpResponse> failed = client.send(get(refused));
  BOOST_REQUIRE(!failed.ok());
  BOOST_TEST(!contains(failed.message(), "s3cr3t-pw"));
  BOOST_TEST(!contains(client.send(get("http://deployer:s3cr3t-pw@")).message(), "s3cr3t-pw"));
}

BOOST_AUTO_TEST_CASE(https_with_the_servers_ca_file_succeeds) {
  LoopbackServer server([](const ServerRequest&) { return answer(200, "secure"); },
                        Certificates::get().validFiles);
  fd::PocoHttpClient client(Certificates::get().validFiles.certificate);
  const Result<HttpResponse> response = client.send(get(server.url() + "/health"));
  BOOST_REQUIRE_MESSAGE(response.ok(), (response.ok() ? std::string() : response.message()));
  BOOST_TEST(response->status == 200);
  BOOST_TEST(response->body == "secure");
}

BOOST_AUTO_TEST_CASE(a_self_signed_certificate_fails_against_the_system_store) {
  LoopbackServer server([](const ServerRequest&) { return answer(200); },
                        Certificates::get().validFiles);
  fd::PocoHttpClient client;
  const Result<HttpResponse> response = client.send(get(server.url() + "/health"));
  BOOST_REQUIRE(!response.ok());
  BOOST_TEST(response.code() == ErrorCode::FailedPrecondition);
  BOOST_TEST(response.message() ==
             "TLS verification failed for " + server.url() + "/health: self-signed certificate");
  BOOST_TEST(server.requestCount() == 0U);
}

BOOST_AUTO_TEST_CASE(an_expired_certificate_fails_even_when_trusted) {
  LoopbackServer server([](const ServerRequest&) { return answer(200); },
                        Certificates::get().expiredFiles);
  fd::PocoHttpClient client(Certificates::get().expiredFiles.certificate);
  const Result<HttpResponse> response = client.send(get(server.url() + "/health"));
  BOOST_REQUIRE(!response.ok());
  BOOST_TEST(response.code() == ErrorCode::FailedPrecondition);
  BOOST_TEST(response.message() ==
             "TLS verification failed for " + server.url() + "/health: certificate has expired");
}

BOOST_AUTO_TEST_CASE(a_certificate_for_another_host_fails) {
  // The certificate names 127.0.0.1; asking for "localhost" reaches the same server.
  LoopbackServer server([](const ServerRequest&) { return answer(200); },
                        Certificates::get().validFiles);
  fd::PocoHttpClient client(Certificates::get().validFiles.certificate);
  const std::string url = "https://localhost:" + std::to_string(server.port()) + "/health";
  const Result<HttpResponse> response = client.send(get(url));
  BOOST_REQUIRE(!response.ok());
  BOOST_TEST(response.code() == ErrorCode::FailedPrecondition);
  BOOST_TEST(response.message() ==
             "TLS verification failed for " + url + ": the certificate is not valid for localhost");
  BOOST_TEST(server.requestCount() == 0U);
}

BOOST_AUTO_TEST_CASE(a_missing_ca_file_fails_clearly) {
  fd::PocoHttpClient client("/nonexistent/ca.pem");
  const Result<HttpResponse> response = client.send(get("https://127.0.0.1:1/health"));
  BOOST_REQUIRE(!response.ok());
  BOOST_TEST(response.code() == ErrorCode::FailedPrecondition);
  BOOST_TEST(contains(response.message(), "/nonexistent/ca.pem"));
}

BOOST_AUTO_TEST_CASE(global_poco_settings_cannot_weaken_verification_or_add_a_proxy) {
  // Another part of the process installs an accept-everything handler and a global proxy.
  Poco::Net::Context::Ptr lax = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "",
                                                       Poco::Net::Context::VERIFY_NONE);
  Poco::Net::SSLManager::instance().initializeClient(
      nullptr, new Poco::Net::AcceptCertificateHandler(false), lax);
  Poco::Net::HTTPClientSession::ProxyConfig proxy;
  proxy.host = "127.0.0.1";
  proxy.port = static_cast<Poco::UInt16>(fd::test::unusedPort());
  Poco::Net::HTTPClientSession::setGlobalProxyConfig(proxy);

  LoopbackServer tlsServer([](const ServerRequest&) { return answer(200); },
                           Certificates::get().validFiles);
  LoopbackServer plainServer([](const ServerRequest&) { return answer(204); });
  fd::PocoHttpClient client;
  const Result<HttpResponse> tls = client.send(get(tlsServer.url() + "/health"));
  const Result<HttpResponse> plain = client.send(get(plainServer.url() + "/health"));
  Poco::Net::HTTPClientSession::setGlobalProxyConfig({});

  BOOST_REQUIRE(!tls.ok());
  BOOST_TEST(tls.code() == ErrorCode::FailedPrecondition);
  BOOST_REQUIRE(plain.ok());
  BOOST_TEST(plain->status == 204);
}

BOOST_AUTO_TEST_CASE(uses_an_http_proxy_when_configured) {
  // The "proxy" is a loopback server: it sees the absolute URL, nothing leaves the machine.
  LoopbackServer proxy([](const ServerRequest&) { return answer(200, "via proxy"); });
  fd::ProxySettings settings;
  settings.httpProxy = proxy.url();
  fd::PocoHttpClient client("", settings);
  const Result<HttpResponse> response = client.send(get("http://deploy-target.invalid/health"));
  BOOST_REQUIRE_MESSAGE(response.ok(), (response.ok() ? std::string() : response.message()));
  BOOST_TEST(response->body == "via proxy");
  BOOST_REQUIRE(proxy.requestCount() == 1U);
  const std::string uri = proxy.requests()[0].uri;  // absolute form, Poco adds the port
  BOOST_TEST((uri == "http://deploy-target.invalid/health" ||
              uri == "http://deploy-target.invalid:80/health"));
}

BOOST_AUTO_TEST_SUITE_END()
