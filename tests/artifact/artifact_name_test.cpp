#include <boost/test/unit_test.hpp>

#include "artifact/artifact_name.hpp"
#include "support/error_code_print.hpp"

BOOST_AUTO_TEST_SUITE(artifact_name)

BOOST_AUTO_TEST_CASE(the_default_name_holds_environment_run_and_attempt) {
  BOOST_TEST(fd::defaultArtifactName("prod", "123456", "2") == "deploy-receipt-prod-123456-2");
  BOOST_TEST(fd::validateArtifactName(fd::defaultArtifactName("prod", "123456", "2")).ok());
}

BOOST_AUTO_TEST_CASE(every_forbidden_character_is_refused_by_name) {
  for (const char c : std::string("\":<>|*?\r\n\\/")) {
    const auto result = fd::validateArtifactName(std::string("receipt") + c + "x");
    BOOST_TEST_CONTEXT("character " << static_cast<int>(c)) {
      BOOST_REQUIRE(!result.ok());
      BOOST_TEST(result.code() == fd::ErrorCode::InvalidArgument);
      BOOST_TEST(result.message().find("artifact-name") != std::string::npos);
    }
  }
  BOOST_TEST(!fd::validateArtifactName("").ok());
  BOOST_TEST(fd::validateArtifactName("receipt prod (v1.2.0) #3").ok());
}

BOOST_AUTO_TEST_SUITE_END()
