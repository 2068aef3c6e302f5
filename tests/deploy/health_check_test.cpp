// checkHealth with a scripted HTTP client and a fake clock: every wait is instant.
#include "deploy/health_check.hpp"

#include <boost/test/unit_test.hpp>
#include <deque>
#include <numeric>
#include <string>

#include "core/cancellation.hpp"
#include "support/fakes.hpp"

namespace {

using namespace std::chrono_literals;
using fd::ErrorCode;
using fd::HealthOutcome;
using fd::HealthRequest;
using fd::HttpRequest;
using fd::HttpResponse;
using fd::Result;

const std::string kSha = "1234567890abcdef1234567890abcdef12345678";

Result<HttpResponse> status(int code, std::string body = "") {
  HttpResponse response;
  response.status = code;
  response.body = std::move(body);
  response.elapsed = 12ms;
  return response;
}

HealthRequest healthRequest(int timeoutS = 60, int intervalS = 5) {
  HealthRequest request;
  request.baseUrl = "https://shop.example";
  request.path = "/health";
  request.config.timeoutS = timeoutS;
  request.config.intervalS = intervalS;
  request.expectedSha = kSha;
  return request;
}

// Answers in order; the last answer repeats.
struct Script {
  explicit Script(std::deque<int> codes, std::string text = "")
      : statuses(std::move(codes)), body(std::move(text)) {}
  std::deque<int> statuses;
  std::string body;
  Result<HttpResponse> operator()(const HttpRequest& /*request*/) {
    const int code = statuses.front();
    if (statuses.size() > 1) statuses.pop_front();
    return status(code, body);
  }
};

struct Harness {
  fd::test::FakeHttpClient http;
  fd::test::FakeClock clock;
  fd::test::RecordingLog log;

