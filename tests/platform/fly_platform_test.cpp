// The Fly.io built-ins against the fake flyctl as a real child process (PosixProcessRunner).
#include <boost/test/unit_test.hpp>

#include "deploy/command_executor.hpp"
#include "deploy/posix_process_runner.hpp"
#include "local/posix_file_system.hpp"
#include "platform/fly_platform.hpp"
#include "platform/make_platform.hpp"
#include "support/fake_fly.hpp"
#include "support/fakes.hpp"
#include "support/temp_dir.hpp"

using namespace fd;
using fd::test::FakeEnvironment;
using fd::test::FakeFly;
using fd::test::RecordingLog;
using fd::test::TempDir;

namespace {

const std::string kOldSha = "1111111111111111111111111111111111111111";
const std::string kNewSha = "2222222222222222222222222222222222222222";

EnvConfig prodConfig() {
  EnvConfig env;
  env.name = "prod";
  env.appName = "shop";
  env.configFile = "fly.toml";
  env.deployCommand = "fly deploy -c fly.toml";
  env.rollbackCommand = "fly releases rollback --app shop";
  env.secretsCommand = "fly secrets list --app shop";
  return env;
}

// One project directory with fly.toml, the fake flyctl on PATH, and a platform over them.
struct Fixture {
  Fixture() {
    fly.createApps({"shop"});
    repo.write("fly.toml", "app = \"shop\"\nprimary_region = \"iad\"\n");
    for (const auto& [name, value] : fly.env()) {
      commandEnv.emplace_back(name, value);
      environment.values[name] = value;
    }
    commands.setEnv(commandEnv);
  }

  // What the manifest's deploy_command does: `fly deploy` of the source as it is now.
  void deploy(const std::string& sha, std::map<std::string, std::string> extra = {}) {
    extra["DEPLOY_SHA"] = sha;
    const auto answer = fly.run({"deploy", "-c", "fly.toml"}, repo.path(), extra);
    BOOST_REQUIRE_MESSAGE(answer.exitCode == 0, answer.err);
  }

  std::unique_ptr<Platform> platform(const EnvConfig& config,
                                     const std::string& platformName = "fly.io",
                                     std::vector<EnvConfig> others = {}) {
    Manifest manifest;
    manifest.platform = platformName;
    manifest.environments = std::move(others);
    manifest.environments.push_back(config);
    return makePlatform(manifest, config, {commands, log, environment, fs, http});
  }

  FakeFly fly;
  TempDir repo;
  RecordingLog log;
  PosixProcessRunner runner;
  PosixFileSystem fs;
  fd::test::FakeHttpClient http;  // nothing may be downloaded here: fly is on PATH
  FakeEnvironment environment;
  std::vector<std::pair<std::string, std::string>> commandEnv;
  SecretMasker masker;
  CommandExecutor commands{runner, log, masker, repo.path(), commandEnv};
};

}  // namespace

BOOST_AUTO_TEST_SUITE(fly_platform)

BOOST_AUTO_TEST_CASE(the_setup_rollback_is_replaced_with_a_notice_saying_so) {
  Fixture f;
  const EnvConfig config = prodConfig();
  const auto platform = f.platform(config);
  BOOST_REQUIRE(platform->notices().size() == 1u);
  BOOST_TEST(platform->notices()[0] ==
             "rollback_command `fly releases rollback --app shop` cannot work: flyctl has no "
             "`releases rollback` command. Using the Fly.io built-in rollback instead: redeploy "
             "the previous release's image with `fly deploy --image` (docs/PLATFORMS.md). Remove "
             "rollback_command, or set one that works, to silence this.");
  BOOST_TEST(platform->rollbackMechanism() ==
             "Fly.io built-in (fly deploy --image of the previous release)");
  BOOST_TEST(platform->liveVersionSource() == "fly status --app shop --json (Fly.io built-in)");
}

