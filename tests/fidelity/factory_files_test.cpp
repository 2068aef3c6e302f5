// The factory's other files through the binary: the plugin repository's own manifest (12.2), the
// seed's {app-name} (12.4), .factory/state.json against the plugin's state schema and
// global.state_file_path (12.3), and receipts a newcomer can trace from the ledger (12.5).
#include <boost/test/unit_test.hpp>

#include <rapidjson/document.h>

#include <filesystem>

#include "fidelity/factory_project.hpp"

namespace fd::test {

namespace {

std::string localCi() { return "  \"ci_check_command\": \"true\",\n"; }

std::vector<std::string> ledgerLines(const FactoryProject& project) {
  std::vector<std::string> lines;
  const std::string text = project.repo().read(".factory/deployments.jsonl");
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    start = end == std::string::npos ? text.size() : end + 1;
  }
  return lines;
}

std::string member(const std::string& json, const char* name) {
  rapidjson::Document document;
  document.Parse(json.c_str());
  if (!document.IsObject() || !document.HasMember(name) || !document[name].IsString()) return "";
  return document[name].GetString();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(factory_manifest)

BOOST_AUTO_TEST_CASE(the_plugins_own_manifest_loads_and_lists_every_gap_in_one_run) {
  FactoryProject project;
  project.scaffold(factory::releaseManifest(project.url()));
  project.commitPassingReports(project.codeSha.substr(0, 7));
  const ChildRun run = project.deploy({"--environment", "prod", "--confirm", "toolkit"});
  BOOST_TEST(run.exitCode == 2, run.all());
  const std::string display = ".factory/deploy-config.json: ";
  // Both gaps at once (they used to surface one per try), then the warnings with their hints.
  for (const std::string& line :
       {display + "environments.prod.deploy_command: missing (this manifest uses "
                  "\"deploy_actions\", which factory-deploy does not run",
        display + "environments.prod.health_check_path: missing (set it at the top level",
        display + "warning: health_check: a description, not a check factory-deploy can run: kept "
                  "as a note in the receipt",
        display + "warning: version_source: unknown key, ignored",
        display + "warning: environments.prod.marketplace_install: unknown key, ignored"}) {
    BOOST_TEST(contains(run.err, line), line << "\n---\n" << run.err);
  }
  BOOST_TEST(!contains(run.all(), "health_check: expected an object"), run.all());
  const std::string receipt = project.repo().receipt();
  BOOST_TEST(contains(receipt, "- **Status**: FAILED (invalid input)"), receipt);
  BOOST_TEST(contains(receipt, "environments.prod.health_check_path: missing"), receipt);
}

BOOST_AUTO_TEST_CASE(with_what_it_lacks_added_it_deploys_and_the_note_is_in_the_receipt) {
  FactoryProject project;
  std::string manifest = factory::releaseManifest(project.url());
  manifest.replace(manifest.find("\"deploy_workflow\""), 0,
                   "\"deploy_command\": \"fly deploy -c fly.toml\",\n      ");
  manifest.replace(manifest.find("\"health_check\""), 0,
                   "\"health_check_path\": \"/health\",\n  \"ci_check_command\": \"true\",\n  ");
  project.scaffold(manifest);
  project.commitPassingReports(project.codeSha.substr(0, 7));
  const ChildRun run = project.deploy({"--environment", "prod", "--confirm", "toolkit"});
  BOOST_TEST(run.exitCode == 0, run.all() << project.repo().receipt());
  BOOST_TEST(contains(run.all(), "health_check: a description, not a check"), run.all());
  BOOST_TEST(contains(project.repo().receipt(),
                      "health_check in the manifest (a note, not run): GitHub Pages serves the "
                      "site with 200"),
             project.repo().receipt());
}

BOOST_AUTO_TEST_CASE(the_seeds_app_name_placeholder_rolls_prod_back) {
  // The seed's spelling in /setup's Fly.io manifest: the placeholder is accepted and replaced,
  // and `fly releases rollback` (no flyctl command) gives way to the Fly.io built-in rollback.
  FactoryProject project;
  project.breakProdInTheSprint();
  project.scaffold(factory::setupManifest(
      project.url(), "fly releases rollback --app {app-name}",
      localCi() + "  \"health_check\": {\"timeout_s\": 2, \"interval_s\": 1},\n"));
  project.commitPassingReports(project.codeSha.substr(0, 7));
  for (const char* target : {"alpha", "staging"}) {
    BOOST_REQUIRE(project.deploy({"--environment", target}).exitCode == 0);
  }
  const ChildRun run = project.deploy({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(run.exitCode == 3, run.all() << project.repo().receipt());
  const std::string receipt = project.repo().receipt();
  BOOST_TEST(contains(receipt, "- **Status**: ROLLED BACK"), receipt);
  BOOST_TEST(contains(receipt,
                      "- **Note**: rollback_command `fly releases rollback --app shop` "
                      "cannot work: flyctl has no `releases rollback` command."),
             receipt);
  BOOST_TEST(contains(receipt,
                      "- **Rollback mechanism**: Fly.io built-in: redeploy release v1's image "
                      "with fly deploy --image\n"),
             receipt);
  const std::string back =
      "deploy --app shop --config fly.toml --image "
      "registry.fly.io/shop:deployment-01HFAKE00000001 --yes";
  BOOST_TEST(contains(receipt, "- **Rollback command**: `fly " + back + "`\n"), receipt);
  // Release v2 (the sprint) failed its health check; v3 runs v1's image again.
  BOOST_TEST(contains(receipt,
                      "- **Live version now**: v3 (Fly.io release v3, image "
                      "registry.fly.io/shop:deployment-01HFAKE00000001@sha256:"),
             receipt);
  BOOST_TEST(contains(project.flyLog(), "fly releases --app shop --json\nfly " + back + "\n"),
             project.flyLog());
  BOOST_TEST(!contains(project.flyLog(), "releases rollback"), project.flyLog());
  BOOST_TEST(!contains(project.flyLog(), "{app-name}"), project.flyLog());
  BOOST_TEST(!contains(receipt, "{app-name}"), receipt);
}

BOOST_AUTO_TEST_CASE(a_working_rollback_command_with_the_seeds_placeholder_wins) {
  // The manifest wins over the Fly.io built-in when its rollback_command is a real flyctl
  // command: it runs as written, with {app-name} replaced.
  FactoryProject project;
  project.breakProdInTheSprint();
  project.scaffold(factory::setupManifest(
      project.url(),
      "fly deploy --app {app-name} --image registry.fly.io/shop:deployment-01HFAKE00000001 --yes",
      localCi() + "  \"health_check\": {\"timeout_s\": 2, \"interval_s\": 1},\n"));
  project.commitPassingReports(project.codeSha.substr(0, 7));
  for (const char* target : {"alpha", "staging"}) {
    BOOST_REQUIRE(project.deploy({"--environment", target}).exitCode == 0);
  }
  const ChildRun run = project.deploy({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(run.exitCode == 3, run.all() << project.repo().receipt());
  const std::string receipt = project.repo().receipt();
  BOOST_TEST(contains(receipt, "- **Rollback mechanism**: manifest rollback_command\n"), receipt);
  BOOST_TEST(contains(receipt,
                      "- **Rollback command**: `fly deploy --app shop --image "
                      "registry.fly.io/shop:deployment-01HFAKE00000001 --yes`\n"),
             receipt);
  BOOST_TEST(contains(receipt,
                      "- **Live version now**: v3 (Fly.io release v3, image "
                      "registry.fly.io/shop:deployment-01HFAKE00000001@sha256:"),
             receipt);
  BOOST_TEST(!contains(receipt, "cannot work"), receipt);
  BOOST_TEST(!contains(project.flyLog(), "releases --app shop --json"), project.flyLog());
}

BOOST_AUTO_TEST_CASE(a_near_miss_placeholder_is_refused_before_anything_runs) {
  FactoryProject project;
  project.scaffold(
      factory::setupManifest(project.url(), "fly releases rollback --app {appname}", localCi()));
  project.commitPassingReports(project.codeSha.substr(0, 7));
  const ChildRun run = project.deploy({"--environment", "alpha"});
  BOOST_TEST(run.exitCode == 2, run.all());
  BOOST_TEST(contains(run.err,
                      ".factory/deploy-config.json: environments.alpha.rollback_command: "
                      "{appname} is not a placeholder (did you mean {app_name}?)"),
             run.err);
  BOOST_TEST(project.flyLog().empty(), project.flyLog());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(factory_state)

BOOST_AUTO_TEST_CASE(a_state_file_started_from_nothing_is_valid_after_every_kind_of_run) {
  FactoryProject project;
  project.breakProdInTheSprint();
  project.scaffold(factory::setupManifest(
      project.url(), "fly releases rollback --app {app_name}",
      localCi() + "  \"health_check\": {\"timeout_s\": 2, \"interval_s\": 1},\n"));
  project.commitPassingReports(project.codeSha.substr(0, 7));
  const std::string state = project.repo().root() + "/.factory/state.json";
  std::filesystem::remove(state);
  std::vector<std::string> snapshots;
  const auto snapshot = [&](const std::string& name) {
    const std::string copy = project.repo().scratch("state-" + name + ".json");
    std::filesystem::copy_file(state, copy, std::filesystem::copy_options::overwrite_existing);
    snapshots.push_back(copy);
  };

  BOOST_TEST(project.deploy({"--environment", "staging"}).exitCode == 1);  // a gate refuses
  snapshot("gate-failure");
  BOOST_TEST(project.deploy({"--environment", "alpha"}).exitCode == 0);
  snapshot("alpha");
  BOOST_TEST(project.deploy({"--environment", "staging"}).exitCode == 0);
  snapshot("staging");
  const ChildRun prod = project.deploy({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(prod.exitCode == 3, prod.all() << project.repo().receipt());
  snapshot("rolled-back");
  BOOST_TEST(project.deploy({"--environment", "nowhere"}).exitCode == 2);  // input error: no run
  BOOST_TEST(
      project.deploy({"--environment", "prod", "--confirm", "shop", "--config", "missing.json"})
          .exitCode == 2);
  snapshot("invalid-manifest");

  BOOST_TEST(stateSchemaProblems(snapshots) == "");
  const std::string text = project.repo().read(".factory/state.json");
  BOOST_TEST(member(text, "pipeline") == "factory");
  BOOST_TEST(member(text, "current_phase") == "idle");
  // The manifest could not be read on the last run: the name stays the one from the manifest.
  BOOST_TEST(member(text, "project_name") == "shop", text);
}

// The state file as other skills may read it mid-run: while prod's deploy command runs, while
// its rollback runs, after prod was rolled back, and after an on-demand rollback (the cancelled
// prod deploy is the next test).
BOOST_AUTO_TEST_CASE(the_state_is_valid_mid_run_and_after_rollbacks) {
  FactoryProject project;
  project.breakProdInTheSprint();
  const std::string copyTo = project.repo().scratch("state-");
  const auto snapshotThen = [&](const std::string& name, const std::string& command) {
    return "cp .factory/state.json " + copyTo + name + ".json && " + command;
  };
  std::string manifest = factory::setupManifest(
      project.url(),
      snapshotThen("rolling-back",
                   "fly deploy --app {app_name} --image "
                   "registry.fly.io/shop:deployment-01HFAKE00000001 --yes"),
      localCi() + "  \"health_check\": {\"timeout_s\": 2, \"interval_s\": 1},\n");
  const std::string prodDeploy = "\"fly deploy -c fly.toml\"";
  manifest.replace(manifest.find(prodDeploy), prodDeploy.size(),
                   "\"" + snapshotThen("deploying", "fly deploy -c fly.toml") + "\"");
  project.scaffold(manifest);
  project.commitPassingReports(project.codeSha.substr(0, 7));
  std::filesystem::remove(project.repo().root() + "/.factory/state.json");
  const auto keep = [&](const std::string& name) {
    std::filesystem::copy_file(project.repo().root() + "/.factory/state.json",
                               copyTo + name + ".json");
    return copyTo + name + ".json";
  };
  const auto toStaging = [&] {
    for (const char* target : {"alpha", "staging"}) {
      BOOST_REQUIRE(project.deploy({"--environment", target}).exitCode == 0);
    }
  };
  toStaging();
  // A second sprint through staging, then staging back to the first on demand.
  project.repo().write("app/orders.py", "# the second sprint\n");
  const std::string second = project.commit({"app/orders.py"}, "Second sprint");
  project.commitPassingReports(second.substr(0, 7));
  toStaging();
  const ChildRun onDemand =
      project.deploy({"rollback", "--environment", "staging", "--reason", "state test"});
  BOOST_TEST(onDemand.exitCode == 0, onDemand.all());
  const std::string afterOnDemand = keep("on-demand");

  const ChildRun prod = project.deploy({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(prod.exitCode == 3, prod.all() << project.repo().receipt());
  const std::string deploying = project.repo().readScratch("state-deploying.json");
  BOOST_TEST(contains(deploying, "\"status\": \"in_progress\""), deploying);
  BOOST_TEST(contains(deploying, "\"current_phase\": \"deploy\""), deploying);
  const std::string afterRollback = keep("rolled-back");

  BOOST_TEST(stateSchemaProblems({copyTo + "deploying.json", copyTo + "rolling-back.json",
                                  afterRollback, afterOnDemand}) == "");
}

BOOST_AUTO_TEST_CASE(the_state_is_valid_after_a_cancelled_prod_deploy_whose_rollback_failed) {
  // The deploy command cancels the run itself (SIGTERM to factory-deploy, its parent), as the
  // runner would; the rollback then fails: exit 4, and the state file stays valid.
  FactoryProject project;
  project.prodAlreadyLive();
  std::string manifest =
      factory::setupManifest(project.url(), "echo rollback refused >&2; exit 1", localCi());
  const std::string prodDeploy = "\"fly deploy -c fly.toml\"";
  manifest.replace(manifest.find(prodDeploy), prodDeploy.size(), "\"kill -TERM $PPID; sleep 30\"");
  project.scaffold(manifest);
  project.commitPassingReports(project.codeSha.substr(0, 7));
  std::filesystem::remove(project.repo().root() + "/.factory/state.json");
  for (const char* target : {"alpha", "staging"}) {
    BOOST_REQUIRE(project.deploy({"--environment", target}).exitCode == 0);
  }
  const ChildRun prod = project.deploy({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(prod.exitCode == 4, prod.all() << project.repo().receipt());
  BOOST_TEST(contains(project.repo().receipt(), "cancelled"), project.repo().receipt());
  const std::string state = project.repo().read(".factory/state.json");
  BOOST_TEST(contains(state, "\"status\": \"failed\""), state);
  BOOST_TEST(stateSchemaProblems({project.repo().root() + "/.factory/state.json"}) == "");
}

BOOST_AUTO_TEST_CASE(the_skills_state_is_kept_and_stays_valid) {
  FactoryProject project;
  project.scaffold(
      factory::setupManifest(project.url(), "fly releases rollback --app {app_name}", localCi()));
  project.commitPassingReports(project.codeSha.substr(0, 7));
  const std::string before = project.repo().read(".factory/state.json");
  BOOST_REQUIRE(stateSchemaProblems({project.repo().root() + "/.factory/state.json"}) == "");
  BOOST_TEST(project.deploy({"--environment", "alpha"}).exitCode == 0);
  const std::string after = project.repo().read(".factory/state.json");
  BOOST_TEST(stateSchemaProblems({project.repo().root() + "/.factory/state.json"}) == "");
  rapidjson::Document was;
  rapidjson::Document now;
  was.Parse(before.c_str());
  now.Parse(after.c_str());
  for (const char* phase : {"spec", "setup", "build", "qa", "security"}) {
    BOOST_TEST((was["phases"][phase] == now["phases"][phase]), phase);
  }
  BOOST_TEST(std::string(now["started_at"].GetString()) == "2026-04-01T09:00:00Z");
  BOOST_TEST(std::string(now["phases"]["deploy"]["status"].GetString()) == "completed");
  BOOST_TEST(now.HasMember("resets"));
}

BOOST_AUTO_TEST_CASE(global_state_file_path_is_honoured) {
  FactoryProject project;
  project.scaffold(
      factory::setupManifest(project.url(), "fly releases rollback --app {app_name}", localCi()));
  project.commitPassingReports(project.codeSha.substr(0, 7));
  std::filesystem::remove(project.repo().root() + "/.factory/state.json");
  project.repo().write(".factory/settings.json", factory::factorySettings("pipeline/state.json"));
  // Outside .factory/ the state file is not bookkeeping (a setting never exempts a file from the
  // gates): it is ignored, as a team moving it would do.
  project.repo().write(".git/info/exclude", "pipeline/\n");
  const ChildRun first = project.deploy({"--environment", "alpha"});
  BOOST_TEST(first.exitCode == 0, first.all());
  BOOST_TEST(project.repo().exists("pipeline/state.json"));
  BOOST_TEST(!project.repo().exists(".factory/state.json"));
  BOOST_TEST(stateSchemaProblems({project.repo().root() + "/pipeline/state.json"}) == "");

  // Moved back: the old state file would be an untracked file the Checkout gate refuses.
  std::filesystem::remove(project.repo().root() + "/pipeline/state.json");
  project.repo().write(".factory/settings.json", factory::factorySettings("../outside.json"));
  const ChildRun run = project.deploy({"--environment", "alpha"});
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(contains(run.all(),
                      "WARNING: Setting \"state_file_path\" has invalid value "
                      "\"../outside.json\". Expected: a file path relative to the "
                      "project root, inside it. Using default: .factory/state.json."),
             run.all());
  BOOST_TEST(project.repo().exists(".factory/state.json"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(factory_receipts)

BOOST_AUTO_TEST_CASE(the_receipt_of_deploy_n_is_found_from_the_ledger_alone) {
  FactoryProject project;
  project.scaffold(
      factory::setupManifest(project.url(), "fly releases rollback --app {app_name}", localCi()));
  project.commitPassingReports(project.codeSha.substr(0, 7));
  // The plugin's own receipt from before this tool: archived under its own deploy time.
  project.repo().write("DEPLOY-RECEIPT.md", factory::pluginReceipt("2026-04-03T21:30:00Z",
                                                                   project.codeSha.substr(0, 7)));
  std::vector<std::string> commits;
  for (int n = 1; n <= 25; ++n) {
    if (n % 5 == 0) {
      project.repo().write("app/orders.py", "# revision " + std::to_string(n) + "\n");
      project.commit({"app/orders.py"}, "revision " + std::to_string(n));
    }
    if (n == 12) {  // a refused run in between: it archives, but has no ledger entry
      BOOST_REQUIRE(
          project.deploy({"--environment", "staging", "--config", "nope.json"}).exitCode == 2);
    }
    commits.push_back(project.repo().head());
    const ChildRun run = project.deploy({"--environment", "alpha"});
    BOOST_REQUIRE_MESSAGE(run.exitCode == 0, run.all());
  }
  BOOST_TEST(project.repo().exists("DEPLOY-RECEIPT-2026-04-03T21-30-00Z.md"));
  const std::vector<std::string> ledger = ledgerLines(project);
  BOOST_REQUIRE(ledger.size() == 25U);
  for (std::size_t n = 0; n < ledger.size(); ++n) {
    const std::string& entry = ledger[n];
    const bool last = n + 1 == ledger.size();
    const std::string file = last ? member(entry, "receipt") : member(entry, "archive");
    BOOST_TEST_CONTEXT("deploy " << n + 1 << ": " << entry) {
      BOOST_TEST(member(entry, "archive").starts_with("DEPLOY-RECEIPT-" + [&] {
        std::string stamp = member(entry, "time");
        for (char& c : stamp) c = c == ':' ? '-' : c;
        return stamp;
      }()));
      BOOST_REQUIRE(project.repo().exists(file));
      const std::string receipt = project.repo().read(file);
      BOOST_TEST(contains(receipt, "- **Commit**: " + commits[n]));
      BOOST_TEST(contains(receipt, "- **Deployed at**: " + member(entry, "time")));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
