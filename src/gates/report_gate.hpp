// The QA and security report gates (INTERFACE §5.1): read the report file itself, never the state.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/deploy_record.hpp"
#include "core/gate_files.hpp"
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
// The same; on failure `errorLine` is the 1-based line at fault (the Summary heading, a field), or
// 0.
Result<ReportSummary> parseReportSummary(std::string_view markdown, std::string_view displayPath,
                                         int& errorLine);

// A report larger than this is not a report: rejected without reading it whole.
inline constexpr std::size_t kMaxReportBytes = std::size_t{1} << 20;

// What an `Overall status` value means for a gate. The allowed words must open the value (any
// case, emphasis ignored); after them only a comment may follow ("PASS (3 warnings)", "CLEAR —
// no findings"), never another word ("PASS / FAIL" is an unfilled template and fails), and the
// comment may not name another status of the kind ("CLEAR, BLOCKED" fails).
struct StatusVerdict {
  std::string status;  // PASS / WARN / CLEAR / FAIL
  bool passed = false;
  bool blocked = false;   // security BLOCKED: never overridable
  std::string canonical;  // the matched words ("PASS WITH WARNINGS"), empty when unrecognised
  // A passing status whose comment names another status of the kind ("CLEAR, BLOCKED"): the
  // leading words and the other status word. Such a value fails.
  std::string leading;
  std::string contradiction;
};
StatusVerdict classifyOverallStatus(ReportKind kind, std::string_view value);

// A value from a report as gate notes quote it: in double quotes, cut to 80 bytes on a UTF-8
// character boundary (a report line may be a megabyte long).
std::string quoteReportValue(std::string_view value);

struct ReportGateRequest {
  ReportKind kind = ReportKind::Qa;
  std::string path;         // absolute
  std::string displayPath;  // as the user gave it
  std::string deployedSha;  // full
  ReportPolicy policy = ReportPolicy::Content;
  bool required = true;
  GateFiles gateFiles;  // what may change after the tested commit under policy content
};

// The gate row ("QA Report" / "Security Report") with status PASS/WARN/CLEAR/FAIL/STALE/MISSING,
// notes that quote what was found, and for a failure `rerun` naming the gate to re-run.
GateResult checkReport(const ReportGateRequest& request, const FileSystem& fs, GitRepository& git);

struct ContentComparison {
  bool equivalent = false;
  std::string whyNot;                // when not equivalent, in words a user needs
  std::vector<std::string> changed;  // when equivalent: the gate files that differ
};

// Whether `tested` may stand for `deployed` under `policy`: equal, or (content) an ancestor whose
// tree differs only in `files`.
Result<ContentComparison> compareContent(GitRepository& git, const std::string& tested,
                                         const std::string& deployed, ReportPolicy policy,
                                         const GateFiles& files);
// The same; a message says why not.
Result<bool> isContentEquivalent(GitRepository& git, const std::string& tested,
                                 const std::string& deployed, ReportPolicy policy,
                                 const GateFiles& files, std::string& whyNot);

// GateFiles{}.covers(path): reports, receipts, Markdown under deployments/ and reports/,
// bookkeeping (.factory/state.json, .factory/deployments.jsonl).
bool isGateOrReceiptFile(std::string_view path);

// "a.md, b.md, c.md, d.md, e.md and 3 more": up to five paths named.
std::string listPaths(const std::vector<std::string>& paths);

}  // namespace fd
