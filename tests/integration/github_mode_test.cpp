// GitHub mode through the binary, as the runner starts the container action: GITHUB_ACTIONS=true,
// inputs as INPUT_* variables, the REST API at the loopback fake GitHub, the receipt uploaded to
// the loopback results service, outputs and job summary written to the runner's files.
#include <boost/test/unit_test.hpp>

#include <cstdlib>

#include "support/deploy_repo.hpp"
#include "support/fake_github.hpp"
#include "support/fake_results.hpp"
#include "support/loopback_server.hpp"

namespace fd::test {

namespace {

const std::string kToken = "ghs_integrationToken0123456789";
const std::string kFlyToken = "fly-token-b64e7a9c1d";

// The log without its ::add-mask:: lines: that is how secrets reach the runner, which hides
// those lines and masks the values in everything else.
std::string withoutAddMask(const std::string& log) {
  std::string kept;
  std::size_t start = 0;
  while (start < log.size()) {
    std::size_t end = log.find('\n', start);
    end = end == std::string::npos ? log.size() : end + 1;
    const std::string_view prefix = "::add-mask::";
    if (log.compare(start, prefix.size(), prefix) != 0) kept += log.substr(start, end - start);
    start = end;
  }
  return kept;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(github_mode)

BOOST_AUTO_TEST_CASE(a_staging_run_writes_outputs_summary_deployment_and_artifact) {
  // This suite's fake GitHub writes its served bodies apart from tests/github's (run in parallel).
  ::setenv("FD_GITHUB_FIXTURES", FD_BINARY_DIR "/github-fixtures-integration", 0);
  SharedText version;
  LoopbackServer app([&version](const ServerRequest&) {
    ServerResponse response;
    response.body = "{\"version\":\"" + version.get() + "\"}";
    return response;
  });
  FakeGithub github;
  FakeResultsService results;
  DeployRepo repo;
  repo.write("bin/deploy.sh", "echo \"deploying with $FLY_API_TOKEN\"\n");
  ManifestSpec spec(app.url());
  spec.healthCheck = R"({"timeout_s": 3, "interval_s": 1, "expect_version": true})";
  repo.init(spec);
  const std::string sha = repo.head();
  version.set(sha);
  github.update([&sha](GithubState& state) {
    state.token = kToken;
    GhCheckRun build;
    build.id = 11;
    build.name = "build";
    state.checkRuns.push_back(build);
    state.deployments.push_back(FakeGithub::factoryDeployment(501, sha, "alpha", "900", "success"));
  });

  const ChildRun run =
      repo.run({}, {{"GITHUB_ACTIONS", "true"},
                    {"GITHUB_API_URL", github.apiUrl()},
                    {"GITHUB_SERVER_URL", "https://github.com"},  // never contacted
                    {"GITHUB_REPOSITORY", "octo/shop"},
                    {"GITHUB_SHA", sha},
                    {"GITHUB_REF", "refs/heads/main"},
                    {"GITHUB_EVENT_NAME", "push"},
                    {"GITHUB_RUN_ID", "1000"},
                    {"GITHUB_RUN_ATTEMPT", "1"},
                    {"GITHUB_ACTOR", "carol"},
                    {"GITHUB_JOB", "deploy"},
                    {"GITHUB_WORKSPACE", repo.root()},
                    {"GITHUB_OUTPUT", repo.scratch("output")},
                    {"GITHUB_STEP_SUMMARY", repo.scratch("summary")},
                    {"ACTIONS_RESULTS_URL", results.resultsUrl()},
                    {"ACTIONS_RUNTIME_TOKEN", results.token()},
                    {"INPUT_ENVIRONMENT", "staging"},
                    {"INPUT_GITHUB-TOKEN", kToken},
                    {"FLY_API_TOKEN", kFlyToken}});

  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(contains(run.out, "::group::"), run.out);  // workflow commands, not plain lines
  const std::string outputs = repo.readScratch("output");
  BOOST_TEST(contains(outputs, "status<<"), outputs);
  BOOST_TEST(contains(outputs, "\nSUCCESS\n"), outputs);
  BOOST_TEST(contains(outputs, "environment<<"), outputs);
  BOOST_TEST(contains(outputs, "version<<"), outputs);
  BOOST_TEST(contains(outputs, "\n" + sha + "\n"), outputs);
  const std::string summary = repo.readScratch("summary");
  BOOST_TEST(contains(summary, "SUCCESS"), summary);
  BOOST_TEST(contains(summary, "Deployment Receipt"), summary);
  BOOST_TEST(github.count("POST", "/repos/octo/shop/deployments") >= 1U);
  const std::optional<StoredArtifact> artifact = results.artifact("deploy-receipt-staging-1000-1");
  BOOST_TEST(artifact.has_value(), linesWith(run.all(), "artifact"));
  if (artifact) BOOST_TEST(artifact->finalized);
  BOOST_TEST(results.rejections().empty());
  const std::string log = withoutAddMask(run.out) + withoutAddMask(run.err);
  BOOST_TEST(contains(run.out, "::add-mask::" + kFlyToken + "\n"));
  for (const std::string& secret : {kToken, kFlyToken}) {
    BOOST_TEST(!contains(log, secret), linesWith(log, secret));
    BOOST_TEST(!contains(outputs, secret), linesWith(outputs, secret));
    BOOST_TEST(!contains(summary, secret), linesWith(summary, secret));
    BOOST_TEST(!contains(repo.receipt(), secret), linesWith(repo.receipt(), secret));
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
