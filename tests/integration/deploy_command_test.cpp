// Issue 3: the deploy command as a real child process of the real binary — its environment and
// streamed output, a failure with its output tail in the receipt, a hang past deploy_timeout_s,
// and a background process that must outlive the deploy.
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

// Issue 10.4: a service the deploy command starts in the background (`app &`, `nohup app &`)
// is the user's: it outlives the command, and its open pipe does not keep the run waiting. Only
// a timeout (above) or a cancellation (signal_test.cpp) stops the command's process group.
BOOST_AUTO_TEST_CASE(a_background_process_the_deploy_command_starts_outlives_it) {
  DeployRepo repo;
  repo.write("bin/deploy.sh",
             "sleep 1000 &\necho $! > \"$FD_IT_SCRATCH/background.pid\"\n"
             "nohup sleep 1000 >/dev/null 2>&1 &\necho $! > \"$FD_IT_SCRATCH/nohup.pid\"\n"
             "echo 'deployed'\n");
  repo.init(alphaManifest());
  const ChildRun run = repo.run({"--environment", "alpha"});
  const pid_t background = readPidFile(repo.scratch("background.pid"));
  const pid_t nohup = readPidFile(repo.scratch("nohup.pid"));
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(!run.killedAtLimit);
  BOOST_TEST(contains(run.all(), "deployed"), run.all());
  BOOST_TEST(contains(repo.receipt(), "- **Status**: SUCCESS\n"), repo.receipt());
  BOOST_REQUIRE(background > 1);
  BOOST_REQUIRE(nohup > 1);
  // The binary has exited: whatever was going to kill them has had its chance (a killed process
  // would be gone within the bound; a survivor is watched that long).
  const auto watch = std::chrono::milliseconds(300);
  BOOST_TEST(!waitUntilProcessGone(background, watch), "`sleep 1000 &` died with the deploy");
  BOOST_TEST(!waitUntilProcessGone(nohup, watch), "`nohup sleep 1000 &` died with the deploy");
  killIfAlive(background);
  killIfAlive(nohup);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
