// Attempts on prod confirmation (docs/THREAT-MODEL.md, "CI, confirmation and the ledger"):
// approvals for another GitHub environment, self-approval, and dry runs that would promise a
// confirmation the real run cannot get. GitHub mode against the fake GitHub, local mode through
// the same binary (a terminal made with script(1) where a prompt is needed).
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include "bypass/github_scene.hpp"

namespace fd::test {

namespace {

std::string confirmationRow(const std::string& receipt) {
  return linesWith(receipt, "| User Confirmation |");
}

void expectRefused(const GithubScene& scene, const ChildRun& run, const std::string& reason) {
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(!scene.deployed(run), run.out);
  BOOST_TEST(contains(confirmationRow(scene.receipt()), "| FAIL | " + reason),
             confirmationRow(scene.receipt()));
}

// A local repository ready for prod: staging deployed the commit (the local ledger).
struct LocalProd {
  LocalProd() : scene("prod") { scene.repo.seedLedger("staging", scene.head); }
  ChildRun dryRun(std::vector<std::string> extra) const {
    std::vector<std::string> args = {"--environment", "prod", "--dry-run"};
    args.insert(args.end(), extra.begin(), extra.end());
    return scene.repo.run(args);
  }
  GithubScene scene;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(github_confirmation)

BOOST_AUTO_TEST_CASE(control_an_approval_for_prod_confirms_prod) {
  GithubScene scene("prod");
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(contains(confirmationRow(scene.receipt()),
                      "| CONFIRMED | approved by @alice for environment prod"),
             confirmationRow(scene.receipt()));
}

BOOST_AUTO_TEST_CASE(an_approval_for_prod_preview_does_not_confirm_prod) {
  GithubScene scene("prod");
  scene.github.update([](GithubState& s) {
    s.approvals = {GhApproval{"prod-preview", "approved", "alice", ""}};
  });
  const ChildRun run = scene.run();
  expectRefused(scene, run,
                "no approved review of this run for environment prod (reviews for other "
                "environments do not count: prod-preview)");
}

BOOST_AUTO_TEST_CASE(an_approval_for_production_counts_only_when_github_environment_names_it) {
  GithubScene scene("prod");
  scene.github.update([](GithubState& s) {
    s.approvals = {GhApproval{"production", "approved", "alice", ""}};
  });
  const ChildRun unnamed = scene.run();
  expectRefused(scene, unnamed,
                "no approved review of this run for environment prod (reviews for other "
                "environments do not count: production)");

  scene.extraEnv["INPUT_GITHUB-ENVIRONMENT"] = "production";
  const ChildRun named = scene.run();
  BOOST_TEST(named.exitCode == 0, named.all());
  BOOST_TEST(contains(confirmationRow(scene.receipt()),
                      "| CONFIRMED | approved by @alice for environment production"),
             confirmationRow(scene.receipt()));
}

BOOST_AUTO_TEST_CASE(an_approval_by_the_person_who_triggered_the_run_is_recorded) {
  GithubScene scene("prod");
  scene.actor = "alice";
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(contains(confirmationRow(scene.receipt()),
                      "SELF-APPROVED: @alice triggered this run and approved it (turn on "
                      "\"Prevent self-review\" on the environment to require a second person)"),
             confirmationRow(scene.receipt()));
}

BOOST_AUTO_TEST_CASE(a_dry_run_without_an_approval_fails_like_the_real_run) {
  GithubScene scene("prod");
  scene.github.update([](GithubState& s) { s.approvals.clear(); });
  scene.extraEnv["INPUT_DRY-RUN"] = "true";
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(contains(run.out,
                      "User Confirmation: FAIL — no approved review of this run for "
                      "environment prod; confirm prod in one of two ways"),
             linesWith(run.out, "User Confirmation"));
  BOOST_TEST(!scene.deployed(run));
}

BOOST_AUTO_TEST_CASE(a_dry_run_with_a_wrong_dispatch_confirm_fails) {
  GithubScene scene("prod");
  scene.github.update([](GithubState& s) { s.approvals.clear(); });
  scene.eventName = "workflow_dispatch";
  scene.extraEnv["INPUT_DRY-RUN"] = "true";
  scene.extraEnv["INPUT_CONFIRM"] = "shop-staging";
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(contains(run.out,
                      "confirm input \"shop-staging\" does not match the prod app_name "
                      "\"shop\""),
             linesWith(run.out, "User Confirmation"));
}

BOOST_AUTO_TEST_CASE(control_a_dry_run_with_an_approval_passes) {
  GithubScene scene("prod");
  scene.extraEnv["INPUT_DRY-RUN"] = "true";
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(contains(run.out, "User Confirmation: CONFIRMED — approved by @alice"),
             linesWith(run.out, "User Confirmation"));
}

BOOST_AUTO_TEST_CASE(local_a_dry_run_with_a_wrong_confirm_fails) {
  const LocalProd local;
  const ChildRun run = local.dryRun({"--confirm", "shop-staging"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(contains(run.all(),
                      "User Confirmation: FAIL — --confirm \"shop-staging\" does not "
                      "match the prod app_name \"shop\""),
             linesWith(run.all(), "User Confirmation"));
}

BOOST_AUTO_TEST_CASE(local_a_dry_run_that_could_not_prompt_fails) {
  const LocalProd local;
  const ChildRun run = local.dryRun({});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(contains(run.all(),
                      "User Confirmation: FAIL — not confirmed: pass --confirm shop "
                      "(stdin is not a terminal"),
             linesWith(run.all(), "User Confirmation"));
}

BOOST_AUTO_TEST_CASE(local_a_dry_run_at_a_terminal_shows_the_prompt_as_pending) {
  const LocalProd local;
  ChildSpec spec;
  // script(1) gives the binary a terminal as stdin; -e passes its exit code on.
  spec.argv = {"/usr/bin/script", "-qec", binaryPath() + " --environment prod --dry-run",
               "/dev/null"};
  spec.workingDirectory = local.scene.repo.root();
  spec.env = baseEnvironment(local.scene.repo.scratch(""));
  const ChildRun run = runChild(spec);
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(contains(run.all(),
                      "User Confirmation: PENDING — a prompt on this terminal asks for "
                      "it when deploying"),
             linesWith(run.all(), "User Confirmation"));
  BOOST_TEST(!contains(run.all(), "Type the app name to confirm"));  // not asked in a dry run
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