  HealthOutcome run(const HealthRequest& request) {
    return fd::checkHealth(request, http, clock, log);
  }
  std::chrono::milliseconds waited() const {
    return std::accumulate(clock.sleeps.begin(), clock.sleeps.end(), 0ms);
  }
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(health_check)

BOOST_AUTO_TEST_CASE(passes_when_503s_turn_into_200) {
  Harness h;
  h.http.handler = Script{{503, 503, 200}};
  const HealthOutcome outcome = h.run(healthRequest());
  BOOST_TEST(outcome.healthy);
  BOOST_TEST(outcome.reason.empty());
  BOOST_REQUIRE(outcome.rows.size() == 2U);
  BOOST_TEST(outcome.rows[0].endpoint == "/health");
  BOOST_TEST(outcome.rows[0].status == "503");
  BOOST_TEST(outcome.rows[0].expected == "200");
  BOOST_TEST(outcome.rows[0].notes == "×2, attempts 1–2");
  BOOST_TEST(outcome.rows[1].status == "200");
  BOOST_TEST(outcome.rows[1].responseMs.value_or(-1) == 12);
  BOOST_TEST(outcome.rows[1].notes == "attempt 3");
  BOOST_TEST(h.http.requests.size() == 3U);
  BOOST_TEST(h.http.requests[0].url == "https://shop.example/health");
  BOOST_TEST(h.waited() == 10s);
}

BOOST_AUTO_TEST_CASE(a_redirect_is_not_healthy) {
  Harness h;
  h.http.handler = [](const HttpRequest&) {
    Result<HttpResponse> response = status(302);
    response->headers = {{"Location", "/login"}};
    return response;
  };
  const HealthOutcome outcome = h.run(healthRequest(20, 5));
  BOOST_TEST(!outcome.healthy);
  BOOST_REQUIRE(outcome.rows.size() == 1U);
  BOOST_TEST(outcome.rows[0].status == "302");
  BOOST_TEST(outcome.rows[0].notes == "×4, attempts 1–4: redirect to /login, not followed");
  BOOST_TEST(contains(outcome.reason, "/health did not return 200 within 20s (4 attempts)"));
  BOOST_TEST(contains(outcome.reason, "302"));
}

BOOST_AUTO_TEST_CASE(a_redirect_location_is_masked_before_it_is_cut) {
  const std::string token = "FoQ1Ws4Kp9Qz2Xn7Ld3Vy8Mh5Jt6Rc1Bg0FeWa";
  const std::string location = "https://sso.example/?s=" + std::string(53, 's') + token;
  Harness h;
  h.http.handler = [&](const HttpRequest&) {
    Result<HttpResponse> response = status(302);
    response->headers = {{"Location", location}};
    return response;
  };
  fd::SecretMasker masker;
  masker.add(token);
  HealthRequest request = healthRequest(5, 5);
  request.masker = &masker;
  const HealthOutcome outcome = h.run(request);
  BOOST_REQUIRE(outcome.rows.size() == 1U);
  // Cut after 80 bytes it would have kept "FoQ1", too little for the masker to know it later.
  BOOST_TEST(contains(outcome.rows[0].notes, "s=" + std::string(53, 's') + "***, not followed"));
  BOOST_TEST(!contains(outcome.reason, "FoQ1"));
  for (const auto& entry : h.log.entries) BOOST_TEST(!contains(entry.text, "FoQ1"), entry.text);
}

BOOST_AUTO_TEST_CASE(the_expected_status_is_matched_exactly) {
  Harness h;
  h.http.handler = Script{{200}};
  HealthRequest request = healthRequest();
  request.config.expectedStatus = 204;
  const HealthOutcome wrong = h.run(request);
  BOOST_TEST(!wrong.healthy);

  Harness redirect;
  redirect.http.handler = Script{{301}};
  request.config.expectedStatus = 301;
  BOOST_TEST(redirect.run(request).healthy);
}

BOOST_AUTO_TEST_CASE(refused_is_retried_until_the_deadline_then_summarised) {
  Harness h;  // no handler: every request is refused
  const HealthOutcome outcome = h.run(healthRequest(120, 5));
  BOOST_TEST(!outcome.healthy);
  BOOST_TEST(h.http.requests.size() == 24U);  // at 0, 5, ..., 115 s
  BOOST_REQUIRE(outcome.rows.size() == 1U);
  BOOST_TEST(outcome.rows[0].status == "connection refused");
  BOOST_TEST(!outcome.rows[0].responseMs.has_value());
  BOOST_TEST(outcome.rows[0].notes == "×24, attempts 1–24");
  BOOST_TEST(h.waited() <= 120s);
  BOOST_TEST(contains(outcome.reason, "last: connection refused"));
}

BOOST_AUTO_TEST_CASE(per_request_timeouts_never_exceed_the_remaining_budget) {
  Harness h;
  std::vector<std::chrono::milliseconds> budgetLeft;
  const auto deadline = h.clock.mono + 25s;
  h.http.handler = [&](const HttpRequest& request) -> Result<HttpResponse> {
    budgetLeft.push_back(
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - h.clock.mono));
    h.clock.advance(request.timeout);  // the server hangs until the client gives up
    return fd::makeError(ErrorCode::DeadlineExceeded, request.url + ": no answer within 10s");
  };
  const HealthOutcome outcome = h.run(healthRequest(25, 5));
  BOOST_TEST(!outcome.healthy);
  BOOST_REQUIRE(h.http.requests.size() == 3U);
  for (std::size_t i = 0; i < h.http.requests.size(); ++i) {
    BOOST_TEST(h.http.requests[i].timeout <= budgetLeft[i]);
    BOOST_TEST(h.http.requests[i].timeout <= 10s);
  }
  BOOST_TEST(h.http.requests[2].timeout == 5s);
  BOOST_TEST(outcome.rows[0].status == "timeout");
  BOOST_TEST(outcome.rows[0].notes == "×3, attempts 1–3: no answer within 10s");
}

BOOST_AUTO_TEST_CASE(waits_the_initial_delay_first) {
  Harness h;
  h.http.handler = Script{{200}};
  HealthRequest request = healthRequest();
  request.config.initialDelayS = 15;
  BOOST_TEST(h.run(request).healthy);
  BOOST_REQUIRE(!h.clock.sleeps.empty());
  BOOST_TEST(h.clock.sleeps[0] == 15s);
}

BOOST_AUTO_TEST_CASE(needs_consecutive_successes) {
  Harness h;
  h.http.handler = Script{{200, 200, 503, 200, 200, 200}};
  HealthRequest request = healthRequest();
  request.config.successes = 3;
  const HealthOutcome outcome = h.run(request);
  BOOST_TEST(outcome.healthy);
  BOOST_TEST(h.http.requests.size() == 6U);
  BOOST_REQUIRE(outcome.rows.size() == 6U);
  BOOST_TEST(outcome.rows[2].status == "503");
  BOOST_TEST(outcome.rows[5].notes == "attempt 6");
}

BOOST_AUTO_TEST_CASE(too_few_consecutive_successes_before_the_deadline_fail) {
  Harness h;
  h.http.handler = Script{{503, 503, 200}};
  HealthRequest request = healthRequest(15, 5);
  request.config.successes = 3;
  const HealthOutcome outcome = h.run(request);
  BOOST_TEST(!outcome.healthy);
  BOOST_TEST(contains(outcome.reason, "3 times in a row"));
  BOOST_TEST(contains(outcome.reason, "only 1 consecutive successes"));
}

BOOST_AUTO_TEST_CASE(expect_version_accepts_the_full_or_abbreviated_sha) {
  for (const std::string& version :
       {kSha, kSha.substr(0, 7), kSha.substr(0, 12), std::string("1234567890ABCDEF")}) {
    Harness h;
    h.http.handler = Script{{200}, "{\"version\":\"" + version + "\",\"status\":\"ok\"}"};
    HealthRequest request = healthRequest(10, 5);
    request.config.expectVersion = true;
    BOOST_TEST(h.run(request).healthy, version);
  }
}

BOOST_AUTO_TEST_CASE(expect_version_fails_on_another_version) {
  Harness h;
  h.http.handler = Script{{200}, "{\"version\":\"deadbee\"}"};
  HealthRequest request = healthRequest(10, 5);
  request.config.expectVersion = true;
  const HealthOutcome outcome = h.run(request);
  BOOST_TEST(!outcome.healthy);
  BOOST_REQUIRE(outcome.rows.size() == 1U);
  BOOST_TEST(outcome.rows[0].status == "200");
  BOOST_TEST(outcome.rows[0].notes == "×2, attempts 1–2: version deadbee is not 1234567");
  BOOST_TEST(contains(outcome.reason, "with version 1234567"));
}

BOOST_AUTO_TEST_CASE(expect_version_rejects_short_prefixes_and_bodies_without_a_version) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{\"version\":\"123456\"}", "version 123456 is not 1234567"},
      {"{\"version\":\"\"}", "version \"\" is not 1234567"},
      {"{\"status\":\"ok\"}", "body has no \"version\""},
      {"{\"version\":1234567}", "\"version\" is not a string"},
      {"ok", "body is not a JSON object with a \"version\""},
      {"{\"version\":\"12|34567\\n\"}", "version 12?34567? is not 1234567"},
  };
  for (const auto& [body, note] : cases) {
    Harness h;
    h.http.handler = Script{{200}, body};
    HealthRequest request = healthRequest(5, 5);
    request.config.expectVersion = true;
    const HealthOutcome outcome = h.run(request);
    BOOST_TEST(!outcome.healthy, body);
    BOOST_REQUIRE(outcome.rows.size() == 1U);
    BOOST_TEST(outcome.rows[0].notes == "attempt 1: " + note);
  }
}

