#include <boost/test/unit_test.hpp>

#include "action/action_mode.hpp"
#include "support/fakes.hpp"

namespace {

struct World {
  fd::test::FakeConsole console;
  fd::SecretMasker masker;
  std::unique_ptr<fd::Log> log;
  explicit World(bool tty) {
    console.ttyOut = tty;
    log = fd::makeConsoleLog(console, masker);
  }
  void everything() {
    log->addSecret("hunter2-secret");
    log->beginGroup("Gates");
    log->info("checking with hunter2-secret");
    log->debug("not shown locally");
    log->notice("no GitHub deployment recorded");
    log->warning("unknown key", fd::Annotation{"Manifest", ".factory/deploy-config.json", 4});
    log->error("stale report", fd::Annotation{"QA Report", "QA-REPORT.md", 0});
    log->beginUntrusted();
    log->untrusted("::error::from the child hunter2-secret");
    log->endUntrusted();
    log->endGroup();
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(console_log)

BOOST_AUTO_TEST_CASE(plain_readable_lines_without_workflow_syntax_or_colour) {
  World world(false);
  world.everything();
  BOOST_TEST(world.console.stdoutText ==
             "==> Gates\n"
             "checking with ***\n"
             "note: no GitHub deployment recorded\n"
             "    ::error::from the child ***\n");
  BOOST_TEST(world.console.stderrText ==
             "warning: Manifest: unknown key (.factory/deploy-config.json:4)\n"
             "error: QA Report: stale report (QA-REPORT.md)\n");
  BOOST_TEST(world.console.stdoutText.find("::group") == std::string::npos);
  BOOST_TEST(world.console.stdoutText.find("\x1b[") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(colour_only_on_a_terminal_and_still_masked) {
  World world(true);
  world.everything();
  BOOST_TEST(world.console.stdoutText.find("\x1b[1m==> ") != std::string::npos);
  BOOST_TEST(world.console.stderrText.find("\x1b[1;31merror: \x1b[0m") != std::string::npos);
  BOOST_TEST(world.console.stdoutText.find("hunter2-secret") == std::string::npos);
  BOOST_TEST(world.console.stdoutText.find("checking with ***") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
