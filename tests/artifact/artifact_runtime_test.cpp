#include <boost/test/unit_test.hpp>

#include "artifact/artifact_runtime.hpp"
#include "support/error_code_print.hpp"
#include "support/fakes.hpp"

namespace {

fd::test::FakeEnvironment runnerEnvironment() {
  fd::test::FakeEnvironment env;
  env.values = {{"ACTIONS_RUNTIME_TOKEN", "a.b.c"},
                {"ACTIONS_RESULTS_URL", "https://results-receiver.actions.githubusercontent.com/"},
                {"GITHUB_SERVER_URL", "https://github.com"},
                {"GITHUB_REPOSITORY", "factory/shop"},
                {"GITHUB_RUN_ID", "42"}};
  return env;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(artifact_runtime)

BOOST_AUTO_TEST_CASE(ghes_is_decided_by_the_server_url_like_the_toolkit) {
  BOOST_TEST(!fd::isGhes(""));
  BOOST_TEST(!fd::isGhes("https://github.com"));
  BOOST_TEST(!fd::isGhes("https://GITHUB.COM/"));
  BOOST_TEST(!fd::isGhes("https://acme.ghe.com"));
  BOOST_TEST(!fd::isGhes("http://github.localhost:8080"));
  BOOST_TEST(fd::isGhes("https://github.acme.internal"));
  BOOST_TEST(fd::isGhes("https://ghe.com.evil.example"));
}

BOOST_AUTO_TEST_CASE(reads_the_runner_variables) {
  auto env = runnerEnvironment();
  env.values["GITHUB_RETENTION_DAYS"] = "30";
  const auto runtime = fd::readArtifactRuntime(env);
  BOOST_REQUIRE(runtime.ok());
  BOOST_TEST(runtime->resultsOrigin == "https://results-receiver.actions.githubusercontent.com");
  BOOST_TEST(runtime->runAttempt == "1");
  BOOST_TEST(runtime->maxRetentionDays.value_or(0) == 30);
  BOOST_TEST(fd::artifactUrl(*runtime, "7") ==
             "https://github.com/factory/shop/actions/runs/42/artifacts/7");
}

BOOST_AUTO_TEST_CASE(missing_variables_and_ghes_say_why_the_upload_is_skipped) {
  auto env = runnerEnvironment();
  env.values.erase("ACTIONS_RUNTIME_TOKEN");
  auto missing = fd::readArtifactRuntime(env);
  BOOST_REQUIRE(!missing.ok());
  BOOST_TEST(missing.code() == fd::ErrorCode::NotFound);
  BOOST_TEST(missing.message() == "ACTIONS_RUNTIME_TOKEN is not set");

  env = runnerEnvironment();
  env.values["ACTIONS_RESULTS_URL"] = "";
  BOOST_TEST(fd::readArtifactRuntime(env).message() == "ACTIONS_RESULTS_URL is not set");

  env = runnerEnvironment();
  env.values["GITHUB_SERVER_URL"] = "https://github.acme.internal";
  const auto ghes = fd::readArtifactRuntime(env);
  BOOST_TEST(ghes.code() == fd::ErrorCode::FailedPrecondition);
  BOOST_TEST(ghes.message().find("GitHub Enterprise Server") != std::string::npos);

  env = runnerEnvironment();
  env.values["ACTIONS_RESULTS_URL"] = "not a url";
  BOOST_TEST(fd::readArtifactRuntime(env).code() == fd::ErrorCode::InvalidArgument);
}

BOOST_AUTO_TEST_SUITE_END()
