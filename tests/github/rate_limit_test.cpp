#include <boost/test/unit_test.hpp>

#include "github/rate_limit.hpp"

using namespace fd;
using namespace fd::github;
using std::chrono::seconds;

namespace {

const auto kNow = std::chrono::system_clock::time_point(seconds(1775251800));

HttpResponse answer(int status, Headers headers, std::string body = "") {
  HttpResponse response;
  response.status = status;
  response.headers = std::move(headers);
  response.body = std::move(body);
  return response;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rate_limit)

BOOST_AUTO_TEST_CASE(primary_limit_waits_until_reset) {
  const auto verdict = classifyRateLimit(
      answer(403, {{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset", "1775251805"}}), kNow, 0,
      0.5);
  BOOST_TEST(static_cast<int>(verdict.kind) == static_cast<int>(LimitKind::Primary));
  BOOST_TEST(verdict.wait.count() == 6000);  // 5 s + 1 s for the rounded-down reset
  BOOST_TEST(isoTime(*verdict.resetAt) == "2026-04-03T21:30:05Z");
}

BOOST_AUTO_TEST_CASE(retry_after_is_honoured) {
  const auto verdict = classifyRateLimit(answer(429, {{"Retry-After", "30"}}), kNow, 0, 0.9);
  BOOST_TEST(static_cast<int>(verdict.kind) == static_cast<int>(LimitKind::Secondary));
  BOOST_TEST(verdict.wait.count() == 30000);
}

BOOST_AUTO_TEST_CASE(secondary_limit_without_headers_waits_at_least_a_minute_and_backs_off) {
  const HttpResponse response =
      answer(403, {}, R"({"message":"You have exceeded a secondary rate limit."})");
  const auto first = classifyRateLimit(response, kNow, 0, 0.0);
  const auto second = classifyRateLimit(response, kNow, 1, 0.0);
  const auto jittered = classifyRateLimit(response, kNow, 0, 0.99);
  BOOST_TEST(first.wait.count() == 60000);
  BOOST_TEST(second.wait.count() == 120000);
  BOOST_TEST(jittered.wait.count() > 60000);
}

BOOST_AUTO_TEST_CASE(plain_forbidden_is_not_a_limit) {
  const auto verdict =
      classifyRateLimit(answer(403, {{"x-ratelimit-remaining", "998"}},
                               R"({"message":"Resource not accessible by integration"})"),
                        kNow, 0, 0.5);
  BOOST_TEST(static_cast<int>(verdict.kind) == static_cast<int>(LimitKind::None));
  BOOST_TEST(static_cast<int>(classifyRateLimit(answer(200, {}), kNow, 0, 0.5).kind) ==
             static_cast<int>(LimitKind::None));
}

BOOST_AUTO_TEST_SUITE_END()
