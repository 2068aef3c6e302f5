// `status`'s "health now": one GET of an environment's health URL with a short timeout, no
// retries (a deploy's verification retries; a status answer must come back quickly).
#pragma once

#include <optional>
#include <string>

#include "core/manifest.hpp"
#include "core/ports/http_client.hpp"

namespace fd {

// The longest a status request waits for one environment's answer.
inline constexpr int kHealthNowTimeoutS = 5;

struct HealthNow {
  std::string url;         // without credentials; empty when the manifest has none
  std::string state;       // healthy / unhealthy / unreachable / not configured
  std::string httpStatus;  // "200", or the failure ("connection refused", "timeout")
  std::optional<long long> responseMs;
  std::string detail;  // why unhealthy: "expected 200", "version a1b2c3d, expected b2c3d4e"
};

// `liveSha`: what the ledger says is live (checked against the body's `version` when the
// manifest's health_check.expect_version is set); empty when nothing is.
HealthNow checkHealthNow(HttpClient& http, const EnvConfig& env, const std::string& liveSha);

}  // namespace fd
