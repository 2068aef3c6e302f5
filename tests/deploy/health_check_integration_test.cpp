// checkHealth end to end: PocoHttpClient, a real loopback server and the real clock.
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>

#include "deploy/health_check.hpp"
#include "net/poco_http_client.hpp"
#include "real_clock.hpp"
#include "support/fakes.hpp"
#include "support/loopback_server.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace std::chrono_literals;
using fd::HealthOutcome;
using fd::HealthRequest;
using fd::test::LoopbackServer;
using fd::test::ServerRequest;
using fd::test::ServerResponse;

const std::string kSha = "abcdef1234567890abcdef1234567890abcdef12";

HealthRequest healthRequest(const std::string& baseUrl, int timeoutS) {
  HealthRequest request;
  request.baseUrl = baseUrl;
  request.path = "/health";
  request.config.timeoutS = timeoutS;
  request.config.intervalS = 1;
  request.expectedSha = kSha;
  return request;
}

ServerResponse reply(int status, std::string body = "{\"status\":\"ok\"}") {
  ServerResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

// Answers from a list by request number; the last answer repeats.
fd::test::ServerHandler sequence(const std::vector<int>& statuses) {
  auto count = std::make_shared<std::atomic<std::size_t>>(0);
  return [statuses, count](const ServerRequest&) {
    const std::size_t n = (*count)++;
    return reply(statuses[std::min(n, statuses.size() - 1)]);
  };
}

struct Run {
  HealthOutcome outcome;
  std::chrono::milliseconds took{0};
};

Run check(const HealthRequest& request, const std::string& caFile = "") {
  fd::PocoHttpClient http(caFile);
  fd::test::RealClock clock;
  fd::test::RecordingLog log;
  const auto started = std::chrono::steady_clock::now();
  Run run{fd::checkHealth(request, http, clock, log)};
  run.took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  return run;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(health_check_integration)

BOOST_AUTO_TEST_CASE(a_503_then_200_passes) {
  LoopbackServer server(sequence({503, 200}));
  const Run run = check(healthRequest(server.url(), 10));
  BOOST_TEST(run.outcome.healthy);
  BOOST_REQUIRE(run.outcome.rows.size() == 2U);
  BOOST_TEST(run.outcome.rows[0].status == "503");
  BOOST_TEST(run.outcome.rows[1].status == "200");
  BOOST_TEST(run.outcome.rows[1].responseMs.has_value());
  BOOST_TEST(server.requestCount() == 2U);
  BOOST_TEST(server.requests()[0].path() == "/health");
}

BOOST_AUTO_TEST_CASE(a_302_fails) {
  LoopbackServer server([](const ServerRequest&) {
    ServerResponse response = reply(302, "");
    response.headers = {{"Location", "/login"}};
    return response;
  });
  const Run run = check(healthRequest(server.url(), 2));
  BOOST_TEST(!run.outcome.healthy);
  BOOST_REQUIRE(!run.outcome.rows.empty());
  BOOST_TEST(run.outcome.rows[0].status == "302");
  BOOST_TEST(run.outcome.reason.find("did not return 200") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(connection_refused_until_the_deadline_fails_in_bounded_time) {
  const std::string url = "http://127.0.0.1:" + std::to_string(fd::test::unusedPort());
  const Run run = check(healthRequest(url, 2));
  BOOST_TEST(!run.outcome.healthy);
  BOOST_REQUIRE(run.outcome.rows.size() == 1U);
  BOOST_TEST(run.outcome.rows[0].status == "connection refused");
  BOOST_TEST(run.outcome.rows[0].notes == "×2, attempts 1–2");
  BOOST_TEST(run.took < 10s);  // generous bound: the budget is 2 s
}

BOOST_AUTO_TEST_CASE(a_wrong_version_fails_with_expect_version) {
  LoopbackServer server(
      [](const ServerRequest&) { return reply(200, "{\"version\":\"0000000\"}"); });
  HealthRequest request = healthRequest(server.url(), 1);
  request.config.expectVersion = true;
  const Run run = check(request);
  BOOST_TEST(!run.outcome.healthy);
  BOOST_REQUIRE(run.outcome.rows.size() == 1U);
  BOOST_TEST(run.outcome.rows[0].notes == "attempt 1: version 0000000 is not abcdef1");
}

BOOST_AUTO_TEST_CASE(the_right_version_passes_with_expect_version) {
  LoopbackServer server(
      [](const ServerRequest&) { return reply(200, "{\"version\":\"abcdef1\"}"); });
  HealthRequest request = healthRequest(server.url(), 1);
  request.config.expectVersion = true;
  BOOST_TEST(check(request).outcome.healthy);
}

BOOST_AUTO_TEST_CASE(three_successes_must_be_consecutive) {
  LoopbackServer server(sequence({200, 503, 200, 200, 200}));
  HealthRequest request = healthRequest(server.url(), 15);
  request.config.successes = 3;
  const Run run = check(request);
  BOOST_TEST(run.outcome.healthy);
  BOOST_TEST(server.requestCount() == 5U);
  BOOST_TEST(run.outcome.rows.size() == 5U);
}

BOOST_AUTO_TEST_CASE(https_with_a_self_signed_certificate_is_unhealthy) {
  fd::test::TempDir dir;
  const fd::test::TlsFiles tls = fd::test::makeSelfSignedCertificate(dir.path());
  LoopbackServer server([](const ServerRequest&) { return reply(200); }, tls);
  const Run untrusted = check(healthRequest(server.url(), 1));
  BOOST_TEST(!untrusted.outcome.healthy);
  BOOST_REQUIRE(untrusted.outcome.rows.size() == 1U);
  BOOST_TEST(untrusted.outcome.rows[0].status == "TLS error");
  BOOST_TEST(untrusted.outcome.rows[0].notes == "attempt 1: self-signed certificate");
  BOOST_TEST(server.requestCount() == 0U);

  const Run trusted = check(healthRequest(server.url(), 1), tls.certificate);
  BOOST_TEST(trusted.outcome.healthy);
}

BOOST_AUTO_TEST_SUITE_END()
