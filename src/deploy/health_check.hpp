// Post-deploy health check (INTERFACE §6): exact status, retries until the deadline.
#pragma once

#include <string>
#include <vector>

#include "core/deploy_record.hpp"
#include "core/manifest.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/http_client.hpp"
#include "core/ports/log.hpp"
#include "core/secret_masker.hpp"

namespace fd {

struct HealthRequest {
  std::string baseUrl;  // manifest url
  std::string path;     // health_check_path
  HealthCheckConfig config;
  std::string expectedSha;  // full; used when config.expectVersion
  std::string label;        // "" or "after rollback", added to the rows' notes
  // When set, what the app answers (a redirect's Location) is masked before it is cut for the
  // rows and the log. The pipeline passes its masker; it must outlive checkHealth().
  const SecretMasker* masker = nullptr;
};

struct HealthOutcome {
  bool healthy = false;
  std::vector<HealthRow> rows;  // one per attempt, runs of identical failures summarised
  std::string reason;           // why unhealthy, one line
};

HealthOutcome checkHealth(const HealthRequest& request, HttpClient& http, Clock& clock, Log& log);

}  // namespace fd
