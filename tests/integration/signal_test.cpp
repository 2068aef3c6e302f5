// Cancellation through the binary. Once prod's deploy command has started, a SIGINT/SIGTERM must
// leave prod rolled back, never an unverified release: the receipt and state are written first
// (cancelled, rollback starting), the rollback runs to its end whatever signal comes next, and
// they are written again with the result; exit 3 (or 4), never 1. The runner's real sequence is
// used: SIGINT, SIGTERM 7.5 s later, SIGKILL 2.5 s after that. Every wait is on a file or an
// exit, never a sleep.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "support/deploy_repo.hpp"
#include "support/loopback_server.hpp"
#include "support/process_probe.hpp"

namespace fd::test {

namespace {

using std::chrono::milliseconds;

// The runner's cancellation after its SIGINT: SIGTERM 7.5 s later, SIGKILL 2.5 s after that.
std::vector<ChildSpec::FollowUp> runnerSequence(const DeployRepo& repo) {
  return {{SIGTERM, milliseconds(7500), repo.scratch("sigterm-sent")},
          {SIGKILL, milliseconds(2500), repo.scratch("sigkill-sent")}};
}

// 503 until the rollback script has left its marker, then 200; the first request is a cue.
ServerHandler unhealthyUntilRolledBack(const DeployRepo& repo) {
  const std::string marker = repo.scratch("rolled-back");
  const std::string cue = repo.scratch("health-requested");
  return [marker, cue](const ServerRequest&) {
    std::ofstream{cue} << "1";
    ServerResponse response;
    response.status = std::filesystem::exists(marker) ? 200 : 503;
    return response;
  };
}

void prepareProd(DeployRepo& repo, ManifestSpec spec) {
  repo.init(spec);
  repo.seedLedger("alpha", repo.head());
  repo.seedLedger("staging", repo.head());
}

// Waits (bounded) for a file the test cannot otherwise synchronise on.
constexpr const char* kWaitFor =
    "wait_for() { i=0; while [ ! -e \"$1\" ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done; "
    "}\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(signals)

// Issue 10.2's "Done when": the runner's real sequence against a prod release whose
// verification fails. The rollback is still running when the SIGTERM arrives (it waits for it),
// and must not be stopped by it; the receipt is written before it starts and again after.
BOOST_AUTO_TEST_CASE(the_runners_cancellation_during_a_failing_verification_rolls_prod_back) {
  DeployRepo repo;
  LoopbackServer server(unhealthyUntilRolledBack(repo));
  repo.write("DEPLOY-RECEIPT.md", "the previous receipt\n");
  repo.write("bin/rollback.sh",
             std::string(kWaitFor) +
                 "cp DEPLOY-RECEIPT.md \"$FD_IT_SCRATCH/receipt-during-rollback.md\"\n"
                 "cp .factory/state.json \"$FD_IT_SCRATCH/state-during-rollback.json\"\n"
                 "echo 'rolling back prod'\n"
                 "wait_for \"$FD_IT_SCRATCH/sigterm-sent\"\n"
                 "echo 'release v41 is live again'\ntouch \"$FD_IT_SCRATCH/rolled-back\"\n");
  ManifestSpec spec(server.url());
  spec.healthCheck = R"({"timeout_s": 60, "interval_s": 1})";  // fails until cancelled
  prepareProd(repo, spec);

  const ChildRun run = repo.run({"--environment", "prod", "--confirm", "shop"}, {},
                                repo.scratch("health-requested"), SIGINT, runnerSequence(repo));

  BOOST_TEST(run.signalSent, run.all());
  BOOST_TEST(!run.killedAtLimit);
  BOOST_TEST(run.signal == 0, "the binary died of a signal: " << run.signal << "\n" << run.all());
  // The SIGTERM came during the rollback; the binary was done before the SIGKILL was due.
  BOOST_TEST(run.followUpsSent == std::vector<int>{SIGTERM}, boost::test_tools::per_element());
  BOOST_TEST(run.exitCode == 3, run.all());
  BOOST_TEST(contains(run.err, "SIGTERM arrived during the rollback; the rollback was not stopped"),
             run.err);
  BOOST_TEST(contains(run.out, "release v41 is live again"), run.out);  // it ran to its end

  // Written first: cancelled, rollback starting.
  const std::string before = repo.readScratch("receipt-during-rollback.md");
  BOOST_TEST(contains(before,
                      "- **Status**: FAILED (cancelled: SIGINT arrived during verify) — "
                      "rolling back now; this receipt is rewritten when the rollback "
                      "ends\n"),
             before);
  BOOST_TEST(contains(before, "- **Rollback performed**: IN PROGRESS\n"), before);
  BOOST_TEST(contains(repo.readScratch("state-during-rollback.json"),
                      "cancelled during verify (SIGINT); rollback in progress"));
  // Written again: the result.
  const std::string receipt = repo.receipt();
  BOOST_TEST(
      contains(receipt, "- **Status**: ROLLED BACK (cancelled: SIGINT arrived during verify)\n"),
      receipt);
  BOOST_TEST(contains(receipt, "- **Failure reason**: cancelled during verify (SIGINT)\n"),
             receipt);
  BOOST_TEST(contains(receipt, "- **Rollback performed**: YES\n"), receipt);
  BOOST_TEST(contains(receipt, "- **Rollback result**: exit 0\n"), receipt);
  BOOST_TEST(contains(receipt, "| /health | 200 — after rollback, attempt 1 |"), receipt);
  // The second write replaced our own progress receipt: the previous one was archived once.
  std::vector<std::string> archives;
  for (const std::string& name : repo.list("")) {
    if (name.rfind("DEPLOY-RECEIPT-", 0) == 0) archives.push_back(name);
  }
  BOOST_REQUIRE(archives.size() == 1u);
  BOOST_TEST(repo.read(archives.front()) == "the previous receipt\n");
  BOOST_TEST(contains(repo.read(".factory/state.json"), "rolled back"));
  BOOST_TEST(!contains(repo.read(".factory/state.json"), "rollback in progress"));
  BOOST_TEST(contains(repo.read(".factory/deployments.jsonl"), "\"status\":\"ROLLED BACK\""));
}

BOOST_AUTO_TEST_CASE(sigterm_mid_deploy_rolls_back_and_leaves_no_stray_process) {
  LoopbackServer server([](const ServerRequest&) { return ServerResponse{}; });
  DeployRepo repo;
  // The marker is the test's cue: the deploy command is running and waiting.
  repo.write("bin/deploy.sh",
             "echo $$ > \"$FD_IT_SCRATCH/deploy.pid\"\n"
             "sleep 60 &\necho $! > \"$FD_IT_SCRATCH/sleep.pid\"\n"
             "echo 'waiting for machines'\ntouch \"$FD_IT_SCRATCH/deploy-started\"\nwait\n");
  prepareProd(repo, ManifestSpec(server.url()));

  const ChildRun run =
      repo.run({"--environment", "prod", "--confirm", "shop"}, {}, repo.scratch("deploy-started"));
  const pid_t shell = readPidFile(repo.scratch("deploy.pid"));
  const pid_t sleeper = readPidFile(repo.scratch("sleep.pid"));

  BOOST_TEST(run.signalSent, run.all());
  BOOST_TEST(!run.killedAtLimit);
  BOOST_TEST(run.signal == 0, "the binary died of the signal instead of handling it");
  BOOST_TEST(run.exitCode == 3, run.all());
  // The contract says within 2 s; the bound is generous so a loaded machine does not flake.
  BOOST_TEST(run.afterSignal < std::chrono::seconds(5), run.afterSignal.count() << " ms");
  const std::string receipt = repo.receipt();
  BOOST_TEST(
      contains(receipt, "- **Status**: ROLLED BACK (cancelled: SIGTERM arrived during deploy)\n"),
      receipt);
  BOOST_TEST(contains(receipt, "- **Failure reason**: cancelled during deploy (SIGTERM)\n"),
             receipt);
  BOOST_TEST(contains(receipt, "- **Rollback performed**: YES\n"), receipt);
  BOOST_TEST(repo.scratchExists("rolled-back"));  // the unverified release was rolled back
  BOOST_TEST(contains(repo.read(".factory/state.json"), "cancelled during deploy"));
  BOOST_TEST(contains(repo.read(".factory/deployments.jsonl"), "\"status\":\"ROLLED BACK\""));
  BOOST_REQUIRE(shell > 1);
  BOOST_REQUIRE(sleeper > 1);
  BOOST_TEST(waitUntilProcessGone(shell), "the deploy command's shell survived SIGTERM");
  BOOST_TEST(waitUntilProcessGone(sleeper), "the deploy command's sleep survived SIGTERM");
  killIfAlive(shell);
  killIfAlive(sleeper);
}

// The deploy command dies of SIGTERM before the binary's own SIGTERM arrives (a signal sent to
// the whole tree reaches the child first). The binary learns of the cancellation only later,
// here while it checks prod's health: the receipt must still say "cancelled", and prod is
// rolled back like any cancelled release.
BOOST_AUTO_TEST_CASE(a_signal_that_reached_the_deploy_command_first_still_reads_cancelled) {
  DeployRepo repo;
  const std::string binaryPid = repo.scratch("binary.pid");
  LoopbackServer server([binaryPid](const ServerRequest&) {
    if (const pid_t binary = readPidFile(binaryPid); binary > 1) ::kill(binary, SIGTERM);
    return ServerResponse{};  // 200: prod is healthy
  });
  // The binary is an ancestor (between them, the `sh -c` that runs the command); then the
  // command's shells die of SIGTERM, the binary does not know yet.
  repo.write("bin/deploy.sh",
             "p=$PPID\n"
             "while [ \"$(cat /proc/$p/comm)\" != factory-deploy ]; do "
             "p=$(cut -d' ' -f4 /proc/$p/stat); done\n"
             "echo $p > \"$FD_IT_SCRATCH/binary.pid\"\nkill -TERM $PPID $$\n");
  prepareProd(repo, ManifestSpec(server.url()));

  const ChildRun run = repo.run({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(run.signal == 0, run.all());
  BOOST_TEST(run.exitCode == 3, run.all());
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt, "- **Status**: ROLLED BACK (cancelled: SIGTERM arrived "), receipt);
  BOOST_TEST(contains(receipt,
                      "- **Failure reason**: cancelled (SIGTERM) during deploy; "
                      "deploy_command failed (killed by signal 15)"),
             receipt);
  BOOST_TEST(repo.scratchExists("rolled-back"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
