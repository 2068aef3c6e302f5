// The checks every matrix row makes after its run, and the words the rows share.
#pragma once

#include <string>
#include <vector>

#include "faults/fault_run.hpp"
#include "faults/matrix.hpp"

namespace fd::test {

struct Outcome {
  int exit = 0;
  std::string status;                // the receipt's Status, e.g. "SUCCESS", "ROLLED BACK"
  std::vector<std::string> receipt;  // text the receipt must hold
  std::vector<std::string> log;      // text the log must hold
  std::vector<std::string> notInReceipt;
  bool receiptWritten = true;  // false: the write fails and the log holds it whole
};

// Exit code, status, the row's texts, a record of the run, and nothing lost.
void checkOutcome(const FaultRun& run, int exitCode, const Outcome& expected, Verdict& verdict);

// "Status / exit" column text, e.g. "FAILED, exit 1".
std::string resultText(const Outcome& expected);

// A receipt table row's start: "| CI Checks | YES | FAIL |".
std::string gateRow(const std::string& gate, const std::string& status);

// The start of a failing request's description in the receipt, e.g. "GET /repos/o/r/issues".
std::string joinNeedles(const std::vector<std::string>& needles);

}  // namespace fd::test
