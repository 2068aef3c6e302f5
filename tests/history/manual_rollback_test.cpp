// `factory-deploy rollback` through the binary on the local ledger: it returns only to a version
// that was verified live in the environment, asks for prod's confirmation, verifies health, and
// is recorded so that history and status see it. Exit 0 verified, 1 refused, 2 invalid, 4 not
// verified.
#include <boost/test/unit_test.hpp>

#include "history/shop.hpp"

namespace fd::test {

namespace {

// Records what the rollback was asked to go back to, and marks the app as rolled back.
constexpr const char* kNamedRollback =
    "printf '%s' \"$DEPLOY_ROLLBACK_TO\" > \"$FD_IT_SCRATCH/rollback-to\"\n"
    "touch \"$FD_IT_SCRATCH/rolled-back\"\n";

// a on alpha, staging and prod, then b on all three: returns {a, b}.
std::pair<std::string, std::string> twoReleasesEverywhere(LocalShop& shop) {
  const std::string a = shop.repo.head();
  for (const char* environment : {"alpha", "staging", "prod"}) {
    BOOST_TEST_REQUIRE(shop.deploy(environment).exitCode == 0);
  }
  const std::string b = shop.release("feat: add the cart");
  for (const char* environment : {"alpha", "staging", "prod"}) {
    BOOST_TEST_REQUIRE(shop.deploy(environment).exitCode == 0);
  }
  return {a, b};
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string bullet(const std::string& receipt, const std::string& name) {
  // The first such line: the Deployment section's comes before Rollback Info's.
  const std::string lines = linesWith(receipt, "- **" + name + "**: ");
  return lines.substr(0, lines.find('\n'));
}

// The app's live version as the platform would say it: deploys and rollbacks write it, the
// manifest's current_version_command reads it.
void trackLiveVersions(LocalShop& shop) {
  shop.repo.write("bin/deploy.sh", "printf '%s' \"$DEPLOY_SHA\" > \"$FD_IT_SCRATCH/live\"\n");
  shop.repo.write("bin/rollback.sh", std::string("printf '%s' \"$DEPLOY_ROLLBACK_TO\" > "
                                                 "\"$FD_IT_SCRATCH/live\"\n") +
                                         "touch \"$FD_IT_SCRATCH/rolled-back\"\n");
  shop.repo.write(
      ".factory/deploy-config.json",
      replaced(shop.repo.read(".factory/deploy-config.json"), "\"ci_check_command\": \"true\",",
               "\"ci_check_command\": \"true\", \"current_version_command\": \"cat "
               "$FD_IT_SCRATCH/live 2>/dev/null || true\","));
  shop.repo.commit("the platform says what is live");
  shop.repo.commitReports();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(manual_rollback)

BOOST_AUTO_TEST_CASE(a_confirmed_rollback_returns_prod_to_the_previous_version_and_exits_0) {
  LocalShop shop;
  const auto [a, b] = twoReleasesEverywhere(shop);
  const ChildRun run = shop.cli({"rollback", "--environment", "prod", "--confirm", "shop",
                                 "--reason", "the cart double-charges"});
  BOOST_TEST_REQUIRE(run.exitCode == 0, run.all());
  BOOST_TEST(shop.repo.scratchExists("rolled-back"));
  const std::string receipt = shop.repo.read("DEPLOY-RECEIPT.md");
  BOOST_TEST(bullet(receipt, "Status") == "- **Status**: ROLLED BACK (manual, verified)", receipt);
  BOOST_TEST(bullet(receipt, "Commit") == "- **Commit**: " + a, receipt);
  BOOST_TEST(bullet(receipt, "Previous version") == "- **Previous version**: " + shortSha(b));
  BOOST_TEST(bullet(receipt, "Requested by") == "- **Requested by**: carol");
  BOOST_TEST(bullet(receipt, "Rollback reason") ==
             "- **Rollback reason**: the cart double-charges");
  BOOST_TEST(bullet(receipt, "Rollback behavior") == "- **Rollback behavior**: MANUAL (on demand)");
  BOOST_TEST(contains(receipt, "| User Confirmation | YES | CONFIRMED |"), receipt);

  const rapidjson::Document history =
      parseJson(shop.cli({"history", "--environment", "prod", "--json"}).out);
  BOOST_TEST_REQUIRE(history.IsObject());
  const auto& newest = history["entries"][0];
  BOOST_TEST(str(newest, "kind") == "rollback");
  BOOST_TEST(str(newest, "status") == "ROLLED BACK");
  BOOST_TEST(str(newest, "sha") == a);
  BOOST_TEST(str(newest, "previous_version") == shortSha(b));
  BOOST_TEST(str(newest, "actor") == "carol");
  const rapidjson::Document status = parseJson(shop.cli({"status", "--json"}).out);
  for (const auto& each : status["environments"].GetArray()) {
    if (str(each, "environment") == "prod") BOOST_TEST(str(each["live"], "sha") == a);
  }
  const auto state = parseJson(shop.repo.read(".factory/state.json"));
  BOOST_TEST(str(state["phases"]["deploy"], "status") == "completed",
             shop.repo.read(".factory/state.json"));
}

BOOST_AUTO_TEST_CASE(an_unconfirmed_prod_rollback_runs_nothing_and_exits_1) {
  LocalShop shop;
  twoReleasesEverywhere(shop);
  const ChildRun run = shop.cli({"rollback", "--environment", "prod"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(!shop.repo.scratchExists("rolled-back"));
  const std::string receipt = shop.repo.read("DEPLOY-RECEIPT.md");
  BOOST_TEST(bullet(receipt, "Status") == "- **Status**: FAILED (manual rollback)", receipt);
  BOOST_TEST(contains(bullet(receipt, "Failure reason"),
                      "User Confirmation: FAIL — not confirmed: pass --confirm shop"),
             receipt);
  BOOST_TEST(bullet(receipt, "Rollback performed") == "- **Rollback performed**: NO");
}

BOOST_AUTO_TEST_CASE(a_version_that_never_ran_there_is_refused_with_exit_2) {
  LocalShop shop("sh bin/rollback.sh $DEPLOY_ROLLBACK_TO");
  const std::string a = shop.repo.head();
  BOOST_TEST_REQUIRE(shop.deploy("alpha").exitCode == 0);
  BOOST_TEST_REQUIRE(shop.deploy("staging").exitCode == 0);
  const std::string b = shop.release("feat: add the cart");
  BOOST_TEST_REQUIRE(shop.deploy("alpha").exitCode == 0);  // b never reached staging
  const std::string c = shop.release("feat: the wishlist");
  BOOST_TEST_REQUIRE(shop.deploy("alpha").exitCode == 0);
  BOOST_TEST_REQUIRE(shop.deploy("staging").exitCode == 0);

  const ChildRun run = shop.cli({"rollback", "--environment", "staging", "--to", shortSha(b)});
  BOOST_TEST(run.exitCode == 2, run.all());
  BOOST_TEST(!shop.repo.scratchExists("rolled-back"));
  BOOST_TEST(contains(run.err, "--to " + shortSha(b) +
                                   ": no verified deploy of it here among the entries read"),
             run.err);
  // The live one is no place to go back to either.
  const ChildRun live = shop.cli({"rollback", "--environment", "staging", "--to", c});
  BOOST_TEST(live.exitCode == 2, live.all());
  BOOST_TEST(contains(live.err, "--to " + c + " is what is live now"), live.err);
  BOOST_TEST(!shop.repo.scratchExists("rolled-back"));
  (void)a;
}

BOOST_AUTO_TEST_CASE(to_goes_to_the_named_version_through_deploy_rollback_to) {
  LocalShop shop("sh bin/rollback.sh");
  shop.repo.write("bin/rollback.sh", kNamedRollback);
  shop.repo.commit("rollback to a named version");
  shop.repo.commitReports();
  // The manifest names the variable in the command itself: only then can --to be honoured.
  shop.repo.write(".factory/deploy-config.json",
                  replaced(shop.repo.read(".factory/deploy-config.json"), "sh bin/rollback.sh",
                           "sh bin/rollback.sh $DEPLOY_ROLLBACK_TO"));
  shop.repo.commit("manifest: named rollback");
  shop.repo.commitReports();
  const std::string a = shop.repo.head();
  shop.repo.git("tag v1.0.0 " + a);
  for (const char* subject : {"", "feat: add the cart", "feat: the wishlist"}) {
    if (*subject != '\0') shop.release(subject);
    BOOST_TEST_REQUIRE(shop.deploy("alpha").exitCode == 0);
    BOOST_TEST_REQUIRE(shop.deploy("staging").exitCode == 0);
  }

  const ChildRun run = shop.cli({"rollback", "--environment", "staging", "--to", "v1.0.0"});
  BOOST_TEST_REQUIRE(run.exitCode == 0, run.all());
  BOOST_TEST(shop.repo.readScratch("rollback-to") == a);
  const std::string receipt = shop.repo.read("DEPLOY-RECEIPT.md");
  BOOST_TEST(bullet(receipt, "Version") == "- **Version**: v1.0.0 (" + shortSha(a) + ")", receipt);
}

BOOST_AUTO_TEST_CASE(to_without_a_command_that_takes_a_version_is_refused_with_exit_2) {
  LocalShop shop;  // rollback_command: sh bin/rollback.sh (one step back)
  const auto [a, b] = twoReleasesEverywhere(shop);
  const ChildRun run =
      shop.cli({"rollback", "--environment", "prod", "--confirm", "shop", "--to", a});
  BOOST_TEST(run.exitCode == 2, run.all());
  BOOST_TEST(contains(run.err, "--to needs a rollback_command that uses $DEPLOY_ROLLBACK_TO"),
             run.err);
  BOOST_TEST(!shop.repo.scratchExists("rolled-back"));
  (void)b;
}

BOOST_AUTO_TEST_CASE(a_rollback_that_leaves_prod_unhealthy_is_not_verified_and_exits_4) {
  LocalShop shop;
  twoReleasesEverywhere(shop);
  shop.repo.write("bin/rollback.sh", "echo 'rolling back, but nothing changes'\n");
  shop.repo.commit("a rollback that does nothing");
  shop.breakHealth();
  const ChildRun run = shop.cli({"rollback", "--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(run.exitCode == 4, run.all());
  const std::string receipt = shop.repo.read("DEPLOY-RECEIPT.md");
  BOOST_TEST(contains(bullet(receipt, "Status"), "FAILED (rollback failed — prod may be broken"),
             receipt);
  BOOST_TEST(contains(bullet(receipt, "Failure reason"), "not verified: prod is not healthy"),
             receipt);
  const rapidjson::Document history =
      parseJson(shop.cli({"history", "--environment", "prod", "--json"}).out);
  BOOST_TEST(str(history["entries"][0], "kind") == "rollback");
  BOOST_TEST(str(history["entries"][0], "status") == "FAILED");
}

BOOST_AUTO_TEST_CASE(nothing_earlier_to_go_back_to_exits_1_and_alpha_exits_2) {
  LocalShop shop;
  for (const char* environment : {"alpha", "staging", "prod"}) {
    BOOST_TEST_REQUIRE(shop.deploy(environment).exitCode == 0);
  }
  const ChildRun run = shop.cli({"rollback", "--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(contains(run.err, "records no earlier verified version than the live one"), run.err);
  BOOST_TEST(!shop.repo.scratchExists("rolled-back"));

  const ChildRun alpha = shop.cli({"rollback", "--environment", "alpha"});
  BOOST_TEST(alpha.exitCode == 2, alpha.all());
  BOOST_TEST(contains(alpha.err, "alpha has no rollback"), alpha.err);
}

BOOST_AUTO_TEST_CASE(the_action_names_the_command_with_its_command_input) {
  LocalShop shop;
  twoReleasesEverywhere(shop);
  const ChildRun bad = shop.repo.run({}, {{"INPUT_COMMAND", "undo"}});
  BOOST_TEST(bad.exitCode == 2, bad.all());
  BOOST_TEST(contains(bad.err,
                      "input \"command\": invalid value \"undo\"; expected deploy, "
                      "rollback, status or history"),
             bad.err);
  const ChildRun run = shop.repo.run({"--environment", "prod", "--confirm", "shop"},
                                     {{"INPUT_COMMAND", "rollback"}, {"USER", "dave"}});
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(shop.repo.scratchExists("rolled-back"));
  BOOST_TEST(bullet(shop.repo.read("DEPLOY-RECEIPT.md"), "Requested by") ==
             "- **Requested by**: dave");
  const ChildRun deployTo = shop.cli({"--environment", "prod", "--to", "v1"});
  BOOST_TEST(deployTo.exitCode == 2, deployTo.all());
  BOOST_TEST(contains(deployTo.err, "input \"to\" is for `factory-deploy rollback`"), deployTo.err);
}

BOOST_AUTO_TEST_CASE(rolling_back_twice_goes_further_back_never_to_the_release_it_left) {
  LocalShop shop("sh bin/rollback.sh $DEPLOY_ROLLBACK_TO");
  trackLiveVersions(shop);
  const auto [a, b] = twoReleasesEverywhere(shop);
  const std::string c = shop.release("feat: the wishlist");
  for (const char* environment : {"alpha", "staging", "prod"}) {
    BOOST_TEST_REQUIRE(shop.deploy(environment).exitCode == 0);
  }
  const ChildRun first = shop.cli({"rollback", "--environment", "prod", "--confirm", "shop"});
  BOOST_TEST_REQUIRE(first.exitCode == 0, first.all());
  BOOST_TEST(shop.repo.readScratch("live") == b);
  // A re-run (or a second click) must not put c, the release it left, back live.
  const ChildRun second = shop.cli({"rollback", "--environment", "prod", "--confirm", "shop"});
  BOOST_TEST_REQUIRE(second.exitCode == 0, second.all());
  BOOST_TEST(shop.repo.readScratch("live") == a);
  BOOST_TEST(bullet(shop.repo.read("DEPLOY-RECEIPT.md"), "Commit") == "- **Commit**: " + a);
  (void)c;
}

BOOST_AUTO_TEST_CASE(an_unverified_release_live_is_not_skipped_over_silently) {
  LocalShop shop("sh bin/rollback.sh $DEPLOY_ROLLBACK_TO");
  trackLiveVersions(shop);
  const auto [a, b] = twoReleasesEverywhere(shop);
  // c went live without being verified (a deploy that failed and could not be rolled back).
  const std::string c = shop.release("feat: the wishlist");
  shop.repo.write("../scratch/live", c);
  const ChildRun refused = shop.cli({"rollback", "--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(refused.exitCode == 1, refused.all());
  BOOST_TEST(
      contains(refused.err, "prod runs " + c +
                                " (the platform says), which the ledger does not record as "
                                "verified there; its last verified version is " +
                                shortSha(b) + ". To return to that one, run again with --to " + b),
      refused.err);
  BOOST_TEST(shop.repo.readScratch("live") == c);  // nothing ran

  const ChildRun run =
      shop.cli({"rollback", "--environment", "prod", "--confirm", "shop", "--to", b});
  BOOST_TEST_REQUIRE(run.exitCode == 0, run.all());
  BOOST_TEST(shop.repo.readScratch("live") == b);
  const std::string receipt = shop.repo.read("DEPLOY-RECEIPT.md");
  BOOST_TEST(bullet(receipt, "Previous version") == "- **Previous version**: " + c, receipt);
  (void)a;
}

BOOST_AUTO_TEST_CASE(a_prod_rollback_from_a_branch_off_main_is_refused) {
  LocalShop shop;
  twoReleasesEverywhere(shop);
  shop.repo.git("checkout -q -b hotfix");
  shop.repo.write("bin/rollback.sh", "touch \"$FD_IT_SCRATCH/rolled-back\"\necho owned\n");
  shop.repo.commit("a rollback command nobody reviewed");
  const ChildRun run = shop.cli({"rollback", "--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(!shop.repo.scratchExists("rolled-back"));
  const std::string receipt = shop.repo.read("DEPLOY-RECEIPT.md");
  BOOST_TEST(contains(receipt, "| Default Branch | YES | FAIL |"), receipt);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
