#include "deploy/health_check.hpp"

#include <algorithm>
#include <chrono>

#include "core/cancellation.hpp"
#include "deploy/excerpt.hpp"
#include "deploy/health_rows.hpp"
#include "deploy/http_failure.hpp"
#include "deploy/reported_version.hpp"
#include "deploy/url_join.hpp"

namespace fd {

namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// One attempt never waits longer than this, so a hanging app still gets several tries.
constexpr milliseconds kMaxAttemptTimeout = seconds(10);
constexpr std::size_t kMaxHealthBody = 1 << 20;

HealthAttempt judgeError(const Error& error) {
  HealthAttempt attempt;
  attempt.status = httpFailureStatus(error);
  attempt.detail = httpFailureDetail(error);
  return attempt;
}

// Text from the app as the rows show it: masked first, so the cut cannot split a secret.
std::string shown(const std::string& text, const HealthRequest& request) {
  return excerpt(request.masker != nullptr ? request.masker->mask(text) : text);
}

HealthAttempt judgeResponse(const HttpResponse& response, const HealthRequest& request) {
  HealthAttempt attempt;
  attempt.status = std::to_string(response.status);
  attempt.ms = response.elapsed.count();
  if (response.status != request.config.expectedStatus) {
    if (response.status >= 300 && response.status < 400) {
      const auto location = response.header("Location");
      attempt.detail = "redirect to " + (location ? shown(*location, request) : "(no Location)") +
                       ", not followed";
    }
    return attempt;
  }
  if (request.config.expectVersion) {
    if (auto mismatch = versionMismatch(response.body, request.expectedSha)) {
      attempt.detail = *mismatch;
      return attempt;
    }
  }
  attempt.passed = true;
  return attempt;
}

std::string describeAttempt(const HealthAttempt& attempt) {
  std::string text = attempt.status;
  if (attempt.ms) text += " in " + std::to_string(*attempt.ms) + " ms";
  if (!attempt.detail.empty()) text += " (" + attempt.detail + ")";
  return text;
}

class HealthProbe {
 public:
  HealthProbe(const HealthRequest& request, HttpClient& http, Clock& clock, Log& log)
      : request_(request),
        url_(joinUrl(request.baseUrl, request.path)),
        shownUrl_(withoutCredentials(url_)),
        endpoint_(request.path.empty() ? "/" : request.path),
        expected_(std::to_string(request.config.expectedStatus)),
        http_(http),
        clock_(clock),
        log_(log),
        rows_(endpoint_, expected_, request.label) {}

  HealthOutcome run() {
    const HealthCheckConfig& config = request_.config;
    log_.info(
        "health check " + shownUrl_ + ": expecting " + expected_ +
        (config.successes > 1 ? " " + std::to_string(config.successes) + " times in a row" : "") +
        " within " + std::to_string(budget().count()) + "s" + labelSuffix());
    if (config.initialDelayS > 0) {
      log_.info("waiting " + std::to_string(config.initialDelayS) + "s before the first attempt");
      if (!clock_.sleepFor(seconds(config.initialDelayS))) return cancelled();
    }
    const auto deadline = clock_.steady() + budget();
    const milliseconds interval = seconds(std::max(1, config.intervalS));
    int consecutive = 0;
    for (int number = 1;; ++number) {
      if (Cancellation::requested()) return cancelled();
      const auto started = clock_.steady();
      const auto left = std::chrono::duration_cast<milliseconds>(deadline - started);
      const HealthAttempt attempt = probe(number, std::min(left, kMaxAttemptTimeout));
      consecutive = attempt.passed ? consecutive + 1 : 0;
      if (consecutive >= std::max(1, config.successes)) return healthy();
      if (attempt.status == "invalid URL") return unhealthy(attempt, consecutive, number);
      const auto next = started + interval;
      // From now, not from the schedule: an attempt that hung to the deadline leaves no time.
      if (std::max(next, clock_.steady()) >= deadline) {
        return unhealthy(attempt, consecutive, number);
      }
      const auto now = clock_.steady();
      // Rounded up: sleeping a hair short would squeeze in one attempt too many.
      if (next > now && !clock_.sleepFor(std::chrono::ceil<milliseconds>(next - now))) {
        return cancelled();
      }
    }
  }

 private:
  seconds budget() const { return seconds(std::max(1, request_.config.timeoutS)); }

  std::string labelSuffix() const {
    return request_.label.empty() ? "" : " (" + request_.label + ")";
  }

  HealthAttempt probe(int number, milliseconds timeout) {
    HttpRequest httpRequest;
    httpRequest.url = url_;
    httpRequest.timeout = std::max(timeout, milliseconds(1));
    httpRequest.maxBodyBytes = kMaxHealthBody;
    const Result<HttpResponse> response = http_.send(httpRequest);
    HealthAttempt attempt =
        response.ok() ? judgeResponse(response.value(), request_) : judgeError(response.error());
    attempt.number = number;
    rows_.add(attempt);
    log_.info("health check attempt " + std::to_string(number) + ": " + describeAttempt(attempt) +
              (attempt.passed ? "" : ", expected " + expected_) + labelSuffix());
    return attempt;
  }

  HealthOutcome healthy() {
    log_.info("health check passed: " + shownUrl_ + labelSuffix());
    return HealthOutcome{true, rows_.rows(), ""};
  }

  HealthOutcome unhealthy(const HealthAttempt& last, int consecutive, int attempts) {
    std::string reason = endpoint_ + " did not return " + expected_;
    if (request_.config.expectVersion) reason += " with version " + shortSha(request_.expectedSha);
    if (request_.config.successes > 1) {
      reason += " " + std::to_string(request_.config.successes) + " times in a row";
    }
    reason += " within " + std::to_string(budget().count()) + "s (" + std::to_string(attempts) +
              (attempts == 1 ? " attempt" : " attempts") + "); last: " + describeAttempt(last);
    if (last.passed) {
      reason += ", only " + std::to_string(consecutive) + " consecutive successes";
    }
    log_.info("health check failed: " + reason + labelSuffix());
    return HealthOutcome{false, rows_.rows(), reason};
  }

  HealthOutcome cancelled() {
    log_.info("health check cancelled" + labelSuffix());
    return HealthOutcome{false, rows_.rows(), "cancelled during the health check"};
  }

  const HealthRequest& request_;
  std::string url_;
  std::string shownUrl_;  // for the log
  std::string endpoint_;
  std::string expected_;
  HttpClient& http_;
  Clock& clock_;
  Log& log_;
  HealthRows rows_;
};

}  // namespace

HealthOutcome checkHealth(const HealthRequest& request, HttpClient& http, Clock& clock, Log& log) {
  return HealthProbe(request, http, clock, log).run();
}

}  // namespace fd
