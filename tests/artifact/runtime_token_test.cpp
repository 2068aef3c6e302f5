#include <boost/test/unit_test.hpp>

#include "artifact/runtime_token.hpp"
#include "support/error_code_print.hpp"
#include "support/fake_results.hpp"

BOOST_AUTO_TEST_SUITE(runtime_token)

BOOST_AUTO_TEST_CASE(finds_the_results_scope_among_others) {
  const auto ids = fd::parseResultsScope(
      "Actions.ExampleScope Actions.Results:ce7f54c7-61c7:ca395085-040a Actions.Other:x:y");
  BOOST_REQUIRE(ids.ok());
  BOOST_TEST(ids->workflowRun == "ce7f54c7-61c7");
  BOOST_TEST(ids->workflowJobRun == "ca395085-040a");
}

BOOST_AUTO_TEST_CASE(refuses_a_missing_or_malformed_results_scope) {
  BOOST_TEST(!fd::parseResultsScope("").ok());
  BOOST_TEST(!fd::parseResultsScope("Actions.GenericRead:abc").ok());
  BOOST_TEST(!fd::parseResultsScope("Actions.Results:only-one").ok());
  BOOST_TEST(!fd::parseResultsScope("Actions.Results:a:b:c").ok());
  BOOST_TEST(!fd::parseResultsScope("Actions.Results::b").ok());
  BOOST_TEST(!fd::parseResultsScope("Actions.Results:a:").ok());
  BOOST_TEST(!fd::parseResultsScope("Actions.ResultsX:a:b").ok());
  // The first Actions.Results scope decides, as in the toolkit.
  BOOST_TEST(!fd::parseResultsScope("Actions.Results:a Actions.Results:b:c").ok());
}

BOOST_AUTO_TEST_CASE(reads_the_backend_ids_from_a_runner_shaped_jwt) {
  const std::string token = fd::test::makeRuntimeToken("Actions.Results:run-1:job-2");
  const auto ids = fd::backendIdsFromToken(token);
  BOOST_REQUIRE_MESSAGE(ids.ok(), (ids.ok() ? "" : ids.message()));
  BOOST_TEST(ids->workflowRun == "run-1");
  BOOST_TEST(ids->workflowJobRun == "job-2");
}

BOOST_AUTO_TEST_CASE(payloads_of_every_padding_length_decode) {
  // base64url without padding: lengths ≡ 0, 2, 3 (mod 4) all occur as the scope grows.
  for (std::string run = "r"; run.size() < 8; run += "x") {
    const auto ids =
        fd::backendIdsFromToken(fd::test::makeRuntimeToken("Actions.Results:" + run + ":j"));
    BOOST_REQUIRE(ids.ok());
    BOOST_TEST(ids->workflowRun == run);
  }
}

BOOST_AUTO_TEST_CASE(refuses_tokens_that_are_not_jwts_without_quoting_them) {
  const std::string secretish = "ghs_notajwtatall1234";
  const auto notJwt = fd::backendIdsFromToken(secretish);
  BOOST_REQUIRE(!notJwt.ok());
  BOOST_TEST(notJwt.code() == fd::ErrorCode::InvalidArgument);
  BOOST_TEST(notJwt.message().find(secretish) == std::string::npos);
  BOOST_TEST(notJwt.message().find("ACTIONS_RUNTIME_TOKEN") != std::string::npos);
  BOOST_TEST(!fd::backendIdsFromToken("a.!!!.c").ok());           // not base64url
  BOOST_TEST(!fd::backendIdsFromToken("a.bm90IGpzb24.c").ok());   // "not json"
  BOOST_TEST(!fd::backendIdsFromToken("a.eyJ4IjoxfQ.c").ok());    // {"x":1}: no scp
  BOOST_TEST(!fd::backendIdsFromToken("a.eyJzY3AiOjF9.c").ok());  // {"scp":1}
  BOOST_TEST(!fd::backendIdsFromToken("a.b").ok());
  BOOST_TEST(!fd::backendIdsFromToken("").ok());
}

BOOST_AUTO_TEST_SUITE_END()
