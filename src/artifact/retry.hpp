// The toolkit's retry rule for the artifact service: up to 5 attempts, 3 s × 1.5ⁿ jittered.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/ports/clock.hpp"
#include "core/ports/http_client.hpp"
#include "core/ports/log.hpp"
#include "core/ports/random.hpp"
#include "core/result.hpp"

namespace fd {

struct RetryPolicy {
  int maxAttempts = 5;
  std::chrono::milliseconds base{3000};
  double multiplier = 1.5;
};

// Wait after failed attempt `attempt` (0-based): the base, then uniform in [base·mⁿ, base·mⁿ⁺¹)
// picked by `unit` in [0, 1).
std::chrono::milliseconds retryDelay(const RetryPolicy& policy, int attempt, double unit);

// Why a response deserves another attempt ("http 503", "not JSON"), or nullopt when it is final.
using RetryReason = std::function<std::optional<std::string>(const HttpResponse&)>;

struct RetryingSender {
  HttpClient& http;
  Clock& clock;
  Random& random;
  Log* log = nullptr;  // told about every retry; may be null
  RetryPolicy policy;

  // Sends until a response is final (whatever its status) or the attempts run out. Transient
  // transport errors (Unavailable, DeadlineExceeded) are retried too. Errors: Unavailable after
  // the last attempt, Cancelled, or the transport's own non-transient error. `what` names the
  // call in messages; the request's query (a signature) never appears in them.
  Result<HttpResponse> send(std::string_view what, const HttpRequest& request,
                            const RetryReason& retryReason) const;
};

// `url` without its query: safe to print for a signed URL.
std::string withoutQuery(std::string_view url);

}  // namespace fd
