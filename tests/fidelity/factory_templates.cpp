#include "fidelity/factory_templates.hpp"

namespace fd::test::factory {

namespace {

std::string environment(const std::string& name, const std::string& app, const std::string& file,
                        const std::string& url) {
  return "    \"" + name + "\": {\n      \"app_name\": \"" + app +
         "\",\n      \"region\": \"iad\",\n      \"config_file\": \"" + file +
         "\",\n      \"deploy_command\": \"fly deploy -c " + file + "\",\n      \"url\": \"" + url +
         "\"\n    }";
}

std::string title(const char* kind, const Report& report) {
  if (report.title == Title::Versioned) {
    return std::string("# ") + kind + " -- " + report.version + " -- 2026-04-06\n";
  }
  return std::string("# ") + kind + " — 2026-04-06\n";
}

std::string sprintScope(const Report& report) {
  if (report.sprint == 0) return "";
  return "## Sprint Scope\n\n- **Sprint**: " + std::to_string(report.sprint) +
         " of 3\n- **Tasks**: T-" + std::to_string(report.sprint) + "1, T-" +
         std::to_string(report.sprint) +
         "2\n- **Files changed**: 7 files across 2 domains\n- **Pre-sprint commit**: " +
         report.preSprintCommit + "\n- **Post-sprint commit**: " + report.postSprintCommit + "\n\n";
}

// The report around its Summary: the sprint scope first or after it, as a run may write it.
std::string assemble(const char* kind, const Report& report, const std::string& summary,
                     const std::string& body) {
  const std::string scope = sprintScope(report);
  return title(kind, report) + "\n" + (report.scopeFirst ? scope : "") + summary + "\n" +
         (report.scopeFirst ? "" : scope) + body;
}

}  // namespace

std::string setupManifest(const std::string& baseUrl, const std::string& rollbackCommand,
                          const std::string& extra) {
  return "{\n  \"platform\": \"fly.io\",\n  \"project_name\": \"shop\",\n  \"internal_port\": "
         "8080,\n  \"health_check_path\": \"/health\",\n" +
         extra + "  \"environments\": {\n" +
         environment("alpha", "shop-alpha", "fly.alpha.toml", baseUrl) + ",\n" +
         environment("staging", "shop-staging", "fly.staging.toml", baseUrl) + ",\n" +
         environment("prod", "shop", "fly.toml", baseUrl) + "\n  },\n  \"rollback_command\": \"" +
         rollbackCommand + "\",\n  \"secrets_command\": \"fly secrets list --app {app_name}\"\n}\n";
}

std::string releaseManifest(const std::string& url) {
  return R"({
  "platform": "github-pages+marketplace",
  "project_name": "toolkit",
  "environments": {
    "prod": {
      "app_name": "toolkit",
      "region": "global",
      "deploy_workflow": ".github/workflows/release.yml",
      "deploy_actions": {
        "tag": "gh workflow run release.yml -f version=X.Y.Z -f action=tag",
        "publish": "gh workflow run release.yml -f version=X.Y.Z -f action=publish",
        "rollback": "gh workflow run release.yml -f version=X.Y.Z -f action=rollback"
      },
      "url": ")" +
         url + R"(",
      "marketplace_install": "/plugin marketplace add example/toolkit"
    }
  },
  "health_check": "GitHub Pages serves the site with 200",
  "version_source": ".claude-plugin/plugin.json",
  "marketplace_source": ".claude-plugin/marketplace.json",
  "notes": "Released as a tagged version, not a running service. No alpha or staging."
}
)";
}