BOOST_AUTO_TEST_CASE(rows_carry_the_label_and_log_each_attempt) {
  Harness h;
  h.http.handler = Script{{503, 200}};
  HealthRequest request = healthRequest();
  request.label = "after rollback";
  const HealthOutcome outcome = h.run(request);
  BOOST_TEST(outcome.healthy);
  BOOST_REQUIRE(outcome.rows.size() == 2U);
  BOOST_TEST(outcome.rows[0].notes == "after rollback, attempt 1");
  BOOST_TEST(h.log.contains("health check attempt 1: 503 in 12 ms, expected 200 (after rollback)"));
  BOOST_TEST(h.log.contains("health check attempt 2: 200 in 12 ms"));
}

BOOST_AUTO_TEST_CASE(an_invalid_url_is_not_retried) {
  Harness h;
  h.http.handler = [](const HttpRequest& request) -> Result<HttpResponse> {
    return fd::makeError(ErrorCode::InvalidArgument, "invalid URL " + request.url + ": no host");
  };
  const HealthOutcome outcome = h.run(healthRequest());
  BOOST_TEST(!outcome.healthy);
  BOOST_TEST(h.http.requests.size() == 1U);
  BOOST_TEST(outcome.rows[0].status == "invalid URL");
}

BOOST_AUTO_TEST_CASE(tls_failures_are_rows_with_the_reason) {
  Harness h;
  h.http.handler = [](const HttpRequest& request) -> Result<HttpResponse> {
    return fd::makeError(
        ErrorCode::FailedPrecondition,
        "TLS verification failed for " + request.url + ": certificate has expired");
  };
  const HealthOutcome outcome = h.run(healthRequest(5, 5));
  BOOST_REQUIRE(outcome.rows.size() == 1U);
  BOOST_TEST(outcome.rows[0].status == "TLS error");
  BOOST_TEST(outcome.rows[0].notes == "attempt 1: certificate has expired");
}

BOOST_AUTO_TEST_CASE(cancellation_stops_waiting) {
  Harness h;
  h.http.handler = [](const HttpRequest&) {
    fd::Cancellation::request();  // SIGTERM arrives during the first attempt
    return status(503);
  };
  const HealthOutcome outcome = h.run(healthRequest(600, 5));
  fd::Cancellation::reset();
  BOOST_TEST(!outcome.healthy);
  BOOST_TEST(outcome.reason == "cancelled during the health check");
  BOOST_TEST(h.http.requests.size() == 1U);
}

BOOST_AUTO_TEST_CASE(a_flapping_app_keeps_the_table_short) {
  Harness h;
  std::deque<int> flapping;
  for (int i = 0; i < 200; ++i) flapping.push_back(i % 2 == 0 ? 200 : 503);
  h.http.handler = Script{flapping};
  HealthRequest request = healthRequest(600, 3);
  request.config.successes = 2;
  const HealthOutcome outcome = h.run(request);
  BOOST_TEST(!outcome.healthy);
  BOOST_TEST(h.http.requests.size() == 200U);
  BOOST_TEST(outcome.rows.size() <= 40U);
  bool saysLeftOut = false;
  for (const auto& row : outcome.rows) saysLeftOut = saysLeftOut || contains(row.notes, "left out");
  BOOST_TEST(saysLeftOut);
  BOOST_TEST(outcome.rows.back().notes == "attempt 200");
}

BOOST_AUTO_TEST_SUITE_END()
