// The fault matrix as data: each row (an outside call × a fault, with the outcome the spec asks
// for) becomes one Boost test case, and every case records whether the program survived and
// whether anything was lost. At the end the suite prints the counts; with FD_FAULT_MATRIX=<file>
// it also writes the Markdown table that docs/RELIABILITY.md carries.
#pragma once

#include <boost/test/unit_test.hpp>

#include <functional>
#include <string>
#include <vector>

namespace fd::test {

struct MatrixRow {
  std::string name;     // the test case's name (unique within its suite)
  std::string call;     // the outside call
  std::string fault;    // what goes wrong
  std::string retried;  // "no (1 request)", "yes: 5 attempts", …
  std::string result;   // the status and exit code
  std::string receipt;  // what the receipt (or log) says
};

// What one row's run showed. Each check is also a Boost assertion, so a wrong outcome fails the
// test with `what`.
//   survive: the program behaved as specified where it counts (exit code, status, a receipt or
//            the receipt in the log, no crash);
//   kept:    nothing was lost (a previous receipt, other state keys, ledger lines, a record of
//            this run); a failure here is "data lost" and also not surviving;
//   expect:  the finer points of the row (retry counts, the words in the receipt); a failure
//            here is a deviation from the spec, reported in the table.
class Verdict {
 public:
  void survive(bool ok, const std::string& what);
  void kept(bool ok, const std::string& what);
  void expect(bool ok, const std::string& what);
  bool survived() const { return survived_; }
  bool dataLost() const { return lost_; }
  const std::string& deviation() const { return deviation_; }

 private:
  bool survived_ = true;
  bool lost_ = false;
  std::string deviation_;  // the first failed `expect`
};

struct MatrixCase {
  MatrixRow row;
  std::function<void(Verdict&)> body;
  unsigned expectedFailures = 0;  // a known bug (see the row's test for the report)
  // Why the row cannot run on this machine (say, real mounts without the privilege), or empty.
  // Checked before the row runs: Boost reports it as skipped, the counts keep it apart from the
  // rows tried, and the table says "skipped" with the reason. Unset: it always runs.
  std::function<std::string()> unavailable;
};

// Registers one test case per row in the enclosing BOOST_AUTO_TEST_SUITE (construct it at
// namespace scope between BOOST_AUTO_TEST_SUITE and BOOST_AUTO_TEST_SUITE_END).
class MatrixRegistrar {
 public:
  MatrixRegistrar(const std::string& suite, const std::vector<MatrixCase>& cases, const char* file,
                  std::size_t line);
};

}  // namespace fd::test
