// `history` over the local ledger the binary itself wrote in real runs (docs/HISTORY.md).
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "history/shop.hpp"

namespace fd::test {

BOOST_AUTO_TEST_SUITE(local_history)

BOOST_AUTO_TEST_CASE(history_lists_what_the_runs_recorded_newest_first) {
  LocalShop shop;
  const std::string a = shop.repo.head();
  for (const char* environment : {"alpha", "staging", "prod"}) {
    const ChildRun run = shop.deploy(environment);
    BOOST_TEST_REQUIRE(run.exitCode == 0, run.all());
  }
  const std::string b = shop.release("feat: add the cart");
  BOOST_TEST_REQUIRE(shop.deploy("alpha").exitCode == 0);

  const ChildRun listed = shop.cli({"history", "--json", "--limit", "0"});
  BOOST_TEST_REQUIRE(listed.exitCode == 0, listed.all());
  const rapidjson::Document json = parseJson(listed.out);
  BOOST_TEST_REQUIRE(json.IsObject(), listed.out);
  BOOST_TEST(str(json, "source") == ".factory/deployments.jsonl");
  const auto& entries = json["entries"];
  BOOST_TEST_REQUIRE(entries.Size() == 4u, listed.out);
  const auto& newest = entries[0];
  BOOST_TEST(str(newest, "environment") == "alpha");
  BOOST_TEST(str(newest, "status") == "SUCCESS");
  BOOST_TEST(str(newest, "sha") == b);
  BOOST_TEST(str(newest, "version") == shortSha(b));
  BOOST_TEST(str(newest, "previous_version") == shortSha(a));
  BOOST_TEST(str(newest, "actor") == "carol");
  BOOST_TEST(str(newest, "receipt") == "DEPLOY-RECEIPT.md");
  BOOST_TEST(newest["duration_s"].IsInt64(), listed.out);
  BOOST_TEST(str(entries[1], "environment") == "prod");
  BOOST_TEST(str(entries[3], "environment") == "alpha");
  BOOST_TEST(entries[3]["previous_version"].IsNull(), listed.out);  // the first deploy

  const ChildRun prodOnly = shop.cli({"history", "--environment", "prod", "--limit", "1"});
  BOOST_TEST_REQUIRE(prodOnly.exitCode == 0, prodOnly.all());
  BOOST_TEST(contains(prodOnly.out,
                      "Deployments, newest first (.factory/deployments.jsonl):\n"
                      "ENVIRONMENT  STATUS   VERSION  PREVIOUS  WHO    WHEN"),
             prodOnly.out);
  BOOST_TEST(std::count(prodOnly.out.begin(), prodOnly.out.end(), '\n') == 3, prodOnly.out);
  BOOST_TEST(contains(prodOnly.out, "prod         SUCCESS  " + shortSha(a) + "  -         carol"),
             prodOnly.out);
  BOOST_TEST(!contains(prodOnly.out, "alpha"), prodOnly.out);
}

BOOST_AUTO_TEST_CASE(an_empty_ledger_says_so) {
  LocalShop shop;
  const ChildRun listed = shop.cli({"history"});
  BOOST_TEST(listed.exitCode == 0, listed.all());
  BOOST_TEST(listed.out == "No deployments recorded in .factory/deployments.jsonl.\n");
}

BOOST_AUTO_TEST_CASE(a_bad_flag_is_invalid_input_naming_it) {
  LocalShop shop;
  const ChildRun run = shop.cli({"history", "--limit", "many"});
  BOOST_TEST(run.exitCode == 2, run.all());
  BOOST_TEST(contains(run.err,
                      "flag \"--limit\": invalid value \"many\"; expected a whole "
                      "number from 0 to 100000"),
             run.err);
  const ChildRun environment = shop.cli({"history", "--environment", "qa"});
  BOOST_TEST(environment.exitCode == 2, environment.all());
  BOOST_TEST(contains(environment.err, "flag \"--environment\": invalid value \"qa\""),
             environment.err);
  const ChildRun unknown = shop.cli({"history", "--colour"});
  BOOST_TEST(unknown.exitCode == 2, unknown.all());
  BOOST_TEST(contains(unknown.err, "unknown flag \"--colour\""), unknown.err);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
