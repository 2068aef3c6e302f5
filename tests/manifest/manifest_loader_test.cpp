#include <boost/test/unit_test.hpp>

#include <string>

#include "manifest/manifest_loader.hpp"
#include "manifest_fixtures.hpp"
#include "support/fakes.hpp"

namespace {

using fd::test::fixture;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

fd::Manifest loaded(const std::string& name) {
  auto result = fd::parseManifest(fixture(name), fd::test::kDisplayPath);
  BOOST_REQUIRE_MESSAGE(result.ok(), fd::test::errorOf(result));
  return std::move(*result);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(manifest_loader)

BOOST_AUTO_TEST_CASE(a_missing_manifest_says_where_it_looked_and_what_to_write) {
  const fd::test::FakeFileSystem fs;
  const auto result =
      fd::loadManifest(fs, "/repo/.factory/deploy-config.json", ".factory/deploy-config.json");
  BOOST_REQUIRE(!result.ok());
  BOOST_TEST((result.code() == fd::ErrorCode::NotFound));
  const std::string& message = result.message();
  BOOST_TEST(message.starts_with("No deployment manifest found at .factory/deploy-config.json."),
             message);
  BOOST_TEST(contains(message, "Run /setup to generate the deployment configuration"), message);
  for (const char* field : {"platform", "project_name", "health_check_path", "app_name",
                            "deploy_command", ".url", "environments.<env>"}) {
    BOOST_TEST(contains(message, field), field);
  }
}

BOOST_AUTO_TEST_CASE(the_message_shows_the_path_the_user_gave) {
  const fd::test::FakeFileSystem fs;
  const auto result = fd::loadManifest(fs, "/w/deploy/custom.json", "deploy/custom.json");
  BOOST_TEST(contains(result.message(), "No deployment manifest found at deploy/custom.json."));
}

BOOST_AUTO_TEST_CASE(reads_and_parses_through_the_file_system_port) {
  fd::test::FakeFileSystem fs;
  fs.files["/repo/.factory/deploy-config.json"] = fixture("setup_example.json");
  const auto result =
      fd::loadManifest(fs, "/repo/.factory/deploy-config.json", ".factory/deploy-config.json");
  BOOST_REQUIRE_MESSAGE(result.ok(), fd::test::errorOf(result));
  BOOST_TEST(result->path == ".factory/deploy-config.json");
  BOOST_TEST(result->environments.size() == 3U);
}

BOOST_AUTO_TEST_CASE(parse_errors_carry_the_display_path) {
  fd::test::FakeFileSystem fs;
  fs.files["/abs/cfg.json"] = fixture("malformed.json");
  const auto result = fd::loadManifest(fs, "/abs/cfg.json", "cfg.json");
  BOOST_REQUIRE(!result.ok());
  BOOST_TEST(result.message().starts_with("cfg.json: malformed JSON at line 4"), result.message());
}

BOOST_AUTO_TEST_CASE(an_oversized_manifest_is_refused_without_reading_it_all) {
  fd::test::FakeFileSystem fs;
  fs.files["/repo/m.json"] = std::string(fd::kMaxManifestBytes + 1, ' ');
  const auto result = fd::loadManifest(fs, "/repo/m.json", "m.json");
  BOOST_REQUIRE(!result.ok());
  BOOST_TEST((result.code() == fd::ErrorCode::InvalidArgument));
  BOOST_TEST(result.message() ==
             "m.json: larger than 1 MiB; a deployment manifest is a few "
             "kilobytes (is this the right file?)");
}

BOOST_AUTO_TEST_CASE(selects_an_environment_with_everything_a_deploy_needs) {
  const fd::Manifest manifest = loaded("setup_example.json");
  const auto prod = fd::selectEnvironment(manifest, "prod");
  BOOST_REQUIRE_MESSAGE(prod.ok(), fd::test::errorOf(prod));
  BOOST_TEST(prod->appName == "shop");
  BOOST_TEST(prod->deployCommand == "fly deploy -c fly.toml");
  // Commands stay templates: the SHA is only known later.
  BOOST_TEST(prod->rollbackCommand == "fly releases rollback --app {app_name}");
}

BOOST_AUTO_TEST_CASE(a_target_missing_from_the_manifest_lists_the_defined_ones) {
  fd::Manifest manifest = loaded("setup_example.json");
  std::erase_if(manifest.environments,
                [](const fd::EnvConfig& env) { return env.name == "staging"; });
  const auto result = fd::selectEnvironment(manifest, "staging");
  BOOST_REQUIRE(!result.ok());
  BOOST_TEST((result.code() == fd::ErrorCode::InvalidArgument));
  BOOST_TEST(result.message() ==
             ".factory/deploy-config.json: environments.staging: missing; "
             "the manifest defines alpha, prod");
}

BOOST_AUTO_TEST_CASE(an_unknown_target_lists_the_allowed_names) {
  const auto result = fd::selectEnvironment(loaded("setup_example.json"), "nope");
  BOOST_REQUIRE(!result.ok());
  BOOST_TEST(contains(result.message(),
                      "environment \"nope\" is unknown; allowed names are alpha, "
                      "staging, prod"),
             result.message());
}

BOOST_AUTO_TEST_CASE(alpha_needs_no_url_or_health_check_path) {
  const auto result = fd::selectEnvironment(loaded("overrides.json"), "alpha");
  BOOST_TEST(result.ok(), fd::test::errorOf(result));
  BOOST_TEST(result->url.empty());
}

BOOST_AUTO_TEST_CASE(staging_and_prod_need_a_url_and_a_health_check_path) {
  const fd::Manifest base = loaded("setup_example.json");
  fd::Manifest noUrl = base;
  for (fd::EnvConfig& env : noUrl.environments) env.url.clear();
  fd::Manifest noPath = base;
  for (fd::EnvConfig& env : noPath.environments) env.healthCheckPath.clear();

  BOOST_TEST(fd::selectEnvironment(noUrl, "alpha").ok());
  BOOST_TEST(fd::selectEnvironment(noPath, "alpha").ok());
  const auto stagingUrl = fd::selectEnvironment(noUrl, "staging");
  BOOST_REQUIRE(!stagingUrl.ok());
  BOOST_TEST(contains(stagingUrl.message(),
                      "environments.staging.url: missing (staging is "
                      "verified over HTTP after the deploy)"),
             stagingUrl.message());
  const auto prodPath = fd::selectEnvironment(noPath, "prod");
  BOOST_REQUIRE(!prodPath.ok());
  BOOST_TEST(contains(prodPath.message(),
                      "environments.prod.health_check_path: missing (set it at "
                      "the top level"),
             prodPath.message());
}

BOOST_AUTO_TEST_CASE(a_target_needs_an_app_name_and_a_deploy_command) {
  fd::Manifest manifest = loaded("setup_example.json");
  manifest.environments[0].appName.clear();
  manifest.environments[2].deployCommand.clear();
  BOOST_TEST(contains(fd::selectEnvironment(manifest, "alpha").message(),
                      "environments.alpha.app_name: missing"));
  BOOST_TEST(contains(fd::selectEnvironment(manifest, "prod").message(),
                      "environments.prod.deploy_command: missing"));
}

BOOST_AUTO_TEST_CASE(an_injected_value_is_refused_before_anything_runs) {
  const fd::Manifest manifest = loaded("injection.json");
  const auto prod = fd::selectEnvironment(manifest, "prod");
  BOOST_REQUIRE(!prod.ok());
  BOOST_TEST((prod.code() == fd::ErrorCode::InvalidArgument));
  BOOST_TEST(contains(prod.message(),
                      ".factory/deploy-config.json: environments.prod."
                      "deploy_command: {app_name} would insert \"shop; curl"),
             prod.message());
  BOOST_TEST(contains(prod.message(), "which contains a single quote") == false);
  BOOST_TEST(contains(prod.message(), "contains ';'"), prod.message());
  BOOST_TEST(contains(prod.message(), "fix app_name"), prod.message());

  const auto staging = fd::selectEnvironment(manifest, "staging");
  BOOST_REQUIRE(!staging.ok());
  BOOST_TEST(contains(staging.message(),
                      "environments.staging.deploy_command: {region} would "
                      "insert \"iad$(reboot)\", which contains '$'"),
             staging.message());

  // alpha's region holds backticks, but no alpha command uses {region}.
  BOOST_TEST(fd::selectEnvironment(manifest, "alpha").ok());
}

BOOST_AUTO_TEST_SUITE_END()