std::vector<std::pair<std::string, std::string>> setupScaffold() {
  const auto fly = [](const std::string& app, int minMachines, const char* interval) {
    return "app = \"" + app +
           "\"\nprimary_region = \"iad\"\n\n[build]\n\n[http_service]\n  internal_port = 8080\n"
           "  force_https = true\n  auto_stop_machines = \"stop\"\n  auto_start_machines = true\n"
           "  min_machines_running = " +
           std::to_string(minMachines) +
           "\n\n[[vm]]\n  size = \"shared-cpu-1x\"\n  memory = \"256mb\"\n\n[checks]\n"
           "  [checks.health]\n    type = \"http\"\n    port = 8080\n    path = \"/health\"\n"
           "    interval = \"" +
           interval + "\"\n    timeout = \"5s\"\n";
  };
  return {
      {"fly.toml", fly("shop", 1, "15s")},
      {"fly.alpha.toml", fly("shop-alpha", 0, "30s")},
      {"fly.staging.toml", fly("shop-staging", 1, "15s")},
      {"Dockerfile",
       "FROM debian:12-slim AS builder\nCOPY . /src\nFROM debian:12-slim\n"
       "COPY --from=builder /src/app /app\nCMD [\"/app/serve\"]\n"},
      {".github/workflows/ci.yml",
       "name: CI\n\non:\n  push:\n    branches: [main]\n  pull_request:\n    branches: [main]\n\n"
       "jobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: "
       "actions/checkout@v4\n      - name: Test\n        run: make test\n"},
      {"app/serve", "#!/bin/sh\necho serving\n"},
  };
}

std::string qaReport(const Report& report) {
  const std::string summary = "## Summary\n\n- **Overall status**: " + report.status +
                              "\n- **Tested commit**: " + report.testedCommit +
                              "\n- **Coverage**: 94% line, 88% branch, 97% function\n"
                              "- **Acceptance criteria**: 11/12 passing\n"
                              "- **Test quality**: assertions check behaviour; two flaky "
                              "integration tests quarantined\n";
  const std::string body =
      "## Coverage by Domain\n\n| Domain | Lines | Branches | Functions | Gaps |\n"
      "|--------|-------|----------|-----------|------|\n"
      "| orders | 96% | 90% | 100% | refund edge cases |\n"
      "| catalog | 91% | 85% | 94% | image upload errors |\n\n"
      "## Acceptance Criteria\n\n| Criterion | Test(s) | Status | Notes |\n"
      "|-----------|---------|--------|-------|\n"
      "| Orders can be placed | tests/orders_test.py:test_place | PASS | |\n"
      "| Refunds within 30 days | tests/orders_test.py:test_refund | FAIL | off by one day |\n"
      "| Catalog search | — | MISSING | manual check documented |\n\n"
      "## Issues Found\n\n### Critical\n\nNone.\n\n### Major\n\n"
      "- Refund window is 29 days, not 30 (tests/orders_test.py:test_refund).\n\n"
      "### Minor\n\n- Search ranking ignores accents.\n\n"
      "## Test Quality Assessment\n\n- **Assertion quality**: good\n"
      "- **Edge case coverage**: boundaries covered\n- **Error path coverage**: 80%\n"
      "- **Integration test isolation**: yes\n- **Mutation score**: not measured\n\n"
      "## Regression\n\n- **Previously passing tests now failing**: none\n"
      "- **Coverage delta**: +2% line\n\n"
      "## Recommendations\n\n1. Fix the refund window before the next release.\n";
  return assemble("QA Report", report, summary, body);
}

std::string qaFailureReport(const std::string& testedCommit) {
  return "# QA Report — 2026-04-06\n\nstatus: failed\n\n## Summary\n\n"
         "- **Overall status**: FAIL\n- **Tested commit**: " +
         testedCommit +
         "\n- **Coverage**: not measured (the test suite did not run)\n"
         "- **Acceptance criteria**: 0/12 passing\n- **Test quality**: not assessed\n\n"
         "## Issues Found\n\n### Critical\n\n- `make test` fails to compile: missing module "
         "orders.refunds.\n";
}

std::string securityReport(const Report& report) {
  const std::string summary = "## Summary\n\n- **Overall status**: " + report.status +
                              "\n- **Tested commit**: " + report.testedCommit +
                              "\n- **Critical findings**: 0\n- **High findings**: 1\n"
                              "- **Medium findings**: 2\n- **Low findings**: 3\n";
  const std::string body =
      "## Dependency Audit\n\n| Package | Vulnerability   | Severity                     | "
      "Remediation |\n|---------|-----------------|------------------------------|-------------|\n"
      "| requests | GHSA-9wx4-h78v-vm56 | MED | upgrade to 2.32.0 |\n\n"
      "## Static Analysis Findings\n\n| File   | Line   | Issue           | Severity "
      "                   | Fix              |\n|--------|--------|-----------------|------------"
      "-----------------|------------------|\n"
      "| app/orders.py | 42 | SQL built with format() | HIGH | use bound parameters |\n\n"
      "## Threat Model\n\n### Orders\n\n| Surface              | Threat                        | "
      "Risk    | Mitigation   | Status     |\n|----------------------|------------------------"
      "-------|---------|--------------|------------|\n"
      "| POST /orders | Tampering: price in the request | H | server-side prices | Mitigated |\n\n"
      "## Auth Review\n\nSessions expire after 30 minutes; no findings.\n\n"
      "## Secrets Management\n\nNo secrets in the tree or the history.\n\n"
      "## Deployment Blockers\n\nNo deployment blockers.\n\n"
      "## Recommendations\n\n- Rotate the staging database password quarterly.\n";
  return assemble("Security Report", report, summary, body);
}

