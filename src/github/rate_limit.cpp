#include "github/rate_limit.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>

namespace fd::github {

namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr seconds kSecondaryFloor{60};
constexpr seconds kSecondaryCap{15 * 60};

std::optional<long long> integerHeader(const HttpResponse& response, const char* name) {
  const auto value = response.header(name);
  if (!value || value->empty()) return std::nullopt;
  long long number = 0;
  for (const char c : *value) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    if (number > 1'000'000'000'000LL) return std::nullopt;
    number = number * 10 + (c - '0');
  }
  return number;
}

bool mentionsSecondaryLimit(const std::string& body) {
  std::string lower(body.substr(0, 4096));
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower.find("secondary rate limit") != std::string::npos ||
         lower.find("abuse detection") != std::string::npos;
}

RateLimitVerdict primary(const HttpResponse& response, std::chrono::system_clock::time_point now) {
  RateLimitVerdict verdict;
  verdict.kind = LimitKind::Primary;
  verdict.why = "primary rate limit exhausted";
  const auto reset = integerHeader(response, "x-ratelimit-reset");
  if (!reset) {
    verdict.wait = kSecondaryFloor;  // no reset time given: treat like an unspecified limit
    return verdict;
  }
  verdict.resetAt = std::chrono::system_clock::time_point(seconds(*reset));
  const auto untilReset = std::chrono::duration_cast<milliseconds>(*verdict.resetAt - now);
  verdict.wait = std::max(milliseconds(0), untilReset) + seconds(1);  // the reset is rounded down
  return verdict;
}

RateLimitVerdict secondary(const HttpResponse& response, int hits, double jitter) {
  RateLimitVerdict verdict;
  verdict.kind = LimitKind::Secondary;
  if (const auto after = integerHeader(response, "retry-after")) {
    verdict.wait = seconds(*after);
    verdict.why = "secondary rate limit (retry-after " + std::to_string(*after) + "s)";
    return verdict;
  }
  const int doublings = std::clamp(hits, 0, 4);
  const auto base = std::min<milliseconds>(kSecondaryFloor * (1 << doublings), kSecondaryCap);
  verdict.wait = base + milliseconds(static_cast<long long>(static_cast<double>(base.count()) *
                                                            0.25 * std::clamp(jitter, 0.0, 1.0)));
  verdict.why = "secondary rate limit";
  return verdict;
}

}  // namespace

RateLimitVerdict classifyRateLimit(const HttpResponse& response,
                                   std::chrono::system_clock::time_point now, int secondaryHits,
                                   double jitter) {
  if (response.status != 403 && response.status != 429) return {};
  const auto remaining = integerHeader(response, "x-ratelimit-remaining");
  const bool hasRetryAfter = response.header("retry-after").has_value();
  if (remaining && *remaining == 0 && !hasRetryAfter) return primary(response, now);
  if (hasRetryAfter || response.status == 429 || mentionsSecondaryLimit(response.body)) {
    return secondary(response, secondaryHits, jitter);
  }
  return {};  // a plain 403: permissions, not a limit
}

std::string isoTime(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

}  // namespace fd::github