BOOST_AUTO_TEST_CASE(a_generic_platform_or_a_deploy_without_fly_keeps_the_manifest_commands) {
  Fixture f;
  EnvConfig config = prodConfig();
  const auto generic = f.platform(config, "render");
  BOOST_TEST(generic->notices().empty());
  BOOST_TEST(generic->rollbackCommand() == "fly releases rollback --app shop");
  BOOST_TEST(generic->rollbackMechanism() == "manifest rollback_command");
  BOOST_TEST(generic->liveVersionSource().empty());
  const LiveRelease unknown = generic->readLive("current version");
  BOOST_TEST(!unknown.askable);
  BOOST_TEST(unknown.problem == "no current_version_command in the manifest");

  config.deployCommand = "sh bin/deploy.sh";
  config.rollbackCommand = "sh bin/rollback.sh";
  const auto script = f.platform(config);  // says fly.io, deploys otherwise
  BOOST_TEST(script->rollbackMechanism() == "manifest rollback_command");
  BOOST_TEST(script->liveVersionSource().empty());
  BOOST_TEST(f.fly.calls().size() == 1u);  // only the fixture's `apps create`
}

// Without rollback_command a generic prod cannot be rolled back and says so; Fly.io has its
// built-in rollback, so a /setup manifest that drops the unworkable one gets no such warning.
BOOST_AUTO_TEST_CASE(only_a_prod_that_cannot_roll_back_is_warned_about_a_missing_rollback) {
  Fixture f;
  EnvConfig config = prodConfig();
  config.rollbackCommand.clear();
  const std::string warning =
      "environments.prod: no rollback_command: a prod deploy that fails verification cannot be "
      "rolled back automatically";
  const auto generic = f.platform(config, "render");
  BOOST_TEST(generic->notices() == std::vector<std::string>{warning});

  const auto flyio = f.platform(config);
  BOOST_TEST(flyio->notices().empty());
  BOOST_TEST(flyio->rollbackMechanism() ==
             "Fly.io built-in (fly deploy --image of the previous release)");

  config.name = "staging";  // staging is never rolled back automatically: nothing to warn about
  BOOST_TEST(f.platform(config, "render")->notices().empty());
  config.name = "prod";
  config.rollbackCommand = "sh bin/rollback.sh";
  BOOST_TEST(f.platform(config, "render")->notices().empty());
}

BOOST_AUTO_TEST_CASE(the_live_version_is_the_current_release_or_its_commit) {
  Fixture f;
  const EnvConfig config = prodConfig();
  const auto platform = f.platform(config);
  const LiveRelease none = platform->readLive("current version");
  BOOST_TEST(none.version.empty());
  BOOST_TEST(none.askable);
  BOOST_TEST(none.problem == "Fly.io reports no live release of shop");

  f.deploy(kOldSha);  // a laptop: flyctl labels nothing, so the release is the version
  const LiveRelease v1 = platform->readLive("current version");
  BOOST_TEST(v1.version == "v1");
  BOOST_TEST(
      v1.detail.find(
          "Fly.io release v1, image registry.fly.io/shop:deployment-01HFAKE00000001@sha256:") == 0u,
      v1.detail);

  f.deploy(kNewSha, {{"GITHUB_ACTIONS", "true"}, {"GITHUB_SHA", kNewSha}});  // in Actions
  const LiveRelease v2 = platform->readLive("current version");
  BOOST_TEST(v2.version == kNewSha);
  BOOST_TEST(v2.detail.find("Fly.io release v2,") == 0u, v2.detail);
  BOOST_TEST(f.fly.called("status --app shop --json"));
}

BOOST_AUTO_TEST_CASE(the_manifest_current_version_command_wins) {
  Fixture f;
  EnvConfig config = prodConfig();
  config.currentVersionCommand = "echo abc1234";
  const auto platform = f.platform(config);
  BOOST_TEST(platform->readLive("current version").version == "abc1234");
  BOOST_TEST(platform->liveVersionSource() == "echo abc1234");
  BOOST_TEST(!f.fly.called("status"));
}

