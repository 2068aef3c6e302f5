#include <boost/test/unit_test.hpp>

#include "receipt/receipt_fixtures.hpp"
#include "receipt/receipt_store.hpp"
#include "support/fakes.hpp"

namespace fd::test {
namespace {

const std::string kReceipt = "/repo/DEPLOY-RECEIPT.md";
const std::string kArchive = "/repo/DEPLOY-RECEIPT-2026-04-03T21-30-00Z.md";

// Renames work, writes do not: the archive happened, the new receipt could not be written.
class WriteFailingFileSystem : public FakeFileSystem {
 public:
  Status writeAtomic(const std::string& path, std::string_view /*content*/) override {
    return makeError(ErrorCode::PermissionDenied, path + ": permission denied");
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(receipt_store)

BOOST_AUTO_TEST_CASE(writes_a_first_receipt_without_archiving) {
  FakeFileSystem fs;
  const Result<ReceiptWrite> written = writeReceipt(fs, kReceipt, "new", true, at(kStart));
  BOOST_REQUIRE(written.ok());
  BOOST_TEST(written->archivedTo.empty());
  BOOST_TEST(fs.files.at(kReceipt) == "new");
  BOOST_TEST(fs.files.size() == 1U);
}

BOOST_AUTO_TEST_CASE(archives_the_previous_receipt_under_its_timestamp) {
  FakeFileSystem fs;
  fs.files[kReceipt] = "old";
  const Result<ReceiptWrite> written = writeReceipt(fs, kReceipt, "new", true, at(kStart));
  BOOST_REQUIRE(written.ok());
  BOOST_TEST(written->archivedTo == kArchive);
  BOOST_TEST(fs.files.at(kArchive) == "old");
  BOOST_TEST(fs.files.at(kReceipt) == "new");
}

BOOST_AUTO_TEST_CASE(never_overwrites_an_archive_with_the_same_timestamp) {
  FakeFileSystem fs;
  fs.files[kReceipt] = "third";
  fs.files[kArchive] = "first";
  fs.files["/repo/DEPLOY-RECEIPT-2026-04-03T21-30-00Z-2.md"] = "second";
  const Result<ReceiptWrite> written = writeReceipt(fs, kReceipt, "fourth", true, at(kStart));
  BOOST_REQUIRE(written.ok());
  BOOST_TEST(written->archivedTo == "/repo/DEPLOY-RECEIPT-2026-04-03T21-30-00Z-3.md");
  BOOST_TEST(fs.files.at(kArchive) == "first");
  BOOST_TEST(fs.files.at("/repo/DEPLOY-RECEIPT-2026-04-03T21-30-00Z-2.md") == "second");
  BOOST_TEST(fs.files.at(written->archivedTo) == "third");
  BOOST_TEST(fs.files.at(kReceipt) == "fourth");
}

BOOST_AUTO_TEST_CASE(without_archiving_the_receipt_is_overwritten) {
  FakeFileSystem fs;
  fs.files[kReceipt] = "old";
  const Result<ReceiptWrite> written = writeReceipt(fs, kReceipt, "new", false, at(kStart));
  BOOST_REQUIRE(written.ok());
  BOOST_TEST(written->archivedTo.empty());
  BOOST_TEST(fs.files.at(kReceipt) == "new");
  BOOST_TEST(fs.files.size() == 1U);
}

BOOST_AUTO_TEST_CASE(archive_name_derives_from_a_custom_receipt_name) {
  FakeFileSystem fs;
  fs.files["/repo/deploy/out.md"] = "old";
  fs.files["/repo/notes"] = "old notes";
  const auto md = writeReceipt(fs, "/repo/deploy/out.md", "new", true, at(kStart));
  BOOST_REQUIRE(md.ok());
  BOOST_TEST(md->archivedTo == "/repo/deploy/out-2026-04-03T21-30-00Z.md");
  const auto bare = writeReceipt(fs, "/repo/notes", "new", true, at(kStart));
  BOOST_REQUIRE(bare.ok());
  BOOST_TEST(bare->archivedTo == "/repo/notes-2026-04-03T21-30-00Z");
}

BOOST_AUTO_TEST_CASE(a_dot_in_a_directory_name_is_not_an_extension) {
  FakeFileSystem fs;
  fs.files["/repo.v2/RECEIPT"] = "old";
  const auto written = writeReceipt(fs, "/repo.v2/RECEIPT", "new", true, at(kStart));
  BOOST_REQUIRE(written.ok());
  BOOST_TEST(written->archivedTo == "/repo.v2/RECEIPT-2026-04-03T21-30-00Z");
}

BOOST_AUTO_TEST_CASE(a_failed_write_is_an_error_value_naming_the_path) {
  FakeFileSystem fs;
  fs.failWrites = true;
  const Result<ReceiptWrite> written = writeReceipt(fs, kReceipt, "new", false, at(kStart));
  BOOST_REQUIRE(!written.ok());
  BOOST_TEST(written.message().find(kReceipt) != std::string::npos);
  BOOST_TEST(written.message().find("no space left") != std::string::npos);
  BOOST_TEST((written.code() == ErrorCode::Unavailable));
}

BOOST_AUTO_TEST_CASE(a_failed_archive_stops_before_the_old_receipt_is_lost) {
  FakeFileSystem fs;
  fs.files[kReceipt] = "old";
  fs.failWrites = true;
  const Result<ReceiptWrite> written = writeReceipt(fs, kReceipt, "new", true, at(kStart));
  BOOST_REQUIRE(!written.ok());
  BOOST_TEST(written.message().find("archive") != std::string::npos);
  BOOST_TEST(written.message().find(kArchive) != std::string::npos);
  BOOST_TEST(fs.files.at(kReceipt) == "old");
}

BOOST_AUTO_TEST_CASE(a_write_failing_after_the_archive_says_where_the_old_receipt_is) {
  WriteFailingFileSystem fs;
  fs.files[kReceipt] = "old";
  const Result<ReceiptWrite> written = writeReceipt(fs, kReceipt, "new", true, at(kStart));
  BOOST_REQUIRE(!written.ok());
  BOOST_TEST((written.code() == ErrorCode::PermissionDenied));
  BOOST_TEST(written.message().find(kReceipt + ": permission denied") != std::string::npos);
  BOOST_TEST(written.message().find(kArchive) != std::string::npos);
  BOOST_TEST(fs.files.at(kArchive) == "old");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
