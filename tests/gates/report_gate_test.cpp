// checkReport against real git repositories built with the git CLI in a temporary directory.
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "gates/report_gate.hpp"
#include "git/git_collision.hpp"
#include "git/git_fixture.hpp"
#include "git/libgit2_repository.hpp"

namespace {

using fd::GateResult;
using fd::ReportKind;
using fd::ReportPolicy;
using fd::test::GitFixture;

// Reads real files with the FileSystem contract's size cap; the gates only ever read.
class DiskReader : public fd::FileSystem {
 public:
  bool exists(const std::string& path) const override { return std::filesystem::exists(path); }
  fd::PathKind kindOf(const std::string& path) const override {
    return exists(path) ? fd::PathKind::File : fd::PathKind::Missing;
  }
  fd::Result<std::string> canonical(const std::string& path) const override { return path; }
  fd::Result<std::string> read(const std::string& path, std::size_t maxBytes) const override {
    struct stat info {};
    if (stat(path.c_str(), &info) != 0) {
      return fd::makeError(fd::ErrorCode::NotFound, path + ": no such file");
    }
    if (static_cast<std::size_t>(info.st_size) > maxBytes) {
      return fd::makeError(fd::ErrorCode::ResourceExhausted, path + ": too large");
    }
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }
  fd::Status writeAtomic(const std::string& path, std::string_view /*content*/) override {
    return unexpected(path);
  }
  fd::Status writeExecutable(const std::string& path, std::string_view /*content*/) override {
    return unexpected(path);
  }
  fd::Status append(const std::string& path, std::string_view /*content*/) override {
    return unexpected(path);
  }
  fd::Status renameNoReplace(const std::string& from, const std::string& /*to*/) override {
    return unexpected(from);
  }
  fd::Status makeDirs(const std::string& path) override { return unexpected(path); }
  fd::Status matchOwner(const std::string& path, const std::string& /*reference*/) override {
    return unexpected(path);
  }
  std::vector<std::string> list(const std::string& /*directory*/) const override { return {}; }
  fd::Status remove(const std::string& path) override { return unexpected(path); }

 private:
  static fd::Status unexpected(const std::string& path) {
    BOOST_ERROR("a report gate tried to write " + path);
    return fd::makeError(fd::ErrorCode::Internal, "read-only");
  }
};

std::string report(const std::string& status, const std::string& tested) {
  return "# Report\n\n## Summary\n\n- **Overall status**: " + status + "\n- **Tested commit**: `" +
         tested + "`\n\n## Details\n\nNothing to add.\n";
}

std::string fixtureReport(const std::string& name, const std::string& tested) {
  std::ifstream in(std::string(FD_SOURCE_DIR) + "/tests/fixtures/reports/" + name);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  for (std::size_t at = text.find("@TESTED@"); at != std::string::npos;
       at = text.find("@TESTED@", at)) {
    text.replace(at, 8, tested);
  }
  return text;
}

struct Gate {
  GitFixture repo;
  DiskReader fs;