BOOST_AUTO_TEST_CASE(rollback_redeploys_the_image_of_the_release_that_was_live_before) {
  Fixture f;
  const EnvConfig config = prodConfig();
  const auto platform = f.platform(config);
  f.deploy(kOldSha);
  f.deploy("3333333333333333333333333333333333333333");  // v2, also good
  const LiveRelease before = platform->readLive("current version");
  BOOST_TEST(before.version == "v2");
  f.repo.write("fake-fly-unhealthy", "shop\n");
  f.deploy(kNewSha);  // v3: the broken one
  const RollbackAttempt attempt = platform->rollBack(before.version, std::chrono::seconds(30));
  BOOST_TEST(attempt.result.succeeded(), describeCommandEnd(attempt.result));
  BOOST_TEST(attempt.mechanism ==
             "Fly.io built-in: redeploy release v2's image with fly deploy --image");
  BOOST_TEST(attempt.command ==
             "fly deploy --app shop --config fly.toml --image "
             "registry.fly.io/shop:deployment-01HFAKE00000002 --yes");
  BOOST_TEST(f.fly.called("releases --app shop --json"));
  BOOST_TEST(!f.fly.called("releases rollback"));
  const LiveRelease after = platform->readLive("live after rollback");
  BOOST_TEST(after.version == "v4");
  BOOST_TEST(after.detail.find("image registry.fly.io/shop:deployment-01HFAKE00000002") !=
                 std::string::npos,
             after.detail);
}

BOOST_AUTO_TEST_CASE(without_a_known_target_it_takes_the_newest_earlier_complete_release) {
  Fixture f;
  const EnvConfig config = prodConfig();
  const auto platform = f.platform(config);
  f.deploy(kOldSha);
  f.deploy(kNewSha);
  // The ledger's commit: never seen live through this platform.
  const RollbackAttempt attempt = platform->rollBack(kOldSha, std::chrono::seconds(30));
  BOOST_TEST(attempt.result.succeeded(), describeCommandEnd(attempt.result));
  BOOST_TEST(attempt.command.find("--image registry.fly.io/shop:deployment-01HFAKE00000001 ") !=
                 std::string::npos,
             attempt.command);
}

BOOST_AUTO_TEST_CASE(with_nothing_to_go_back_to_the_rollback_fails_and_says_why) {
  Fixture f;
  const EnvConfig config = prodConfig();
  const auto platform = f.platform(config);
  f.deploy(kNewSha);  // the first release ever
  const RollbackAttempt attempt = platform->rollBack("", std::chrono::seconds(30));
  BOOST_TEST(!attempt.result.succeeded());
  BOOST_REQUIRE(attempt.result.tail.size() == 1u);
  BOOST_TEST(attempt.result.tail[0] ==
             "`fly releases --app shop --json` lists no earlier complete release with an image "
             "to go back to");
  BOOST_TEST(!f.fly.called("--image"));
}

BOOST_AUTO_TEST_CASE(a_failing_releases_listing_fails_the_rollback_with_flyctls_words) {
  Fixture f;
  const EnvConfig config = prodConfig();
  f.deploy(kOldSha);
  f.deploy(kNewSha);
  f.commands.addEnv("FLY_API_TOKEN", "revoked-token");
  const auto platform = f.platform(config);
  const RollbackAttempt attempt = platform->rollBack("v1", std::chrono::seconds(30));
  BOOST_TEST(attempt.result.exitCode == 1);
  BOOST_REQUIRE(!attempt.result.tail.empty());
  BOOST_TEST(attempt.result.tail.back() ==
             "`fly releases --app shop --json` failed (exit 1): Error: You must be authenticated "
             "to view this.");
}

BOOST_AUTO_TEST_CASE(a_working_manifest_rollback_wins) {
  Fixture f;
  EnvConfig config = prodConfig();
  config.rollbackCommand = "echo rolled back by the team script";
  const auto platform = f.platform(config);
  BOOST_TEST(platform->notices().empty());
  const RollbackAttempt attempt = platform->rollBack("v1", std::chrono::seconds(30));
  BOOST_TEST(attempt.result.succeeded());
  BOOST_TEST(attempt.mechanism == "manifest rollback_command");
  BOOST_TEST(attempt.command == "echo rolled back by the team script");
  BOOST_TEST(!f.fly.called("releases"));
}

