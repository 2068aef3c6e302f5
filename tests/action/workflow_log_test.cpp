#include <boost/test/unit_test.hpp>

#include "action/action_mode.hpp"
#include "log_test_support.hpp"

using fd::test::CallRecordingConsole;

namespace {

struct World {
  CallRecordingConsole console;
  fd::SecretMasker masker;
  fd::test::FakeRandom random;
  std::unique_ptr<fd::Log> log;
  explicit World(bool debug = false) : log(fd::makeWorkflowLog(console, masker, random, debug)) {
    random.nextHex = "feedfacefeedfacefeedfacefeedface";
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(workflow_log)

BOOST_AUTO_TEST_CASE(groups_and_annotations_use_the_runner_syntax) {
  World world;
  world.log->beginGroup("Gates: prod");
  world.log->error("tested commit is stale\nre-run /qa",
                   fd::Annotation{"QA Report: stale", "QA-REPORT.md", 7});
  world.log->warning("unknown key \"foo\"", fd::Annotation{"", ".factory/deploy-config.json", 0});
  world.log->notice("artifact upload skipped");
  world.log->endGroup();
  BOOST_TEST(world.console.stdoutText ==
             "::group::Gates: prod\n"
             "::error title=QA Report%3A stale,file=QA-REPORT.md,line=7::tested commit is "
             "stale%0Are-run /qa\n"
             "::warning file=.factory/deploy-config.json::unknown key \"foo\"\n"
             "::notice::artifact upload skipped\n"
             "::endgroup::\n");
}

BOOST_AUTO_TEST_CASE(every_write_is_one_whole_line) {
  World world;
  world.log->info("one\ntwo");
  world.log->error("x\ny");
  for (const std::string& call : world.console.outCalls) {
    BOOST_TEST(call.back() == '\n');
    BOOST_TEST(call.find('\n') == call.size() - 1);
  }
  BOOST_TEST(world.console.outCalls.size() == 3u);
}

BOOST_AUTO_TEST_CASE(secrets_are_masked_for_the_runner_before_they_can_be_printed) {
  World world;
  world.log->addSecret("ghp_tokenvalue123\nsecond-line-secret\r\n");
  world.log->addSecret("ghp_tokenvalue123");  // registered once
  world.log->info("token ghp_tokenvalue123 and second-line-secret");
  world.log->error("bad ghp_tokenvalue123", fd::Annotation{"ghp_tokenvalue123", "", 0});
  world.log->beginGroup("using ghp_tokenvalue123");
  BOOST_TEST(world.console.stdoutText ==
             "::add-mask::ghp_tokenvalue123\n"
             "::add-mask::second-line-secret\n"
             "token *** and ***\n"
             "::error title=***::bad ***\n"
             "::group::using ***\n");
}

BOOST_AUTO_TEST_CASE(blank_and_too_short_lines_are_not_registered) {
  World world;
  world.log->addSecret("   \nab\nlong-enough\n");
  BOOST_TEST(world.console.stdoutText == "::add-mask::long-enough\n");
}

BOOST_AUTO_TEST_CASE(a_secret_with_special_characters_is_escaped_in_add_mask) {
  World world;
  world.log->addSecret("p%ss:w,rd");
  BOOST_TEST(world.console.stdoutText == "::add-mask::p%25ss:w,rd\n");
}

BOOST_AUTO_TEST_CASE(debug_lines_appear_only_when_the_runner_asks) {
  World quiet(false);
  quiet.log->debug("GET /check-runs");
  BOOST_TEST(quiet.console.stdoutText.empty());
  World verbose(true);
  verbose.log->addSecret("secret-in-debug");
  verbose.log->debug("GET /check-runs with secret-in-debug\nline 2");
  BOOST_TEST(verbose.console.stdoutText ==
             "::add-mask::secret-in-debug\n::debug::GET /check-runs with ***%0Aline 2\n");
}

BOOST_AUTO_TEST_CASE(child_output_cannot_issue_workflow_commands) {
  World world;
  world.log->addSecret("deploy-key-9876");
  world.console.outCalls.clear();
  world.console.stdoutText.clear();
  world.log->beginUntrusted();
  world.log->untrusted("::add-mask::innocent");
  world.log->untrusted("::error::forged by the deployed program");
  world.log->untrusted("using deploy-key-9876");
  world.log->endUntrusted();
  BOOST_TEST(world.console.stdoutText ==
             "::stop-commands::feedfacefeedfacefeedfacefeedface\n"
             "::add-mask::innocent\n"
             "::error::forged by the deployed program\n"
             "using ***\n"
             "::feedfacefeedfacefeedfacefeedface::\n");
}

BOOST_AUTO_TEST_CASE(our_own_commands_during_child_output_still_work) {
  World world;
  world.log->beginUntrusted();
  world.log->untrusted("step 1");
  world.log->warning("deploy is slow");
  world.log->untrusted("step 2");
  world.log->endUntrusted();
  const std::string token = "feedfacefeedfacefeedfacefeedface";
  BOOST_TEST(world.console.stdoutText == "::stop-commands::" + token + "\nstep 1\n::" + token +
                                             "::\n::warning::deploy is slow\n::stop-commands::" +
                                             token + "\nstep 2\n::" + token + "::\n");
}

BOOST_AUTO_TEST_CASE(an_info_message_quoting_a_command_is_not_obeyed) {
  World world;
  world.log->info("report says:\n::add-mask::x");
  const std::string token = "feedfacefeedfacefeedfacefeedface";
  BOOST_TEST(world.console.stdoutText ==
             "::stop-commands::" + token + "\nreport says:\n::add-mask::x\n::" + token + "::\n");
  world.console.stdoutText.clear();
  world.log->info("plain line");
  BOOST_TEST(world.console.stdoutText == "plain line\n");
}

BOOST_AUTO_TEST_SUITE_END()
