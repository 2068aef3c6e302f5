#include "faults/checks.hpp"

namespace fd::test {

namespace {

// `"text" in:` followed by where it was looked for (the whole receipt or log, for the failure).
std::string lookedFor(const std::string& prefix, const std::string& text, const std::string& where,
                      const std::string& haystack) {
  std::string message = prefix;
  message += "\"";
  message += text;
  message += "\" in ";
  message += where;
  message += ":\n";
  message += haystack;
  return message;
}

}  // namespace

void checkOutcome(const FaultRun& run, int exitCode, const Outcome& expected, Verdict& verdict) {
  verdict.survive(exitCode == expected.exit, "exit code " + std::to_string(exitCode) +
                                                 ", expected " + std::to_string(expected.exit) +
                                                 "\n" + run.log());
  const std::string receipt = expected.receiptWritten ? run.receipt() : run.log();
  verdict.survive(contains(receipt, "**Status**: " + expected.status),
                  "status " + expected.status + " in:\n" + receipt);
  for (const std::string& text : expected.receipt) {
    verdict.expect(contains(receipt, text), lookedFor("", text, "the receipt", receipt));
  }
  for (const std::string& text : expected.notInReceipt) {
    verdict.expect(!contains(receipt, text), lookedFor("no ", text, "the receipt", receipt));
  }
  for (const std::string& text : expected.log) {
    verdict.expect(contains(run.log(), text), lookedFor("", text, "the log", run.log()));
  }
  if (!expected.receiptWritten) {
    verdict.survive(run.receiptInLog(), "the whole receipt printed to the log:\n" + run.log());
  }
  verdict.survive(run.http.offMachine() == 0, "every request stayed on 127.0.0.1");
  verdict.kept(run.recorded(), "a receipt, or the receipt in the log, for this run");
  verdict.kept(run.keptPreviousReceipt(), "the previous receipt, kept or archived");
  verdict.kept(run.keptState(), "the other keys of .factory/state.json");
  verdict.kept(run.keptLedger(), "the earlier lines of .factory/deployments.jsonl");
}

std::string resultText(const Outcome& expected) {
  return expected.status + ", exit " + std::to_string(expected.exit);
}

std::string gateRow(const std::string& gate, const std::string& status) {
  return "| " + gate + " | YES | " + status + " |";
}

std::string joinNeedles(const std::vector<std::string>& needles) {
  std::string joined;
  for (const std::string& needle : needles) joined += (joined.empty() ? "" : " … ") + needle;
  return joined;
}

}  // namespace fd::test
