#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "manifest/manifest_loader.hpp"
#include "manifest_fixtures.hpp"

namespace {

using fd::test::errorOf;
using fd::test::fixture;
using fd::test::parse;
using fd::test::parseFor;
using fd::test::setupWith;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool anyContains(const std::vector<std::string>& lines, const std::string& part) {
  for (const std::string& line : lines) {
    if (contains(line, part)) return true;
  }
  return false;
}

const fd::EnvConfig& envOf(const fd::Manifest& manifest, const std::string& name) {
  const fd::EnvConfig* env = manifest.find(name);
  BOOST_REQUIRE_MESSAGE(env != nullptr, "environment " << name << " not loaded");
  return *env;
}

// A field edit and the message it must produce, for the table-driven cases.
struct BadField {
  const char* path;
  const char* value;
  const char* expected;  // a part of the error message
};

void checkRejected(const std::vector<BadField>& cases) {
  for (const BadField& bad : cases) {
    const auto result = parse(setupWith(bad.path, bad.value));
    BOOST_TEST_CONTEXT(bad.path << " = " << bad.value) {
      BOOST_TEST(!result.ok());
      if (result.ok()) continue;
      BOOST_TEST((result.code() == fd::ErrorCode::InvalidArgument));
      BOOST_TEST(contains(result.message(), bad.expected), result.message());
      BOOST_TEST(contains(result.message(), ".factory/deploy-config.json: "), result.message());
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(manifest_parser)

BOOST_AUTO_TEST_CASE(loads_the_setup_example_unchanged) {
  const auto result = parse(fixture("setup_example.json"));
  BOOST_REQUIRE_MESSAGE(result.ok(), errorOf(result));
  const fd::Manifest& manifest = *result;
  BOOST_TEST(manifest.path == ".factory/deploy-config.json");
  BOOST_TEST(manifest.platform == "fly.io");
  BOOST_TEST(manifest.projectName == "shop");
  BOOST_TEST(manifest.internalPort.value_or(0) == 8080);
  BOOST_TEST(manifest.warnings.empty());
  BOOST_REQUIRE(manifest.environments.size() == 3U);

  const fd::EnvConfig& prod = envOf(manifest, "prod");
  BOOST_TEST(prod.appName == "shop");
  BOOST_TEST(prod.region == "iad");
  BOOST_TEST(prod.configFile == "fly.toml");
  BOOST_TEST(prod.deployCommand == "fly deploy -c fly.toml");
  BOOST_TEST(prod.url == "https://shop.fly.dev");
  BOOST_TEST(prod.healthCheckPath == "/health");
  BOOST_TEST(prod.rollbackCommand == "fly releases rollback --app {app_name}");
  BOOST_TEST(prod.secretsCommand == "fly secrets list --app {app_name}");
  BOOST_TEST(envOf(manifest, "alpha").deployCommand == "fly deploy -c fly.alpha.toml");
  BOOST_TEST(envOf(manifest, "staging").url == "https://shop-staging.fly.dev");
}

BOOST_AUTO_TEST_CASE(applies_the_documented_defaults) {
  const auto result = parse(fixture("setup_example.json"));
  BOOST_REQUIRE_MESSAGE(result.ok(), errorOf(result));
  const fd::EnvConfig& prod = envOf(*result, "prod");
  BOOST_TEST(prod.healthCheck.expectedStatus == 200);
  BOOST_TEST(prod.healthCheck.timeoutS == 120);
  BOOST_TEST(prod.healthCheck.intervalS == 5);
  BOOST_TEST(prod.healthCheck.initialDelayS == 0);
  BOOST_TEST(prod.healthCheck.successes == 1);
  BOOST_TEST(!prod.healthCheck.expectVersion);
  BOOST_TEST(prod.smokeTests.empty());
  BOOST_TEST(!prod.maxErrorRate.has_value());
  BOOST_TEST(!prod.maxErrorRateIncrease.has_value());
  BOOST_TEST(prod.requiredSecrets.empty());
  BOOST_TEST(prod.ciCheckCommand.empty());
  BOOST_TEST(prod.deployTimeoutS == 1800);
  BOOST_TEST(prod.rollbackTimeoutS == 600);
}

BOOST_AUTO_TEST_CASE(orders_environments_along_the_chain_whatever_the_json_order) {
  const auto result = parse(fixture("overrides.json"));  // written prod, staging, alpha
  BOOST_REQUIRE_MESSAGE(result.ok(), errorOf(result));
  BOOST_REQUIRE(result->environments.size() == 3U);
  BOOST_TEST(result->environments[0].name == "alpha");
  BOOST_TEST(result->environments[1].name == "staging");
  BOOST_TEST(result->environments[2].name == "prod");
  BOOST_TEST(result->previous("prod")->name == "staging");
}

BOOST_AUTO_TEST_CASE(environment_settings_override_the_top_level_ones) {
  const auto result = parse(fixture("overrides.json"));
  BOOST_REQUIRE_MESSAGE(result.ok(), errorOf(result));
  const fd::EnvConfig& prod = envOf(*result, "prod");
  const fd::EnvConfig& staging = envOf(*result, "staging");
  const fd::EnvConfig& alpha = envOf(*result, "alpha");

  BOOST_TEST(prod.healthCheckPath == "/healthz");
  BOOST_TEST(staging.healthCheckPath == "/health");
  BOOST_TEST(prod.rollbackCommand == "fly releases rollback --app {app_name} --yes");
  BOOST_TEST(alpha.rollbackCommand == "fly releases rollback --app {app_name}");
  BOOST_TEST(prod.deployTimeoutS == 2400);
  BOOST_TEST(staging.deployTimeoutS == 900);
  BOOST_TEST(alpha.rollbackTimeoutS == 600);
}

BOOST_AUTO_TEST_CASE(health_check_overrides_field_by_field) {
  const auto result = parse(fixture("overrides.json"));
  BOOST_REQUIRE_MESSAGE(result.ok(), errorOf(result));
  const fd::HealthCheckConfig& prod = envOf(*result, "prod").healthCheck;
  BOOST_TEST(prod.timeoutS == 60);  // top level
  BOOST_TEST(prod.intervalS == 2);  // top level
  BOOST_TEST(prod.successes == 3);  // prod
  BOOST_TEST(prod.expectVersion);   // prod
  BOOST_TEST(prod.expectedStatus == 200);
  const fd::HealthCheckConfig& staging = envOf(*result, "staging").healthCheck;
  BOOST_TEST(staging.timeoutS == 60);
  BOOST_TEST(staging.successes == 1);
  BOOST_TEST(!staging.expectVersion);
}

BOOST_AUTO_TEST_CASE(lists_replace_the_inherited_ones_and_empty_turns_them_off) {
  const auto result = parse(fixture("overrides.json"));
  BOOST_REQUIRE_MESSAGE(result.ok(), errorOf(result));
  const fd::EnvConfig& prod = envOf(*result, "prod");
  BOOST_REQUIRE(prod.smokeTests.size() == 2U);
  BOOST_TEST(prod.smokeTests[0].name == "api");
  BOOST_TEST(prod.requiredSecrets == (std::vector<std::string>{"DATABASE_URL", "STRIPE_KEY"}));
  const fd::EnvConfig& staging = envOf(*result, "staging");
  BOOST_TEST(staging.smokeTests.empty());
  BOOST_TEST(staging.requiredSecrets.empty());
  BOOST_TEST(staging.secretsCommand.empty());  // "" turned the inherited command off
  const fd::EnvConfig& alpha = envOf(*result, "alpha");
  BOOST_REQUIRE(alpha.smokeTests.size() == 1U);
  BOOST_TEST(alpha.smokeTests[0].path == "/");
  BOOST_TEST(alpha.requiredSecrets == (std::vector<std::string>{"DATABASE_URL"}));
}

BOOST_AUTO_TEST_CASE(drops_a_trailing_slash_from_the_url) {
  const auto result = parse(fixture("overrides.json"));
  BOOST_REQUIRE_MESSAGE(result.ok(), errorOf(result));
  BOOST_TEST(envOf(*result, "prod").url == "https://shop.fly.dev");
}

BOOST_AUTO_TEST_CASE(reads_every_extension_field) {
  const auto result = parse(fixture("extensions.json"));
  BOOST_REQUIRE_MESSAGE(result.ok(), errorOf(result));
  BOOST_TEST(result->warnings.empty());
  const fd::EnvConfig& prod = envOf(*result, "prod");
  BOOST_TEST(prod.healthCheck.expectedStatus == 204);
  BOOST_TEST(prod.healthCheck.timeoutS == 300);
  BOOST_TEST(prod.healthCheck.intervalS == 10);
  BOOST_TEST(prod.healthCheck.initialDelayS == 15);
  BOOST_TEST(prod.healthCheck.successes == 2);
  BOOST_TEST(prod.healthCheck.expectVersion);
  BOOST_REQUIRE(prod.smokeTests.size() == 4U);
  const fd::SmokeTest& home = prod.smokeTests[0];
  BOOST_TEST(home.name == "home page");
  BOOST_TEST(home.path == "/");
  BOOST_TEST(home.method == "GET");  // "get" normalised
  BOOST_TEST(home.expectStatus == 200);
  BOOST_TEST(home.expectBodyContains == "Welcome");
  BOOST_TEST(!home.isCommand());
  BOOST_TEST(prod.smokeTests[1].method == "POST");
  BOOST_TEST(prod.smokeTests[1].expectStatus == 201);
  BOOST_TEST(prod.smokeTests[2].isCommand());
  BOOST_TEST(prod.smokeTests[2].command == "./scripts/smoke.sh {url} {sha}");
  BOOST_TEST(prod.smokeTests[3].name == "GET /robots.txt");  // default name
  BOOST_TEST(prod.telemetryCheckCommand == "./scripts/traces-flowing.sh {app_name}");
  BOOST_TEST(prod.errorRateCommand == "./scripts/error-rate.sh {app_name} {region}");
  BOOST_TEST(prod.maxErrorRate.value_or(-1) == 2.5);
  BOOST_TEST(prod.maxErrorRateIncrease.value_or(-1) == 1.0);
  BOOST_TEST(prod.currentVersionCommand == "fly releases --app {app_name} --json");
  BOOST_TEST(prod.requiredSecrets == (std::vector<std::string>{"DATABASE_URL", "SESSION_SECRET"}));
  BOOST_TEST(prod.ciCheckCommand == "make test");
  BOOST_TEST(prod.deployTimeoutS == 1200);
  BOOST_TEST(prod.rollbackTimeoutS == 300);
}

BOOST_AUTO_TEST_CASE(every_extension_field_may_stand_inside_an_environment) {
  std::string json = fixture("setup_example.json");
  const std::vector<std::pair<const char*, const char*>> fields = {
      {"environments.prod.health_check", R"({"expected_status": 202, "interval_s": 1})"},
      {"environments.prod.smoke_tests", R"([{"name": "x", "command": "true"}])"},
      {"environments.prod.telemetry_check_command", R"("t")"},
      {"environments.prod.error_rate_command", R"("e")"},
      {"environments.prod.max_error_rate", "5"},
      {"environments.prod.max_error_rate_increase", "0.5"},
      {"environments.prod.current_version_command", R"("v")"},
      {"environments.prod.required_secrets", R"(["A"])"},
      {"environments.prod.ci_check_command", R"("c")"},
      {"environments.prod.deploy_timeout_s", "60"},
      {"environments.prod.rollback_timeout_s", "30"},
      {"environments.prod.secrets_command", R"("s")"},
  };
  for (const auto& [path, value] : fields) json = fd::test::edited(json, path, value);
  const auto result = parse(json);
  BOOST_REQUIRE_MESSAGE(result.ok(), errorOf(result));
  BOOST_TEST(result->warnings.empty());
  const fd::EnvConfig& prod = envOf(*result, "prod");
  BOOST_TEST(prod.healthCheck.expectedStatus == 202);
  BOOST_TEST(prod.healthCheck.intervalS == 1);
  BOOST_TEST(prod.smokeTests.size() == 1U);
  BOOST_TEST(prod.telemetryCheckCommand == "t");
  BOOST_TEST(prod.errorRateCommand == "e");
  BOOST_TEST(prod.maxErrorRate.value_or(-1) == 5.0);
  BOOST_TEST(prod.maxErrorRateIncrease.value_or(-1) == 0.5);
  BOOST_TEST(prod.currentVersionCommand == "v");
  BOOST_TEST(prod.requiredSecrets.size() == 1U);
  BOOST_TEST(prod.ciCheckCommand == "c");
  BOOST_TEST(prod.deployTimeoutS == 60);
  BOOST_TEST(prod.rollbackTimeoutS == 30);
  const fd::EnvConfig& staging = envOf(*result, "staging");
  BOOST_TEST(staging.healthCheck.expectedStatus == 200);
  BOOST_TEST(staging.telemetryCheckCommand.empty());
  BOOST_TEST(staging.deployTimeoutS == 1800);
}

BOOST_AUTO_TEST_CASE(null_means_not_given_for_optional_fields) {
  std::string json = setupWith("environments.prod.region", "null");
  json = fd::test::edited(json, "environments.prod.rollback_command", "null");
  const auto result = parse(json);
  BOOST_REQUIRE_MESSAGE(result.ok(), errorOf(result));
  BOOST_TEST(envOf(*result, "prod").region.empty());
  BOOST_TEST(envOf(*result, "prod").rollbackCommand == "fly releases rollback --app {app_name}");
}

BOOST_AUTO_TEST_CASE(the_deploy_actions_shape_is_refused_with_what_to_add) {
  const auto result = parseFor(fixture("factory_deploy_actions.json"), "prod");
  BOOST_REQUIRE(!result.ok());
  BOOST_TEST((result.code() == fd::ErrorCode::InvalidArgument));
  BOOST_TEST(contains(result.message(),
                      ".factory/deploy-config.json: environments.prod.deploy_command: missing "
                      "(this manifest uses \"deploy_actions\", which factory-deploy does not run; "
                      "add \"deploy_command\": the one shell command that deploys prod; "
                      "placeholders such as {app_name} and {sha} are filled in)"),
             result.message());
}

BOOST_AUTO_TEST_CASE(the_factory_projects_own_manifest_loads_with_warnings) {
  const auto loaded = parse(fixture("factory_own_manifest.json"));
  BOOST_REQUIRE_MESSAGE(loaded.ok(), errorOf(loaded));
  BOOST_TEST(envOf(*loaded, "prod").healthCheckNote == "the pages site answers 200");
  BOOST_TEST(anyContains(loaded->warnings,
                         ".factory/deploy-config.json: health_check: a description, not a check "
                         "factory-deploy can run: kept as a note in the receipt"));
  BOOST_TEST(anyContains(loaded->warnings, "version_source: unknown key, ignored"));
  BOOST_TEST(anyContains(loaded->warnings,
                         "environments.prod.deploy_command: missing (this manifest uses "
                         "\"deploy_actions\""));
}

BOOST_AUTO_TEST_CASE(the_factory_projects_own_manifest_lists_every_gap_of_prod_at_once) {
  const auto result = parseFor(fixture("factory_own_manifest.json"), "prod");
  const std::string message = errorOf(result);
  BOOST_TEST(contains(message,
                      "environments.prod.deploy_command: missing (this manifest uses "
                      "\"deploy_actions\""),
             message);
  BOOST_TEST(contains(message, "environments.prod.health_check_path: missing"), message);
  BOOST_TEST(contains(message, "warning: health_check: a description, not a check"), message);
  BOOST_TEST(!contains(message, "health_check: expected an object"), message);
}

BOOST_AUTO_TEST_CASE(a_health_check_string_is_a_note_at_either_level) {
  const auto top = parse(setupWith("health_check", R"("  /health answers 200 ")"));
  BOOST_REQUIRE_MESSAGE(top.ok(), errorOf(top));
  BOOST_TEST(envOf(*top, "staging").healthCheckNote == "/health answers 200");
  BOOST_TEST(envOf(*top, "staging").healthCheck.expectedStatus == 200);  // the defaults stand
  const auto own = parse(setupWith("environments.prod.health_check", R"("prod only")"));
  BOOST_REQUIRE_MESSAGE(own.ok(), errorOf(own));
  BOOST_TEST(envOf(*own, "prod").healthCheckNote == "prod only");
  BOOST_TEST(envOf(*own, "alpha").healthCheckNote.empty());
}

BOOST_AUTO_TEST_CASE(deploy_actions_next_to_a_deploy_command_is_only_a_warning) {
  const auto result =
      parse(setupWith("environments.prod.deploy_actions", R"(["gh workflow run release.yml"])"));
  BOOST_REQUIRE_MESSAGE(result.ok(), errorOf(result));
  BOOST_TEST(anyContains(result->warnings,
                         "environments.prod.deploy_actions: ignored; factory-deploy runs "
                         "deploy_command"));
}

BOOST_AUTO_TEST_CASE(malformed_json_names_line_column_and_the_parser_error) {
  const auto result = parse(fixture("malformed.json"));
  BOOST_REQUIRE(!result.ok());
  BOOST_TEST((result.code() == fd::ErrorCode::InvalidArgument));
  BOOST_TEST(contains(result.message(),
                      ".factory/deploy-config.json: malformed JSON at line 4, column 3 (byte "),
             result.message());
  BOOST_TEST(contains(result.message(), "Missing a comma or '}' after an object member."),
             result.message());
}

BOOST_AUTO_TEST_CASE(other_unreadable_documents_are_named_precisely) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "empty; expected a JSON object"},
      {"  \n\t", "empty; expected a JSON object"},
      {"[1, 2]", "expected a JSON object at the top level, got an array"},
      {"\"fly.io\"", "expected a JSON object at the top level, got \"fly.io\""},
      {"{} {}", "malformed JSON at line 1, column 4"},
      {"{\"platform\": \"fly\xff\"}", "Invalid encoding in string."},
      {"{\"a\": 1,}", "malformed JSON at line 1, column 9"},
      {"{\"a\": NaN}", "malformed JSON"},
  };
  for (const auto& [json, expected] : cases) {
    const auto result = parse(json);
    BOOST_TEST_CONTEXT(json) {
      BOOST_TEST(!result.ok());
      BOOST_TEST(contains(errorOf(result), expected), errorOf(result));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_utf8_byte_order_mark_is_accepted) {
  const auto result = parse("\xEF\xBB\xBF" + fixture("setup_example.json"));
  BOOST_TEST(result.ok(), errorOf(result));
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_rejected_without_exhausting_the_stack) {
  const std::string deep = "{\"x\": " + std::string(200000, '[') + std::string(200000, ']') + "}";
  const auto result = parse(deep);
  BOOST_REQUIRE(!result.ok());
  BOOST_TEST(contains(result.message(), "platform: missing"), result.message());
}

BOOST_AUTO_TEST_CASE(refuses_a_manifest_larger_than_one_mebibyte) {
  const std::string huge = "{\"x\": \"" + std::string(fd::kMaxManifestBytes, 'a') + "\"}";
  const auto result = parse(huge);
  BOOST_REQUIRE(!result.ok());
  BOOST_TEST((result.code() == fd::ErrorCode::InvalidArgument));
  BOOST_TEST(contains(result.message(), "larger than 1 MiB"), result.message());
}

BOOST_AUTO_TEST_CASE(missing_required_fields_are_named) {
  checkRejected({
      {"platform", "", "platform: missing (the hosting platform"},
      {"project_name", "", "project_name: missing (the project's name, used for {app})"},
      {"environments", "", "environments: missing (an object with alpha, staging and/or prod"},
      {"environments.staging.app_name", "", "environments.staging.app_name: missing"},
  });
}

BOOST_AUTO_TEST_CASE(a_missing_deploy_command_only_stops_a_deploy_of_that_environment) {
  const std::string noProdCommand = setupWith("environments.prod.deploy_command", "");
  const auto loaded = parse(noProdCommand);
  BOOST_REQUIRE_MESSAGE(loaded.ok(), errorOf(loaded));
  BOOST_TEST(anyContains(loaded->warnings,
                         "environments.prod.deploy_command: missing (the shell command that "
                         "deploys prod, e.g. \"fly deploy -c fly.toml\"); prod cannot be deployed "
                         "until it has one"));
  BOOST_TEST(parseFor(noProdCommand, "alpha").ok());
  const auto prod = parseFor(noProdCommand, "prod");
  BOOST_TEST(contains(errorOf(prod),
                      ".factory/deploy-config.json: environments.prod.deploy_command: missing "
                      "(the shell command that deploys prod, e.g. \"fly deploy -c fly.toml\")"),
             errorOf(prod));
  const auto staging =
      parseFor(setupWith("environments.staging.deploy_command", "null"), "staging");
  BOOST_TEST(contains(errorOf(staging),
                      "environments.staging.deploy_command: missing (the shell command that "
                      "deploys staging, e.g. \"fly deploy -c fly.staging.toml\")"),
             errorOf(staging));
}

BOOST_AUTO_TEST_CASE(one_run_lists_every_problem_of_the_target_and_the_hints) {
  // A typo in prod, no health_check_path, a near-miss placeholder and a bad value: one pass.
  std::string json = setupWith("environments.prod.deploy_command", "");
  json = fd::test::edited(json, "environments.prod.deploy_comand", R"("fly deploy -c fly.toml")");
  json = fd::test::edited(json, "health_check_path", "");
  json = fd::test::edited(json, "rollback_command", R"("fly releases rollback --app {appname}")");
  json = fd::test::edited(json, "internal_port", "0");
  const auto result = parseFor(json, "prod");
  const std::string message = errorOf(result);
  for (const char* line :
       {".factory/deploy-config.json: internal_port: expected a port number between 1 and 65535",
        ".factory/deploy-config.json: environments.prod.deploy_command: missing (the shell "
        "command that deploys prod",
        ".factory/deploy-config.json: environments.prod.health_check_path: missing (set it at the "
        "top level for every environment, or inside environments.prod)",
        ".factory/deploy-config.json: environments.prod.rollback_command: {appname} is not a "
        "placeholder (did you mean {app_name}?)",
        ".factory/deploy-config.json: warning: environments.prod.deploy_comand: unknown key, "
        "ignored (did you mean \"deploy_command\"?)"}) {
    BOOST_TEST(contains(message, line), line << "\n---\n" << message);
  }
}

BOOST_AUTO_TEST_CASE(a_top_level_deploy_command_is_explained_when_an_environment_lacks_one) {
  std::string json = setupWith("environments.prod.deploy_command", "");
  json = fd::test::edited(json, "deploy_command", R"("fly deploy")");
  const auto result = parseFor(json, "prod");
  BOOST_TEST(contains(errorOf(result),
                      "environments.prod.deploy_command: missing (a top-level "
                      "deploy_command is not used; each environment needs its "
                      "own)"),
             errorOf(result));
}

BOOST_AUTO_TEST_CASE(environments_must_be_an_object_of_known_names) {
  checkRejected({
      {"environments", "[]",
       "environments: expected an object keyed by environment name (alpha, staging, prod), got "
       "an array"},
      {"environments", "{}", "environments: empty; define at least one of alpha, staging, prod"},
      {"environments.production", R"({"app_name": "x", "deploy_command": "y"})",
       "environments.production: unknown environment (did you mean \"prod\"?); allowed names are "
       "alpha, staging, prod"},
      {"environments.qa", R"({})",
       "environments.qa: unknown environment; allowed names are "
       "alpha, staging, prod"},
      {"environments.stagin", R"({})", "(did you mean \"staging\"?)"},
      {"environments.prod", R"("fly deploy")",
       "environments.prod: expected an object with app_name, deploy_command and url, got "
       "\"fly deploy\""},
  });
}

BOOST_AUTO_TEST_CASE(wrong_types_name_the_path_what_was_expected_and_what_was_found) {
  checkRejected({
      // strings
      {"platform", "42", "platform: expected a non-empty string, got 42"},
      {"project_name", R"("")", "project_name: expected a non-empty string, got \"\""},
      {"environments.prod.region", "[]",
       "environments.prod.region: expected a string, got an array"},
      {"environments.prod.app_name", "{}",
       "environments.prod.app_name: expected a non-empty string, got an object"},
      {"environments.prod.config_file", "true",
       "environments.prod.config_file: expected a string, got true"},
      // commands
      {"environments.prod.deploy_command", R"(["fly", "deploy"])",
       "environments.prod.deploy_command: expected a shell command (a string), got an array"},
      {"rollback_command", "1", "rollback_command: expected a shell command (a string), got 1"},
      {"ci_check_command", "false",
       "ci_check_command: expected a shell command (a string), got false"},
      // numbers
      {"internal_port", R"("8080")",
       "internal_port: expected a port number between 1 and 65535, got \"8080\""},
      {"deploy_timeout_s", R"("30m")",
       "deploy_timeout_s: expected a whole number of seconds between 1 and 86400, got \"30m\""},
      {"health_check.successes", "true",
       "health_check.successes: expected a whole number of consecutive passes between 1 and 100, "
       "got true"},
      {"max_error_rate", R"("2%")",
       "max_error_rate: expected a percentage between 0 and 100, got \"2%\""},
      // booleans
      {"health_check.expect_version", R"("yes")",
       "health_check.expect_version: expected true or false, got \"yes\""},
      // urls and paths
      {"environments.prod.url", "8080",
       "environments.prod.url: expected an http:// or https:// URL, got 8080"},
      {"health_check_path", R"("health")",
       "health_check_path: expected a string starting with \"/\", got \"health\""},
      // arrays and objects
      {"required_secrets", R"("DATABASE_URL")",
       "required_secrets: expected an array of names, got \"DATABASE_URL\""},
      {"required_secrets", R"(["A", 7])",
       "required_secrets[1]: expected a non-empty name without spaces, got 7"},
      {"smoke_tests", R"({"name": "x"})",
       "smoke_tests: expected an array of smoke tests, got an object"},
      {"smoke_tests", R"(["/health"])",
       "smoke_tests[0]: expected an object {\"name\", \"path\"} or {\"name\", \"command\"}, got "
       "\"/health\""},
      {"smoke_tests", R"([{"path": "/", "expect_body_contains": 5}])",
       "smoke_tests[0].expect_body_contains: expected a string, got 5"},
      {"smoke_tests", R"([{"name": "", "path": "/"}])",
       "smoke_tests[0].name: expected a non-empty string"},
      {"health_check", "120", "health_check: expected an object such as {\"expected_status\": 200"},
  });
}

BOOST_AUTO_TEST_CASE(null_health_check_path_loads_as_not_given) {
  const auto result = parse(setupWith("health_check_path", "null"));
  BOOST_REQUIRE_MESSAGE(result.ok(), errorOf(result));
  BOOST_TEST(envOf(*result, "prod").healthCheckPath.empty());
}

BOOST_AUTO_TEST_CASE(absurd_values_are_errors) {
  checkRejected({
      {"health_check.timeout_s", "-5",
       "health_check.timeout_s: expected a whole number of seconds between 1 and 86400, got -5"},
      {"health_check.timeout_s", "0", "got 0"},
      {"health_check.timeout_s", "86401", "got 86401"},
      {"health_check.interval_s", "1.5",
       "health_check.interval_s: expected a whole number of seconds between 1 and 86400, got 1.5"},
      {"health_check.initial_delay_s", "-1",
       "health_check.initial_delay_s: expected a whole number of seconds between 0 and 86400, got "
       "-1"},
      {"deploy_timeout_s", "1e12", "deploy_timeout_s: expected a whole number of seconds"},
      {"environments.prod.rollback_timeout_s", "99999999999999999999",
       "environments.prod.rollback_timeout_s: expected a whole number of seconds"},
      {"health_check.successes", "0", "got 0"},
      {"health_check.successes", "101", "got 101"},
      {"health_check.expected_status", "99",
       "health_check.expected_status: expected an HTTP status code between 100 and 599, got 99"},
      {"health_check.expected_status", "600", "got 600"},
      {"max_error_rate", "-0.1",
       "max_error_rate: expected a percentage between 0 and 100, got -0.1"},
      {"max_error_rate_increase", "101",
       "max_error_rate_increase: expected a percentage between 0 and 100, got 101"},
      {"internal_port", "0", "internal_port: expected a port number between 1 and 65535, got 0"},
      {"internal_port", "70000", "got 70000"},
      {"environments.prod.deploy_command", R"("")",
       "environments.prod.deploy_command: expected a non-empty shell command, got \"\""},
      {"environments.prod.deploy_command", R"("   ")", "expected a non-empty shell command"},
      {"environments.prod.url", R"("ftp://shop.example")",
       "environments.prod.url: expected an http:// or https:// URL, got \"ftp://shop.example\""},
      {"environments.prod.url", R"("shop.fly.dev")", "expected an http:// or https:// URL"},
      {"environments.prod.url", R"("https://")",
       "expected a URL with a host name after the scheme"},
      {"environments.prod.url", R"("https://:443/")", "expected a URL with a host name"},
      {"environments.prod.url", R"("https://admin:hunter2@shop.fly.dev")",
       "expected a URL without user:password@"},
      {"environments.prod.url", R"("https://shop.fly.dev/?x=1")", "without \"?\" or \"#\""},
      {"environments.prod.url", R"("https://shop .fly.dev")",
       "without spaces or control characters"},
      {"health_check_path", R"("/he alth")",
       "health_check_path: expected a URL path without spaces"},
      {"smoke_tests",
       R"([{"name": "a", "path": "/"}, {"name": "b", "path": "/b"}, {"name": "c", "path": "c"}])",
       "smoke_tests[2].path: expected a string starting with \"/\", got \"c\""},
      {"smoke_tests", R"([{"name": "both", "path": "/", "command": "true"}])",
       "smoke_tests[0]: has both \"path\" and \"command\""},
      {"smoke_tests", R"([{"name": "neither"}])",
       "smoke_tests[0]: needs \"path\" (an HTTP check against the url) or \"command\""},
      {"smoke_tests", R"([{"name": "cmd", "command": "true", "expect_status": 200}])",
       "smoke_tests[0].expect_status: only applies to HTTP smoke tests"},
      {"smoke_tests", R"([{"name": "cmd", "command": ""}])",
       "smoke_tests[0].command: expected a non-empty shell command"},
      {"smoke_tests", R"([{"path": "/", "method": "FETCH"}])",
       "smoke_tests[0].method: expected an HTTP method (GET, HEAD, POST, PUT, PATCH, DELETE or "
       "OPTIONS), got \"FETCH\""},
      {"smoke_tests", R"([{"path": "/", "expect_status": 1000}])",
       "smoke_tests[0].expect_status: expected an HTTP status code between 100 and 599, got 1000"},
      {"required_secrets", R"(["DATABASE URL"])",
       "required_secrets[0]: expected a non-empty name without spaces"},
      {"required_secrets", R"([""])", "required_secrets[0]: expected a non-empty name"},
  });
}

BOOST_AUTO_TEST_CASE(settings_that_need_a_partner_are_refused_without_it) {
  checkRejected({
      {"max_error_rate", "5",
       "environments.alpha: max_error_rate/max_error_rate_increase is set but error_rate_command "
       "is not"},
  });
  const std::string withoutLister =
      fd::test::edited(setupWith("secrets_command", ""), "required_secrets", R"(["DATABASE_URL"])");
  const auto secrets = parse(fd::test::edited(withoutLister, "platform", R"("render")"));
  BOOST_TEST(contains(errorOf(secrets),
                      "environments.prod: required_secrets is set but "
                      "secrets_command is not"),
             errorOf(secrets));
  // Fly.io lists secret names itself (`fly secrets list --json`)...
  const auto fly = parse(withoutLister);
  BOOST_TEST(fly.ok(), errorOf(fly));
  // ...only where its built-ins serve: a deploy that does not run flyctl gets no listing.
  std::string script = fd::test::edited(withoutLister, "rollback_command", R"("./rollback.sh")");
  for (const char* env : {"alpha", "staging", "prod"}) {
    script = fd::test::edited(script, std::string("environments.") + env + ".deploy_command",
                              R"("./deploy.sh")");
  }
  BOOST_TEST(contains(errorOf(parse(script)),
                      "environments.prod: required_secrets is set but secrets_command is not"),
             errorOf(parse(script)));
}

BOOST_AUTO_TEST_CASE(questionable_but_workable_settings_are_warnings) {
  std::string json = setupWith("error_rate_command", R"("./rate.sh")");
  json = fd::test::edited(json, "rollback_command", "");
  const auto result = parse(json);
  BOOST_REQUIRE_MESSAGE(result.ok(), errorOf(result));
  BOOST_TEST(anyContains(result->warnings,
                         ".factory/deploy-config.json: environments.prod: error_rate_command is "
                         "set without max_error_rate or max_error_rate_increase"));
  // A prod without rollback_command is the platform's to warn about (Fly.io has a built-in
  // rollback; tests/platform/fly_platform_test.cpp), not the manifest's.
  BOOST_TEST(!anyContains(result->warnings, "no rollback_command"));
}

BOOST_AUTO_TEST_CASE(unknown_keys_are_warnings_with_their_path) {
  const auto result = parse(fixture("unknown_keys.json"));
  BOOST_REQUIRE_MESSAGE(result.ok(), errorOf(result));
  const std::vector<std::string>& warnings = result->warnings;
  BOOST_TEST(anyContains(warnings,
                         ".factory/deploy-config.json: helth_check_path: unknown key, "
                         "ignored (did you mean \"health_check_path\"?)"));
  BOOST_TEST(anyContains(warnings, "owner: unknown key, ignored"));
  BOOST_TEST(anyContains(warnings,
                         "deploy_command: unknown key, ignored (it belongs inside each "
                         "environment, e.g. environments.prod.deploy_command)"));
  BOOST_TEST(anyContains(warnings,
                         "health_check.timeout: unknown key, ignored (did you mean "
                         "\"timeout_s\"?)"));
  BOOST_TEST(anyContains(warnings,
                         "health_check.path: unknown key, ignored (the endpoint goes in "
                         "health_check_path"));
  BOOST_TEST(anyContains(warnings,
                         "environments.prod.project_name: unknown key, ignored (it "
                         "belongs at the top level"));
  BOOST_TEST(anyContains(warnings, "environments.prod.smoke_tests[0].expect_text: unknown key"));
  BOOST_TEST(warnings.size() == 7U);
}

BOOST_AUTO_TEST_CASE(odd_keys_are_quoted_in_paths) {
  const auto result = parse(setupWith("environments.prod.bad key\n", "1"));
  BOOST_REQUIRE_MESSAGE(result.ok(), errorOf(result));
  BOOST_TEST(anyContains(result->warnings, "environments.prod[\"bad key\\n\"]: unknown key"));
}

BOOST_AUTO_TEST_CASE(duplicate_keys_are_errors) {
  const std::string json = R"({"platform": "fly.io", "platform": "render", "project_name": "shop",
    "environments": {"prod": {"app_name": "a", "deploy_command": "d", "url": "https://a.b",
                              "url": "https://c.d"}}})";
  const auto result = parse(json);
  BOOST_REQUIRE(!result.ok());
  BOOST_TEST(contains(result.message(), "platform: duplicate key"), result.message());
  BOOST_TEST(contains(result.message(), "environments.prod.url: duplicate key"), result.message());
}

BOOST_AUTO_TEST_CASE(every_error_is_reported_one_per_line) {
  std::string json = setupWith("health_check.timeout_s", "-5");
  json = fd::test::edited(json, "environments.staging.url", R"("ftp://x")");
  json = fd::test::edited(json, "platform", "");
  const auto result = parse(json);
  BOOST_REQUIRE(!result.ok());
  const std::string& message = result.message();
  BOOST_TEST(contains(message, ".factory/deploy-config.json: platform: missing"), message);
  BOOST_TEST(contains(message, "\n.factory/deploy-config.json: environments.staging.url: "),
             message);
  BOOST_TEST(contains(message, "\n.factory/deploy-config.json: health_check.timeout_s: "), message);
}

BOOST_AUTO_TEST_CASE(a_flood_of_errors_is_capped) {
  std::string smoke = "[";
  for (int i = 0; i < 500; ++i) smoke += std::string(i == 0 ? "" : ",") + "{\"path\": \"x\"}";
  smoke += "]";
  const auto result = parse(setupWith("smoke_tests", smoke));
  BOOST_REQUIRE(!result.ok());
  BOOST_TEST(contains(result.message(), "… and 480 more problems"),
             result.message().substr(0, 200));
}

BOOST_AUTO_TEST_SUITE_END()
