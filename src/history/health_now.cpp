#include "history/health_now.hpp"

#include <algorithm>

#include "deploy/http_failure.hpp"
#include "deploy/reported_version.hpp"
#include "deploy/url_join.hpp"

namespace fd {

namespace {

constexpr std::size_t kMaxBody = 64 << 10;

}  // namespace

HealthNow checkHealthNow(HttpClient& http, const EnvConfig& env, const std::string& liveSha) {
  HealthNow health;
  if (env.url.empty() || env.healthCheckPath.empty()) {
    health.state = "not configured";
    health.detail = "the manifest has no url and health_check_path for " + env.name;
    return health;
  }
  HttpRequest request;
  request.url = joinUrl(env.url, env.healthCheckPath);
  health.url = withoutCredentials(request.url);
  const int timeoutS = std::clamp(env.healthCheck.timeoutS, 1, kHealthNowTimeoutS);
  request.timeout = std::chrono::seconds(timeoutS);
  request.maxBodyBytes = kMaxBody;
  const Result<HttpResponse> response = http.send(request);
  if (!response) {
    health.state = "unreachable";
    health.httpStatus = httpFailureStatus(response.error());
    health.detail = httpFailureDetail(response.error());
    return health;
  }
  health.httpStatus = std::to_string(response->status);
  health.responseMs = response->elapsed.count();
  const int expected = env.healthCheck.expectedStatus;
  if (response->status != expected) {
    health.state = "unhealthy";
    health.detail = "expected " + std::to_string(expected);
    return health;
  }
  if (env.healthCheck.expectVersion && !liveSha.empty()) {
    if (auto mismatch = versionMismatch(response->body, liveSha)) {
      health.state = "unhealthy";
      health.detail = *mismatch;
      return health;
    }
  }
  health.state = "healthy";
  return health;
}

}  // namespace fd
