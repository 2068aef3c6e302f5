// Issue 12 item 6, bookkeeping commits: the factory's skills keep .factory/state.json up to date
// and teams commit it and the local ledger. Those commits must not make the reports STALE nor
// break the promotion chain.
#include <boost/test/unit_test.hpp>

#include "fidelity/factory_project.hpp"

namespace fd::test {

namespace {

std::string row(const std::string& receipt, const std::string& gate) {
  return linesWith(receipt, "| " + gate + " |");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bookkeeping)

BOOST_AUTO_TEST_CASE(a_committed_state_update_after_the_reports_keeps_them_fresh) {
  FactoryProject project;
  project.scaffold(factory::setupManifest(project.url(), "fly releases rollback --app {app_name}",
                                          "  \"ci_check_command\": \"true\",\n"));
  project.commitPassingReports(project.codeSha.substr(0, 7));
  // /security's state tracking, committed as teams do.
  project.repo().git("add .factory/state.json");
  project.repo().git("commit -q -m 'Update pipeline state'");
  const std::string head = project.repo().head();
  BOOST_REQUIRE(project.deploy({"--environment", "alpha"}).exitCode == 0);
  const ChildRun run = project.deploy({"--environment", "staging"});
  BOOST_TEST(run.exitCode == 0, run.all() << project.repo().receipt());
  BOOST_TEST(row(project.repo().receipt(), "QA Report").starts_with("| QA Report | YES | PASS |"),
             project.repo().receipt());
  BOOST_TEST(contains(project.repo().receipt(), "- **Commit**: " + head));
}

BOOST_AUTO_TEST_CASE(a_committed_ledger_keeps_the_promotion_chain) {
  FactoryProject project;
  project.scaffold(factory::setupManifest(project.url(), "fly releases rollback --app {app_name}",
                                          "  \"ci_check_command\": \"true\",\n"));
  project.commitPassingReports(project.codeSha.substr(0, 7));
  BOOST_REQUIRE(project.deploy({"--environment", "alpha"}).exitCode == 0);
  // The alpha deploy's bookkeeping, committed: state, ledger and receipt.
  project.repo().git("add .factory/state.json .factory/deployments.jsonl DEPLOY-RECEIPT.md");
  project.repo().git("commit -q -m 'Record alpha deploy'");
  const ChildRun run = project.deploy({"--environment", "staging"});
  BOOST_TEST(run.exitCode == 0, run.all() << project.repo().receipt());
  BOOST_TEST(row(project.repo().receipt(), "Promotion Chain")
                 .starts_with("| Promotion Chain | YES | PASS |"),
             project.repo().receipt());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