  GateResult check(ReportKind kind, const std::string& deployed,
                   ReportPolicy policy = ReportPolicy::Content, bool required = true,
                   const std::string& file = "") {
    const std::string name =
        file.empty() ? (kind == ReportKind::Qa ? "QA-REPORT.md" : "SECURITY.md") : file;
    auto git = fd::openGitRepository(repo.path());
    BOOST_TEST_REQUIRE(git.ok(), (git.ok() ? "" : git.message()));
    return fd::checkReport({kind, repo.dir().file(name), name, deployed, policy, required}, fs,
                           **git);
  }
};

std::string shortSha(const std::string& sha) { return sha.substr(0, 7); }

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(report_gate_policies)

BOOST_AUTO_TEST_CASE(a_report_committed_after_the_tested_commit_passes_under_content) {
  Gate gate;
  const std::string tested = gate.repo.commitFile("src/app.cpp", "int main() {}\n");
  const std::string deployed = gate.repo.commitFile("QA-REPORT.md", report("PASS", tested));
  const GateResult result = gate.check(ReportKind::Qa, deployed);
  BOOST_TEST(result.passed);
  BOOST_TEST(result.row.gate == "QA Report");
  BOOST_TEST(result.row.status == "PASS");
  BOOST_TEST(result.row.notes ==
             "QA-REPORT.md: PASS, tested " + shortSha(tested) +
                 " (only gate, receipt and bookkeeping files changed since: QA-REPORT.md)");
}

BOOST_AUTO_TEST_CASE(the_same_report_is_stale_under_exact) {
  Gate gate;
  const std::string tested = gate.repo.commitFile("src/app.cpp", "int main() {}\n");
  const std::string deployed = gate.repo.commitFile("QA-REPORT.md", report("PASS", tested));
  const GateResult result = gate.check(ReportKind::Qa, deployed, ReportPolicy::Exact);
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.status == "STALE");
  BOOST_TEST(contains(result.row.notes, "not the deployed commit " + shortSha(deployed) +
                                            " (report-commit-policy: exact)"),
             result.row.notes);
  BOOST_TEST(contains(result.row.notes, "which policy content accepts"), result.row.notes);
  BOOST_TEST(result.rerun == "re-run /qa on " + shortSha(deployed));
  BOOST_TEST(result.file == "QA-REPORT.md");
  BOOST_TEST(result.line == 6);
}

BOOST_AUTO_TEST_CASE(exact_passes_when_the_tested_commit_is_the_deployed_one) {
  Gate gate;
  const std::string deployed = gate.repo.commitFile("src/app.cpp", "int main() {}\n");
  gate.repo.dir().write("QA-REPORT.md", report("PASS", shortSha(deployed)));  // not committed
  const GateResult result = gate.check(ReportKind::Qa, deployed, ReportPolicy::Exact);
  BOOST_TEST(result.passed, result.row.notes);
  BOOST_TEST(result.row.notes ==
             "QA-REPORT.md: PASS, tested " + shortSha(deployed) + " (the deployed commit)");
}

BOOST_AUTO_TEST_CASE(other_gate_and_receipt_files_may_change_too) {
  Gate gate;
  const std::string tested = gate.repo.commitFile("src/app.cpp", "v1");
  gate.repo.dir().write("SECURITY.md", report("CLEAR", tested));
  gate.repo.dir().write("DEPLOY-RECEIPT-2026-04-03T21-30-00Z.md", "# old receipt\n");
  gate.repo.dir().write("deployments/staging.md", "# staging notes\n");
  gate.repo.dir().write("reports/qa/run-1.md", "log\n");
  gate.repo.dir().write(".factory/state.json", "{}\n");
  gate.repo.dir().write(".factory/deployments.jsonl", "{}\n");
  gate.repo.dir().write("QA-REPORT.md", report("PASS WITH WARNINGS", tested));
  gate.repo.git("add -A");
  const std::string deployed = gate.repo.commit("reports");
  const GateResult qa = gate.check(ReportKind::Qa, deployed);
  BOOST_TEST(qa.passed, qa.row.notes);
  BOOST_TEST(qa.row.status == "WARN");
  const GateResult security = gate.check(ReportKind::Security, deployed);
  BOOST_TEST(security.passed, security.row.notes);
  BOOST_TEST(security.row.status == "CLEAR");
}

