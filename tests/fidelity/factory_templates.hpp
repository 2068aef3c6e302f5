// The files the factory plugin's skills write, rendered from their templates (whalbawi/factory:
// skills/setup/SKILL.md step 4g, skills/qa/SKILL.md, skills/security/SKILL.md, the global
// reference's state tracking, specs/SPEC-settings.md) the way a run of each skill fills them in.
// Written for this project from the templates; nothing here is copied from the plugin's files.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace fd::test::factory {

// /setup step 4g with {app} = "shop". The template's https://{app}*.fly.dev URLs point at
// `baseUrl` (a loopback server): "Adjust region, port, and URLs based on what the spec requires".
// `rollbackCommand` defaults to the template's; `extra` is inserted as more top-level members
// (each ending with a comma) for the tests that need one.
std::string setupManifest(const std::string& baseUrl,
                          const std::string& rollbackCommand =
                              "fly releases rollback --app "
                              "{app_name}",
                          const std::string& extra = "");

// The plugin repository's own manifest shape (a tagged release, not a service): no alpha or
// staging, deploy_actions instead of deploy_command, "health_check" as free text, extra keys.
std::string releaseManifest(const std::string& url);

// The other files step 3/4 scaffolds (fly.*.toml, Dockerfile, workflows), path → content.
std::vector<std::pair<std::string, std::string>> setupScaffold();

// How the title line reads: the template's "# QA Report — [Date]" or the plugin repository's
// own "# QA Report -- v0.17.0 -- 2026-04-06".
enum class Title { Template, Versioned };

struct Report {
  Report(std::string overall, std::string tested, Title form = Title::Template,
         std::string release = "v0.17.0")
      : status(std::move(overall)),
        testedCommit(std::move(tested)),
        title(form),
        version(std::move(release)) {}

  std::string status;        // the Overall status value, as written
  std::string testedCommit;  // the Tested commit value, as written
  Title title = Title::Template;
  std::string version = "v0.17.0";
  int sprint = 0;               // > 0: a sprint-scoped report with a ## Sprint Scope section
  bool scopeFirst = false;      // the Sprint Scope section before the Summary
  std::string preSprintCommit;  // for the Sprint Scope section
  std::string postSprintCommit;
};

// QA-REPORT.md per the /qa template: Summary, Coverage by Domain, Acceptance Criteria (PASS /
// FAIL / MISSING rows), Issues Found, Test Quality Assessment, Regression, Recommendations.
std::string qaReport(const Report& report);
// The failure output /qa promises ("QA-REPORT.md with `status: failed` + findings").
std::string qaFailureReport(const std::string& testedCommit);
// SECURITY.md per the /security template: Summary with the finding counts, Dependency Audit,
// Static Analysis Findings, Threat Model, Auth Review, Secrets Management, Deployment Blockers.
std::string securityReport(const Report& report);
// The template itself, before any run filled it in ("PASS / FAIL / PASS WITH WARNINGS").
std::string unfilledQaTemplate();

// .factory/state.json after /setup, /build (two sprints with checkpoints), /qa and /security,
// as the global reference's state tracking writes it.
std::string factoryState(const std::string& preSprintCommit, const std::string& postSprintCommit);

// .factory/settings.json as /genesis settings writes it; `stateFilePath` non-empty sets
// global.state_file_path.
std::string factorySettings(const std::string& stateFilePath = "");

// A DEPLOY-RECEIPT.md as the plugin's /deploy writes it (the plugin repository's own form).
std::string pluginReceipt(const std::string& deployedAt, const std::string& shortSha);

}  // namespace fd::test::factory
