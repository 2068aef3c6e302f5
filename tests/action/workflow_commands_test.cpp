#include <boost/test/unit_test.hpp>

#include "action/workflow_commands.hpp"

BOOST_AUTO_TEST_SUITE(workflow_commands)

BOOST_AUTO_TEST_CASE(data_escapes_percent_first_then_cr_and_lf_only) {
  BOOST_TEST(fd::escapeCommandData("100%") == "100%25");
  BOOST_TEST(fd::escapeCommandData("a\rb\nc") == "a%0Db%0Ac");
  BOOST_TEST(fd::escapeCommandData("%0A") == "%250A");  // an escape is never read as one
  BOOST_TEST(fd::escapeCommandData("a:b,c") == "a:b,c");
  BOOST_TEST(fd::escapeCommandData("::error::x") == "::error::x");  // harmless inside data
  BOOST_TEST(fd::escapeCommandData("") == "");
}

BOOST_AUTO_TEST_CASE(properties_also_escape_colon_and_comma) {
  BOOST_TEST(fd::escapeCommandProperty("a:b,c") == "a%3Ab%2Cc");
  BOOST_TEST(fd::escapeCommandProperty("%\r\n:,") == "%25%0D%0A%3A%2C");
  BOOST_TEST(fd::escapeCommandProperty("%3A") == "%253A");
  BOOST_TEST(fd::escapeCommandProperty("QA Report") == "QA Report");
}

BOOST_AUTO_TEST_CASE(a_command_joins_non_empty_properties_with_commas) {
  BOOST_TEST(
      fd::formatCommand("error",
                        {{"title", "QA: stale, re-run"}, {"file", "QA-REPORT.md"}, {"line", "12"}},
                        "tested commit 1a2b3c4\nis not HEAD (100%)") ==
      "::error title=QA%3A stale%2C re-run,file=QA-REPORT.md,line=12::tested commit "
      "1a2b3c4%0Ais not HEAD (100%25)");
  BOOST_TEST(fd::formatCommand("warning", {{"title", ""}, {"file", "x.json"}}, "m") ==
             "::warning file=x.json::m");
  BOOST_TEST(fd::formatCommand("endgroup", {}, "") == "::endgroup::");
}

BOOST_AUTO_TEST_CASE(recognises_lines_the_runner_would_obey) {
  BOOST_TEST(fd::looksLikeCommand("::add-mask::x"));
  BOOST_TEST(fd::looksLikeCommand("   ::error::x"));
  BOOST_TEST(fd::looksLikeCommand("##[set-output name=a;]b"));
  BOOST_TEST(!fd::looksLikeCommand("deploying: ::1 is the address"));
  BOOST_TEST(!fd::looksLikeCommand(""));
}

BOOST_AUTO_TEST_SUITE_END()
