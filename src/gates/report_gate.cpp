// The QA and security report gates: the report file decides, never .factory/state.json (seed).
#include <string>

#include "gates/report_gate.hpp"

namespace fd {

namespace {

struct GateNames {
  const char* gate;   // the receipt's row
  const char* skill;  // the factory skill that writes the report
};

GateNames namesFor(ReportKind kind) {
  return kind == ReportKind::Qa ? GateNames{"QA Report", "/qa"}
                                : GateNames{"Security Report", "/security"};
}

std::string shortSha(const std::string& sha) { return sha.substr(0, 7); }

std::string atLine(int line) { return line > 0 ? " (line " + std::to_string(line) + ")" : ""; }

// The words allowed for a kind, for "is not PASS or PASS WITH WARNINGS".
const char* allowedWords(ReportKind kind) {
  return kind == ReportKind::Qa ? "PASS or PASS WITH WARNINGS" : "CLEAR or WARNINGS";
}

class ReportCheck {
 public:
  ReportCheck(const ReportGateRequest& request, const FileSystem& fs, GitRepository& git)
      : request_(request), fs_(fs), git_(git), names_(namesFor(request.kind)) {
    result_.row.gate = names_.gate;
    result_.row.required = request.required;
    result_.file = request.displayPath;
  }

  GateResult run() {
    evaluate();
    if (!request_.required && !result_.passed) {
      // Advisory: shown in the receipt, never blocks.
      result_.passed = true;
      result_.row.notes = "not required; " + result_.row.notes;
    }
    return result_;
  }

 private:
  std::string rerunOnDeployed() const {
    return std::string("re-run ") + names_.skill + " on " + shortSha(request_.deployedSha);
  }

  void fail(const std::string& status, const std::string& notes, std::string rerun, int line) {
    result_.row.status = status;
    result_.row.notes = notes;
    result_.passed = false;
    result_.rerun = std::move(rerun);
    result_.line = line;
  }

  void evaluate() {
    const Result<std::string> text = fs_.read(request_.path, kMaxReportBytes);
    if (!text) return failRead(text.error());
    int errorLine = 0;
    const Result<ReportSummary> summary =
        parseReportSummary(*text, request_.displayPath, errorLine);
    if (!summary) return fail("FAIL", summary.message(), rerunOnDeployed(), errorLine);
    const StatusVerdict verdict = classifyOverallStatus(request_.kind, summary->overallStatus);
    if (!verdict.passed) return failStatus(*summary, verdict);
    const Result<std::string> tested = git_.resolve(summary->testedCommit);
    if (!tested) {
      return fail("FAIL",
                  request_.displayPath + atLine(summary->commitLine) +
                      ": Tested commit: " + tested.message(),
                  rerunOnDeployed(), summary->commitLine);
    }
    checkFreshness(*summary, verdict, *tested);
  }

  void failRead(const Error& error) {
    const std::string& path = request_.displayPath;
    if (error.code == ErrorCode::NotFound) {
      return fail("MISSING", path + " not found; " + names_.skill + " writes it",
                  std::string("run ") + names_.skill + " on " + shortSha(request_.deployedSha), 0);
    }
    if (error.code == ErrorCode::ResourceExhausted) {
      return fail("FAIL",
                  path + " is larger than " + std::to_string(kMaxReportBytes >> 20) +
                      " MiB, not a plausible report",
                  rerunOnDeployed(), 0);
    }
    fail("FAIL", "cannot read " + path + ": " + error.message, rerunOnDeployed(), 0);
  }

  void failStatus(const ReportSummary& summary, const StatusVerdict& verdict) {
    const std::string where = request_.displayPath + atLine(summary.statusLine);
    const std::string shortDeployed = shortSha(request_.deployedSha);
    if (verdict.blocked) {
      return fail("FAIL",
                  where + ": Overall status is " + quoteReportValue(summary.overallStatus) +
                      "; BLOCKED can never be overridden. Critical issues must be fixed first",
                  "fix the critical issues, then re-run /security on the fixed commit",
                  summary.statusLine);
    }
    if (!verdict.contradiction.empty()) {
      return fail(
          "FAIL",
          where + ": Overall status " + quoteReportValue(summary.overallStatus) +
              " names another status (" + verdict.contradiction + ") after " + verdict.leading +
              "; a report has one status: write only the one that " + "holds",
          std::string("correct the status, or re-run ") + names_.skill + " on " + shortDeployed,
          summary.statusLine);
    }
    if (!verdict.canonical.empty()) {  // a recognised failing status: QA FAIL
      return fail(
          "FAIL", where + ": Overall status is " + quoteReportValue(summary.overallStatus),
          std::string("fix the failures, then re-run ") + names_.skill + " on the fixed commit",
          summary.statusLine);
    }
    fail("FAIL",
         where + ": Overall status " + quoteReportValue(summary.overallStatus) + " is not " +
             allowedWords(request_.kind),
         rerunOnDeployed(), summary.statusLine);
  }

  void checkFreshness(const ReportSummary& summary, const StatusVerdict& verdict,
                      const std::string& tested) {
    const Result<ContentComparison> compared =
        compareContent(git_, tested, request_.deployedSha, request_.policy, request_.gateFiles);
    if (!compared) {
      return fail("FAIL",
                  request_.displayPath + ": cannot compare the tested commit " + shortSha(tested) +
                      " with the deployed commit: " + compared.message(),
                  rerunOnDeployed(), summary.commitLine);
    }
    if (!compared->equivalent) {
      return fail("STALE", request_.displayPath + " " + compared->whyNot + "; " + rerunOnDeployed(),
                  rerunOnDeployed(), summary.commitLine);
    }
    result_.passed = true;
    result_.row.status = verdict.status;
    // The words as written when they carry a comment ("PASS (3 warnings)").
    const std::string status = summary.overallStatus == verdict.canonical
                                   ? verdict.canonical
                                   : quoteReportValue(summary.overallStatus);
    // The commit actually tested, and what changed since (issue 12: traceable receipts).
    result_.row.notes = request_.displayPath + ": " + status + ", tested " + shortSha(tested) +
                        (tested == request_.deployedSha
                             ? " (the deployed commit)"
                             : " (only gate, receipt and bookkeeping files changed since: " +
                                   listPaths(compared->changed) + ")");
  }

  const ReportGateRequest& request_;
  const FileSystem& fs_;
  GitRepository& git_;
  GateNames names_;
  GateResult result_;
};

}  // namespace

GateResult checkReport(const ReportGateRequest& request, const FileSystem& fs, GitRepository& git) {
  return ReportCheck(request, fs, git).run();
}

}  // namespace fd
