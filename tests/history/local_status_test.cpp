// `status` and the metrics over the local ledger the binary wrote, with the app's health now and
// the commits between environments read from the real repository.
#include <boost/test/unit_test.hpp>

#include "history/shop.hpp"

namespace fd::test {

namespace {

const rapidjson::Value& environmentOf(const rapidjson::Document& json, const std::string& name) {
  for (const auto& each : json["environments"].GetArray()) {
    if (str(each, "environment") == name) return each;
  }
  static const rapidjson::Value none;
  return none;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(local_status)

BOOST_AUTO_TEST_CASE(status_shows_live_versions_health_and_the_commits_between) {
  LocalShop shop;
  const std::string a = shop.repo.head();
  for (const char* environment : {"alpha", "staging", "prod"}) {
    BOOST_TEST_REQUIRE(shop.deploy(environment).exitCode == 0);
  }
  shop.repo.git("tag v1.0.0 " + a);
  const std::string code = shortSha(a);
  const std::string b = shop.release("feat: add the cart");
  const std::string bCode = shortSha(shop.repo.git("rev-parse HEAD~1"));
  BOOST_TEST_REQUIRE(shop.deploy("alpha").exitCode == 0);
  BOOST_TEST_REQUIRE(shop.deploy("staging").exitCode == 0);

  const ChildRun status = shop.cli({"status", "--json"});
  BOOST_TEST_REQUIRE(status.exitCode == 0, status.all());
  const rapidjson::Document json = parseJson(status.out);
  BOOST_TEST_REQUIRE(json.IsObject(), status.out);
  const auto& prod = environmentOf(json, "prod");
  BOOST_TEST(str(prod["live"], "sha") == a);
  BOOST_TEST(str(prod["live"], "actor") == "carol");
  BOOST_TEST(std::string(prod["live"]["tags"][0].GetString()) == "v1.0.0");
  BOOST_TEST(str(prod["health"], "state") == "healthy");
  BOOST_TEST(str(prod["health"], "http_status") == "200");
  BOOST_TEST(prod["ahead_of_next"].IsNull());
  const auto& staging = environmentOf(json, "staging");
  BOOST_TEST(str(staging["live"], "sha") == b);
  const auto& ahead = staging["ahead_of_next"];
  BOOST_TEST(str(ahead, "environment") == "prod");
  BOOST_TEST(ahead["commits"].GetUint64() == 2u, status.out);
  BOOST_TEST(str(ahead["subjects"][0], "subject") == "reports for " + bCode);
  BOOST_TEST(str(ahead["subjects"][1], "subject") == "feat: add the cart");
  BOOST_TEST(environmentOf(json, "alpha")["ahead_of_next"]["commits"].GetUint64() == 0u);

  const ChildRun text = shop.cli({"status"});
  BOOST_TEST_REQUIRE(text.exitCode == 0, text.all());
  BOOST_TEST(
      contains(text.out, "staging is 2 commits ahead of prod:\n  " + shortSha(b) + " reports for " +
                             bCode + "\n  " + bCode + " feat: add the cart\n"),
      text.out);
  BOOST_TEST(contains(text.out, "alpha is 0 commits ahead of staging\n"), text.out);
  BOOST_TEST(contains(linesWith(text.out, "prod "), "v1.0.0 (" + code + ")"), text.out);

  shop.breakHealth();
  const ChildRun broken = shop.cli({"status", "--json"});
  BOOST_TEST_REQUIRE(broken.exitCode == 0, broken.all());
  const rapidjson::Document after = parseJson(broken.out);
  BOOST_TEST(str(environmentOf(after, "prod")["health"], "state") == "unhealthy", broken.out);
  BOOST_TEST(str(environmentOf(after, "prod")["health"], "http_status") == "503");
  BOOST_TEST(str(environmentOf(after, "prod")["health"], "detail") == "expected 200");
}

BOOST_AUTO_TEST_CASE(a_rolled_back_prod_deploy_shows_in_history_status_and_metrics) {
  LocalShop shop;
  const std::string a = shop.repo.head();
  for (const char* environment : {"alpha", "staging", "prod"}) {
    BOOST_TEST_REQUIRE(shop.deploy(environment).exitCode == 0);
  }
  const std::string b = shop.release("feat: add the cart");
  BOOST_TEST_REQUIRE(shop.deploy("alpha").exitCode == 0);
  BOOST_TEST_REQUIRE(shop.deploy("staging").exitCode == 0);
  shop.breakHealth();
  const ChildRun failed = shop.deploy("prod");
  BOOST_TEST_REQUIRE(failed.exitCode == 3, failed.all());  // rolled back, verified
  shop.fixHealth();

  const rapidjson::Document history =
      parseJson(shop.cli({"history", "--environment", "prod", "--json"}).out);
  BOOST_TEST_REQUIRE(history.IsObject());
  BOOST_TEST(str(history["entries"][0], "status") == "ROLLED BACK");
  BOOST_TEST(str(history["entries"][0], "version") == shortSha(b));
  BOOST_TEST(str(history["entries"][0], "previous_version") == shortSha(a));

  const rapidjson::Document status = parseJson(shop.cli({"status", "--json"}).out);
  BOOST_TEST(str(environmentOf(status, "prod")["live"], "sha") == a);  // back on a

  const ChildRun first = shop.cli({"history", "--metrics", "--json"});
  BOOST_TEST_REQUIRE(first.exitCode == 0, first.all());
  const rapidjson::Document m1 = parseJson(first.out);
  BOOST_TEST(m1["change_failure_rate"]["deploys"].GetUint64() == 2u, first.out);
  BOOST_TEST(m1["change_failure_rate"]["failed"].GetUint64() == 1u);
  BOOST_TEST(m1["change_failure_rate"]["rate"].GetDouble() == 0.5);
  BOOST_TEST(str(m1["change_failure_rate"]["failures"][0], "sha") == b);
  BOOST_TEST(m1["time_to_restore"]["restores"][0]["restored_by"].IsNull(), first.out);
  BOOST_TEST(m1["deployment_frequency"]["successful_deploys"].GetUint64() == 1u);

  BOOST_TEST_REQUIRE(shop.deploy("prod").exitCode == 0);
  const ChildRun second = shop.cli({"history", "--metrics", "--json"});
  const rapidjson::Document m2 = parseJson(second.out);
  BOOST_TEST_REQUIRE(m2.IsObject(), second.all());
  BOOST_TEST(m2["change_failure_rate"]["deploys"].GetUint64() == 3u, second.out);
  BOOST_TEST(m2["change_failure_rate"]["failed"].GetUint64() == 1u);
  BOOST_TEST(m2["deployment_frequency"]["successful_deploys"].GetUint64() == 2u);
  const auto& restore = m2["time_to_restore"]["restores"][0];
  BOOST_TEST(contains(restore["restored_by"].GetString(), shortSha(b) + " "), second.out);
  BOOST_TEST(restore["seconds"].GetInt64() >= 0);
  // a's deploy shipped a alone (the first); b's shipped its code commit and its reports
  BOOST_TEST(m2["lead_time"]["commits"].Size() == 3u, second.out);
  BOOST_TEST(!m2["lead_time"]["median_s"].IsNull(), second.out);

  const ChildRun text = shop.cli({"history", "--metrics"});
  BOOST_TEST(contains(text.out, "  Change failure rate: 33% (1 of 3 prod deploys)\n    " +
                                    shortSha(b) + " ROLLED BACK "),
             text.out);
  BOOST_TEST(contains(text.out, "  Deployment frequency: 2 successful deploys ("), text.out);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