// Issue 15: only Markdown counts under deployments/ and reports/; a script there is code.
BOOST_AUTO_TEST_CASE(a_script_under_deployments_is_code) {
  Gate gate;
  const std::string tested = gate.repo.commitFile("deployments/deploy.sh", "echo v1\n");
  gate.repo.dir().write("deployments/deploy.sh", "echo v2\n");
  gate.repo.dir().write("QA-REPORT.md", report("PASS", tested));
  gate.repo.git("add -A");
  const std::string deployed = gate.repo.commit("reports and a script");
  const GateResult qa = gate.check(ReportKind::Qa, deployed);
  BOOST_TEST(!qa.passed);
  BOOST_TEST(qa.row.status == "STALE");
  BOOST_TEST(qa.row.notes == "QA-REPORT.md tested " + shortSha(tested) +
                                 ", but 1 file changed before the deployed commit " +
                                 shortSha(deployed) + ": deployments/deploy.sh; re-run /qa on " +
                                 shortSha(deployed));
}

BOOST_AUTO_TEST_CASE(a_code_change_after_the_tested_commit_is_stale_and_named) {
  Gate gate;
  const std::string tested = gate.repo.commitFile("src/app.cpp", "v1");
  gate.repo.commitFile("src/app.cpp", "v2 untested");
  const std::string deployed = gate.repo.commitFile("QA-REPORT.md", report("PASS", tested));
  const GateResult result = gate.check(ReportKind::Qa, deployed);
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.status == "STALE");
  BOOST_TEST(result.row.notes == "QA-REPORT.md tested " + shortSha(tested) +
                                     ", but 1 file changed before the deployed commit " +
                                     shortSha(deployed) + ": src/app.cpp; re-run /qa on " +
                                     shortSha(deployed));
  BOOST_TEST(result.rerun == "re-run /qa on " + shortSha(deployed));
}

BOOST_AUTO_TEST_CASE(a_stale_report_lists_at_most_five_changed_files) {
  Gate gate;
  const std::string tested = gate.repo.commitFile("README.md", "readme");
  for (int i = 1; i <= 8; ++i) gate.repo.dir().write("src/f" + std::to_string(i) + ".cpp", "x");
  gate.repo.git("add -A");
  gate.repo.commit("code");
  const std::string deployed =
      gate.repo.commitFile("SECURITY.md", report("CLEAR", shortSha(tested)));
  const GateResult result = gate.check(ReportKind::Security, deployed);
  BOOST_TEST(result.row.status == "STALE");
  BOOST_TEST(contains(result.row.notes, "8 files changed"), result.row.notes);
  BOOST_TEST(contains(result.row.notes,
                      ": src/f1.cpp, src/f2.cpp, src/f3.cpp, src/f4.cpp, src/f5.cpp and 3 more"),
             result.row.notes);
  BOOST_TEST(result.rerun == "re-run /security on " + shortSha(deployed));
}

BOOST_AUTO_TEST_CASE(a_report_tested_on_another_branch_is_stale) {
  Gate gate;
  const std::string base = gate.repo.commitFile("src/app.cpp", "v1");
  gate.repo.git("checkout -q -b feature");
  const std::string tested = gate.repo.commitFile("src/feature.cpp", "feature");
  gate.repo.git("checkout -q main");
  const std::string deployed = gate.repo.commitFile("QA-REPORT.md", report("PASS", tested));
  const GateResult result = gate.check(ReportKind::Qa, deployed);
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.status == "STALE");
  BOOST_TEST(
      contains(result.row.notes, "not an ancestor of the deployed commit " + shortSha(deployed) +
                                     " (another branch, or rewritten history)"),
      result.row.notes);
  BOOST_TEST(shortSha(base) != shortSha(tested));
}

