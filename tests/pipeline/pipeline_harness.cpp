#include "pipeline/pipeline_harness.hpp"

#include <algorithm>

namespace fd::test {

namespace {

const char* const kManifest = R"({
  "platform": "fly.io",
  "project_name": "shop",
  "health_check_path": "/health",
  "health_check": {"timeout_s": 10, "interval_s": 1, "expect_version": true},
  "environments": {
    "alpha":   {"app_name": "shop-alpha", "region": "iad", "deploy_command": "deploy alpha",
                "url": "https://shop-alpha.example.test"},
    "staging": {"app_name": "shop-staging", "region": "iad", "deploy_command": "deploy staging",
                "url": "https://shop-staging.example.test"},
    "prod":    {"app_name": "shop", "region": "iad", "deploy_command": "deploy prod",
                "url": "https://shop.example.test"}
  },
  "rollback_command": "rollback {app_name}",
  "ci_check_command": "ci-check"
})";

}  // namespace

PipelineHarness::PipelineHarness() {
  put(".factory/deploy-config.json", kManifest);
  put(".git/HEAD", "ref: refs/heads/main\n");  // the working directory exists (FakeFileSystem)
  git.headSha = kSha;
  http.handler = [this](const HttpRequest& request) -> Result<HttpResponse> {
    HttpResponse response;
    response.status = healthyAfterRollback && processes.ran("rollback") ? 200 : healthStatus;
    response.body = request.url.find("/health") != std::string::npos
                        ? R"({"status":"ok","version":")" + healthVersion + R"("})"
                        : "ok";
    return response;
  };
}

int PipelineHarness::run(std::vector<std::string> args) {
  World world{fs, processes, http, clock, env, console, random, forwardingOpener(git), kRoot};
  return runFactoryDeploy(world, args);
}

std::string PipelineHarness::file(const std::string& relative) const {
  const auto found = fs.files.find(kRoot + "/" + relative);
  return found == fs.files.end() ? "" : found->second;
}

void PipelineHarness::writeReports(const std::string& qaStatus, const std::string& securityStatus,
                                   const std::string& tested) {
  put("QA-REPORT.md", "# QA\n\n## Summary\n- **Overall status**: " + qaStatus +
                          "\n- **Tested commit**: " + tested.substr(0, 7) + "\n");
  put("SECURITY.md", "# Security\n\n## Summary\n- Overall status: " + securityStatus +
                         "\n- Tested commit: " + tested.substr(0, 7) + "\n");
}

void PipelineHarness::ledgerSuccess(const std::string& environment, const std::string& sha) {
  fs.files[kRoot + "/.factory/deployments.jsonl"] +=
      R"({"environment":")" + environment + R"(","sha":")" + sha +
      R"(","status":"SUCCESS","time":"2026-04-03T20:00:00Z","receipt":"DEPLOY-RECEIPT.md"})" + "\n";
}

void PipelineHarness::addToManifest(const std::string& members) {
  std::string manifest = file(".factory/deploy-config.json");
  const std::string anchor = "\"ci_check_command\"";
  manifest.insert(manifest.find(anchor), members + "\n  ");
  put(".factory/deploy-config.json", manifest);
}

void PipelineHarness::reportLive(const std::string& version) {
  if (file(".factory/deploy-config.json").find("current_version_command") == std::string::npos) {
    addToManifest(R"("current_version_command": "current-version",)");
  }
  auto& rules = processes.rules;
  rules.erase(std::remove_if(rules.begin(), rules.end(),
                             [](const auto& rule) { return rule.contains == "current-version"; }),
              rules.end());
  processes.on("current-version", version.empty() ? 1 : 0,
               version.empty() ? std::vector<std::string>{"platform API unreachable"}
                               : std::vector<std::string>{version});
  std::rotate(rules.rbegin(), rules.rbegin() + 1, rules.rend());  // first match wins
}

}  // namespace fd::test
