// The QA/security report parser: any bytes, as a report file's content.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "gates/report_gate.hpp"

namespace {

void checkVerdict(fd::ReportKind kind, std::string_view value) {
  const fd::StatusVerdict verdict = fd::classifyOverallStatus(kind, value);
  FD_FUZZ_CHECK(!(verdict.passed && verdict.blocked));
  FD_FUZZ_CHECK(!verdict.passed || !verdict.canonical.empty());
  FD_FUZZ_CHECK(!verdict.blocked || kind == fd::ReportKind::Security);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fd::fuzz::asText(data, size);
  int errorLine = -1;
  const fd::Result<fd::ReportSummary> summary =
      fd::parseReportSummary(text, "QA-REPORT.md", errorLine);
  // The first line doubles as a raw status value: the classifier sees hostile words too.
  const std::string_view firstLine = text.substr(0, text.find('\n'));
  checkVerdict(fd::ReportKind::Qa, firstLine);
  checkVerdict(fd::ReportKind::Security, firstLine);
  FD_FUZZ_CHECK(fd::quoteReportValue(text).size() <= 80 + 2 + 3);
  if (!summary.ok()) {
    FD_FUZZ_CHECK(errorLine >= 0);
    FD_FUZZ_CHECK(summary.message().rfind("QA-REPORT.md", 0) == 0);
    return 0;
  }
  FD_FUZZ_CHECK(summary->statusLine > 0 && summary->commitLine > 0);
  checkVerdict(fd::ReportKind::Qa, summary->overallStatus);
  checkVerdict(fd::ReportKind::Security, summary->overallStatus);
  (void)fd::quoteReportValue(summary->testedCommit);
  return 0;
}
