#include <boost/test/unit_test.hpp>

#include "receipt/receipt_archive.hpp"
#include "receipt/receipt_fixtures.hpp"
#include "receipt/receipt_renderer.hpp"
#include "receipt/receipt_store.hpp"
#include "support/fakes.hpp"

namespace fd::test {
namespace {

const std::string kReceipt = "/repo/DEPLOY-RECEIPT.md";

std::string receiptDeployedAt(const std::string& when) {
  return "# Deployment Receipt — 2026-04-03\n\n## Deployment\n\n- **Status**: SUCCESS\n"
         "- **Deployed at**: " +
         when + "\n\n## Diagnostics\n\n- **Deployed at**: 1999-01-01T00:00:00Z\n";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(receipt_archive)

BOOST_AUTO_TEST_CASE(reads_the_deploy_time_of_this_tools_and_the_factorys_receipts) {
  BOOST_TEST(isoTimestamp(*receiptDeployTime(receiptDeployedAt("2026-04-03T21:31:35Z"))) ==
             "2026-04-03T21:31:35Z");
  // The factory's own receipts: "--" in the title, the same bullet.
  BOOST_TEST(isoTimestamp(*receiptDeployTime("# Deployment Receipt -- 2026-04-03\n\n"
                                             "## Deployment\n\n- **Status**: SUCCESS\n"
                                             "* Deployed at: 2026-04-03T21:30:00.250Z\n")) ==
             "2026-04-03T21:30:00Z");
  BOOST_TEST(!receiptDeployTime(receiptDeployedAt("not deployed")).has_value());
  BOOST_TEST(!receiptDeployTime("hello").has_value());
}

BOOST_AUTO_TEST_CASE(parses_only_utc_iso_timestamps) {
  BOOST_TEST(parseIsoTimestamp("2026-04-03T21:30:00+00:00").has_value());
  for (const char* bad :
       {"2026-04-03 21:30:00Z", "2026-04-03T21:30:00+02:00", "2026-02-30T21:30:00Z",
        "2026-04-03T24:00:00Z", "2026-04-03T21:30Z", "2026-04-03T21:30:00", "tomorrow"}) {
    BOOST_TEST(!parseIsoTimestamp(bad).has_value(), bad);
  }
}

BOOST_AUTO_TEST_CASE(an_archive_is_named_after_the_archived_receipts_own_deploy) {
  FakeFileSystem fs;
  fs.files[kReceipt] = receiptDeployedAt("2026-04-01T08:00:05Z");
  const Result<ReceiptWrite> written =
      writeReceipt(fs, kReceipt, receiptDeployedAt("2026-04-03T21:31:35Z"), true, at(kStart));
  BOOST_REQUIRE(written.ok());
  BOOST_TEST(written->archivedTo == "/repo/DEPLOY-RECEIPT-2026-04-01T08-00-05Z.md");
}

BOOST_AUTO_TEST_CASE(a_receipt_that_deployed_nothing_is_named_when_it_is_archived) {
  FakeFileSystem fs;
  fs.files[kReceipt] = receiptDeployedAt("not deployed");
  const Result<ReceiptWrite> written = writeReceipt(fs, kReceipt, "new", true, at(kStart));
  BOOST_REQUIRE(written.ok());
  BOOST_TEST(written->archivedTo == "/repo/DEPLOY-RECEIPT-2026-04-03T21-30-00Z.md");
}

BOOST_AUTO_TEST_CASE(the_planned_name_is_the_name_a_later_run_archives_it_under) {
  // Three deploys in one second and a refused run in between: each planned name comes true.
  FakeFileSystem fs;
  const TimePoint second = at(kStart);
  std::vector<std::string> planned;
  for (int run = 0; run < 3; ++run) {
    planned.push_back(
        plannedArchiveName(fs, kReceipt, "DEPLOY-RECEIPT.md", second, at(kStart + 1)));
    BOOST_REQUIRE(
        writeReceipt(fs, kReceipt, receiptDeployedAt("2026-04-03T21:30:00Z"), true, at(kStart + 1))
            .ok());
  }
  BOOST_REQUIRE(writeReceipt(fs, kReceipt, receiptDeployedAt("not deployed"), true, second).ok());
  BOOST_REQUIRE(writeReceipt(fs, kReceipt, "next", true, second).ok());
  BOOST_TEST(planned[0] == "DEPLOY-RECEIPT-2026-04-03T21-30-00Z.md");
  BOOST_TEST(planned[1] == "DEPLOY-RECEIPT-2026-04-03T21-30-00Z-2.md");
  BOOST_TEST(planned[2] == "DEPLOY-RECEIPT-2026-04-03T21-30-00Z-3.md");
  for (const std::string& name : planned) {
    BOOST_TEST(fs.files.at("/repo/" + name) == receiptDeployedAt("2026-04-03T21:30:00Z"), name);
  }
  // The refused run's receipt took the next free name of the second it was archived in.
  BOOST_TEST(fs.files.at("/repo/DEPLOY-RECEIPT-2026-04-03T21-30-00Z-4.md") ==
             receiptDeployedAt("not deployed"));
}

BOOST_AUTO_TEST_CASE(the_plan_steps_around_the_name_the_current_receipt_is_about_to_take) {
  FakeFileSystem fs;
  fs.files[kReceipt] = receiptDeployedAt("not deployed");  // archived at `now`, this second
  BOOST_TEST(plannedArchiveName(fs, kReceipt, "out/DEPLOY-RECEIPT.md", at(kStart), at(kStart)) ==
             "out/DEPLOY-RECEIPT-2026-04-03T21-30-00Z-2.md");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
