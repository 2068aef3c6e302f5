#include <boost/test/unit_test.hpp>

#include "action/outputs.hpp"
#include "log_test_support.hpp"
#include "support/error_code_print.hpp"

namespace {

const std::string kHexA = "0123456789abcdef0123456789abcdef";
const std::string kHexB = "fedcba9876543210fedcba9876543210";
const std::string kDelimiterA = "ghadelimiter_01234567-89ab-cdef-0123-456789abcdef";
const std::string kDelimiterB = "ghadelimiter_fedcba98-7654-3210-fedc-ba9876543210";

}  // namespace

BOOST_AUTO_TEST_SUITE(outputs)

BOOST_AUTO_TEST_CASE(heredoc_form_with_a_uuid_delimiter_from_the_random_source) {
  fd::test::FakeRandom random;
  random.nextHex = kHexA;
  const auto entry = fd::formatOutput("status", "SUCCESS", random);
  BOOST_REQUIRE(entry.ok());
  BOOST_TEST(*entry == "status<<" + kDelimiterA + "\nSUCCESS\n" + kDelimiterA + "\n");
}

BOOST_AUTO_TEST_CASE(multi_line_and_empty_values_survive) {
  fd::test::FakeRandom random;
  random.nextHex = kHexA;
  BOOST_TEST(*fd::formatOutput("receipt", "a\nb=c\n", random) ==
             "receipt<<" + kDelimiterA + "\na\nb=c\n\n" + kDelimiterA + "\n");
  BOOST_TEST(*fd::formatOutput("failed-step", "", random) ==
             "failed-step<<" + kDelimiterA + "\n\n" + kDelimiterA + "\n");
}

BOOST_AUTO_TEST_CASE(a_value_containing_the_delimiter_gets_another_one) {
  fd::test::QueuedRandom random;
  random.hexes = {kHexA, kHexB};
  const std::string hostile = "x\n" + kDelimiterA + "\nevil=1";
  const auto entry = fd::formatOutput("url", hostile, random);
  BOOST_REQUIRE(entry.ok());
  BOOST_TEST(*entry == "url<<" + kDelimiterB + "\n" + hostile + "\n" + kDelimiterB + "\n");
  BOOST_TEST(random.next == 2u);
}

BOOST_AUTO_TEST_CASE(when_every_draw_collides_the_output_is_refused_clearly) {
  fd::test::FakeRandom random;  // always the same hex
  random.nextHex = kHexA;
  const auto entry = fd::formatOutput("url", "a" + kDelimiterA, random);
  BOOST_REQUIRE(!entry.ok());
  BOOST_TEST(entry.code() == fd::ErrorCode::FailedPrecondition);
  BOOST_TEST(entry.message().find("output url") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(writes_every_output_masked_in_one_append_and_keeps_the_others) {
  fd::test::FakeFileSystem fs;
  fs.files["/out"] = "earlier=1\n";
  fd::test::FakeRandom random;
  random.nextHex = kHexA;
  fd::SecretMasker masker;
  masker.add("s3cr3t-value");
  const auto status = fd::writeOutputs(
      fs, "/out",
      {{"url", "https://x/?k=s3cr3t-value"}, {"bad", kDelimiterA}, {"status", "FAILED"}}, random,
      masker);
  BOOST_TEST(!status.ok());
  BOOST_TEST(fs.files["/out"] == "earlier=1\nurl<<" + kDelimiterA + "\nhttps://x/?k=***\n" +
                                     kDelimiterA + "\nstatus<<" + kDelimiterA + "\nFAILED\n" +
                                     kDelimiterA + "\n");
}

BOOST_AUTO_TEST_CASE(the_action_outputs_are_the_contracts_ten_in_order) {
  fd::DeployRecord record;
  record.status = fd::DeployStatus::RolledBack;
  record.environment = "prod";
  record.fullSha = std::string(40, 'a');
  record.artifactId = "4242";
  std::vector<std::string> names;
  for (const auto& [name, value] : fd::actionOutputs(record)) names.push_back(name);
  const std::vector<std::string> expected = {
      "status",  "environment", "version",       "previous-version", "url",
      "receipt", "failed-step", "deployment-id", "artifact-id",      "artifact-url"};
  BOOST_TEST(names == expected, boost::test_tools::per_element());
  BOOST_TEST(fd::actionOutputs(record)[0].second == "ROLLED BACK");
  BOOST_TEST(fd::actionOutputs(record)[2].second == std::string(40, 'a'));
}

BOOST_AUTO_TEST_SUITE_END()
