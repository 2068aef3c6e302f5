#include "artifact/retry.hpp"

#include <cmath>

namespace fd {

namespace {

bool transient(ErrorCode code) {
  return code == ErrorCode::Unavailable || code == ErrorCode::DeadlineExceeded;
}

std::string redact(std::string message, const std::string& url) {
  const std::string safe = withoutQuery(url);
  if (safe == url) return message;
  for (std::size_t at = message.find(url); at != std::string::npos; at = message.find(url, at)) {
    message.replace(at, url.size(), safe);
    at += safe.size();
  }
  return message;
}

}  // namespace

std::chrono::milliseconds retryDelay(const RetryPolicy& policy, int attempt, double unit) {
  if (attempt <= 0) return policy.base;
  const double low =
      static_cast<double>(policy.base.count()) * std::pow(policy.multiplier, attempt);
  const double high = low * policy.multiplier;
  return std::chrono::milliseconds(static_cast<long long>(low + unit * (high - low)));
}

std::string withoutQuery(std::string_view url) { return std::string(url.substr(0, url.find('?'))); }

Result<HttpResponse> RetryingSender::send(std::string_view what, const HttpRequest& request,
                                          const RetryReason& retryReason) const {
  std::string failure;
  for (int attempt = 0; attempt < policy.maxAttempts; ++attempt) {
    Result<HttpResponse> response = http.send(request);
    if (!response && !transient(response.code())) {
      return makeError(response.code(),
                       std::string(what) + ": " + redact(response.message(), request.url));
    }
    if (response) {
      const std::optional<std::string> reason = retryReason(*response);
      if (!reason) return response;
      failure = *reason;
    } else {
      failure = redact(response.message(), request.url);
    }
    if (attempt + 1 == policy.maxAttempts) break;
    const auto delay = retryDelay(policy, attempt, random.unit());
    if (log != nullptr) {
      log->info(std::string(what) + ": attempt " + std::to_string(attempt + 1) + " of " +
                std::to_string(policy.maxAttempts) + " failed (" + failure + "); retrying in " +
                std::to_string(delay.count()) + " ms");
    }
    if (!clock.sleepFor(delay)) {
      return makeError(ErrorCode::Cancelled, std::string(what) + ": cancelled while retrying");
    }
  }
  return makeError(ErrorCode::Unavailable, std::string(what) + ": failed after " +
                                               std::to_string(policy.maxAttempts) +
                                               " attempts: " + failure);
}

}  // namespace fd
