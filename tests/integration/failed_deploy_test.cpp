// Issue 10.1 through the binary: after prod's deploy command fails, prod is rolled back only on
// evidence — the live version changed, or prod is unhealthy — and whatever the rollback did,
// the live version is read again before the receipt says what prod runs. The "platform" is a
// file in the scratch directory that the scripts read and write: bin/current.sh prints it.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "support/deploy_repo.hpp"
#include "support/loopback_server.hpp"

namespace fd::test {

namespace {

constexpr const char* kCurrent = "cat \"$FD_IT_SCRATCH/live\"\n";

ManifestSpec withCurrentVersion(const std::string& url) {
  ManifestSpec spec(url);
  spec.extra = R"("current_version_command": "sh bin/current.sh",)";
  return spec;
}

ManifestSpec withErrorRate(const std::string& url) {
  ManifestSpec spec = withCurrentVersion(url);
  spec.extra += R"( "error_rate_command": "sh bin/error-rate.sh", "max_error_rate_increase": 0.5,)";
  return spec;
}

// bin/current.sh prints `live` (after what `currentPrefix` prints first).
void prepareProd(DeployRepo& repo, const ManifestSpec& spec, const std::string& live,
                 const std::string& currentPrefix = "") {
  repo.write("bin/current.sh", currentPrefix + kCurrent);
  repo.init(spec);
  repo.seedLedger("alpha", repo.head());
  repo.seedLedger("staging", repo.head());
  if (!live.empty()) std::ofstream(repo.scratch("live")) << live << "\n";
}

ServerHandler healthy() {
  return [](const ServerRequest&) { return ServerResponse{}; };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(failed_deploy)

// The seed's Fly flow: the build fails before any release. Prod still runs v41 and is healthy;
// rolling back would move it one release back.
BOOST_AUTO_TEST_CASE(a_build_that_fails_before_releasing_leaves_a_healthy_prod_alone) {
  DeployRepo repo;
  LoopbackServer server(healthy());
  repo.write("bin/deploy.sh",
             "echo 'Error: failed to fetch an image or build from source' >&2\n"
             "exit 1\n");
  prepareProd(repo, withCurrentVersion(server.url()), "v41");
  const ChildRun run = repo.run({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(!repo.scratchExists("rolled-back"), "a healthy prod was rolled back");
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt, "- **Status**: FAILED\n"), receipt);
  BOOST_TEST(contains(receipt,
                      "- **Failure reason**: deploy_command failed (exit 1); nothing was "
                      "released: prod still runs v41 and passed its health check, so it "
                      "was not rolled back\n"),
             receipt);
  BOOST_TEST(contains(receipt, "- **Rollback performed**: NO\n"), receipt);
  BOOST_TEST(contains(receipt, "| /health | 200 — after the failed deploy, attempt 1 |"), receipt);
  BOOST_TEST(contains(repo.read(".factory/deployments.jsonl"), "\"status\":\"FAILED\""));
}

// The command released v42, then failed (say, waiting for machines): the unverified release is
// rolled back, and the receipt names what the platform reports afterwards.
BOOST_AUTO_TEST_CASE(a_deploy_that_released_before_failing_is_rolled_back) {
  DeployRepo repo;
  LoopbackServer server(healthy());
  repo.write("bin/deploy.sh",
             "echo v42 > \"$FD_IT_SCRATCH/live\"\necho 'release v42 created'\n"
             "echo 'Error: timeout waiting for machines' >&2\nexit 1\n");
  repo.write("bin/rollback.sh",
             "echo v41 > \"$FD_IT_SCRATCH/live\"\ntouch \"$FD_IT_SCRATCH/rolled-back\"\n");
  prepareProd(repo, withCurrentVersion(server.url()), "v41");
  const ChildRun run = repo.run({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(run.exitCode == 3, run.all());
  BOOST_TEST(repo.scratchExists("rolled-back"));
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt, "- **Status**: ROLLED BACK\n"), receipt);
  BOOST_TEST(contains(receipt,
                      "- **Rollback reason**: the deploy command failed, yet the live "
                      "version changed from v41 to v42: an unverified release is live\n"),
             receipt);
  BOOST_TEST(contains(receipt, "- **Live version now**: v41\n"), receipt);
  BOOST_TEST(contains(repo.read(".factory/state.json"), "rolled back; prod now runs v41"));
}

// Without current_version_command nothing can tell whether the command released: the receipt
// says so, and the documented default (docs/VERIFY.md) leaves a prod that passes its health
// check alone.
BOOST_AUTO_TEST_CASE(without_a_way_to_read_the_live_version_a_healthy_prod_is_left_alone) {
  DeployRepo repo;
  LoopbackServer server(healthy());
  repo.write("bin/deploy.sh", "echo 'Error: build failed' >&2\nexit 2\n");
  prepareProd(repo, ManifestSpec(server.url()), "");
  const ChildRun run = repo.run({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(!repo.scratchExists("rolled-back"));
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt,
                      "- **Failure reason**: deploy_command failed (exit 2); could not "
                      "tell whether anything was released (no current_version_command "
                      "in the manifest); prod passed its health check, so it was left as "
                      "it is\n"),
             receipt);
  BOOST_TEST(contains(receipt,
                      "If the deploy command did release something before it failed, "
                      "roll back by hand: sh bin/rollback.sh."),
             receipt);
}

BOOST_AUTO_TEST_CASE(an_unhealthy_prod_after_a_failed_deploy_is_rolled_back) {
  DeployRepo repo;
  const std::string marker = repo.scratch("rolled-back");
  LoopbackServer server([marker](const ServerRequest&) {
    ServerResponse response;
    response.status = std::filesystem::exists(marker) ? 200 : 502;
    return response;
  });
  repo.write("bin/deploy.sh", "echo 'Error: machines crashed' >&2\nexit 1\n");
  prepareProd(repo, withCurrentVersion(server.url()), "v41");
  const ChildRun run = repo.run({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(run.exitCode == 3, run.all());
  BOOST_TEST(repo.scratchExists("rolled-back"));
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt, "- **Rollback reason**: prod is unhealthy after the failed deploy"),
             receipt);
  BOOST_TEST(contains(receipt, "- **Live version now**: v41\n"), receipt);
}

// The live version is read again after a rollback: one that ran but left the failed release
// live is a failed rollback (exit 4), not "rolled back".
BOOST_AUTO_TEST_CASE(a_rollback_that_leaves_the_failed_release_live_exits_4) {
  DeployRepo repo;
  const std::string marker = repo.scratch("rolled-back");
  LoopbackServer server([marker](const ServerRequest&) {
    ServerResponse response;
    response.status = std::filesystem::exists(marker) ? 200 : 500;
    return response;
  });
  repo.write("bin/deploy.sh", "echo \"$DEPLOY_SHA\" > \"$FD_IT_SCRATCH/live\"\n");
  prepareProd(repo, withCurrentVersion(server.url()), "v41");
  const ChildRun run = repo.run({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(run.exitCode == 4, run.all());
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt,
                      "- **Status**: FAILED (rollback failed — prod may be broken, act "
                      "now)\n"),
             receipt);
  BOOST_TEST(contains(receipt, "- **Live version now**: " + repo.head() + "\n"), receipt);
  BOOST_TEST(contains(receipt,
                      "PROD MAY BE BROKEN: the rollback ran but the failed release is "
                      "still live."),
             receipt);
}

// Issue 10.3: with max_error_rate_increase set and a version live, a baseline of "no data" is
// found before the deploy, not after it (when a healthy release would be rolled back for it).
BOOST_AUTO_TEST_CASE(an_error_rate_baseline_with_no_data_fails_readiness_before_the_deploy) {
  DeployRepo repo;
  LoopbackServer server(healthy());
  repo.write("bin/deploy.sh", "touch \"$FD_IT_SCRATCH/deployed\"\n");
  repo.write("bin/error-rate.sh", "echo 'N/A'\n");
  prepareProd(repo, withErrorRate(server.url()), "v41");
  const ChildRun run = repo.run({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(!repo.scratchExists("deployed"), "deployed although the baseline had no data");
  BOOST_TEST(!repo.scratchExists("rolled-back"));
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt, "- **Failed step**: readiness\n"), receipt);
  BOOST_TEST(contains(receipt,
                      "- **Failure reason**: error-rate baseline: no data (output was not "
                      "a number) from error_rate_command while v41 is live; "
                      "max_error_rate_increase needs that baseline, so nothing was "
                      "deployed."),
             receipt);
}

// A CLI's notice on stderr, printed before the version, is never taken for the version.
BOOST_AUTO_TEST_CASE(a_warning_on_stderr_is_never_the_live_version) {
  DeployRepo repo;
  LoopbackServer server(healthy());
  prepareProd(repo, withCurrentVersion(server.url()), "v41",
              "echo 'WARNING: a newer CLI is available' >&2\n");
  const ChildRun run = repo.run({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(run.exitCode == 0, run.all());
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt, "- **Previous version**: v41\n"), receipt);
  BOOST_TEST(contains(run.out, "WARNING: a newer CLI is available"), run.out);  // still shown
}

// The same for error_rate_command: a notice on stderr before the rate is not "no data".
BOOST_AUTO_TEST_CASE(a_warning_on_stderr_never_hides_the_error_rate) {
  DeployRepo repo;
  LoopbackServer server(healthy());
  repo.write("bin/error-rate.sh", "echo 'WARNING: this API is deprecated' >&2\necho 0.4\n");
  prepareProd(repo, withErrorRate(server.url()), "v41");
  const ChildRun run = repo.run({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(contains(repo.receipt(), "0.4%"), linesWith(repo.receipt(), "rror rate"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
