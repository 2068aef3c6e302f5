// Issue 2 §6 through the binary: the previous receipt is archived on the next run, and a
// malformed .factory/state.json is backed up, never silently discarded; other phases survive.
#include <boost/test/unit_test.hpp>

#include "core/text.hpp"
#include "support/deploy_repo.hpp"
#include "support/loopback_server.hpp"

namespace fd::test {

namespace {

std::vector<std::string> startingWith(const std::vector<std::string>& names,
                                      const std::string& prefix) {
  std::vector<std::string> matching;
  for (const std::string& name : names) {
    if (startsWith(name, prefix)) matching.push_back(name);
  }
  return matching;
}

void prepareAlpha(DeployRepo& repo) {
  repo.init(ManifestSpec("http://127.0.0.1:" + std::to_string(unusedPort())));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(files)

BOOST_AUTO_TEST_CASE(the_second_run_archives_the_first_receipt) {
  DeployRepo repo;
  prepareAlpha(repo);
  BOOST_TEST(repo.run({"--environment", "alpha"}).exitCode == 0);
  const std::string first = repo.receipt();
  BOOST_TEST(startingWith(repo.list("."), "DEPLOY-RECEIPT-").empty());

  const ChildRun second = repo.run({"--environment", "alpha"});
  BOOST_TEST(second.exitCode == 0, second.all());
  const std::vector<std::string> archives = startingWith(repo.list("."), "DEPLOY-RECEIPT-");
  BOOST_REQUIRE(archives.size() == 1U);
  BOOST_TEST(
      archives.front().size() == std::string("DEPLOY-RECEIPT-2026-04-03T21-30-00Z.md").size(),
      archives.front());
  BOOST_TEST(repo.read(archives.front()) == first);
  BOOST_TEST(contains(second.all(), "archived the previous receipt"), second.all());
  BOOST_TEST(repo.exists("DEPLOY-RECEIPT.md"));
}

BOOST_AUTO_TEST_CASE(archiving_can_be_turned_off_in_settings) {
  DeployRepo repo;
  repo.write(".factory/settings.json", R"({"deploy": {"auto_archive_receipts": false}})");
  prepareAlpha(repo);
  BOOST_TEST(repo.run({"--environment", "alpha"}).exitCode == 0);
  BOOST_TEST(repo.run({"--environment", "alpha"}).exitCode == 0);
  BOOST_TEST(startingWith(repo.list("."), "DEPLOY-RECEIPT-").empty());
}

BOOST_AUTO_TEST_CASE(a_malformed_state_file_is_backed_up_and_replaced) {
  DeployRepo repo;
  prepareAlpha(repo);
  const std::string malformed = "{\"phases\": {\"qa\": {\"status\": \"completed\"}  oops";
  repo.write(".factory/state.json", malformed);
  const ChildRun run = repo.run({"--environment", "alpha"});
  BOOST_TEST(run.exitCode == 0, run.all());
  const std::vector<std::string> backups =
      startingWith(repo.list(".factory"), "state.json.corrupt-");
  BOOST_REQUIRE(backups.size() == 1U);
  BOOST_TEST(repo.read(".factory/" + backups.front()) == malformed);
  BOOST_TEST(contains(run.all(), backups.front()), run.all());  // the warning says where it went
  const std::string state = repo.read(".factory/state.json");
  BOOST_TEST(contains(state, "\"deploy\""), state);
  BOOST_TEST(contains(state, "\"completed\""), state);
}

BOOST_AUTO_TEST_CASE(other_phases_and_unknown_keys_in_the_state_file_are_kept) {
  DeployRepo repo;
  prepareAlpha(repo);
  repo.write(".factory/state.json",
             R"({"phases": {"qa": {"status": "completed", "note": "kept"}}, "custom": 42})");
  BOOST_TEST(repo.run({"--environment", "alpha"}).exitCode == 0);
  const std::string state = repo.read(".factory/state.json");
  BOOST_TEST(contains(state, "\"note\""), state);
  BOOST_TEST(contains(state, "\"kept\""), state);
  BOOST_TEST(contains(state, "\"custom\""), state);
  BOOST_TEST(contains(state, "\"target_environment\""), state);
  BOOST_TEST(startingWith(repo.list(".factory"), "state.json.corrupt-").empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
