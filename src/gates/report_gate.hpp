// The QA and security report gates (INTERFACE §5.1): read the report file itself, never the state.
#pragma once

#include <string>
#include <string_view>

#include "core/deploy_record.hpp"
#include "core/inputs.hpp"
#include "core/ports/file_system.hpp"
#include "core/ports/git_repository.hpp"
#include "core/result.hpp"

namespace fd {

enum class ReportKind { Qa, Security };

struct ReportSummary {
  std::string overallStatus;  // as written, trimmed, e.g. "PASS WITH WARNINGS"
  std::string testedCommit;   // as written, e.g. "a1b2c3d"
  int statusLine = 0;         // 1-based line numbers, for annotations
  int commitLine = 0;
};

// Parses the `## Summary` section. InvalidArgument when there is no Summary section, or it lacks
// a field, or the text is not a plausible Markdown report (binary content).
Result<ReportSummary> parseReportSummary(std::string_view markdown, std::string_view displayPath);

struct ReportGateRequest {
  ReportKind kind = ReportKind::Qa;
  std::string path;         // absolute
  std::string displayPath;  // as the user gave it
  std::string deployedSha;  // full
  ReportPolicy policy = ReportPolicy::Content;
  bool required = true;
};

// The gate row ("QA Report" / "Security Report") with status PASS/WARN/CLEAR/FAIL/STALE/MISSING,
// notes that quote what was found, and for a failure `rerun` naming the gate to re-run.
GateResult checkReport(const ReportGateRequest& request, const FileSystem& fs, GitRepository& git);

// Whether `tested` may stand for `deployed` under `policy`: equal, or (content) an ancestor whose
// tree differs only in gate and receipt files. A message says why not.
Result<bool> isContentEquivalent(GitRepository& git, const std::string& tested,
                                 const std::string& deployed, ReportPolicy policy,
                                 std::string& whyNot);

// QA-REPORT*.md, SECURITY*.md, DEPLOY-RECEIPT*.md (at any depth), deployments/, reports/.
bool isGateOrReceiptFile(std::string_view path);

}  // namespace fd
