// Text is cut in several places (output tail lines, over-long lines, excerpts of what a server
// answered). A secret that straddles a cut must not survive as a fragment: masking has to
// happen before the cut.
#include <boost/test/unit_test.hpp>

#include "leaks/leak_checks.hpp"

namespace fd::test {

namespace {

std::string output(const LeakHarness& h) { return h.console.stdoutText + h.console.stderrText; }

constexpr std::size_t kTailLineBytes = 2000;   // OutputCollector::kMaxTailLineBytes
constexpr std::size_t kLongLineBytes = 65536;  // OutputCollector::kMaxLineBytes
constexpr std::size_t kLocationExcerpt = 80;   // excerpt()'s default

}  // namespace

BOOST_AUTO_TEST_SUITE(truncation)

BOOST_AUTO_TEST_CASE(a_secret_across_the_tail_line_limit_is_not_kept_in_part) {
  LeakHarness h(RunMode::Local);
  // One line: padding up to 10 bytes before the receipt's cut, then the token.
  const std::string padding(kTailLineBytes - 10, 'x');
  h.deployPrints(1, "printf '%s%s\\n' '" + padding + "' '" + kGithubToken + "'\n");
  BOOST_TEST(h.run({"--environment", "alpha"}) == 1, output(h));
  BOOST_TEST(contains(h.file("DEPLOY-RECEIPT.md"), "xxxxxxxxxx"));  // the line is in the tail
  expectNoLeaks(h);
}

BOOST_AUTO_TEST_CASE(a_secret_across_the_long_line_split_is_not_printed_in_two_halves) {
  LeakHarness h(RunMode::Local);
  // A line longer than 64 KiB is delivered in pieces; the token straddles the first boundary.
  // The line has no newline (it ends the output), so where reads split it cannot matter.
  const std::size_t before = kLongLineBytes - 12;
  h.deployPrints(1, "head -c " + std::to_string(before) +
                        " /dev/zero | tr '\\000' y\nprintf '%s' '" + kFlyToken + "'\n");
  BOOST_TEST(h.run({"--environment", "alpha"}) == 1, output(h));
  BOOST_TEST(contains(h.console.stdoutText, "yyyyyyyyyy"));  // the long line was shown
  expectNoLeaks(h);
}

BOOST_AUTO_TEST_CASE(a_secret_in_a_redirect_location_across_the_excerpt_cut_is_not_kept_in_part) {
  LeakHarness h(RunMode::Local);
  h.healthStatus = 302;
  std::string location = "https://sso.example.test/login?next=%2Fhealth&session=";
  location.resize(kLocationExcerpt - 10, 's');
  h.healthLocation = location + kFlyToken;
  BOOST_TEST(h.run({"--environment", "staging"}) == 1, output(h));
  BOOST_TEST(contains(h.file("DEPLOY-RECEIPT.md"), "sso.example.test"));  // the excerpt is shown
  expectWritten(h);
  expectNoLeaks(h);
}

BOOST_AUTO_TEST_CASE(a_secret_in_a_smoke_test_redirect_across_the_excerpt_cut_is_not_kept_in_part) {
  LeakHarness h(RunMode::Local);
  h.smokeStatus = 302;
  std::string location = "https://sso.example.test/login?next=%2F&session=";
  location.resize(kLocationExcerpt - 10, 's');
  h.smokeLocation = location + kFlyToken;
  BOOST_TEST(h.run({"--environment", "staging"}) == 1, output(h));
  BOOST_TEST(contains(h.file("DEPLOY-RECEIPT.md"), "sso.example.test"));  // the excerpt is shown
  expectWritten(h);
  expectNoLeaks(h);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
