#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>
#include <vector>

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
  BOOST_TEST(expanded("echo ${HOME} {HOME} {} {a,b} { app } {apps} {api} {uri} {share} {") ==
             "echo ${HOME} {HOME} {} {a,b} { app } {apps} {api} {uri} {share} {");
  BOOST_TEST(expanded("find . -exec rm {} \\;") == "find . -exec rm {} \\;");
  BOOST_TEST(expanded("awk '{print $1}'") == "awk '{print $1}'");
  BOOST_TEST(expanded("{{app}}") == "{shop}");
  BOOST_TEST(expanded("{app") == "{app");
}

BOOST_AUTO_TEST_CASE(the_seeds_app_dash_name_is_app_name) {
  // The seed's receipt template: `fly releases rollback --app {app-name}`.
  BOOST_TEST(expanded("fly releases rollback --app {app-name}") ==
             "fly releases rollback --app shop-prod");
  BOOST_TEST(expanded("echo ${app-name}") == "echo ${app-name}");  // still the shell's
}

BOOST_AUTO_TEST_CASE(near_misses_of_a_placeholder_are_refused_with_a_did_you_mean) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{appname}", "{app_name}"},
      {"{App_Name}", "{app_name}"},
      {"{APP}", "{app}"},
      {"{app_nme}", "{app_name}"},
      {"{regoin}", "{region}"},
      {"{enviroment}", "{environment}"},
      {"{Environment}", "{environment}"},
      {"{env}", "{environment}"},
      {"{commit}", "{sha}"},
      {"{project_name}", "{app}"},
      {"{URL}", "{url}"},
  };
  for (const auto& [word, meant] : cases) {
    const auto result =
        fd::expandPlaceholders("fly releases rollback --app " + word, shop(), "rollback_command");
    BOOST_REQUIRE_MESSAGE(!result.ok(), word);
    BOOST_TEST((result.code() == fd::ErrorCode::InvalidArgument));
    BOOST_TEST(result.message() ==
                   "rollback_command: " + word + " is not a placeholder (did you mean " + meant +
                       "?); placeholders are {app} {app_name} {region} {url} {environment} {sha} "
                       "(the seed's {app-name} works too), and a command that needs braces like "
                       "these should move them into a script",
               word);
  }
}

BOOST_AUTO_TEST_CASE(every_command_problem_is_listed) {
  fd::EnvConfig env;
  env.name = "prod";
  env.deployCommand = "fly deploy --app {appname}";
  env.rollbackCommand = "fly releases rollback --app {app-name}";
  env.secretsCommand = "fly secrets list --app {regoin}";
  const std::vector<std::string> problems = fd::commandProblems(env, shop());
  BOOST_REQUIRE(problems.size() == 2U);
  BOOST_TEST(contains(problems[0], "environments.prod.deploy_command: {appname}"));
  BOOST_TEST(contains(problems[1], "environments.prod.secrets_command: {regoin}"));
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
