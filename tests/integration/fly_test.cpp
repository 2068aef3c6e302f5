// Issue 11: a project set up by the factory's /setup for Fly.io, deployed through the binary with
// the fake flyctl (tests/support/fake_flyctl.sh) as `fly`: the live release read with
// `fly status --json`, the /setup rollback (`fly releases rollback`, which flyctl does not have)
// replaced by redeploying the previous release's image, and a missing fly fetched from a loopback
// release server and checked against its pinned SHA-256.
#include <boost/test/unit_test.hpp>

#include "platform/tool_installer.hpp"
#include "support/deploy_repo.hpp"
#include "support/fake_fly.hpp"
#include "support/loopback_server.hpp"

namespace fd::test {

namespace {

// The manifest as /setup writes it (INTERFACE §3) with the app at `url`. Local mode adds the
// only two fields a laptop needs: the CI gate's command and a short health-check budget.
std::string setupManifest(const std::string& url) {
  const auto env = [&url](const std::string& name, const std::string& app,
                          const std::string& config) {
    return "\"" + name + "\": {\"app_name\": \"" + app + "\", \"region\": \"iad\", " +
           "\"config_file\": \"" + config + "\", \"deploy_command\": \"fly deploy -c " + config +
           "\", \"url\": \"" + url + "\"}";
  };
  return "{\n  \"platform\": \"fly.io\",\n  \"project_name\": \"shop\",\n"
         "  \"internal_port\": 8080,\n  \"health_check_path\": \"/health\",\n"
         "  \"environments\": {\n    " +
         env("alpha", "shop-alpha", "fly.alpha.toml") + ",\n    " +
         env("staging", "shop-staging", "fly.staging.toml") + ",\n    " +
         env("prod", "shop", "fly.toml") +
         "\n  },\n"
         "  \"rollback_command\": \"fly releases rollback --app {app_name}\",\n"
         "  \"secrets_command\": \"fly secrets list --app {app_name}\",\n"
         "  \"ci_check_command\": \"true\",\n"
         "  \"health_check\": {\"timeout_s\": 2, \"interval_s\": 1}\n}\n";
}

struct FlyProject {
  FlyProject() {
    fly.createApps({"shop-alpha", "shop-staging", "shop"});
    repo.write(".factory/deploy-config.json", setupManifest(app.url()));
    repo.write("fly.alpha.toml", "app = \"shop-alpha\"\nprimary_region = \"iad\"\n");
    repo.write("fly.staging.toml", "app = \"shop-staging\"\nprimary_region = \"iad\"\n");
    repo.write("fly.toml", "app = \"shop\"\nprimary_region = \"iad\"\n");
    repo.write("app/main.txt", "the service\n");
    repo.commit("code");
    repo.commitReports();
  }

  ChildRun deploy(const std::string& environment,
                  const std::map<std::string, std::string>& extra = {}) const {
    std::map<std::string, std::string> env = fly.env();
    for (const auto& [name, value] : extra) env[name] = value;
    std::vector<std::string> args = {"--environment", environment};
    if (environment == "prod") args.insert(args.end(), {"--confirm", "shop"});
    return repo.run(args, env);
  }

  // The current commit through alpha, staging and prod, each required to succeed.
  void walkToProd() const {
    for (const char* environment : {"alpha", "staging", "prod"}) {
      const ChildRun run = deploy(environment);
      BOOST_REQUIRE_MESSAGE(run.exitCode == 0, environment << ": " << run.all());
    }
  }

  // A new code commit (with `files`) and reports about it, walked through alpha and staging.
  void promoteNewCommit(const std::map<std::string, std::string>& files) {
    for (const auto& [path, content] : files) repo.write(path, content);
    repo.write("app/main.txt", "the service, version 2\n");
    repo.commit("version 2");
    repo.commitReports();
    for (const char* environment : {"alpha", "staging"}) {
      const ChildRun run = deploy(environment);
      BOOST_REQUIRE_MESSAGE(run.exitCode == 0, run.all() + repo.receipt());
    }
  }

