// The assertions every leak scenario ends with.
#pragma once

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "leaks/leak_harness.hpp"

namespace fd::test {

inline const std::string kRunnerOutput = "/runner/file_commands/set_output";
inline const std::string kRunnerSummary = "/runner/file_commands/step_summary";

inline std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += "\n  " + item;
  return text;
}

// The files a finished (not dry) run writes exist, so the scan saw them.
inline void expectWritten(const LeakHarness& h) {
  for (const char* relative : {"DEPLOY-RECEIPT.md", ".factory/state.json"}) {
    BOOST_TEST(h.has(relative), relative << " was not written");
  }
  // The previous receipt, archived under the time of this run's end.
  const std::string archive = h.root() + "/DEPLOY-RECEIPT-20";
  const auto found = h.fs.files.lower_bound(archive);
  BOOST_TEST((found != h.fs.files.end() && found->first.rfind(archive, 0) == 0),
             "the previous receipt was not archived");
  if (h.mode == RunMode::Github) {
    BOOST_TEST(h.fs.files.count(kRunnerOutput) == 1U, "no GITHUB_OUTPUT written");
    BOOST_TEST(h.fs.files.count(kRunnerSummary) == 1U, "no job summary written");
    BOOST_TEST(h.results->artifacts().size() == 1U, "no artifact uploaded");
  }
}

// Zero occurrences of any sentinel (whole, first or last 8 characters) in any sink, and on a
// runner every registered secret's ::add-mask:: line first.
inline void expectNoLeaks(const LeakHarness& h) {
  const std::vector<Leak> leaks = h.leaks();
  BOOST_TEST(leaks.empty(), leaks.size() << " leak(s):" << describe(leaks));
  const std::vector<std::string> problems = h.addMaskProblems();
  BOOST_TEST(problems.empty(), "::add-mask:: problems:" << joined(problems));
}

// The program saw the secrets: a command printed them and its lines reached the log masked.
inline void expectMaskedOutput(const LeakHarness& h) {
  const std::string all = h.console.stdoutText + h.console.stderrText;
  BOOST_TEST(contains(all, "FLY_API_TOKEN=***"), "the command's masked output is not in the log");
}

}  // namespace fd::test