BOOST_AUTO_TEST_CASE(on_a_runner_without_a_fly_token_prepare_says_how_to_pass_one) {
  Fixture f;
  const EnvConfig config = prodConfig();
  f.environment.values["GITHUB_ACTIONS"] = "true";
  f.environment.values.erase("FLY_API_TOKEN");
  const auto platform = f.platform(config);
  const Status prepared = platform->prepare();
  BOOST_REQUIRE(!prepared.ok());
  BOOST_TEST((prepared.code() == ErrorCode::FailedPrecondition));
  BOOST_TEST(prepared.message() ==
             "FLY_API_TOKEN is not set, so flyctl cannot reach Fly.io: add it to the step's env "
             "(FLY_API_TOKEN: ${{ secrets.FLY_API_TOKEN }}); create the secret with `fly tokens "
             "create deploy`");
  f.environment.values["FLY_ACCESS_TOKEN"] = "t";  // flyctl's other name for it
  BOOST_TEST(platform->prepare().ok());
}

BOOST_AUTO_TEST_CASE(prepare_uses_the_fly_on_path_and_downloads_nothing) {
  Fixture f;
  const EnvConfig config = prodConfig();
  const auto platform = f.platform(config);
  BOOST_REQUIRE(platform->prepare().ok());
  BOOST_TEST(f.log.contains("flyctl: using " + f.fly.binDir() + "/fly"), f.log.text());
  BOOST_TEST(f.http.requests.empty());
}

// Which commands must ship this environment's app: a deploy checks deploy_command and a working
// rollback_command; `rollback` checks only the rollback it runs. Another app beside app_name (a
// worker) is fine; another environment's app, or never app_name, is refused.
BOOST_AUTO_TEST_CASE(commands_must_ship_this_environments_app) {
  Fixture f;
  f.repo.write("fly.worker.toml", "app = \"shop-worker\"\n");
  EnvConfig staging = prodConfig();
  staging.name = "staging";
  staging.appName = "shop-staging";
  staging.deployCommand = "fly deploy -c fly.toml";  // copied from prod's
  staging.rollbackCommand.clear();
  const auto copied = f.platform(staging, "fly.io", {prodConfig()});
  const Status refused = copied->checkCommandTargets(false);
  BOOST_TEST(static_cast<int>(refused.code()) == static_cast<int>(ErrorCode::InvalidArgument));
  BOOST_TEST(refused.message() ==
             "environments.staging.deploy_command ships Fly.io app \"shop\" (fly.toml's app), "
             "prod's app_name, not \"shop-staging\", this environment's app_name, which `fly "
             "status`, the secrets check and the rollback read. Make them name the same app; "
             "nothing was deployed");
  // `factory-deploy rollback` runs no deploy_command: the built-in rollback names --app itself.
  BOOST_TEST(copied->checkCommandTargets(true).ok());

  EnvConfig prod = prodConfig();
  prod.deployCommand = "fly deploy -c fly.toml && fly deploy -c fly.worker.toml";
  BOOST_TEST(f.platform(prod)->checkCommandTargets(false).ok());  // a worker beside it
  prod.deployCommand = "fly deploy -c fly.worker.toml";
  const Status never = f.platform(prod)->checkCommandTargets(false);
  BOOST_TEST(never.message().starts_with("environments.prod.deploy_command ships Fly.io app "
                                         "\"shop-worker\" (fly.worker.toml's app), not \"shop\","),
             never.message());

  EnvConfig rollsBackProd = staging;
  rollsBackProd.deployCommand = "fly deploy --app shop-staging";
  rollsBackProd.rollbackCommand = "fly deploy -c fly.toml --image \"$DEPLOY_ROLLBACK_TO\"";
  const auto rollsBack = f.platform(rollsBackProd, "fly.io", {prodConfig()});
  BOOST_TEST(rollsBack->checkCommandTargets(true).message().starts_with(
      "environments.staging.rollback_command ships Fly.io app \"shop\" (fly.toml's app), prod's "
      "app_name,"));
  BOOST_TEST(rollsBack->checkCommandTargets(false).message().starts_with(
      "environments.staging.rollback_command ships"));
}

BOOST_AUTO_TEST_SUITE_END()
