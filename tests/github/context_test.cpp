#include <boost/test/unit_test.hpp>

#include "github/github_context.hpp"
#include "support/fakes.hpp"

using namespace fd;
using fd::test::FakeEnvironment;
using fd::test::FakeFileSystem;

namespace {

FakeEnvironment runnerEnvironment() {
  FakeEnvironment env;
  env.values = {{"GITHUB_REPOSITORY", "octo/shop"},
                {"GITHUB_SHA", "1111111111111111111111111111111111111111"},
                {"GITHUB_EVENT_NAME", "pull_request"},
                {"GITHUB_EVENT_PATH", "/github/workflow/event.json"},
                {"GITHUB_RUN_ID", "1000"},
                {"GITHUB_RUN_ATTEMPT", "2"},
                {"GITHUB_ACTOR", "carol"},
                {"GITHUB_TRIGGERING_ACTOR", "dave"},
                {"GITHUB_JOB", "deploy"},
                {"GITHUB_WORKFLOW", "Deploy"},
                {"GITHUB_REF", "refs/pull/7/merge"},
                {"RUNNER_DEBUG", "1"}};
  return env;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(github_context)

BOOST_AUTO_TEST_CASE(reads_the_runner_variables_and_the_pr_head) {
  FakeEnvironment env = runnerEnvironment();
  FakeFileSystem fs;
  fs.files["/github/workflow/event.json"] =
      R"({"action":"synchronize","pull_request":{"number":7,"head":{"sha":"2222222222222222222222222222222222222222","ref":"feature"}}})";
  const auto context = readGithubContext(env, fs);
  BOOST_REQUIRE(context.ok());
  BOOST_TEST(context->apiUrl == "https://api.github.com");
  BOOST_TEST(context->serverUrl == "https://github.com");
  BOOST_TEST(context->owner == "octo");
  BOOST_TEST(context->repo == "shop");
  BOOST_TEST(context->runAttempt == "2");
  BOOST_TEST(context->triggeringActor == "dave");
  BOOST_TEST(context->workflow == "Deploy");
  BOOST_TEST(context->debug);
  BOOST_TEST(context->prHeadSha == "2222222222222222222222222222222222222222");
  // The deployed identity is GITHUB_SHA (the merge commit); the PR head only finds checks.
  BOOST_TEST(context->deployedSha() == "1111111111111111111111111111111111111111");
  BOOST_TEST(context->runUrl() == "https://github.com/octo/shop/actions/runs/1000");
}

BOOST_AUTO_TEST_CASE(ghes_urls_and_push_events) {
  FakeEnvironment env = runnerEnvironment();
  env.values["GITHUB_API_URL"] = "https://ghe.example.com/api/v3/";
  env.values["GITHUB_SERVER_URL"] = "https://ghe.example.com";
  env.values["GITHUB_EVENT_NAME"] = "push";
  env.values.erase("GITHUB_TRIGGERING_ACTOR");
  env.values.erase("RUNNER_DEBUG");
  FakeFileSystem fs;
  fs.files["/github/workflow/event.json"] = R"({"ref":"refs/heads/main","after":"1111"})";
  const auto context = readGithubContext(env, fs);
  BOOST_REQUIRE(context.ok());
  BOOST_TEST(context->apiUrl == "https://ghe.example.com/api/v3");
  BOOST_TEST(context->prHeadSha.empty());
  BOOST_TEST(context->deployedSha() == "1111111111111111111111111111111111111111");
  BOOST_TEST(context->triggeringActor == "carol");
  BOOST_TEST(!context->debug);
  BOOST_TEST(context->runUrl() == "https://ghe.example.com/octo/shop/actions/runs/1000");
}

BOOST_AUTO_TEST_CASE(missing_or_broken_variables_are_named) {
  FakeFileSystem fs;
  FakeEnvironment env = runnerEnvironment();
  env.values["GITHUB_REPOSITORY"] = "noslash";
  auto context = readGithubContext(env, fs);
  BOOST_REQUIRE(!context.ok());
  BOOST_TEST(context.message().find("GITHUB_REPOSITORY") != std::string::npos);
  BOOST_TEST(static_cast<int>(context.code()) == static_cast<int>(ErrorCode::InvalidArgument));

  env = runnerEnvironment();
  env.values.erase("GITHUB_SHA");
  context = readGithubContext(env, fs);
  BOOST_TEST(context.message().find("GITHUB_SHA") != std::string::npos);

  env = runnerEnvironment();
  fs.files["/github/workflow/event.json"] = "{not json";
  context = readGithubContext(env, fs);
  BOOST_REQUIRE(!context.ok());
  BOOST_TEST(context.message().find("GITHUB_EVENT_PATH") != std::string::npos);
  BOOST_TEST(context.message().find("malformed") != std::string::npos);

  fs.files.clear();
  context = readGithubContext(env, fs);
  BOOST_TEST(context.message().find("GITHUB_EVENT_PATH") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
