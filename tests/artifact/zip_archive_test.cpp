#include <boost/test/unit_test.hpp>

#include "artifact/zip_archive.hpp"
#include "upload_test_support.hpp"

BOOST_AUTO_TEST_SUITE(zip_archive)

BOOST_AUTO_TEST_CASE(the_zip_holds_the_receipt_under_its_base_name) {
  const std::string content = "# Deployment Receipt\n" + std::string(10000, 'x') + "\n";
  const auto zip =
      fd::zipSingleFile("DEPLOY-RECEIPT.md", content,
                        std::chrono::system_clock::time_point(std::chrono::seconds(1775251800)));
  BOOST_REQUIRE(zip.ok());
  BOOST_TEST(zip->rfind("PK\x03\x04", 0) == 0);
  BOOST_TEST(zip->size() < content.size());  // deflated
  BOOST_TEST(fd::test::unzipFile(*zip, "DEPLOY-RECEIPT.md") == content);
}

BOOST_AUTO_TEST_CASE(the_same_input_gives_the_same_bytes) {
  const auto when = std::chrono::system_clock::time_point(std::chrono::seconds(1775251800));
  BOOST_TEST(*fd::zipSingleFile("R.md", "abc", when) == *fd::zipSingleFile("R.md", "abc", when));
}

BOOST_AUTO_TEST_SUITE_END()
