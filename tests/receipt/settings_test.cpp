#include <boost/test/unit_test.hpp>

#include "receipt/settings.hpp"
#include "support/fakes.hpp"

namespace fd::test {
namespace {

const std::string kPath = "/repo/.factory/settings.json";

Settings load(const std::string& json) {
  FakeFileSystem fs;
  fs.files[kPath] = json;
  return loadSettings(fs, kPath);
}

std::string invalid(const std::string& value) {
  return "WARNING: Setting \"auto_archive_receipts\" has invalid value \"" + value +
         "\". Expected: boolean. Using default: true.";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(settings)

BOOST_AUTO_TEST_CASE(a_missing_file_gives_the_defaults_silently) {
  FakeFileSystem fs;
  const Settings settings = loadSettings(fs, kPath);
  BOOST_TEST(settings.autoArchiveReceipts);
  BOOST_TEST(settings.warnings.empty());
}

BOOST_AUTO_TEST_CASE(reads_the_factory_namespaced_setting) {
  const Settings settings = load(R"({"global": {"open_markdown": "Y"},
      "deploy": {"default_environment": "staging", "auto_archive_receipts": false}})");
  BOOST_TEST(!settings.autoArchiveReceipts);
  BOOST_TEST(settings.warnings.empty());
}

BOOST_AUTO_TEST_CASE(accepts_a_flat_top_level_key) {
  BOOST_TEST(!load(R"({"auto_archive_receipts": false})").autoArchiveReceipts);
}

BOOST_AUTO_TEST_CASE(the_namespaced_key_wins_over_the_flat_one) {
  BOOST_TEST(load(R"({"auto_archive_receipts": false, "deploy": {"auto_archive_receipts": true}})")
                 .autoArchiveReceipts);
}

BOOST_AUTO_TEST_CASE(other_skills_settings_do_not_matter) {
  const Settings settings = load(R"({"qa": {"auto_archive_receipts": false}, "deploy": {}})");
  BOOST_TEST(settings.autoArchiveReceipts);
  BOOST_TEST(settings.warnings.empty());
}

BOOST_AUTO_TEST_CASE(a_string_value_warns_exactly_and_keeps_the_default) {
  const Settings settings = load(R"({"deploy": {"auto_archive_receipts": "yes"}})");
  BOOST_TEST(settings.autoArchiveReceipts);
  BOOST_REQUIRE(settings.warnings.size() == 1U);
  BOOST_TEST(settings.warnings[0] == invalid("yes"));
}

BOOST_AUTO_TEST_CASE(a_string_false_is_not_a_boolean_either) {
  const Settings settings = load(R"({"deploy": {"auto_archive_receipts": "false"}})");
  BOOST_TEST(settings.autoArchiveReceipts);
  BOOST_REQUIRE(settings.warnings.size() == 1U);
  BOOST_TEST(settings.warnings[0] == invalid("false"));
}

BOOST_AUTO_TEST_CASE(numbers_null_and_containers_are_quoted_as_written) {
  BOOST_TEST(load(R"({"deploy": {"auto_archive_receipts": 1}})").warnings.at(0) == invalid("1"));
  BOOST_TEST(load(R"({"deploy": {"auto_archive_receipts": 0.5}})").warnings.at(0) ==
             invalid("0.5"));
  BOOST_TEST(load(R"({"deploy": {"auto_archive_receipts": null}})").warnings.at(0) ==
             invalid("null"));
  BOOST_TEST(load(R"({"deploy": {"auto_archive_receipts": [true]}})").warnings.at(0) ==
             invalid("[true]"));
}

BOOST_AUTO_TEST_CASE(a_control_character_cannot_split_the_warning) {
  const Settings settings = load(R"({"deploy": {"auto_archive_receipts": "a\nb"}})");
  BOOST_TEST(settings.warnings.at(0) == invalid("a\\nb"));
}

BOOST_AUTO_TEST_CASE(malformed_json_gives_the_defaults_and_a_warning_naming_the_file) {
  const Settings settings = load(R"({"deploy": {"auto_archive_receipts": false,}})");
  BOOST_TEST(settings.autoArchiveReceipts);
  BOOST_REQUIRE(settings.warnings.size() == 1U);
  BOOST_TEST(settings.warnings[0].rfind("WARNING: " + kPath + ": not valid JSON (offset ", 0) == 0);
}

BOOST_AUTO_TEST_CASE(a_top_level_that_is_not_an_object_is_a_warning) {
  const Settings settings = load("[1, 2]");
  BOOST_TEST(settings.autoArchiveReceipts);
  BOOST_TEST(settings.warnings.at(0).find("expected a JSON object") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_deploy_key_that_is_not_an_object_is_a_warning) {
  const Settings settings = load(R"({"deploy": false})");
  BOOST_TEST(settings.autoArchiveReceipts);
  BOOST_TEST(settings.warnings.at(0).find("\"deploy\" should be an object") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_huge_or_deeply_nested_file_is_refused_without_crashing) {
  BOOST_TEST(load(std::string(2 << 20, ' ')).warnings.size() == 1U);
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const Settings settings = load(deep);
  BOOST_TEST(settings.autoArchiveReceipts);
  BOOST_TEST(settings.warnings.at(0).find("nested deeper") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
