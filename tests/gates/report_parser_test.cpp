// parseReportSummary, classifyOverallStatus and isGateOrReceiptFile: pure functions, no git.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include "gates/report_gate.hpp"
#include "git/result_text.hpp"

namespace {

constexpr const char* kSha = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

std::string fixture(const std::string& name, const std::string& tested = kSha) {
  std::ifstream in(std::string(FD_SOURCE_DIR) + "/tests/fixtures/reports/" + name,
                   std::ios::binary);
  BOOST_TEST_REQUIRE(in.good(), "missing fixture " + name);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  for (std::size_t at = text.find("@TESTED@"); at != std::string::npos;
       at = text.find("@TESTED@", at)) {
    text.replace(at, 8, tested);
  }
  return text;
}

fd::ReportSummary parsed(const std::string& markdown) {
  auto summary = fd::parseReportSummary(markdown, "QA-REPORT.md");
  BOOST_TEST_REQUIRE(summary.ok(), (summary.ok() ? "" : summary.message()));
  return summary.value();
}

std::string parseError(const std::string& markdown, int* line = nullptr) {
  int errorLine = 0;
  auto summary = fd::parseReportSummary(markdown, "QA-REPORT.md", errorLine);
  BOOST_TEST_REQUIRE(!summary.ok());
  BOOST_TEST(fd::test::codeText(summary) == "invalid argument");
  if (line != nullptr) *line = errorLine;
  return summary.message();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(report_parser)

BOOST_AUTO_TEST_CASE(reads_bold_bullets_and_ignores_fields_outside_the_summary) {
  const fd::ReportSummary summary = parsed(fixture("qa-pass-bold.md"));
  BOOST_TEST(summary.overallStatus == "PASS");
  BOOST_TEST(summary.testedCommit == kSha);
  BOOST_TEST(summary.statusLine == 7);
  BOOST_TEST(summary.commitLine == 8);
}

BOOST_AUTO_TEST_CASE(reads_plain_bullets_and_keeps_subsections_inside_the_summary) {
  const fd::ReportSummary summary = parsed(fixture("qa-pass-with-warnings-plain.md"));
  BOOST_TEST(summary.overallStatus == "PASS WITH WARNINGS");
  BOOST_TEST(summary.testedCommit == kSha);
  BOOST_TEST(summary.statusLine == 6);
}

BOOST_AUTO_TEST_CASE(reads_odd_case_keys_colon_inside_bold_closing_hashes_and_links) {
  const fd::ReportSummary summary = parsed(fixture("security-clear-odd-case.md"));
  BOOST_TEST(summary.overallStatus == "Clear");
  BOOST_TEST(summary.testedCommit == kSha);
}

BOOST_AUTO_TEST_CASE(reads_a_setext_summary_heading_and_numbered_items) {
  const fd::ReportSummary summary = parsed(fixture("setext-summary.md"));
  BOOST_TEST(summary.overallStatus == "pass");
  BOOST_TEST(summary.testedCommit == kSha);
  BOOST_TEST(summary.statusLine == 7);
}

BOOST_AUTO_TEST_CASE(accepts_the_shapes_reports_are_written_in) {
  const char* const variants[] = {
      "## Summary\n- **Overall status**: PASS\n- **Tested commit**: a1b2c3d\n",
      "## Summary\n- Overall status: PASS\n- Tested commit: a1b2c3d\n",
      "## summary\n* **Overall Status:** PASS\n* **Tested Commit:** `a1b2c3d`\n",
      "## Summary\r\n+ __overall status__: **PASS**\r\n+ _tested commit_: a1b2c3d (main)\r\n",
      "\xEF\xBB\xBF## **Summary**\n\n  - Overall   status :   PASS  \n  - tested commit: a1b2c3d\n",
      "   ## Summary\nOverall status: PASS\nTested commit: a1b2c3d\n",
      ("## Summary\n- **Overall status**: PASS <!-- was FAIL before the fix -->\n"
       "- **Tested commit**: a1b2c3d\n"),
  };
  for (const char* markdown : variants) {
    const fd::ReportSummary summary = parsed(markdown);
    BOOST_TEST(summary.overallStatus == "PASS", markdown);
    BOOST_TEST(summary.testedCommit == "a1b2c3d", markdown);
  }
}

BOOST_AUTO_TEST_CASE(keeps_a_trailing_comment_in_the_status_as_written) {
  const fd::ReportSummary summary =
      parsed("## Summary\n- **Overall status**: PASS (3 warnings)\n- **Tested commit**: abcd123\n");
  BOOST_TEST(summary.overallStatus == "PASS (3 warnings)");
}

// Issue 9: reports stitched from several authors are an error, not "the first one wins".
BOOST_AUTO_TEST_CASE(a_second_summary_section_is_an_error_naming_both_lines) {
  int line = 0;
  const std::string message = parseError(
      "# QA\n\n## Summary\n- Overall status: PASS\n- Tested commit: a1b2c3d\n\n## Details\n"
      "\n## Summary\n- Overall status: FAIL\n- Tested commit: a1b2c3d\n",
      &line);
  BOOST_TEST(message ==
             "QA-REPORT.md:9: a second \"## Summary\" section (the first is on line 3); a report "
             "has one Summary: keep one, or split the report");
  BOOST_TEST(line == 9);
  // A setext one counts too; one inside a code fence does not.
  BOOST_TEST(contains(parseError("## Summary\n- Overall status: PASS\n- Tested commit: abcd\n"
                                 "\nSummary\n-------\n- Overall status: PASS\n"),
                      "a second \"## Summary\" section (the first is on line 1)"));
  BOOST_TEST(parsed("## Summary\n- Overall status: PASS\n- Tested commit: abcd\n```\n## "
                    "Summary\n```\n")
                 .overallStatus == "PASS");
}

// Issue 9: a bare commit URL names the commit as well as the link form does.
BOOST_AUTO_TEST_CASE(a_commit_url_is_a_tested_commit) {
  const std::string sha = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
  const auto commitOf = [](const std::string& value) {
    return parsed("## Summary\n- Overall status: PASS\n- Tested commit: " + value + "\n")
        .testedCommit;
  };
  BOOST_TEST(commitOf("https://github.com/o/r/commit/" + sha) == sha);
  BOOST_TEST(commitOf("<https://github.com/o/r/commit/" + sha + ">") == sha);
  BOOST_TEST(commitOf("https://gitlab.example/g/r/-/commit/a1b2c3d?view=parallel") == "a1b2c3d");
  BOOST_TEST(commitOf("`https://github.com/o/r/commit/a1b2c3d` (main)") == "a1b2c3d");
  BOOST_TEST(commitOf("[a1b2c3d](https://github.com/o/r/commit/" + sha + ")") == "a1b2c3d");
  BOOST_TEST(commitOf("[the tested commit](https://github.com/o/r/commit/a1b2c3d)") == "a1b2c3d");
  // Not a commit page: the value stays as written and the gate refuses it as not a SHA.
  BOOST_TEST(commitOf("https://github.com/o/r/pull/12") == "https://github.com/o/r/pull/12");
  BOOST_TEST(commitOf("https://github.com/o/r/commit/a1b2c3dz") ==
             "https://github.com/o/r/commit/a1b2c3dz");
}

BOOST_AUTO_TEST_CASE(the_section_ends_at_the_next_level_one_or_two_heading) {
  int line = 0;
  const std::string message = parseError(
      "# Report\n## Summary\n- Overall status: PASS\n## Details\n- Tested commit: a1b2c3d\n",
      &line);
  BOOST_TEST(contains(message, "no \"Tested commit\" field"), message);
  BOOST_TEST(line == 2);
}

BOOST_AUTO_TEST_CASE(a_report_without_a_summary_section_names_what_is_expected) {
  const std::string message = parseError(fixture("no-summary.md"));
  BOOST_TEST(message ==
             "QA-REPORT.md: no \"## Summary\" section (expected a \"## Summary\" heading with "
             "\"Overall status\" and \"Tested commit\" bullets)");
  BOOST_TEST(contains(parseError("### Summary\n- Overall status: PASS\n- Tested commit: abcd\n"),
                      "no \"## Summary\" section"));
  BOOST_TEST(contains(parseError("## Summary of changes\n- Overall status: PASS\n"),
                      "no \"## Summary\" section"));
}

BOOST_AUTO_TEST_CASE(a_summary_inside_a_code_fence_or_a_comment_does_not_count) {
  BOOST_TEST(
      contains(parseError(fixture("summary-only-in-code-fence.md")), "no \"## Summary\" section"));
  BOOST_TEST(contains(parseError("<!--\n## Summary\n- Overall status: PASS\n-->\n# Report\n"),
                      "no \"## Summary\" section"));
}

BOOST_AUTO_TEST_CASE(missing_and_empty_fields_name_the_field_and_the_line) {
  int line = 0;
  std::string message = parseError("# QA\n\n## Summary\n\nAll good.\n", &line);
  BOOST_TEST(contains(message, "QA-REPORT.md:3: the ## Summary section has neither"), message);
  BOOST_TEST(line == 3);
  message = parseError("## Summary\n- Tested commit: a1b2c3d\n");
  BOOST_TEST(contains(message, "no \"Overall status\" field"), message);
  message = parseError("## Summary\n- **Overall status**:\n- Tested commit: a1b2c3d\n", &line);
  BOOST_TEST(message == "QA-REPORT.md:2: Overall status is empty");
  BOOST_TEST(line == 2);
  message = parseError("## Summary\n- Overall status: PASS\n- Tested commit: ``\n", &line);
  BOOST_TEST(message == "QA-REPORT.md:3: Tested commit is empty");
}

BOOST_AUTO_TEST_CASE(contradicting_fields_fail_instead_of_picking_one) {
  int line = 0;
  const std::string message = parseError(
      "## Summary\n- Overall status: PASS\n- Tested commit: a1b2c3d\n- Overall status: FAIL\n",
      &line);
  BOOST_TEST(message == "QA-REPORT.md:4: Overall status \"FAIL\" contradicts \"PASS\" on line 2");
  BOOST_TEST(line == 4);
  // The same value twice is harmless.
  BOOST_TEST(parsed("## Summary\n- Overall status: PASS\n- Overall status: **PASS**\n"
                    "- Tested commit: a1b2c3d\n")
                 .overallStatus == "PASS");
}

BOOST_AUTO_TEST_CASE(binary_content_is_rejected_with_the_reason) {
  std::string withNul = "## Summary\n- Overall status: PASS\n";
  withNul += '\0';
  BOOST_TEST(parseError(withNul) ==
             "QA-REPORT.md: binary content (NUL byte at offset 34), not a Markdown report");
  BOOST_TEST(parseError("## Summary\n\xC3\x28 Overall status: PASS\n") ==
             "QA-REPORT.md: not valid UTF-8 (byte offset 11), not a Markdown report");
  BOOST_TEST(contains(parseError("\xED\xA0\x80"), "not valid UTF-8"));         // a surrogate
  BOOST_TEST(contains(parseError("\xC0\xAF"), "not valid UTF-8"));             // overlong '/'
  BOOST_TEST(contains(parseError("ok \xF4\x90\x80\x80"), "not valid UTF-8"));  // > U+10FFFF
  BOOST_TEST(contains(parseError("ends mid-character \xE2\x80"), "not valid UTF-8"));
  BOOST_TEST(parseError("") == "QA-REPORT.md: empty report");
  BOOST_TEST(parseError(" \n\n\t\n") == "QA-REPORT.md: empty report");
}

BOOST_AUTO_TEST_CASE(valid_multibyte_text_is_accepted) {
  const fd::ReportSummary summary = parsed(
      "# Rapport — QA ✅\n## Summary\n- **Overall status**: ✅ PASS — tout va bien\n"
      "- **Tested commit**: a1b2c3d\n");
  BOOST_TEST(summary.overallStatus == "✅ PASS — tout va bien");
}

BOOST_AUTO_TEST_CASE(megabyte_inputs_parse_in_linear_time) {
  // Pathological shapes a fuzzer would find: one huge line, many headings, many bullets.
  const std::string hugeLine = "## Summary\n- Overall status: PASS " + std::string(1 << 20, '(') +
                               "\n- Tested commit: a1b2c3d\n";
  std::string manyHeadings;
  for (int i = 0; i < 100000; ++i) manyHeadings += "## x\n";
  std::string manyBullets = "## Summary\n";
  for (int i = 0; i < 100000; ++i) manyBullets += "- key: value\n";
  const auto start = std::chrono::steady_clock::now();
  BOOST_TEST(parsed(hugeLine).testedCommit == "a1b2c3d");
  BOOST_TEST(contains(parseError(manyHeadings), "no \"## Summary\""));
  BOOST_TEST(contains(parseError(manyBullets), "has neither"));
  // Generous bound: quadratic behaviour would take minutes here.
  const auto elapsed = std::chrono::steady_clock::now() - start;
  BOOST_TEST(std::chrono::duration_cast<std::chrono::seconds>(elapsed).count() < 10);
}

BOOST_AUTO_TEST_CASE(quoted_values_are_cut_on_a_character_boundary) {
  BOOST_TEST(fd::quoteReportValue("PASS") == "\"PASS\"");
  const std::string long_(79, 'x');
  const std::string quoted = fd::quoteReportValue(long_ + "éééé");
  BOOST_TEST(quoted == "\"" + long_ + "…\"");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(report_status_words)

using fd::ReportKind;

BOOST_AUTO_TEST_CASE(qa_statuses) {
  struct Case {
    const char* value;
    const char* status;
    bool passed;
  };
  const Case cases[] = {
      {"PASS", "PASS", true},
      {"pass", "PASS", true},
      {"**PASS**", "PASS", true},
      {"PASS (3 warnings)", "PASS", true},
      {"PASS — all green", "PASS", true},
      {"PASS - all green", "PASS", true},
      {"PASS.", "PASS", true},
      {"✅ PASS", "PASS", true},
      {"PASS ✅", "PASS", true},
      {"PASS WITH WARNINGS", "WARN", true},
      {"Pass  with   warnings", "WARN", true},
      {"PASS WITH WARNINGS (2 flaky)", "WARN", true},
      {"FAIL", "FAIL", false},
      {"FAIL (3 failing)", "FAIL", false},
      {"PASSED", "FAIL", false},
      {"PASS / FAIL", "FAIL", false},
      {"PASS/PASS WITH WARNINGS/FAIL", "FAIL", false},
      {"PASS WITH NOTES", "FAIL", false},
      {"PASS but 2 tests failing", "FAIL", false},
      {"NOT PASS", "FAIL", false},
      {"CLEAR", "FAIL", false},
      {"", "FAIL", false},
      {"✅", "FAIL", false},
  };
  for (const Case& c : cases) {
    const fd::StatusVerdict verdict = fd::classifyOverallStatus(ReportKind::Qa, c.value);
    BOOST_TEST(verdict.status == c.status, c.value);
    BOOST_TEST(verdict.passed == c.passed, c.value);
    BOOST_TEST(!verdict.blocked, c.value);
  }
  BOOST_TEST(fd::classifyOverallStatus(ReportKind::Qa, "FAIL").canonical == "FAIL");
  BOOST_TEST(fd::classifyOverallStatus(ReportKind::Qa, "PASSED").canonical.empty());
}

BOOST_AUTO_TEST_CASE(security_statuses) {
  using fd::classifyOverallStatus;
  BOOST_TEST(classifyOverallStatus(ReportKind::Security, "CLEAR").status == "CLEAR");
  BOOST_TEST(classifyOverallStatus(ReportKind::Security, "Clear").passed);
  BOOST_TEST(classifyOverallStatus(ReportKind::Security, "WARNINGS (2 medium)").status == "WARN");
  BOOST_TEST(classifyOverallStatus(ReportKind::Security, "WARNINGS").passed);
  const fd::StatusVerdict blocked = classifyOverallStatus(ReportKind::Security, "**BLOCKED**");
  BOOST_TEST(blocked.status == "FAIL");
  BOOST_TEST(!blocked.passed);
  BOOST_TEST(blocked.blocked);
  BOOST_TEST(!classifyOverallStatus(ReportKind::Security, "PASS").passed);
  BOOST_TEST(!classifyOverallStatus(ReportKind::Security, "CLEAR WITH EXCEPTIONS").passed);
  BOOST_TEST(!classifyOverallStatus(ReportKind::Security, "WARNING").passed);
}

// Issue 9: a comment that names another status of the kind contradicts the status.
BOOST_AUTO_TEST_CASE(another_status_word_after_the_status_fails) {
  using fd::classifyOverallStatus;
  struct Case {
    ReportKind kind;
    const char* value;
    const char* other;
  };
  const Case refused[] = {
      {ReportKind::Security, "CLEAR, BLOCKED", "BLOCKED"},
      {ReportKind::Security, "WARNINGS (BLOCKED: CVE-2026-1234)", "BLOCKED"},
      {ReportKind::Security, "CLEAR (no warnings)", "WARNINGS"},
      {ReportKind::Security, "**CLEAR** — was blocked", "BLOCKED"},
      {ReportKind::Qa, "PASS, FAIL", "FAIL"},
      {ReportKind::Qa, "PASS (2 FAIL)", "FAIL"},
      {ReportKind::Qa, "PASS WITH WARNINGS; pass", "PASS"},
  };
  for (const Case& c : refused) {
    const fd::StatusVerdict verdict = classifyOverallStatus(c.kind, c.value);
    BOOST_TEST(!verdict.passed, c.value);
    BOOST_TEST(verdict.status == "FAIL", c.value);
    BOOST_TEST(verdict.contradiction == c.other, c.value);
  }
  for (const char* value : {"PASS (2 failures, all flaky)", "PASS (with warnings)",
                            "PASS — failed "
                            "once"}) {
    BOOST_TEST(classifyOverallStatus(ReportKind::Qa, value).passed, value);
  }
  BOOST_TEST(
      classifyOverallStatus(ReportKind::Security, "WARNINGS (2 medium, CLEARED later)").passed);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(report_gate_file_names)

BOOST_AUTO_TEST_CASE(gate_and_receipt_files_at_any_depth) {
  for (const char* path : {"QA-REPORT.md", "QA-REPORT-2026-04-03.md", "docs/QA-REPORT.md",
                           "SECURITY.md", "services/api/SECURITY-REVIEW.md", "DEPLOY-RECEIPT.md",
                           "DEPLOY-RECEIPT-2026-04-03T21-30-00Z.md", "deployments/prod.md",
                           "reports/sprint-3/summary.md", ".factory/state.json",
                           ".factory/state.json.bak", ".factory/deployments.jsonl"}) {
    BOOST_TEST(fd::isGateOrReceiptFile(path), path);
  }
}

BOOST_AUTO_TEST_CASE(code_and_look_alikes_are_not_gate_files) {
  for (const char* path :
       {"src/main.cpp", "QA-REPORT.txt", "qa-report.md", "MY-QA-REPORT.md", "SECURITY.md/evil.sh",
        "src/reports/generator.cpp", "deploymentsX/a", "README.md", "fly.toml",
        "deployments/prod.json", "deployments/deploy.sh", "reports/coverage/index.html",
        ".factory/deploy-config.json", ".factory/settings.json", ".factory/deploy.sh",
        "svc/.factory/state.json"}) {
    BOOST_TEST(!fd::isGateOrReceiptFile(path), path);
  }
}

BOOST_AUTO_TEST_SUITE_END()