BOOST_AUTO_TEST_CASE(a_report_about_a_later_commit_is_stale_for_an_older_deploy) {
  Gate gate;
  const std::string deployed = gate.repo.commitFile("src/app.cpp", "v1");
  const std::string later = gate.repo.commitFile("src/app.cpp", "v2");
  gate.repo.dir().write("QA-REPORT.md", report("PASS", later));
  const GateResult result = gate.check(ReportKind::Qa, deployed);
  BOOST_TEST(result.row.status == "STALE");
  BOOST_TEST(contains(result.row.notes, "a later commit than the deployed " + shortSha(deployed)),
             result.row.notes);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(report_gate_commits)

BOOST_AUTO_TEST_CASE(an_unknown_tested_commit_fails_quoting_it) {
  Gate gate;
  const std::string deployed = gate.repo.commitFile("src/app.cpp", "v1");
  gate.repo.dir().write("QA-REPORT.md", report("PASS", "0123abc"));
  const GateResult result = gate.check(ReportKind::Qa, deployed);
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.status == "FAIL");
  BOOST_TEST(contains(result.row.notes,
                      "QA-REPORT.md (line 6): Tested commit: \"0123abc\": no such commit"),
             result.row.notes);
  BOOST_TEST(result.line == 6);
  BOOST_TEST(result.rerun == "re-run /qa on " + shortSha(deployed));
}

BOOST_AUTO_TEST_CASE(a_tested_commit_that_is_not_a_sha_fails_quoting_it) {
  Gate gate;
  const std::string deployed = gate.repo.commitFile("src/app.cpp", "v1");
  gate.repo.dir().write("QA-REPORT.md", fixtureReport("template-unfilled.md", ""));
  const GateResult result = gate.check(ReportKind::Qa, deployed);
  BOOST_TEST(result.row.status == "FAIL");
  // The unfilled status is found first.
  BOOST_TEST(contains(result.row.notes,
                      "\"PASS / PASS WITH WARNINGS / FAIL\" is not PASS or "
                      "PASS WITH WARNINGS"),
             result.row.notes);
  gate.repo.dir().write("QA-REPORT.md", report("PASS", "HEAD"));
  const GateResult head = gate.check(ReportKind::Qa, deployed);
  BOOST_TEST(head.row.status == "FAIL");
  BOOST_TEST(contains(head.row.notes, "\"HEAD\": not a commit SHA"), head.row.notes);
}

BOOST_AUTO_TEST_CASE(an_ambiguous_abbreviated_tested_commit_fails) {
  Gate gate;
  const std::string tested = gate.repo.commitFile("src/app.cpp", "v1");
  const std::string blob = fd::test::addBlobWithPrefix(gate.repo, tested.substr(0, 4));
  BOOST_TEST_REQUIRE(blob.substr(0, 4) == tested.substr(0, 4));
  const std::string deployed =
      gate.repo.commitFile("QA-REPORT.md", report("PASS", tested.substr(0, 4)));
  const GateResult result = gate.check(ReportKind::Qa, deployed);
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.status == "FAIL");
  BOOST_TEST(contains(result.row.notes, "\"" + tested.substr(0, 4) + "\": ambiguous"),
             result.row.notes);
  // More digits settle it.
  gate.repo.commitFile("QA-REPORT.md", report("PASS", tested.substr(0, 10)));
  BOOST_TEST(gate.check(ReportKind::Qa, gate.repo.head()).passed);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(report_gate_statuses)

BOOST_AUTO_TEST_CASE(a_blocked_security_report_can_never_pass) {
  Gate gate;
  const std::string tested = gate.repo.commitFile("src/app.cpp", "v1");
  const std::string deployed =
      gate.repo.commitFile("SECURITY.md", fixtureReport("security-blocked.md", tested));
  for (const ReportPolicy policy : {ReportPolicy::Content, ReportPolicy::Exact}) {
    const GateResult result = gate.check(ReportKind::Security, deployed, policy);
    BOOST_TEST(!result.passed);
    BOOST_TEST(result.row.gate == "Security Report");
    BOOST_TEST(result.row.status == "FAIL");
    BOOST_TEST(result.row.notes ==
               "SECURITY.md (line 5): Overall status is \"BLOCKED\"; BLOCKED can never be "
               "overridden. Critical issues must be fixed first");
    BOOST_TEST(result.line == 5);
    BOOST_TEST(result.file == "SECURITY.md");
    BOOST_TEST(contains(result.rerun, "re-run /security"));
  }
  // Not even when the gate is advisory.
  const GateResult advisory = gate.check(ReportKind::Security, deployed, ReportPolicy::Content,
                                         /*required=*/false);
  BOOST_TEST(advisory.row.status == "FAIL");
}

