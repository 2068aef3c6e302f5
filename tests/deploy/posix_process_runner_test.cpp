// Real child processes: streaming, exit codes, signals, timeouts, process groups, cancellation.
#include <fcntl.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/cancellation.hpp"
#include "deploy/output_collector.hpp"
#include "deploy/posix_process_runner.hpp"
#include "process_probe.hpp"
#include "support/error_code_print.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace std::chrono_literals;
using fd::CommandResult;
using fd::CommandSpec;

CommandSpec specFor(std::string command, std::vector<std::string>* lines = nullptr) {
  CommandSpec spec;
  spec.command = std::move(command);
  spec.timeout = 20s;  // a safety net: no test here should come near it
  if (lines != nullptr) {
    spec.onLine = [lines](std::string_view line) { lines->emplace_back(line); };
  }
  return spec;
}

CommandResult runOk(const CommandSpec& spec) {
  fd::PosixProcessRunner runner;
  fd::Result<CommandResult> result = runner.run(spec);
  BOOST_REQUIRE_MESSAGE(result.ok(), (result.ok() ? std::string() : result.message()));
  return result.value();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(posix_process_runner)

BOOST_AUTO_TEST_CASE(delivers_a_line_before_the_command_exits) {
  // The command waits for a file that the test creates only once it has seen the first line:
  // if lines were delivered after exit, this would run into the timeout.
  fd::test::TempDir dir;
  const std::string go = dir.file("go");
  std::vector<std::string> lines;
  CommandSpec spec =
      specFor("echo first; while [ ! -e \"$GO\" ]; do sleep 0.01; done; echo second");
  spec.env = {{"GO", go}};
  spec.onLine = [&](std::string_view line) {
    lines.emplace_back(line);
    if (line == "first") std::ofstream(go) << "go";
  };
  const CommandResult result = runOk(spec);
  BOOST_TEST(!result.timedOut);
  BOOST_TEST(result.exitCode == 0);
  BOOST_TEST(result.succeeded());
  BOOST_TEST(lines == (std::vector<std::string>{"first", "second"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reports_the_exit_code) {
  const CommandResult failed = runOk(specFor("echo oops >&2; exit 3"));
  BOOST_TEST(failed.exitCode == 3);
  BOOST_TEST(failed.signal == 0);
  BOOST_TEST(!failed.succeeded());
  BOOST_TEST(failed.output == "oops\n");
  BOOST_TEST(fd::describeCommandEnd(failed) == "exit 3");

  const CommandResult passed = runOk(specFor("true"));
  BOOST_TEST(passed.exitCode == 0);
  BOOST_TEST(passed.succeeded());
}

BOOST_AUTO_TEST_CASE(reports_a_command_killed_by_a_signal) {
  const CommandResult result = runOk(specFor("kill -9 $$"));
  BOOST_TEST(result.exitCode == -1);
  BOOST_TEST(result.signal == SIGKILL);
  BOOST_TEST(!result.succeeded());
  BOOST_TEST(fd::describeCommandEnd(result) == "killed by signal 9");
}

BOOST_AUTO_TEST_CASE(merges_stdout_and_stderr_and_delivers_a_final_partial_line) {
  std::vector<std::string> lines;
  const CommandResult result =
      runOk(specFor("echo out; echo err >&2; printf 'crlf\\r\\nlast'", &lines));
  BOOST_TEST(lines == (std::vector<std::string>{"out", "err", "crlf", "last"}),
             boost::test_tools::per_element());
  BOOST_TEST(result.tail == lines, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(stdout_only_keeps_stderr_out_of_the_output_but_not_out_of_sight) {
  std::vector<std::string> lines;
  CommandSpec spec = specFor(
      "echo 'warning: a newer CLI' >&2; echo v41; echo 'Error: late' >&2; "
      "printf partial >&2; exit 3",
      &lines);
  spec.stdoutOnly = true;
  const CommandResult result = runOk(spec);
  BOOST_TEST(result.exitCode == 3);
  BOOST_TEST(result.output == "v41\n");
  // Every line still reaches the log, and the tail: stdout's, then stderr's.
  BOOST_TEST(lines.size() == 4u);
  BOOST_TEST(result.tail == (std::vector<std::string>{"v41", "warning: a newer CLI", "Error: late",
                                                      "partial"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(stdin_is_empty_so_a_reading_command_does_not_hang) {
  std::vector<std::string> lines;
  const CommandResult result = runOk(specFor("cat; echo done", &lines));
  BOOST_TEST(result.exitCode == 0);
  BOOST_TEST(lines == (std::vector<std::string>{"done"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(timeout_kills_the_whole_group) {
  fd::test::TempDir dir;
  CommandSpec spec =
      specFor("sleep 1000 & echo $! > \"$PIDS/bg\"; echo $$ > \"$PIDS/sh\"; sleep 1000");
  spec.env = {{"PIDS", dir.path()}};
  spec.timeout = 300ms;
  const CommandResult result = runOk(spec);
  BOOST_TEST(result.timedOut);
  BOOST_TEST(!result.succeeded());
  BOOST_TEST(result.signal == SIGTERM);
  BOOST_TEST(fd::describeCommandEnd(result).rfind("timed out after", 0) == 0);
  const pid_t background = fd::test::readPid(dir.file("bg"));
  const pid_t shell = fd::test::readPid(dir.file("sh"));
  BOOST_REQUIRE(background > 0);
  BOOST_REQUIRE(shell > 0);
  BOOST_TEST(fd::test::waitUntilGone(background));
  BOOST_TEST(fd::test::waitUntilGone(shell));
}

BOOST_AUTO_TEST_CASE(timeout_escalates_to_sigkill_when_sigterm_is_ignored) {
  CommandSpec spec = specFor("trap '' TERM; while :; do sleep 0.05; done");
  spec.timeout = 200ms;
  const CommandResult result = runOk(spec);
  BOOST_TEST(result.timedOut);
  BOOST_TEST(result.signal == SIGKILL);
  BOOST_TEST(result.duration < 15s);
}

// After a normal exit the shell's background processes are left alone (a service it started),
// and one that holds the pipe does not keep us reading: what was buffered is read, then we stop.
BOOST_AUTO_TEST_CASE(a_background_grandchild_survives_a_normal_exit_and_does_not_keep_us_waiting) {
  fd::test::TempDir dir;
  CommandSpec spec =
      specFor("sleep 1000 & echo $! > \"$PIDS/bg\"; echo deployed; printf 'no newline'");
  spec.env = {{"PIDS", dir.path()}};
  std::vector<std::string> lines;
  spec.onLine = [&](std::string_view line) { lines.emplace_back(line); };
  const CommandResult result = runOk(spec);
  const pid_t background = fd::test::readPid(dir.file("bg"));
  BOOST_TEST(result.exitCode == 0);
  BOOST_TEST(!result.timedOut);
  BOOST_TEST(result.duration < 10s);
  BOOST_TEST(lines == (std::vector<std::string>{"deployed", "no newline"}),
             boost::test_tools::per_element());
  BOOST_REQUIRE(background > 0);
  BOOST_TEST(!fd::test::waitUntilGone(background, 300ms), "the background process was killed");
  ::kill(background, SIGKILL);
}

BOOST_AUTO_TEST_CASE(a_process_that_left_the_group_and_holds_the_pipe_does_not_keep_us_waiting) {
  fd::test::TempDir dir;
  CommandSpec spec = specFor("setsid sleep 1000 & echo $! > \"$PIDS/escaped\"; echo done");
  spec.env = {{"PIDS", dir.path()}};
  const CommandResult result = runOk(spec);
  const pid_t escaped = fd::test::readPid(dir.file("escaped"));
  if (escaped > 0) ::kill(escaped, SIGKILL);  // outside our group: the test cleans it up
  BOOST_TEST(result.exitCode == 0);
  BOOST_TEST(result.duration < 10s);
  BOOST_TEST(result.output == "done\n");
}

BOOST_AUTO_TEST_CASE(passes_the_environment_inherited_and_overridden) {
  ::setenv("FD_RUNNER_INHERITED", "from-parent", 1);
  ::setenv("FD_RUNNER_OVERRIDDEN", "parent-value", 1);
  std::vector<std::string> lines;
  CommandSpec spec =
      specFor("echo \"$FD_RUNNER_INHERITED\"; echo \"$FD_RUNNER_OVERRIDDEN\"; echo \"$DEPLOY_SHA\"",
              &lines);
  spec.env = {{"FD_RUNNER_OVERRIDDEN", "child-value"}, {"DEPLOY_SHA", "abc1234"}};
  runOk(spec);
  ::unsetenv("FD_RUNNER_INHERITED");
  ::unsetenv("FD_RUNNER_OVERRIDDEN");
  BOOST_TEST(lines == (std::vector<std::string>{"from-parent", "child-value", "abc1234"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(runs_in_the_working_directory) {
  fd::test::TempDir dir;
  std::vector<std::string> lines;
  CommandSpec spec = specFor("pwd -P", &lines);
  spec.workdir = dir.path();
  runOk(spec);
  BOOST_REQUIRE(lines.size() == 1U);
  BOOST_TEST(lines[0] == std::filesystem::canonical(dir.path()).string());
}

BOOST_AUTO_TEST_CASE(a_missing_working_directory_is_an_error_value) {
  fd::PosixProcessRunner runner;
  CommandSpec spec = specFor("true");
  spec.workdir = "/nonexistent/fd-test-dir";
  const fd::Result<CommandResult> result = runner.run(spec);
  BOOST_REQUIRE(!result.ok());
  BOOST_TEST(result.message().find("/nonexistent/fd-test-dir") != std::string::npos);
  BOOST_TEST(result.message().find("No such file") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(does_not_leak_other_file_descriptors_into_the_child) {
  const int leaky = ::open("/dev/null", O_RDONLY);  // deliberately without O_CLOEXEC
  BOOST_REQUIRE(leaky > 2);
  std::vector<std::string> lines;
  runOk(specFor("[ -e /proc/$$/fd/" + std::to_string(leaky) + " ] && echo open || echo closed",
                &lines));
  ::close(leaky);
  BOOST_TEST(lines == (std::vector<std::string>{"closed"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(keeps_a_bounded_tail_and_the_whole_small_output) {
  CommandSpec spec = specFor("i=1; while [ $i -le 100 ]; do echo line$i; i=$((i+1)); done");
  spec.tailLines = 5;
  const CommandResult result = runOk(spec);
  BOOST_TEST(
      result.tail == (std::vector<std::string>{"line96", "line97", "line98", "line99", "line100"}),
      boost::test_tools::per_element());
  BOOST_TEST(result.output.rfind("line1\nline2\n", 0) == 0);
  BOOST_TEST(result.output.size() > 500U);
}

BOOST_AUTO_TEST_CASE(caps_huge_output_and_splits_endless_lines) {
  std::size_t lineCount = 0;
  std::size_t longest = 0;
  CommandSpec spec = specFor("head -c 3000000 /dev/zero | tr '\\0' x; echo; seq 1 100000");
  spec.captureBytes = 1000;
  spec.tailLines = 3;
  spec.onLine = [&](std::string_view line) {
    ++lineCount;
    longest = std::max(longest, line.size());
  };
  const CommandResult result = runOk(spec);
  BOOST_TEST(result.exitCode == 0);
  BOOST_TEST(result.output.size() == 1000U);
  BOOST_TEST(result.output == std::string(1000, 'x'));
  BOOST_TEST(longest <= fd::OutputCollector::kMaxLineBytes);
  BOOST_TEST(lineCount > 100000U);  // the endless line came in pieces, then every number
  BOOST_TEST(result.tail == (std::vector<std::string>{"99998", "99999", "100000"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(cancellation_from_another_thread_stops_the_group_promptly) {
  fd::test::TempDir dir;
  std::mutex mutex;
  std::condition_variable started;
  bool sawStart = false;
  CommandSpec spec = specFor("sleep 1000 & echo $! > \"$PIDS/bg\"; echo started; wait");
  spec.env = {{"PIDS", dir.path()}};
  spec.timeout = 60s;
  spec.onLine = [&](std::string_view line) {
    if (line != "started") return;
    std::lock_guard lock(mutex);
    sawStart = true;
    started.notify_all();
  };
  std::thread canceller([&] {
    std::unique_lock lock(mutex);
    started.wait(lock, [&] { return sawStart; });
    fd::Cancellation::request();
  });
  const CommandResult result = runOk(spec);
  canceller.join();
  fd::Cancellation::reset();
  BOOST_TEST(result.cancelled);
  BOOST_TEST(!result.timedOut);
  BOOST_TEST(!result.succeeded());
  BOOST_TEST(fd::describeCommandEnd(result) == "cancelled");
  BOOST_TEST(result.duration < 5s);  // generous: the contract is < 2 s
  const pid_t background = fd::test::readPid(dir.file("bg"));
  BOOST_REQUIRE(background > 0);
  BOOST_TEST(fd::test::waitUntilGone(background));
}

// A prod rollback runs under a Cancellation::Shield: the runner's SIGTERM after its SIGINT must
// not cut it short. The command learns of the signal (a file) and still finishes.
BOOST_AUTO_TEST_CASE(a_shielded_command_runs_to_its_end_through_a_cancellation) {
  fd::test::TempDir dir;
  const std::string signalled = dir.file("signalled");
  CommandSpec spec = specFor(
      "echo started; i=0; while [ ! -e \"$MARK\" ] && [ $i -lt 200 ]; do sleep 0.05; "
      "i=$((i+1)); done; echo finished");
  spec.env = {{"MARK", signalled}};
  spec.onLine = [&](std::string_view line) {
    if (line != "started") return;
    fd::Cancellation::request(SIGTERM);
    std::ofstream{signalled} << "1";
  };
  CommandResult result;
  {
    const fd::Cancellation::Shield shield;
    result = runOk(spec);
    BOOST_TEST(!fd::Cancellation::requested());
  }
  BOOST_TEST(fd::Cancellation::requested());  // outside the shield the signal counts again
  BOOST_TEST(fd::Cancellation::arrived());
  BOOST_TEST(fd::Cancellation::signalName() == "SIGTERM");
  fd::Cancellation::reset();
  BOOST_TEST(result.exitCode == 0);
  BOOST_TEST(!result.cancelled);
  BOOST_TEST(result.tail.back() == "finished");
}

BOOST_AUTO_TEST_CASE(an_empty_command_is_refused) {
  fd::PosixProcessRunner runner;
  const fd::Result<CommandResult> result = runner.run(CommandSpec{});
  BOOST_REQUIRE(!result.ok());
  BOOST_TEST(result.code() == fd::ErrorCode::InvalidArgument);
}

BOOST_AUTO_TEST_SUITE_END()
