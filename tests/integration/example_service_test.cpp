// The bundled example service as the deployed app: the deploy command starts the real
// build/example-service in its own session (a service must outlive the deploy command's process
// group), prod checks its /health version, and a broken release is rolled back to the previous
// one, which is still answering afterwards.
#include <boost/test/unit_test.hpp>

#include "core/text.hpp"
#include "support/deploy_repo.hpp"
#include "support/loopback_server.hpp"
#include "support/process_probe.hpp"

namespace fd::test {

namespace {

const std::string kService = FD_BINARY_DIR "/example-service";

// Stops whatever release is running when the test ends, pass or fail.
struct ServiceGuard {
  std::string pidFile;
  ~ServiceGuard() { killIfAlive(readPidFile(pidFile)); }
};

// Both scripts keep their state in $FD_IT_SCRATCH/service: the running pid, current/previous.
constexpr const char* kLib =
    "run=\"$FD_IT_SCRATCH/service\"\nmkdir -p \"$run\"\n"
    "stop() {\n"
    "  [ -f \"$run/pid\" ] || return 0\n  pid=$(cat \"$run/pid\")\n  kill \"$pid\" 2>/dev/null\n"
    "  i=0\n  while kill -0 \"$pid\" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done\n"
    "  rm -f \"$run/pid\"\n}\n"
    "start() {\n"
    "  rm -f \"$run/pid\"\n"
    "  setsid -f \"$EXAMPLE_SERVICE\" serve --port \"$1\" --version \"$2\" --config "
    "\"$run/$2.conf\" --pidfile \"$run/pid\" >\"$run/log\" 2>&1\n"
    // Until the service has written its pid file it may still be in the command's process
    // group, which the runner kills when the command exits.
    "  i=0\n  while [ ! -s \"$run/pid\" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done\n"
    "  echo \"$2\" > \"$run/current\"\n}\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(example_service)

BOOST_AUTO_TEST_CASE(a_broken_release_of_the_real_service_is_rolled_back_in_prod) {
  DeployRepo repo;
  const ServiceGuard guard{repo.scratch("service/pid")};
  const std::string port = std::to_string(unusedPort());
  const std::string url = "http://127.0.0.1:" + port;
  repo.write("bin/lib.sh", kLib);
  repo.write("bin/deploy.sh",
             ". bin/lib.sh\n[ -f \"$run/current\" ] && cp \"$run/current\" \"$run/previous\"\n"
             "cp app/service.conf \"$run/$DEPLOY_SHA.conf\"\nstop\nstart \"$1\" \"$DEPLOY_SHA\"\n"
             "echo \"release $DEPLOY_SHA started\"\n");
  repo.write("bin/rollback.sh",
             ". bin/lib.sh\nprevious=$(cat \"$run/previous\")\n"
             "echo \"rolling back to $previous\"\nstop\nstart \"$1\" \"$previous\"\n");
  repo.write("app/service.conf", "healthy=true\n");
  ManifestSpec spec(url);
  spec.deployCommand = "sh bin/deploy.sh " + port;
  spec.rollbackCommand = "sh bin/rollback.sh " + port;
  // 5 s: room for a real service to start (and restart) on a loaded machine.
  spec.healthCheck = R"({"timeout_s": 15, "interval_s": 1, "expect_version": true})";
  repo.init(spec);
  const std::map<std::string, std::string> env{{"EXAMPLE_SERVICE", kService}};

  const std::string first = repo.head();
  repo.seedLedger("alpha", first);
  repo.seedLedger("staging", first);
  const ChildRun release1 = repo.run({"--environment", "prod", "--confirm", "shop"}, env);
  BOOST_REQUIRE_MESSAGE(release1.exitCode == 0, release1.all());
  // The service outlived the deploy command's process group and reports release 1.
  BOOST_TEST(contains(shell(kService + " get " + url + "/health"), first));

  repo.write("app/service.conf", "healthy=false\n");
  repo.commit("release 2: new tuning");
  repo.commitReports();
  const std::string second = repo.head();
  repo.seedLedger("alpha", second);
  repo.seedLedger("staging", second);
  const ChildRun release2 = repo.run({"--environment", "prod", "--confirm", "shop"}, env);
  BOOST_TEST(release2.exitCode == 3, release2.all());
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt, "- **Status**: ROLLED BACK"), receipt);
  BOOST_TEST(contains(receipt, "- **Previous version**: " + shortSha(first)), receipt);
  BOOST_TEST(contains(receipt, "| /health | 503"), receipt);
  BOOST_TEST(contains(receipt, "rolling back to " + first), receipt);
  BOOST_TEST(contains(shell(kService + " get " + url + "/health"), first));  // release 1 again
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
