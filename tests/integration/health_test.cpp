// Issue 3: staging's health check against real loopback HTTP(S) servers, through the binary.
#include <boost/test/unit_test.hpp>

#include <atomic>

#include "core/text.hpp"
#include "support/deploy_repo.hpp"
#include "support/loopback_server.hpp"

namespace fd::test {

namespace {

ServerResponse versionBody(int status, const std::string& version) {
  ServerResponse response;
  response.status = status;
  response.body = "{\"status\":\"ok\",\"version\":\"" + version + "\"}";
  return response;
}

// Staging at `url`: code commit, reports after it, alpha already deployed.
void prepareStaging(DeployRepo& repo, const std::string& url, const std::string& healthCheck) {
  ManifestSpec spec(url);
  spec.healthCheck = healthCheck;
  repo.init(spec);
  repo.seedLedger("alpha", repo.head());
}

std::size_t requestsTo(const LoopbackServer& server, const std::string& path) {
  std::size_t count = 0;
  for (const ServerRequest& request : server.requests()) count += request.path() == path ? 1 : 0;
  return count;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(health)

BOOST_AUTO_TEST_CASE(a_503_then_200_with_the_deployed_version_passes) {
  SharedText version;
  std::atomic<int> calls{0};
  LoopbackServer server(
      [&](const ServerRequest&) { return versionBody(++calls == 1 ? 503 : 200, version.get()); });
  DeployRepo repo;
  prepareStaging(repo, server.url(),
                 R"({"timeout_s": 5, "interval_s": 1, "expect_version": true})");
  version.set(repo.head());
  const ChildRun run = repo.run({"--environment", "staging"});
  BOOST_TEST(run.exitCode == 0, run.all());
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt, "- **Status**: SUCCESS"), receipt);
  BOOST_TEST(contains(receipt, "| /health | 503"), receipt);
  BOOST_TEST(contains(receipt, "| /health | 200"), receipt);
  BOOST_TEST(requestsTo(server, "/health") >= 2U);
}

BOOST_AUTO_TEST_CASE(a_302_is_not_200_and_the_redirect_is_not_followed) {
  LoopbackServer server([](const ServerRequest& request) {
    if (request.path() != "/health") return versionBody(200, "elsewhere");
    ServerResponse response;
    response.status = 302;
    response.headers = {{"Location", "/login"}};
    return response;
  });
  DeployRepo repo;
  prepareStaging(repo, server.url(), R"({"timeout_s": 2, "interval_s": 1})");
  const ChildRun run = repo.run({"--environment", "staging"});
  BOOST_TEST(run.exitCode == 1, run.all());
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt, "- **Status**: FAILED"), receipt);
  BOOST_TEST(contains(receipt, "| /health | 302"), receipt);
  BOOST_TEST(contains(receipt, "health check failed"), receipt);
  BOOST_TEST(requestsTo(server, "/login") == 0U);
}

BOOST_AUTO_TEST_CASE(connection_refused_until_the_deadline_fails_in_bounded_time) {
  DeployRepo repo;
  prepareStaging(repo, "http://127.0.0.1:" + std::to_string(unusedPort()),
                 R"({"timeout_s": 2, "interval_s": 1})");
  const ChildRun run = repo.run({"--environment", "staging"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(run.elapsed < std::chrono::seconds(20));  // the 2 s deadline, not forever
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt, "- **Status**: FAILED"), receipt);
  BOOST_TEST(contains(receipt, "refused"), receipt);
}

BOOST_AUTO_TEST_CASE(a_wrong_version_fails_when_expect_version_is_set) {
  LoopbackServer server([](const ServerRequest&) { return versionBody(200, "0123456789ab"); });
  DeployRepo repo;
  prepareStaging(repo, server.url(),
                 R"({"timeout_s": 2, "interval_s": 1, "expect_version": true})");
  const ChildRun run = repo.run({"--environment", "staging"});
  BOOST_TEST(run.exitCode == 1, run.all());
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt, "- **Status**: FAILED"), receipt);
  BOOST_TEST(contains(receipt, "0123456789ab"), receipt);
  BOOST_TEST(contains(receipt, "version"), receipt);
}

BOOST_AUTO_TEST_CASE(the_same_wrong_version_passes_without_expect_version) {
  LoopbackServer server([](const ServerRequest&) { return versionBody(200, "0123456789ab"); });
  DeployRepo repo;
  prepareStaging(repo, server.url(), R"({"timeout_s": 2, "interval_s": 1})");
  const ChildRun run = repo.run({"--environment", "staging"});
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(contains(repo.receipt(), "- **Status**: SUCCESS"), repo.receipt());
}

BOOST_AUTO_TEST_CASE(https_with_a_self_signed_certificate_fails_with_a_tls_message) {
  DeployRepo repo;
  const TlsFiles tls = makeSelfSignedCertificate(repo.scratch(""));
  LoopbackServer server([](const ServerRequest&) { return versionBody(200, "any"); }, tls);
  BOOST_REQUIRE(startsWith(server.url(), "https://"));
  prepareStaging(repo, server.url(), R"({"timeout_s": 2, "interval_s": 1})");
  const ChildRun run = repo.run({"--environment", "staging"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(contains(run.all(), "TLS"), run.all());
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt, "- **Status**: FAILED"), receipt);
  BOOST_TEST(contains(receipt, "TLS"), receipt);
  BOOST_TEST(contains(receipt, "certificate"), receipt);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
