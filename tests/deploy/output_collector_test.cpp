// OutputCollector with a masker: secrets are masked before a line is cut for the tail or split
// into pieces, so no part of one survives a cut.
#include "deploy/output_collector.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "deploy/excerpt.hpp"

namespace {

using fd::OutputCollector;

const std::string kToken = "FoQ1Ws4Kp9Qz2Xn7Ld3Vy8Mh5Jt6Rc1Bg0FeWa";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Neither the token nor its first or last 6 characters.
bool holdsPartOfToken(const std::string& text) {
  return contains(text, kToken.substr(0, 6)) || contains(text, kToken.substr(kToken.size() - 6));
}

struct Collected {
  fd::SecretMasker masker;
  std::vector<std::string> lines;
  OutputCollector collector{[this](std::string_view line) { lines.emplace_back(line); }, 40,
                            std::size_t{1} << 20, &masker};

  Collected() { masker.add(kToken); }

  std::string joined() const {
    std::string all;
    for (const std::string& line : lines) all += line;
    return all;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(output_collector)

BOOST_AUTO_TEST_CASE(masks_a_line_before_its_tail_entry_is_cut) {
  Collected c;
  const std::string padding(OutputCollector::kMaxTailLineBytes - 10, 'x');
  c.collector.feed(padding + kToken + " end\n");
  c.collector.finish();
  BOOST_REQUIRE(c.lines.size() == 1U);
  BOOST_TEST(c.lines[0] == padding + "*** end");
  const std::vector<std::string> tail = c.collector.tail();
  BOOST_REQUIRE(tail.size() == 1U);
  BOOST_TEST(tail[0] == padding + "*** end");  // short enough once masked: not cut at all
  BOOST_TEST(!holdsPartOfToken(tail[0]));
}

BOOST_AUTO_TEST_CASE(cuts_a_long_masked_tail_entry_without_a_piece_of_the_secret) {
  Collected c;
  const std::string padding(OutputCollector::kMaxTailLineBytes - 10, 'x');
  c.collector.feed(padding + kToken + std::string(3000, 'z') + "\n");
  c.collector.finish();
  const std::vector<std::string> tail = c.collector.tail();
  BOOST_REQUIRE(tail.size() == 1U);
  BOOST_TEST(tail[0].size() == OutputCollector::kMaxTailLineBytes + std::string(" …").size());
  BOOST_TEST(contains(tail[0], "***"));
  BOOST_TEST(!holdsPartOfToken(tail[0]));
}

BOOST_AUTO_TEST_CASE(never_splits_an_over_long_line_inside_a_secret) {
  // The token starts `offset` bytes before the limit: across it up to its length.
  for (const std::size_t offset : {1U, 5U, 12U, 30U, 37U}) {
    Collected c;
    const std::string head(OutputCollector::kMaxLineBytes - offset, 'y');
    c.collector.feed(head + kToken);
    c.collector.finish();
    BOOST_TEST(c.lines.size() == 2U, "offset " << offset);
    for (const std::string& line : c.lines) {
      BOOST_TEST(line.size() <= OutputCollector::kMaxLineBytes);
      BOOST_TEST(!holdsPartOfToken(line), "offset " << offset);
    }
    BOOST_TEST(c.joined() == head + "***", "offset " << offset);
  }
}

BOOST_AUTO_TEST_CASE(keeps_a_secret_arriving_in_small_reads_across_the_split_whole) {
  Collected c;
  const std::string text =
      std::string(OutputCollector::kMaxLineBytes - 12, 'y') + kToken + std::string(70000, 'w');
  for (std::size_t at = 0; at < text.size(); at += 7) c.collector.feed(text.substr(at, 7));
  c.collector.finish();
  BOOST_TEST(c.lines.size() >= 3U);
  for (const std::string& line : c.lines) {
    BOOST_TEST(line.size() <= OutputCollector::kMaxLineBytes);
    BOOST_TEST(!holdsPartOfToken(line));
  }
  BOOST_TEST(c.joined() == std::string(OutputCollector::kMaxLineBytes - 12, 'y') + "***" +
                               std::string(70000, 'w'));
}

BOOST_AUTO_TEST_CASE(splits_at_the_limit_without_a_masker) {
  std::vector<std::string> lines;
  OutputCollector collector([&](std::string_view line) { lines.emplace_back(line); }, 40, 1000);
  collector.feed(std::string(OutputCollector::kMaxLineBytes + 5, 'y'));
  collector.finish();
  BOOST_REQUIRE(lines.size() == 2U);
  BOOST_TEST(lines[0].size() == OutputCollector::kMaxLineBytes);
  BOOST_TEST(lines[1].size() == 5U);
}

BOOST_AUTO_TEST_CASE(a_capped_capture_drops_the_end_where_a_secret_may_be_cut) {
  fd::SecretMasker masker;
  masker.add(kToken);
  OutputCollector collector(nullptr, 0, 100, &masker);
  collector.feed(std::string(90, 'a') + kToken + "\n");
  collector.finish();
  BOOST_TEST(collector.output() == std::string(100 - (kToken.size() - 1), 'a'));
  BOOST_TEST(!holdsPartOfToken(collector.output()));
}

BOOST_AUTO_TEST_CASE(an_uncapped_capture_stays_raw_for_the_caller) {
  fd::SecretMasker masker;
  masker.add(kToken);
  OutputCollector collector(nullptr, 0, 1000, &masker);
  collector.feed("SESSION=" + kToken + "\n");
  collector.finish();
  BOOST_TEST(collector.output() == "SESSION=" + kToken + "\n");  // secrets_command listings
}

BOOST_AUTO_TEST_CASE(a_secret_in_an_excerpt_cut_is_masked_by_the_masker_later) {
  fd::SecretMasker masker;
  const std::string odd = "Hq7Zx4Kp9a|Wm2*Lv8_Ns5`Tc3";
  masker.add(odd);
  const std::string shown = fd::excerpt(std::string(70, 's') + odd);  // cut after 10 bytes
  BOOST_TEST(contains(shown, "Hq7Zx4Kp9a"));
  BOOST_TEST(!contains(masker.mask(shown), "Hq7Zx4"));
  BOOST_TEST(masker.mask(fd::excerpt("to " + odd + ",")) == "to ***,");  // '|' '`' as '?'
}

BOOST_AUTO_TEST_CASE(a_long_line_that_ends_in_a_later_read_is_still_split) {
  Collected c;
  const std::size_t half = OutputCollector::kMaxLineBytes - 4000;
  c.collector.feed(std::string(half, 'x'));  // no newline yet: kept whole (under the limit)
  c.collector.feed(std::string(half, 'x') + "\nnext\n");  // the line ends past the limit
  c.collector.finish();
  BOOST_TEST_REQUIRE(c.lines.size() == 3U);
  BOOST_TEST(c.lines[0].size() == OutputCollector::kMaxLineBytes);
  BOOST_TEST(c.lines[1].size() == 2 * half - OutputCollector::kMaxLineBytes);
  BOOST_TEST(c.lines[2] == "next");
}

BOOST_AUTO_TEST_SUITE_END()
