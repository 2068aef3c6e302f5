#include <boost/test/unit_test.hpp>

#include <string>

#include "manifest/placeholders.hpp"
#include "manifest_fixtures.hpp"

namespace {

fd::PlaceholderValues shop() {
  return {"shop", "shop-prod",
          "iad",  "https://shop.fly.dev",
          "prod", "0123456789abcdef0123456789abcdef01234567"};
}

std::string expanded(const std::string& text, const fd::PlaceholderValues& values = shop()) {
  const auto result = fd::expandPlaceholders(text, values, "deploy_command");
  BOOST_REQUIRE_MESSAGE(result.ok(), fd::test::errorOf(result));
  return *result;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(placeholders)

BOOST_AUTO_TEST_CASE(substitutes_every_placeholder) {
  BOOST_TEST(expanded("{app} {app_name} {region} {url} {environment} {sha}") ==
             "shop shop-prod iad https://shop.fly.dev prod "
             "0123456789abcdef0123456789abcdef01234567");
  BOOST_TEST(expanded("fly deploy --app {app}-alpha --image-label={sha}") ==
             "fly deploy --app shop-alpha --image-label=0123456789abcdef0123456789abcdef01234567");
  BOOST_TEST(expanded("{app_name}{app_name}") == "shop-prodshop-prod");
}

BOOST_AUTO_TEST_CASE(leaves_unknown_words_and_shell_syntax_alone) {
  BOOST_TEST(expanded("echo ${HOME} {HOME} {app-name} {} {a,b} {") ==
             "echo ${HOME} {HOME} {app-name} {} {a,b} {");
  BOOST_TEST(expanded("find . -exec rm {} \\;") == "find . -exec rm {} \\;");
  BOOST_TEST(expanded("awk '{print $1}'") == "awk '{print $1}'");
  BOOST_TEST(expanded("{{app}}") == "{shop}");
  BOOST_TEST(expanded("{app") == "{app");
}

BOOST_AUTO_TEST_CASE(a_dollar_brace_is_always_the_shells) {
  BOOST_TEST(expanded("for app in a b; do echo ${app}; done") ==
             "for app in a b; do echo ${app}; done");
  BOOST_TEST(expanded("${sha} {sha}") == "${sha} 0123456789abcdef0123456789abcdef01234567");
}

BOOST_AUTO_TEST_CASE(empty_values_substitute_as_empty) {
  fd::PlaceholderValues values = shop();
  values.region.clear();
  BOOST_TEST(expanded("fly deploy --region={region}.", values) == "fly deploy --region=.");
}

BOOST_AUTO_TEST_CASE(accepts_every_allowed_character) {
  fd::PlaceholderValues values = shop();
  values.url = "https://user@shop.fly.dev:8443/a_b/c+d-e";
  BOOST_TEST(expanded("curl {url}", values) == "curl https://user@shop.fly.dev:8443/a_b/c+d-e");
}

BOOST_AUTO_TEST_CASE(refuses_values_that_would_inject_shell_syntax) {
  const std::vector<std::pair<std::string, std::string>> attacks = {
      {"shop; rm -rf /", "';'"},
      {"shop && reboot", "a space"},
      {"$(reboot)", "'$'"},
      {"`id`", "'`'"},
      {"shop|sh", "'|'"},
      {"shop>out", "'>'"},
      {"shop\nreboot", "a newline"},
      {"shop'", "a single quote"},
      {"shop\"", "'\"'"},
      {"a\\b", "'\\'"},
      {"shop*", "'*'"},
      {"sh\xc3\xa9p", "byte 0xc3"},
      {std::string("a\0b", 3), "byte 0x00"},
  };
  for (const auto& [value, character] : attacks) {
    fd::PlaceholderValues values = shop();
    values.appName = value;
    const auto result = fd::expandPlaceholders("fly deploy --app {app_name}", values,
                                               "environments.prod.deploy_command");
    BOOST_TEST_CONTEXT(value) {
      BOOST_REQUIRE(!result.ok());
      BOOST_TEST((result.code() == fd::ErrorCode::InvalidArgument));
      BOOST_TEST(result.message().starts_with("environments.prod.deploy_command: {app_name} would "
                                              "insert "),
                 result.message());
      BOOST_TEST(contains(result.message(), "which contains " + character), result.message());
      BOOST_TEST(contains(result.message(), "fix app_name"), result.message());
    }
  }
}

BOOST_AUTO_TEST_CASE(names_the_source_of_each_placeholder) {
  fd::PlaceholderValues values = shop();
  values.app = "my shop";
  values.url = "https://x.dev/?a=1";
  values.region = "iad;";
  BOOST_TEST(contains(fd::expandPlaceholders("{app}", values, "f").message(), "fix project_name"));
  BOOST_TEST(contains(fd::expandPlaceholders("{url}", values, "f").message(), "fix url"));
  BOOST_TEST(contains(fd::expandPlaceholders("{region}", values, "f").message(), "fix region"));
}

BOOST_AUTO_TEST_CASE(an_unsafe_value_matters_only_where_it_is_substituted) {
  fd::PlaceholderValues values = shop();
  values.region = "$(reboot)";
  BOOST_TEST(expanded("fly deploy --app {app_name}", values) == "fly deploy --app shop-prod");
}

BOOST_AUTO_TEST_CASE(expands_every_command_of_an_environment) {
  fd::EnvConfig env;
  env.name = "prod";
  env.deployCommand = "deploy {app_name}";
  env.rollbackCommand = "rollback {app_name}";
  env.secretsCommand = "secrets {app}";
  env.telemetryCheckCommand = "telemetry {url}";
  env.errorRateCommand = "rate {region}";
  env.currentVersionCommand = "version {environment}";
  env.ciCheckCommand = "ci {sha}";
  fd::SmokeTest http;
  http.name = "home";
  http.path = "/{app}";
  fd::SmokeTest command;
  command.name = "e2e";
  command.command = "smoke {url} {sha}";
  env.smokeTests = {http, command};

  const auto result = fd::expandCommands(env, shop());
  BOOST_REQUIRE_MESSAGE(result.ok(), fd::test::errorOf(result));
  BOOST_TEST(result->deployCommand == "deploy shop-prod");
  BOOST_TEST(result->rollbackCommand == "rollback shop-prod");
  BOOST_TEST(result->secretsCommand == "secrets shop");
  BOOST_TEST(result->telemetryCheckCommand == "telemetry https://shop.fly.dev");
  BOOST_TEST(result->errorRateCommand == "rate iad");
  BOOST_TEST(result->currentVersionCommand == "version prod");
  BOOST_TEST(result->ciCheckCommand == "ci 0123456789abcdef0123456789abcdef01234567");
  BOOST_TEST(result->smokeTests[0].path == "/{app}");  // paths are not commands
  BOOST_TEST(result->smokeTests[1].command ==
             "smoke https://shop.fly.dev 0123456789abcdef0123456789abcdef01234567");
}

BOOST_AUTO_TEST_CASE(names_the_command_that_would_receive_an_unsafe_value) {
  fd::EnvConfig env;
  env.name = "staging";
  env.deployCommand = "deploy";
  fd::SmokeTest first;
  first.command = "true";
  fd::SmokeTest second;
  second.command = "check {region}";
  env.smokeTests = {first, second};
  fd::PlaceholderValues values = shop();
  values.region = "iad & reboot";
  const auto result = fd::expandCommands(env, values);
  BOOST_REQUIRE(!result.ok());
  BOOST_TEST(result.message().starts_with("environments.staging.smoke_tests[1].command: {region}"),
             result.message());
}

BOOST_AUTO_TEST_CASE(placeholder_values_come_from_the_manifest_and_the_target) {
  fd::Manifest manifest;
  manifest.projectName = "shop";
  fd::EnvConfig env;
  env.name = "staging";
  env.appName = "shop-staging";
  env.region = "iad";
  env.url = "https://shop-staging.fly.dev";
  const fd::PlaceholderValues values = fd::placeholderValues(manifest, env, "abc");
  BOOST_TEST(values.app == "shop");
  BOOST_TEST(values.appName == "shop-staging");
  BOOST_TEST(values.region == "iad");
  BOOST_TEST(values.url == "https://shop-staging.fly.dev");
  BOOST_TEST(values.environment == "staging");
  BOOST_TEST(values.sha == "abc");
}

BOOST_AUTO_TEST_SUITE_END()