BOOST_AUTO_TEST_CASE(security_warnings_pass_as_warn) {
  Gate gate;
  const std::string tested = gate.repo.commitFile("src/app.cpp", "v1");
  const std::string deployed =
      gate.repo.commitFile("SECURITY.md", fixtureReport("security-warnings.md", tested));
  const GateResult result = gate.check(ReportKind::Security, deployed);
  BOOST_TEST(result.passed, result.row.notes);
  BOOST_TEST(result.row.status == "WARN");
  BOOST_TEST(contains(result.row.notes, "\"WARNINGS (2 medium findings)\""), result.row.notes);
}

BOOST_AUTO_TEST_CASE(a_failing_qa_report_fails_quoting_the_status) {
  Gate gate;
  const std::string tested = gate.repo.commitFile("src/app.cpp", "v1");
  const std::string deployed =
      gate.repo.commitFile("QA-REPORT.md", fixtureReport("qa-fail.md", tested));
  const GateResult result = gate.check(ReportKind::Qa, deployed);
  BOOST_TEST(result.row.status == "FAIL");
  BOOST_TEST(result.row.notes == "QA-REPORT.md (line 5): Overall status is \"FAIL\"");
  BOOST_TEST(result.rerun == "fix the failures, then re-run /qa on the fixed commit");
}

BOOST_AUTO_TEST_CASE(an_unrecognised_status_fails_quoting_it) {
  Gate gate;
  const std::string tested = gate.repo.commitFile("src/app.cpp", "v1");
  gate.repo.dir().write("QA-REPORT.md", report("PASSED", tested));
  const GateResult result = gate.check(ReportKind::Qa, tested);
  BOOST_TEST(result.row.status == "FAIL");
  BOOST_TEST(result.row.notes ==
             "QA-REPORT.md (line 5): Overall status \"PASSED\" is not PASS or PASS WITH WARNINGS");
  BOOST_TEST(result.line == 5);
}

