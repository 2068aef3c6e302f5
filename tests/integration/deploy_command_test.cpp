// Issue 3: the deploy command as a real child process of the real binary — its environment and
// streamed output, a failure with its output tail in the receipt, a hang past deploy_timeout_s,
// and a background grandchild that must not outlive the deploy.
#include <boost/test/unit_test.hpp>

#include "support/deploy_repo.hpp"
#include "support/loopback_server.hpp"
#include "support/process_probe.hpp"

namespace fd::test {

namespace {

// Alpha: no gates, no verification — the deploy command alone decides.
ManifestSpec alphaManifest(const std::string& extra = "") {
  ManifestSpec spec("http://127.0.0.1:" + std::to_string(unusedPort()));
  spec.extra = extra;
  return spec;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(deploy_command)

BOOST_AUTO_TEST_CASE(runs_with_the_deploy_variables_and_streams_its_output) {
  DeployRepo repo;
  const ManifestSpec spec = alphaManifest();
  repo.init(spec);
  const ChildRun run = repo.run({"--environment", "alpha"});
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(
      contains(run.all(), "deploying " + repo.head() + " to alpha (shop-alpha) at " + spec.url),
      run.all());
  BOOST_TEST(contains(repo.receipt(), "- **Status**: SUCCESS"), repo.receipt());
  BOOST_TEST(contains(repo.read(".factory/deployments.jsonl"), "\"status\":\"SUCCESS\""));
}

BOOST_AUTO_TEST_CASE(a_failing_deploy_command_fails_the_run_with_its_output_tail) {
  DeployRepo repo;
  repo.write("bin/deploy.sh",
             "echo 'uploading image'\necho 'error: boom, disk full on builder' >&2\nexit 7\n");
  repo.init(alphaManifest());
  const ChildRun run = repo.run({"--environment", "alpha"});
  BOOST_TEST(run.exitCode == 1, run.all());
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt, "- **Status**: FAILED"), receipt);
  BOOST_TEST(contains(receipt, "deploy_command failed (exit 7)"), receipt);
  BOOST_TEST(contains(receipt, "error: boom, disk full on builder"), receipt);
  BOOST_TEST(contains(receipt, "uploading image"), receipt);
  BOOST_TEST(contains(repo.read(".factory/state.json"), "\"failed\""));
  BOOST_TEST(contains(repo.read(".factory/deployments.jsonl"), "\"status\":\"FAILED\""));
}

BOOST_AUTO_TEST_CASE(a_hanging_deploy_command_is_killed_at_deploy_timeout_s) {
  DeployRepo repo;
  repo.write("bin/deploy.sh",
             "echo 'waiting for the platform'\n"
             "sleep 60 &\necho $! > \"$FD_IT_SCRATCH/sleep.pid\"\nwait\n");
  repo.init(alphaManifest("\"deploy_timeout_s\": 1,"));
  const ChildRun run = repo.run({"--environment", "alpha"});
  const pid_t sleeper = readPidFile(repo.scratch("sleep.pid"));
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(!run.killedAtLimit);
  BOOST_TEST(run.elapsed < std::chrono::seconds(20));  // bounded, nowhere near the sleep's 60 s
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt, "- **Status**: FAILED"), receipt);
  BOOST_TEST(contains(receipt, "timed out"), receipt);
  BOOST_TEST(contains(receipt, "waiting for the platform"), receipt);
  BOOST_REQUIRE(sleeper > 1);
  BOOST_TEST(waitUntilProcessGone(sleeper), "the deploy command's sleep survived the timeout");
  killIfAlive(sleeper);
}

BOOST_AUTO_TEST_CASE(a_background_grandchild_does_not_survive_the_deploy) {
  DeployRepo repo;
  repo.write("bin/deploy.sh",
             "sleep 1000 &\necho $! > \"$FD_IT_SCRATCH/grandchild.pid\"\necho 'deployed'\n");
  repo.init(alphaManifest());
  const ChildRun run = repo.run({"--environment", "alpha"});
  const pid_t grandchild = readPidFile(repo.scratch("grandchild.pid"));
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(!run.killedAtLimit);
  BOOST_TEST(contains(run.all(), "deployed"), run.all());
  BOOST_REQUIRE(grandchild > 1);
  BOOST_TEST(waitUntilProcessGone(grandchild), "sleep 1000 outlived the deploy command");
  killIfAlive(grandchild);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
