// Smoke tests (INTERFACE §3, §6): declarative HTTP requests and commands, a receipt row each.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/deploy_record.hpp"
#include "core/manifest.hpp"
#include "core/ports/http_client.hpp"
#include "core/ports/process_runner.hpp"
#include "core/secret_masker.hpp"

namespace fd {

struct SmokeOutcome {
  bool passed = true;
  std::vector<SmokeRow> rows;
};

// Runs a command smoke test; the pipeline supplies one that streams, masks and sets DEPLOY_*.
using SmokeCommandRunner =
    std::function<CommandResult(const std::string& name, const std::string& command)>;

// With a `masker`, what the app answers (a redirect's Location) is masked before it is cut for the
// notes; the pipeline passes its own.
SmokeOutcome runSmokeTests(const std::vector<SmokeTest>& tests, const std::string& baseUrl,
                           HttpClient& http, const SmokeCommandRunner& runCommand,
                           const SecretMasker* masker = nullptr);

}  // namespace fd
