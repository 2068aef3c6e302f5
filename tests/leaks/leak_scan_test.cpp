// The scanner itself, and proof that the scenarios' scan is not blind: a value nobody tells the
// program about is found in every place a run writes it.
#include <boost/test/unit_test.hpp>

#include "leaks/leak_checks.hpp"

namespace fd::test {

namespace {

const Sentinel kSecret{"the secret", "AbCdEfGh1234567890IjKlMnOp"};

std::vector<Leak> scan(const std::string& text) { return findLeaks({{"sink", text}}, {kSecret}); }

bool foundIn(const std::vector<Leak>& leaks, const std::string& sinkPart) {
  return std::any_of(leaks.begin(), leaks.end(),
                     [&](const Leak& leak) { return contains(leak.sink, sinkPart); });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(scanner)

BOOST_AUTO_TEST_CASE(finds_whole_values_and_values_cut_at_either_end) {
  BOOST_TEST(scan("token AbCdEfGh1234567890IjKlMnOp here").at(0).part == "whole value");
  BOOST_TEST(scan("token AbCdEfGh12345…").at(0).part == "first 8 characters");
  BOOST_TEST(scan("…567890IjKlMnOp").at(0).part == "last 8 characters");
  BOOST_TEST(scan("token *** here, AbCdEfG and jKlMnOp are too short").empty());
}

BOOST_AUTO_TEST_CASE(escapes_add_mask_data_like_the_runner_unescapes_it) {
  BOOST_TEST(escapeCommandData("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e");
}

BOOST_AUTO_TEST_CASE(an_unregistered_value_printed_by_the_deploy_command_is_found_everywhere) {
  // Nothing registers the manifest-url password when the manifest does not contain it: printed
  // by the deploy command, it reaches the log, the receipt, the summary and the artifact.
  // This is the control that shows each of those sinks is really scanned.
  LeakHarness h(RunMode::Github);
  h.deployPrints(1, "echo 'leaked: " + kManifestPassword + "'\n");
  BOOST_TEST(h.run({"--environment", "staging"}) == 1);
  const std::vector<Leak> leaks = h.leaks();
  BOOST_TEST(foundIn(leaks, "stdout"), describe(leaks));
  BOOST_TEST(foundIn(leaks, "DEPLOY-RECEIPT.md"), describe(leaks));
  BOOST_TEST(foundIn(leaks, "step_summary"), describe(leaks));
  BOOST_TEST(foundIn(leaks, "artifact deploy-receipt-staging-1000-1: DEPLOY-RECEIPT.md"),
             describe(leaks));
  for (const Leak& leak : leaks) BOOST_TEST(leak.sentinel == "the password in the manifest url");
}

BOOST_AUTO_TEST_CASE(a_value_the_secrets_command_lists_is_masked_when_another_command_prints_it) {
  // The listing is never shown, but its NAME=VALUE lines teach the masker their values.
  LeakHarness h(RunMode::Github);
  h.deployPrints(1, "echo 'SESSION_KEY=" + kSessionKey + "'\n");
  BOOST_TEST(h.run({"--environment", "staging"}) == 1);
  const std::vector<Leak> leaks = h.leaks();
  BOOST_TEST(leaks.empty(), describe(leaks));
}

BOOST_AUTO_TEST_CASE(requests_to_github_and_the_results_service_are_scanned_whole) {
  LeakHarness h(RunMode::Github);
  BOOST_TEST(h.run({"--environment", "prod"}) == 0);
  const std::vector<Sink> sinks = h.sinks();
  const auto sink = [&](const std::string& name) {
    const auto found = std::find_if(sinks.begin(), sinks.end(),
                                    [&](const Sink& each) { return contains(each.name, name); });
    return found == sinks.end() ? std::string() : found->text;
  };
  const std::string created = sink("GitHub request POST /repos/octo/shop/deployments");
  BOOST_TEST(contains(created, "\"environment\":\"prod\""), created);
  BOOST_TEST(contains(created, "User-Agent: "), created);    // headers too
  BOOST_TEST(!contains(created, "Authorization"), created);  // the expected one is left out
  BOOST_TEST(contains(sink("results service request POST /twirp/"), "\"name\":"));
  BOOST_TEST(contains(sink("artifact deploy-receipt-prod-1000-1: DEPLOY-RECEIPT.md"),
                      "Deployment Receipt"));
  BOOST_TEST(contains(sink("app request GET https://shop.example.test/health"), "GET"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
