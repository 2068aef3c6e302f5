// Where an on-demand rollback goes, from the ledger alone (history/rollback_target.hpp).
#include <boost/test/unit_test.hpp>

#include "history/rollback_target.hpp"

namespace fd {

namespace {

const std::string kA = "aaaaaaa1" + std::string(32, '1');
const std::string kB = "aaaaaaa2" + std::string(32, '2');
const std::string kC = "ccccccc3" + std::string(32, '3');

HistoryEntry entry(const std::string& sha, const std::string& status, const std::string& version,
                   const std::string& kind = "deploy") {
  HistoryEntry e;
  e.environment = "prod";
  e.sha = sha;
  e.status = status;
  e.version = version;
  e.kind = kind;
  return e;
}

const TagsAt kNoTags = [](const std::string&) { return std::vector<std::string>{}; };

}  // namespace

BOOST_AUTO_TEST_SUITE(rollback_target)

BOOST_AUTO_TEST_CASE(a_prefix_naming_two_versions_is_refused) {
  const std::vector<HistoryEntry> ledger = {entry(kC, "SUCCESS", "ccccccc"),
                                            entry(kB, "SUCCESS", "aaaaaaa"),
                                            entry(kA, "SUCCESS", "aaaaaaa")};
  const Result<RollbackTarget> target = pickRollbackTarget(ledger, "aaaaaaa", kNoTags);
  BOOST_TEST_REQUIRE(!target);
  BOOST_TEST((target.code() == ErrorCode::InvalidArgument));
  BOOST_TEST(target.message() ==
             "--to aaaaaaa names 2 different verified versions here; give the full SHA");
}

BOOST_AUTO_TEST_CASE(a_git_tag_wins_over_a_ledger_label_of_the_same_name) {
  // A forged label "v1.4.0" on B; the clone's tag v1.4.0 points at A.
  const std::vector<HistoryEntry> ledger = {entry(kC, "SUCCESS", "ccccccc"),
                                            entry(kB, "SUCCESS", "v1.4.0 (aaaaaaa)"),
                                            entry(kA, "SUCCESS", "aaaaaaa")};
  const TagsAt tags = [](const std::string& sha) {
    return sha == kA ? std::vector<std::string>{"v1.4.0"} : std::vector<std::string>{};
  };
  const Result<RollbackTarget> target = pickRollbackTarget(ledger, "v1.4.0", tags);
  BOOST_TEST_REQUIRE(target.ok(), (target.ok() ? std::string() : target.message()));
  BOOST_TEST(target->sha == kA);
}

BOOST_AUTO_TEST_CASE(failed_entries_are_never_a_target_and_a_rollback_entry_is_passed_over) {
  // Newest first: rolled back to B (from C), C deployed, a FAILED A in between, B, A.
  const std::vector<HistoryEntry> ledger = {
      entry(kB, "ROLLED BACK", "aaaaaaa", "rollback"), entry(kC, "SUCCESS", "ccccccc"),
      entry(kA, "FAILED", "aaaaaaa"), entry(kB, "SUCCESS", "aaaaaaa"),
      entry(kA, "SUCCESS", "aaaaaaa")};
  const Result<RollbackTarget> target = pickRollbackTarget(ledger, "", kNoTags);
  BOOST_TEST_REQUIRE(target.ok(), (target.ok() ? std::string() : target.message()));
  BOOST_TEST(target->fromSha == kB);
  BOOST_TEST(target->sha == kA);  // never C, the release the rollback left
}

BOOST_AUTO_TEST_CASE(an_empty_ledger_has_nothing_to_go_back_to) {
  const Result<RollbackTarget> target =
      pickRollbackTarget({entry(kA, "FAILED", "aaaaaaa")}, "", kNoTags);
  BOOST_TEST_REQUIRE(!target);
  BOOST_TEST((target.code() == ErrorCode::FailedPrecondition));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd
