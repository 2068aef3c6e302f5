#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "receipt/golden.hpp"
#include "receipt/markdown.hpp"
#include "receipt/receipt_fixtures.hpp"
#include "receipt/receipt_renderer.hpp"
#include "receipt/timestamp.hpp"

namespace fd::test {
namespace {

std::vector<std::string> linesOf(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

// Pipes that separate cells: not preceded by an odd number of backslashes.
int unescapedPipes(const std::string& line) {
  int count = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '|') continue;
    std::size_t slashes = 0;
    while (slashes < i && line[i - 1 - slashes] == '\\') ++slashes;
    if (slashes % 2 == 0) ++count;
  }
  return count;
}

std::vector<std::string> headings(const std::string& text) {
  std::vector<std::string> found;
  bool inFence = false;
  std::string fence;
  for (const std::string& line : linesOf(text)) {
    if (line.rfind("```", 0) == 0) {
      const std::string run = line.substr(0, line.find_first_not_of('`'));
      if (!inFence) {
        inFence = true;
        fence = run;
      } else if (line == fence) {
        inFence = false;
      }
      continue;
    }
    if (!inFence && line.rfind('#', 0) == 0) found.push_back(line);
  }
  return found;
}

const std::vector<std::string> kSections = {"## Deployment",  "## Gate Checks", "## Health Checks",
                                            "## Smoke Tests", "## Telemetry",   "## Rollback Info",
                                            "## Diagnostics"};

}  // namespace

// The other golden receipts are written by pipeline runs (tests/pipeline/receipt_golden_test.cpp);
// this one feeds the renderer text no pipeline would produce, to pin its escaping.
BOOST_AUTO_TEST_SUITE(receipt_escaping_golden)

BOOST_AUTO_TEST_CASE(hostile_text) { checkGolden("hostile-text.md", renderReceipt(hostileText())); }

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(receipt_renderer)

BOOST_AUTO_TEST_CASE(every_receipt_has_the_template_sections_in_order_and_no_others) {
  for (const DeployRecord& record :
       {prodSuccess(), qaMissing(), deployFailure(), stagingVerifyFailure(), rolledBack(),
        rollbackFailed(), alphaSuccess(), invalidManifest(), hostileText()}) {
    std::vector<std::string> found = headings(renderReceipt(record));
    BOOST_REQUIRE(!found.empty());
    BOOST_TEST(found.front() == "# Deployment Receipt — 2026-04-03");
    found.erase(found.begin());
    BOOST_TEST(found == kSections, boost::test_tools::per_element());
  }
}

BOOST_AUTO_TEST_CASE(status_line_names_each_outcome) {
  BOOST_TEST(renderReceipt(prodSuccess()).find("- **Status**: SUCCESS\n") != std::string::npos);
  BOOST_TEST(renderReceipt(qaMissing()).find("- **Status**: FAILED\n") != std::string::npos);
  BOOST_TEST(renderReceipt(rolledBack()).find("- **Status**: ROLLED BACK\n") != std::string::npos);
  BOOST_TEST(renderReceipt(rollbackFailed())
                 .find("- **Status**: FAILED (rollback failed — prod may be broken, act now)\n") !=
             std::string::npos);
  BOOST_TEST(renderReceipt(invalidManifest()).find("- **Status**: FAILED (invalid input)\n") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(version_bullet_shows_the_label_and_the_full_sha) {
  const std::string text = renderReceipt(prodSuccess());
  BOOST_TEST(text.find("- **Version**: v1.2.0 (a1b2c3d)\n") != std::string::npos);
  BOOST_TEST(text.find("- **Commit**: " + kSha + "\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(version_falls_back_to_the_short_sha_without_a_label) {
  DeployRecord record = prodSuccess();
  record.versionLabel.clear();
  BOOST_TEST(renderReceipt(record).find("- **Version**: a1b2c3d\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_dry_run_says_it_is_a_plan_in_its_first_line) {
  const std::string text = renderReceipt(dryRunPlan());
  BOOST_TEST(linesOf(text).front() == "# Deployment Plan (dry run) — 2026-04-03");
  BOOST_TEST(text.find("not deployed (dry run)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(rollback_failed_gives_next_steps_and_the_rollback_output) {
  const std::string text = renderReceipt(rollbackFailed());
  const std::string diagnostics = text.substr(text.find("## Diagnostics"));
  BOOST_TEST(diagnostics.find("**Next steps**") != std::string::npos);
  BOOST_TEST(diagnostics.find("unknown command \"rollback\"") != std::string::npos);
  BOOST_TEST(text.find("- **Rollback result**: exit 1\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(staging_failure_prints_the_manual_rollback_command) {
  const std::string text = renderReceipt(stagingVerifyFailure());
  const std::string diagnostics = text.substr(text.find("## Diagnostics"));
  BOOST_TEST(diagnostics.find("`fly releases rollback --app shop-staging`") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(table_rows_keep_their_column_count_whatever_the_cell_text) {
  const std::string text = renderReceipt(hostileText());
  for (const std::string& line : linesOf(text)) {
    if (line.rfind("| ", 0) != 0 || line.find("Gate") == 2) continue;
    BOOST_TEST(unescapedPipes(line) == 5, line);
  }
  BOOST_TEST(text.find("\n## Injected") == std::string::npos);
  BOOST_TEST(text.find('\x1b') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(bullets_stay_on_one_line) {
  const std::string text = renderReceipt(hostileText());
  BOOST_TEST(text.find("\n# not a heading") == std::string::npos);
  BOOST_TEST(text.find("- **Note**: note with newline and colour\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(same_record_same_bytes) {
  BOOST_TEST(renderReceipt(rolledBack()) == renderReceipt(rolledBack()));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(markdown_blocks)

BOOST_AUTO_TEST_CASE(table_cell_escapes_pipes_backslashes_and_newlines) {
  BOOST_TEST(markdown::tableCell("a|b") == "a\\|b");
  BOOST_TEST(markdown::tableCell("a\\|b") == "a\\\\\\|b");
  BOOST_TEST(markdown::tableCell("one\r\ntwo\nthree") == "one<br>two<br>three");
  BOOST_TEST(markdown::tableCell("  ") == "—");
}

BOOST_AUTO_TEST_CASE(fence_is_longer_than_any_backtick_run_inside) {
  const std::string block = markdown::fencedBlock({"a ``` b", "`````"});
  BOOST_TEST(block.rfind("``````text\n", 0) == 0);
  BOOST_TEST(block.substr(block.size() - 7) == "``````\n");
  BOOST_TEST(markdown::fencedBlock({"plain"}) == "```text\nplain\n```\n");
}

BOOST_AUTO_TEST_CASE(code_span_survives_backticks) {
  BOOST_TEST(markdown::codeSpan("fly deploy") == "`fly deploy`");
  BOOST_TEST(markdown::codeSpan("echo `date` now") == "``echo `date` now``");
  BOOST_TEST(markdown::codeSpan("echo `date`") == "`` echo `date` ``");
  BOOST_TEST(markdown::codeSpan("`x`") == "`` `x` ``");
}

BOOST_AUTO_TEST_CASE(plain_text_drops_terminal_colours_and_control_characters) {
  BOOST_TEST(markdown::plainText("\x1b[32mok\x1b[0m\a done\t!") == "ok done\t!");
}

BOOST_AUTO_TEST_CASE(italic_remark_escapes_emphasis_and_ends_with_a_period) {
  BOOST_TEST(markdown::italicRemark("Skipped: no health_check_path") ==
             "_(Skipped: no health\\_check\\_path.)_");
  BOOST_TEST(markdown::italicRemark("done.") == "_(done.)_");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(version_label)

BOOST_AUTO_TEST_CASE(short_sha_without_tags) { BOOST_TEST(versionLabel(kSha, {}) == "a1b2c3d"); }

BOOST_AUTO_TEST_CASE(tag_and_short_sha) {
  BOOST_TEST(versionLabel(kSha, {"v1.2.0"}) == "v1.2.0 (a1b2c3d)");
}

BOOST_AUTO_TEST_CASE(highest_semver_tag_wins_whatever_the_listing_order) {
  BOOST_TEST(versionLabel(kSha, {"v1.10.0", "v1.9.0", "v1.2.0"}) == "v1.10.0 (a1b2c3d)");
  BOOST_TEST(versionLabel(kSha, {"v2.0.0-rc.1", "v2.0.0", "latest"}) == "v2.0.0 (a1b2c3d)");
  BOOST_TEST(versionLabel(kSha, {"v2.0.0-rc.2", "v2.0.0-rc.10"}) == "v2.0.0-rc.10 (a1b2c3d)");
}

BOOST_AUTO_TEST_CASE(without_semver_tags_the_first_in_byte_order_wins) {
  BOOST_TEST(versionLabel(kSha, {"prod-2026", "alpha", "release"}) == "alpha (a1b2c3d)");
}

BOOST_AUTO_TEST_CASE(a_short_or_missing_sha_is_used_as_is) {
  BOOST_TEST(versionLabel("abc", {}) == "abc");
  BOOST_TEST(versionLabel("", {"v1.0.0"}) == "v1.0.0");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(timestamps)

BOOST_AUTO_TEST_CASE(iso_file_and_date_forms) {
  const auto time = at(kStart) + std::chrono::milliseconds(999);
  BOOST_TEST(isoTimestamp(time) == "2026-04-03T21:30:00Z");
  BOOST_TEST(fileTimestamp(time) == "2026-04-03T21-30-00Z");
  BOOST_TEST(isoDate(time) == "2026-04-03");
  BOOST_TEST(isoTimestamp(at(0)) == "1970-01-01T00:00:00Z");
  BOOST_TEST(isoTimestamp(at(951782400 - 1)) == "2000-02-28T23:59:59Z");
  BOOST_TEST(isoTimestamp(at(951782400 + 86400)) == "2000-03-01T00:00:00Z");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