  DeployRepo repo;
  FakeFly fly;
  LoopbackServer app{fly.appHandler()};
};

// `line` of the receipt's bullets: "- **Key**: value".
std::string bullet(const std::string& receipt, const std::string& key) {
  const std::string start = "- **" + key + "**: ";
  const std::size_t at = receipt.find(start);
  if (at == std::string::npos) return "(no " + key + ")";
  const std::size_t end = receipt.find('\n', at);
  return receipt.substr(at + start.size(), end - at - start.size());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fly)

BOOST_AUTO_TEST_CASE(the_setup_manifest_walks_alpha_staging_prod_with_fly) {
  FlyProject project;
  for (const char* environment : {"alpha", "staging", "prod"}) {
    const ChildRun run = project.deploy(environment);
    BOOST_TEST(run.exitCode == 0, environment << ": " << run.all());
    BOOST_TEST(bullet(project.repo.receipt(), "Status") == "SUCCESS");
  }
  BOOST_TEST(project.fly.called("deploy -c fly.alpha.toml"));
  BOOST_TEST(project.fly.called("deploy -c fly.staging.toml"));
  BOOST_TEST(project.fly.called("deploy -c fly.toml"));
  BOOST_TEST(project.fly.called("secrets list --app shop"));
  BOOST_TEST(project.fly.called("status --app shop --json"));
  const std::string receipt = project.repo.receipt();
  BOOST_TEST(bullet(receipt, "Previous version") == "unknown");  // Fly has no release of shop yet
  // The /setup rollback is replaced, and the receipt says so.
  BOOST_TEST(contains(receipt,
                      "- **Note**: rollback_command `fly releases rollback --app shop` "
                      "cannot work: flyctl has no `releases rollback` command."),
             receipt);
}

BOOST_AUTO_TEST_CASE(the_previous_version_is_the_release_fly_says_is_live) {
  FlyProject project;
  project.walkToProd();
  project.promoteNewCommit({});
  const ChildRun run = project.deploy("prod");
  BOOST_TEST(run.exitCode == 0, run.all());
  const std::string receipt = project.repo.receipt();
  // Not the ledger's commit: what Fly.io reports live (a laptop's flyctl labels no commit).
  BOOST_TEST(bullet(receipt, "Previous version") == "v1", receipt);
  BOOST_TEST(contains(run.all(),
                      "shop is live at v1 (Fly.io release v1, image "
                      "registry.fly.io/shop:deployment-01HFAKE00000003@sha256:"),
             run.all());
}

BOOST_AUTO_TEST_CASE(an_unhealthy_prod_is_rolled_back_by_redeploying_the_previous_image) {
  FlyProject project;
  project.walkToProd();
  // Version 2 passes alpha and staging, and fails prod's health check.
  project.promoteNewCommit({{"fake-fly-unhealthy", "shop\n"}});
  const ChildRun run = project.deploy("prod");
  BOOST_TEST(run.exitCode == 3, run.all());
  const std::string receipt = project.repo.receipt();
  BOOST_TEST(bullet(receipt, "Status") == "ROLLED BACK", receipt);
  BOOST_TEST(bullet(receipt, "Rollback mechanism") ==
                 "Fly.io built-in: redeploy release v1's image with fly deploy --image",
             receipt);
  BOOST_TEST(bullet(receipt, "Rollback command") ==
                 "`fly deploy --app shop --config fly.toml --image "
                 "registry.fly.io/shop:deployment-01HFAKE00000003 --yes`",
             receipt);
  BOOST_TEST(bullet(receipt, "Live version now")
                     .find("v3 (Fly.io release v3, image "
                           "registry.fly.io/shop:deployment-01HFAKE00000003@sha256:") == 0u,
             receipt);
  BOOST_TEST(!project.fly.called("releases rollback"));
  BOOST_TEST(project.fly.called("releases --app shop --json"));
  BOOST_TEST(contains(run.all(), "rollback_command `fly releases rollback --app shop` cannot work"),
             run.all());
}

BOOST_AUTO_TEST_CASE(another_runs_release_live_after_the_deploy_fails_it_without_a_rollback) {
  FlyProject project;
  project.walkToProd();
  const std::string other = "3333333333333333333333333333333333333333";
  project.promoteNewCommit({{"fake-fly-overtaken", "shop " + other + "\n"}});
  const std::string ours = project.repo.head().substr(0, 7);
  const ChildRun run = project.deploy("prod");
  BOOST_TEST(run.exitCode == 1, run.all());
  const std::string receipt = project.repo.receipt();
  BOOST_TEST(bullet(receipt, "Failed step") == "live version", receipt);
  BOOST_TEST(contains(bullet(receipt, "Failure reason"),
                      "Fly.io (`fly status`) reports " + other +
                          " live on prod (Fly.io release v3, image "
                          "registry.fly.io/shop:deployment-01HFAKE00000007@sha256:"),
             receipt);
  BOOST_TEST(contains(bullet(receipt, "Failure reason"),
                      ", not " + ours + ": another deploy replaced this one while it ran"),
             receipt);
  BOOST_TEST(bullet(receipt, "Rollback performed") == "NO", receipt);
  BOOST_TEST(!project.fly.called("--image"));  // rolling back would undo the other deploy
}

// The seed's Fly.io failure before release: nothing went out, prod still runs v1, no rollback.
BOOST_AUTO_TEST_CASE(a_prod_build_that_fails_before_release_leaves_the_live_release_alone) {
  FlyProject project;
  project.walkToProd();
  project.promoteNewCommit({{"fake-fly-build-fails", "shop\n"}});
  const ChildRun run = project.deploy("prod");
  BOOST_TEST(run.exitCode == 1, run.all());
  const std::string receipt = project.repo.receipt();
  BOOST_TEST(bullet(receipt, "Status") == "FAILED", receipt);
  BOOST_TEST(bullet(receipt, "Failed step") == "deploy", receipt);
  BOOST_TEST(bullet(receipt, "Rollback performed") == "NO", receipt);
  BOOST_TEST(bullet(receipt, "Failure reason") ==
                 "deploy_command failed (exit 1); nothing was released: prod still runs v1 and "
                 "passed its health check, so it was not rolled back",
             receipt);
  BOOST_TEST(!project.fly.called("--image"));
}

// Without secrets_command, Fly.io lists the names itself (`fly secrets list --json`), exactly.
BOOST_AUTO_TEST_CASE(required_secrets_are_checked_with_flys_own_listing) {
  FlyProject project;
  std::string manifest = project.repo.read(".factory/deploy-config.json");
  const std::string lister = "  \"secrets_command\": \"fly secrets list --app {app_name}\",\n";
  BOOST_REQUIRE(manifest.find(lister) != std::string::npos);
  manifest.replace(manifest.find(lister), lister.size(),
                   "  \"required_secrets\": [\"DATABASE_URL\"],\n");
  project.repo.write(".factory/deploy-config.json", manifest);
  project.repo.commit("fly lists the secrets");
  project.repo.commitReports();
  BOOST_REQUIRE_EQUAL(
      project.fly.run({"secrets", "set", "DATABASE_URL=postgres://u:pw@db", "-a", "shop-alpha"})
          .exitCode,
      0);
  const ChildRun ready = project.deploy("alpha");
  BOOST_TEST(ready.exitCode == 0, ready.all());
  BOOST_TEST(project.fly.called("secrets list --app shop-alpha --json"));
  BOOST_TEST(contains(ready.out,
                      "secrets: 1 required secret name(s) present (Fly.io built-in "
                      "(`fly secrets list --json`))"),
             ready.out);
  // staging has no DATABASE_URL: its listing holds only a name that merely contains it.
  BOOST_REQUIRE_EQUAL(
      project.fly.run({"secrets", "set", "OLD_DATABASE_URL_X=1", "-a", "shop-staging"}).exitCode,
      0);
  const ChildRun missing = project.deploy("staging");
  BOOST_TEST(missing.exitCode == 1, missing.all());
  BOOST_TEST(bullet(project.repo.receipt(), "Failure reason") ==
                 "required secrets missing from the Fly.io built-in (`fly secrets list --json`) "
                 "listing: DATABASE_URL",
             project.repo.receipt());
  BOOST_TEST(!project.fly.called("deploy -c fly.staging.toml"));
  // A listing that fails says why, in flyctl's words.
  const ChildRun refused = project.deploy("alpha", {{"FLY_API_TOKEN", "not-the-token"}});
  BOOST_TEST(refused.exitCode == 1, refused.all());
  BOOST_TEST(bullet(project.repo.receipt(), "Failure reason") ==
                 "Fly.io built-in (`fly secrets list --json`) failed (`fly secrets list --app "
                 "shop-alpha --json` failed (exit 1): Error: You must be authenticated to view "
                 "this.); its output is not shown because it lists secrets",
             project.repo.receipt());
}

// Nothing required, no secrets_command: flyctl is never asked (a failing listing would fail the
// deploy for nothing).
BOOST_AUTO_TEST_CASE(without_required_secrets_fly_is_not_asked_for_them) {
  FlyProject project;
  std::string manifest = project.repo.read(".factory/deploy-config.json");
  const std::string lister = "  \"secrets_command\": \"fly secrets list --app {app_name}\",\n";
  manifest.erase(manifest.find(lister), lister.size());
  project.repo.write(".factory/deploy-config.json", manifest);
  project.repo.commit("no secrets to check");
  project.repo.commitReports();
  const ChildRun run = project.deploy("alpha");
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(!project.fly.called("secrets list"));
}

BOOST_AUTO_TEST_CASE(a_prod_deploy_that_crashes_in_flyctls_smoke_checks_is_rolled_back) {
  FlyProject project;
  project.walkToProd();
  project.promoteNewCommit({{"fake-fly-crashes", "shop\n"}});
  const ChildRun run = project.deploy("prod");
  BOOST_TEST(run.exitCode == 3, run.all());
  const std::string receipt = project.repo.receipt();
  BOOST_TEST(contains(receipt, "smoke checks for"), receipt);  // flyctl's own words, kept
  BOOST_TEST(bullet(receipt, "Rollback mechanism") ==
                 "Fly.io built-in: redeploy release v1's image with fly deploy --image",
             receipt);
  BOOST_TEST(bullet(receipt, "Live version now").find("v3 (") == 0u, receipt);
}

BOOST_AUTO_TEST_CASE(a_failed_staging_shows_a_rollback_command_that_works) {
  FlyProject project;
  for (const char* environment : {"alpha", "staging"}) {
    BOOST_REQUIRE_EQUAL(project.deploy(environment).exitCode, 0);
  }
  project.promoteNewCommit({});  // version 2 through alpha and staging
  project.repo.write("fake-fly-unhealthy", "shop-staging\n");
  project.repo.commit("version 3");
  project.repo.commitReports();
  BOOST_REQUIRE_EQUAL(project.deploy("alpha").exitCode, 0);
  const ChildRun run = project.deploy("staging");
  BOOST_TEST(run.exitCode == 1, run.all());
  // Not the /setup command (which cannot work): the image staging ran before this deploy.
  const std::string command =
      "fly deploy --app shop-staging --config fly.staging.toml --image "
      "registry.fly.io/shop-staging:deployment-01HFAKE00000004@sha256:";
  BOOST_TEST(contains(project.repo.receipt(), "run `" + command), project.repo.receipt());
  BOOST_TEST(contains(run.all(), "to roll back by hand, run: " + command), run.all());
  BOOST_TEST(!project.fly.called("--image"));  // staging is never rolled back automatically
}

BOOST_AUTO_TEST_CASE(the_dry_run_plan_names_the_fly_built_ins) {
  FlyProject project;
  for (const char* environment : {"alpha", "staging"}) {
    BOOST_REQUIRE_EQUAL(project.deploy(environment).exitCode, 0);
  }
  std::map<std::string, std::string> env = project.fly.env();
  const ChildRun run =
      project.repo.run({"--environment", "prod", "--confirm", "shop", "--dry-run"}, env);
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(
      contains(run.all(), "previous version: $ fly status --app shop --json (Fly.io built-in)"),
      run.all());
  BOOST_TEST(contains(run.all(),
                      "on failure: automatic rollback: $ fly deploy --app shop --config fly.toml "
                      "--image <image of the previous release in `fly releases --app shop "
                      "--image`> --yes"),
             run.all());
}

BOOST_AUTO_TEST_CASE(a_missing_fly_is_downloaded_from_the_release_server_and_verified) {
  FlyProject project;
  const std::string asset = project.fly.releaseTarball();
  LoopbackServer releases([&asset](const ServerRequest& request) {
    ServerResponse response;
    response.contentType = "application/octet-stream";
    if (request.path() ==
        "/superfly/flyctl/releases/download/v0.4.85/flyctl_0.4.85_Linux_x86_64.tar.gz") {
      response.body = asset;
    } else {
      response.status = 404;
    }
    return response;
  });
  std::map<std::string, std::string> env = project.fly.env(/*onPath=*/false);
  env["FACTORY_DEPLOY_TOOLS_MIRROR"] = releases.url();
  env["FACTORY_DEPLOY_FLYCTL_VERSION"] = "0.4.85";
  env["FACTORY_DEPLOY_FLYCTL_SHA256"] = sha256Of(asset);
  const ChildRun run = project.repo.run({"--environment", "alpha"}, env);
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(contains(run.all(), "flyctl 0.4.85: SHA-256 verified (" + sha256Of(asset) + ")"),
             run.all());
  BOOST_TEST(project.fly.called("deploy -c fly.alpha.toml"));
  BOOST_TEST(releases.requestCount() == 1u);
}

BOOST_AUTO_TEST_CASE(a_download_that_does_not_match_its_checksum_deploys_nothing) {
  FlyProject project;
  const std::string asset = project.fly.releaseTarball();
  LoopbackServer releases([&asset](const ServerRequest&) {
    ServerResponse response;
    response.contentType = "application/octet-stream";
    response.body = asset;
    return response;
  });
  std::map<std::string, std::string> env = project.fly.env(/*onPath=*/false);
  env["FACTORY_DEPLOY_TOOLS_MIRROR"] = releases.url();
  env["FACTORY_DEPLOY_FLYCTL_VERSION"] = "0.4.85";
  env["FACTORY_DEPLOY_FLYCTL_SHA256"] = std::string(64, '0');
  const ChildRun run = project.repo.run({"--environment", "alpha"}, env);
  BOOST_TEST(run.exitCode == 1, run.all());
  const std::string receipt = project.repo.receipt();
  BOOST_TEST(bullet(receipt, "Status") == "FAILED", receipt);
  BOOST_TEST(contains(receipt,
                      "fly is not installed and the pinned flyctl 0.4.85 could not be set "
                      "up: " +
                          releases.url() +
                          "/superfly/flyctl/releases/download/v0.4.85/"
                          "flyctl_0.4.85_Linux_x86_64.tar.gz: SHA-256 " +
                          sha256Of(asset) + " is not the pinned " + std::string(64, '0')),
             receipt);
  BOOST_TEST(project.fly.calls().size() == 3u);  // the three `apps create`: nothing deployed
}

// A staging config copied from prod's (`app = "shop"`) would ship staging's deploy to the prod app,
// past prod's gates, while `fly status`, the secrets check and the rollback all look at
// shop-staging. Refused before anything runs on Fly.io: exit 2, nothing deployed, prod untouched.
BOOST_AUTO_TEST_CASE(a_deploy_that_would_ship_to_another_app_is_refused) {
  FlyProject project;
  project.repo.write("fly.staging.toml", "app = \"shop\"\nprimary_region = \"iad\"\n");
  project.repo.commit("staging config copied from prod");
  project.repo.commitReports();
  BOOST_REQUIRE(project.deploy("alpha").exitCode == 0);
  // The dry run says so too, rather than "every gate passed".
  const ChildRun plan =
      project.repo.run({"--environment", "staging", "--dry-run"}, project.fly.env());
  BOOST_TEST(plan.exitCode == 2, plan.all());
  BOOST_TEST(contains(plan.out,
                      "Verdict: BLOCKED at readiness: environments.staging."
                      "deploy_command ships Fly.io app \"shop\" (fly.staging.toml's "
                      "app), prod's app_name"),
             plan.out);
  const ChildRun run = project.deploy("staging");
  BOOST_TEST(run.exitCode == 2, run.all());
  const std::string receipt = project.repo.receipt();
  BOOST_TEST(bullet(receipt, "Failed step") == "readiness", receipt);
  BOOST_TEST(bullet(receipt, "Failure reason") ==
                 "environments.staging.deploy_command ships Fly.io app \"shop\" "
                 "(fly.staging.toml's app), prod's app_name, not \"shop-staging\", this "
                 "environment's app_name, which `fly status`, the secrets check and the rollback "
                 "read. Make them name the same app; nothing was deployed",
             receipt);
  BOOST_TEST(!project.fly.called("deploy -c fly.staging.toml"), run.all());
  BOOST_TEST(!project.fly.called("deploy -c fly.toml"), run.all());
}

// A deploy whose app the check cannot tell (the config in a shell variable) that ships elsewhere:
// Fly.io still shows this environment's app at the release it had before, so the run says the
// deploy released nothing here instead of claiming success (a laptop's release names no commit).
BOOST_AUTO_TEST_CASE(a_deploy_that_released_nothing_to_app_name_is_not_a_success) {
  FlyProject project;
  for (const char* environment : {"alpha", "staging"}) {
    BOOST_REQUIRE(project.deploy(environment).exitCode == 0);
  }
  std::string manifest = project.repo.read(".factory/deploy-config.json");
  const std::string staging = "fly deploy -c fly.staging.toml";
  manifest.replace(manifest.find(staging), staging.size(), "CFG=fly.toml; fly deploy -c $CFG");
  project.repo.write(".factory/deploy-config.json", manifest);
  project.repo.commit("staging deploys through a variable");
  project.repo.commitReports();
  BOOST_REQUIRE(project.deploy("alpha").exitCode == 0);
  const ChildRun run = project.deploy("staging");
  BOOST_TEST(run.exitCode == 1, run.all());
  const std::string receipt = project.repo.receipt();
  BOOST_TEST(bullet(receipt, "Status") == "FAILED", receipt);
  BOOST_TEST(bullet(receipt, "Failed step") == "live version", receipt);
  BOOST_TEST(
      bullet(receipt, "Failure reason")
          .starts_with(
              "Fly.io (`fly status`) reports shop-staging still at release v1 (Fly.io release "
              "v1, image registry.fly.io/shop-staging:deployment-"),
      receipt);
  BOOST_TEST(contains(bullet(receipt, "Failure reason"),
                      "as before the deploy: the deploy released nothing to shop-staging (did "
                      "deploy_command ship another app?); this run does not claim to be live and "
                      "does not roll back"),
             receipt);
  BOOST_TEST(bullet(receipt, "Rollback reason") ==
                 "what is live is not this run's release (see the failure reason): rolling back "
                 "would undo a version this run did not ship",
             receipt);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
