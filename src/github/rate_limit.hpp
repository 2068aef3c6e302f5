// Reading GitHub's rate-limit answers: how long to wait, and until when.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/ports/http_client.hpp"

namespace fd::github {

enum class LimitKind { None, Primary, Secondary };

struct RateLimitVerdict {
  LimitKind kind = LimitKind::None;
  std::chrono::milliseconds wait{0};
  std::optional<std::chrono::system_clock::time_point> resetAt;  // primary: x-ratelimit-reset
  std::string why;  // "primary rate limit exhausted", "retry-after 30s", ...
};

// A 403/429 with `x-ratelimit-remaining: 0` is the primary limit (wait until
// `x-ratelimit-reset`); one with `retry-after`, a "secondary rate limit" message, or a bare 429
// is a secondary limit (wait retry-after, else at least 60 s doubling with each hit).
// `jitter` in [0, 1) spreads the headerless waits so parallel jobs do not retry in step.
RateLimitVerdict classifyRateLimit(const HttpResponse& response,
                                   std::chrono::system_clock::time_point now, int secondaryHits,
                                   double jitter);

// "2026-04-03T21:30:05Z"
std::string isoTime(std::chrono::system_clock::time_point time);

}  // namespace fd::github