BOOST_AUTO_TEST_CASE(bold_plain_and_odd_case_reports_pass_against_real_commits) {
  Gate gate;
  const std::string tested = gate.repo.commitFile("src/app.cpp", "v1");
  struct Case {
    const char* fixture;
    ReportKind kind;
    const char* status;
  };
  for (const Case& c : {Case{"qa-pass-bold.md", ReportKind::Qa, "PASS"},
                        Case{"qa-pass-with-warnings-plain.md", ReportKind::Qa, "WARN"},
                        Case{"setext-summary.md", ReportKind::Qa, "PASS"},
                        Case{"security-clear-odd-case.md", ReportKind::Security, "CLEAR"}}) {
    const std::string file = c.kind == ReportKind::Qa ? "QA-REPORT.md" : "SECURITY.md";
    const std::string deployed = gate.repo.commitFile(file, fixtureReport(c.fixture, tested));
    const GateResult result = gate.check(c.kind, deployed);
    BOOST_TEST(result.passed, c.fixture << ": " << result.row.notes);
    BOOST_TEST(result.row.status == c.status, c.fixture);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(report_gate_files)

BOOST_AUTO_TEST_CASE(a_missing_report_is_missing) {
  Gate gate;
  const std::string deployed = gate.repo.commitFile("src/app.cpp", "v1");
  const GateResult result = gate.check(ReportKind::Qa, deployed);
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.status == "MISSING");
  BOOST_TEST(result.row.notes == "QA-REPORT.md not found; /qa writes it");
  BOOST_TEST(result.rerun == "run /qa on " + shortSha(deployed));
  const GateResult security = gate.check(ReportKind::Security, deployed);
  BOOST_TEST(security.row.status == "MISSING");
  BOOST_TEST(security.rerun == "run /security on " + shortSha(deployed));
}

BOOST_AUTO_TEST_CASE(a_missing_advisory_report_is_shown_but_does_not_block) {
  Gate gate;
  const std::string deployed = gate.repo.commitFile("src/app.cpp", "v1");
  const GateResult result =
      gate.check(ReportKind::Security, deployed, ReportPolicy::Content, /*required=*/false);
  BOOST_TEST(result.passed);
  BOOST_TEST(!result.row.required);
  BOOST_TEST(result.row.status == "MISSING");
  BOOST_TEST(result.row.notes == "not required; SECURITY.md not found; /security writes it");
}

BOOST_AUTO_TEST_CASE(a_report_without_a_summary_fails_saying_what_is_missing) {
  Gate gate;
  const std::string tested = gate.repo.commitFile("src/app.cpp", "v1");
  gate.repo.dir().write("QA-REPORT.md", fixtureReport("no-summary.md", tested));
  const GateResult result = gate.check(ReportKind::Qa, tested);
  BOOST_TEST(result.row.status == "FAIL");
  BOOST_TEST(contains(result.row.notes, "QA-REPORT.md: no \"## Summary\" section"),
             result.row.notes);
  BOOST_TEST(result.rerun == "re-run /qa on " + shortSha(tested));

  gate.repo.dir().write("QA-REPORT.md", "# QA\n\n## Summary\n\n- **Overall status**: PASS\n");
  const GateResult partial = gate.check(ReportKind::Qa, tested);
  BOOST_TEST(partial.row.status == "FAIL");
  BOOST_TEST(contains(partial.row.notes, "no \"Tested commit\" field"), partial.row.notes);
  BOOST_TEST(partial.line == 3);
}

BOOST_AUTO_TEST_CASE(a_50_megabyte_report_is_rejected_without_reading_it) {
  Gate gate;
  const std::string deployed = gate.repo.commitFile("src/app.cpp", "v1");
  {
    std::ofstream out(gate.repo.dir().file("QA-REPORT.md"), std::ios::binary);
    out << report("PASS", deployed);
    const std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 50; ++i) out << chunk;
  }
  const GateResult result = gate.check(ReportKind::Qa, deployed);
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.status == "FAIL");
  BOOST_TEST(result.row.notes == "QA-REPORT.md is larger than 1 MiB, not a plausible report");
}

BOOST_AUTO_TEST_CASE(a_binary_report_is_rejected) {
  Gate gate;
  const std::string deployed = gate.repo.commitFile("src/app.cpp", "v1");
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  gate.repo.dir().write("QA-REPORT.md", png + report("PASS", deployed));
  GateResult result = gate.check(ReportKind::Qa, deployed);
  BOOST_TEST(result.row.status == "FAIL");
  BOOST_TEST(result.row.notes ==
             "QA-REPORT.md: binary content (NUL byte at offset 8), not a Markdown report");
  gate.repo.dir().write("QA-REPORT.md", report("PASS", deployed) + "caf\xE9 (Latin-1)\n");
  result = gate.check(ReportKind::Qa, deployed);
  BOOST_TEST(result.row.status == "FAIL");
  BOOST_TEST(contains(result.row.notes, "QA-REPORT.md: not valid UTF-8 (byte offset"),
             result.row.notes);
}

BOOST_AUTO_TEST_CASE(a_directory_in_place_of_the_report_fails_cleanly) {
  Gate gate;
  const std::string deployed = gate.repo.commitFile("src/app.cpp", "v1");
  std::filesystem::create_directories(gate.repo.dir().file("QA-REPORT.md"));
  const GateResult result = gate.check(ReportKind::Qa, deployed);
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.status != "PASS");
}

BOOST_AUTO_TEST_SUITE_END()