std::string unfilledQaTemplate() {
  return "# QA Report — [Date]\n\n## Summary\n\n"
         "- **Overall status**: PASS / FAIL / PASS WITH WARNINGS\n"
         "- **Tested commit**: [output of `git rev-parse HEAD`]\n"
         "- **Coverage**: X% line, Y% branch, Z% function\n"
         "- **Acceptance criteria**: N/M passing\n"
         "- **Test quality**: [Brief assessment]\n";
}

std::string factoryState(const std::string& preSprintCommit, const std::string& postSprintCommit) {
  return R"({
  "pipeline": "factory",
  "project_name": "shop",
  "started_at": "2026-04-01T09:00:00Z",
  "current_phase": "idle",
  "phases": {
    "spec": {"status": "completed", "started_at": "2026-04-01T09:00:00Z",
             "completed_at": "2026-04-01T10:00:00Z", "outputs": ["SPEC.md"]},
    "setup": {"status": "completed", "started_at": "2026-04-01T10:05:00Z",
              "completed_at": "2026-04-01T10:40:00Z",
              "outputs": ["fly.toml", "fly.alpha.toml", "fly.staging.toml", "Dockerfile",
                          ".github/workflows/ci.yml", ".github/workflows/deploy.yml",
                          ".factory/deploy-config.json"]},
    "build": {"status": "completed", "started_at": "2026-04-02T08:00:00Z",
              "completed_at": "2026-04-05T18:00:00Z",
              "sprints": {"total": 2, "current": 2, "completed": [
                {"number": 1, "started_at": "2026-04-02T08:00:00Z",
                 "completed_at": "2026-04-03T18:00:00Z", "tasks_merged": 4,
                 "pre_sprint_commit": ")" +
         preSprintCommit + R"(", "post_sprint_commit": ")" + postSprintCommit + R"(",
                 "checkpoint": {"qa": {"status": "passed", "report": "QA-REPORT-sprint-1.md"},
                                "security": {"status": "clear", "report": null}}}]}},
    "qa": {"status": "completed", "started_at": "2026-04-06T09:00:00Z",
           "completed_at": "2026-04-06T10:00:00Z", "outputs": ["QA-REPORT.md"]},
    "security": {"status": "completed", "started_at": "2026-04-06T10:05:00Z",
                 "completed_at": "2026-04-06T11:00:00Z", "outputs": ["SECURITY.md"]}
  },
  "resets": []
}
)";
}

std::string factorySettings(const std::string& stateFilePath) {
  std::string global = R"("onboarding_shown": true, "open_report": false)";
  if (!stateFilePath.empty()) global += R"(, "state_file_path": ")" + stateFilePath + "\"";
  return "{\n  \"global\": {" + global +
         "},\n  \"qa\": {\"edge_case_hunting\": \"full\"},\n"
         "  \"deploy\": {\"auto_archive_receipts\": true}\n}\n";
}

std::string pluginReceipt(const std::string& deployedAt, const std::string& shortSha) {
  return "# Deployment Receipt -- 2026-04-03\n\n## Deployment\n\n- **Status**: SUCCESS\n"
         "- **Version**: v0.3.0 (" +
         shortSha +
         ")\n- **Previous version**: v0.2.0 (c074ced)\n- **Environment**: alpha\n"
         "- **Platform**: Fly.io\n- **Deployed at**: " +
         deployedAt +
         "\n\n## Gate Checks\n\n| Gate | Required | Status | Notes |\n"
         "|------|----------|--------|-------|\n| QA Report | NO | SKIPPED | alpha |\n";
}

}  // namespace fd::test::factory
