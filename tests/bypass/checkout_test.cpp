// docs/THREAT-MODEL.md, "The matrix: reports, checkout and files" — the checkout rows: what a
// deploy command would ship must be the commit the gates judged (issue 9 item 1). Each test
// runs build/factory-deploy in a real git repository and checks the exit code, the receipt's
// Checkout row word for word, and that the deploy command never ran.
#include <boost/test/unit_test.hpp>

#include "bypass/bypass_rows.hpp"
#include "support/action_env.hpp"
#include "support/fake_github.hpp"

namespace fd::test {

namespace {

using bypass::gateRow;
using bypass::initRefusedRepo;
using bypass::row;
using bypass::shortSha;

const std::string kDirtyHint =
    "; commit or discard them (git status shows them), or name untracked build outputs in "
    "allow-untracked";

std::string dirtyRow(const std::string& head, const std::string& files) {
  return row("Checkout", true, "FAIL",
             "the working tree is not the commit " + shortSha(head) + ": " + files + kDirtyHint);
}

// GitHub mode for alpha: no API call is needed (no chain, no CI, no Deployment), but the API
// is the loopback fake all the same.
std::map<std::string, std::string> actionFor(const DeployRepo& repo, const FakeGithub& github,
                                             const std::string& sha) {
  ActionEnvSpec spec;
  spec.apiUrl = github.apiUrl();
  spec.token = "ghs_bypassToken0123456789";
  spec.environment = "alpha";
  spec.sha = sha;
  std::map<std::string, std::string> env = actionEnvironment(repo, spec);
  env["INPUT_CREATE-DEPLOYMENT"] = "false";
  return env;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(checkout)

BOOST_AUTO_TEST_CASE(a_modified_tracked_file_is_refused_even_for_alpha) {
  DeployRepo repo;
  initRefusedRepo(repo);
  repo.write("bin/deploy.sh", "touch \"$FD_IT_SCRATCH/deployed\"\necho not what QA saw\n");
  const ChildRun run = repo.run({"--environment", "alpha"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(gateRow(repo.receipt(), "Checkout") ==
             dirtyRow(repo.head(), "1 file changed: bin/deploy.sh (modified)"));
  BOOST_TEST(contains(repo.receipt(), "- **Status**: FAILED"));
  BOOST_TEST(!repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(a_staged_change_is_refused) {
  DeployRepo repo;
  initRefusedRepo(repo);
  repo.write("app/main.txt", "a staged change\n");
  repo.git("add app/main.txt");
  const ChildRun run = repo.run({"--environment", "alpha"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(gateRow(repo.receipt(), "Checkout") ==
             dirtyRow(repo.head(), "1 file changed: app/main.txt (staged)"));
  BOOST_TEST(!repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(a_deleted_file_is_refused) {
  DeployRepo repo;
  initRefusedRepo(repo);
  repo.write("app/other.txt", "tracked, then unstaged from the index\n");
  repo.commit("another file");
  shell("rm '" + repo.root() + "/app/main.txt'");
  repo.git("rm -q --cached app/other.txt");  // a staged deletion; the file stays as untracked
  const ChildRun run = repo.run({"--environment", "alpha", "--allow-untracked", "app"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(gateRow(repo.receipt(), "Checkout") ==
             dirtyRow(repo.head(),
                      "2 files changed: app/main.txt (deleted), app/other.txt "
                      "(staged deletion, untracked)"));
  BOOST_TEST(!repo.scratchExists("deployed"));
}

// git status (libgit2's too) takes a file marked assume-unchanged or skip-worktree for unchanged:
// its edit would ship under a clean Checkout row.
BOOST_AUTO_TEST_CASE(an_edit_hidden_by_assume_unchanged_is_refused) {
  DeployRepo repo;
  initRefusedRepo(repo);
  repo.git("update-index --assume-unchanged bin/deploy.sh");
  repo.write("bin/deploy.sh", "touch \"$FD_IT_SCRATCH/deployed\"\necho not what QA saw\n");
  const ChildRun run = repo.run({"--environment", "alpha"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(gateRow(repo.receipt(), "Checkout") ==
             dirtyRow(repo.head(),
                      "1 file changed: bin/deploy.sh (modified, hidden from git "
                      "status by assume-unchanged)"));
  BOOST_TEST(!repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(an_edit_or_deletion_hidden_by_skip_worktree_or_assume_unchanged_is_refused) {
  DeployRepo repo;
  initRefusedRepo(repo);
  repo.write("app/other.txt", "tracked\n");
  repo.commit("another file");
  repo.git("update-index --skip-worktree app/main.txt");
  repo.write("app/main.txt", "edited behind git's back\n");
  repo.git("update-index --assume-unchanged app/other.txt");
  shell("rm '" + repo.root() + "/app/other.txt'");
  const ChildRun run = repo.run({"--environment", "alpha"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(gateRow(repo.receipt(), "Checkout") ==
             dirtyRow(repo.head(),
                      "2 files changed: app/main.txt (modified, hidden from git status by "
                      "skip-worktree), app/other.txt (deleted, hidden from git status by "
                      "assume-unchanged)"));
  BOOST_TEST(!repo.scratchExists("deployed"));
}

// Control: a sparse checkout leaves skip-worktree files out of the working tree; nothing of them
// ships, and the deploy goes on.
BOOST_AUTO_TEST_CASE(a_skip_worktree_file_left_out_of_the_tree_is_not_a_change) {
  DeployRepo repo;
  initRefusedRepo(repo);
  repo.git("update-index --skip-worktree app/main.txt");
  shell("rm '" + repo.root() + "/app/main.txt'");
  const ChildRun run = repo.run({"--environment", "alpha"});
  BOOST_TEST(gateRow(repo.receipt(), "Checkout").find("| PASS |") != std::string::npos,
             gateRow(repo.receipt(), "Checkout"));
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(an_untracked_file_is_refused_unless_ignored) {
  DeployRepo repo;
  initRefusedRepo(repo);
  repo.write("app/extra.js", "console.log('not reviewed')\n");
  const ChildRun refused = repo.run({"--environment", "alpha"});
  BOOST_TEST(refused.exitCode == 1, refused.all());
  BOOST_TEST(gateRow(repo.receipt(), "Checkout") ==
             dirtyRow(repo.head(), "1 file changed: app/extra.js (untracked)"));
  BOOST_TEST(!repo.scratchExists("deployed"));

  repo.write(".gitignore", "app/extra.js\n");
  const std::string head = repo.commit("ignore it");
  const ChildRun ignored = repo.run({"--environment", "alpha"});
  BOOST_TEST(ignored.exitCode == 0, ignored.all());
  BOOST_TEST(gateRow(repo.receipt(), "Checkout") ==
             row("Checkout", true, "PASS",
                 "HEAD is the gated commit " + shortSha(head) + "; the working tree is clean"));
  BOOST_TEST(repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(an_uncommitted_manifest_edit_is_refused) {
  DeployRepo repo;
  initRefusedRepo(repo);
  const std::string manifest = repo.read(".factory/deploy-config.json");
  std::string edited = manifest;
  const std::string from = "sh bin/deploy.sh";
  edited.replace(edited.find(from), from.size(), "touch $FD_IT_SCRATCH/edited");
  repo.write(".factory/deploy-config.json", edited);
  const ChildRun run = repo.run({"--environment", "alpha", "--allow-untracked", "*"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(gateRow(repo.receipt(), "Checkout") ==
             row("Checkout", true, "FAIL",
                 "the working tree is not the commit " + shortSha(repo.head()) +
                     ": 1 file changed: .factory/deploy-config.json (modified); commit or "
                     "discard them (git status shows them); the manifest decides what runs, so "
                     "it is never exempt"));
  BOOST_TEST(!repo.scratchExists("edited"));
}

BOOST_AUTO_TEST_CASE(an_untracked_or_ignored_manifest_is_refused) {
  for (const bool ignored : {false, true}) {
    DeployRepo repo;
    initRefusedRepo(repo);
    repo.git("rm -q --cached .factory/deploy-config.json");
    if (ignored) {
      repo.write(".gitignore", ".factory/\n");
      repo.git("add .gitignore");
    }
    repo.git("commit -q -m 'the manifest is no longer tracked'");
    const std::string head = repo.head();
    const ChildRun run = repo.run({"--environment", "alpha", "--allow-untracked", "*"});
    BOOST_TEST(run.exitCode == 1, run.all());
    BOOST_TEST(gateRow(repo.receipt(), "Checkout") ==
               row("Checkout", true, "FAIL",
                   "the manifest .factory/deploy-config.json is not committed in " +
                       shortSha(head) +
                       " (it is untracked or ignored); the manifest decides what runs, so the "
                       "gates must judge it: commit .factory/deploy-config.json, then deploy "
                       "again (or, for a manifest a workflow step generates, name it exactly in "
                       "allow-untracked)"));
    BOOST_TEST(!repo.scratchExists("deployed"));
  }
}

BOOST_AUTO_TEST_CASE(a_generated_manifest_named_exactly_is_allowed_and_recorded) {
  DeployRepo repo;
  initRefusedRepo(repo);
  repo.git("rm -q --cached .factory/deploy-config.json");
  repo.git("commit -q -m 'the manifest is generated by a workflow step'");
  const ChildRun run =
      repo.run({"--environment", "alpha", "--allow-untracked", ".factory/deploy-config.json"});
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(contains(repo.receipt(),
                      "- **Deviation**: The manifest .factory/deploy-config.json "
                      "is not committed; allowed by name in allow-untracked"),
             repo.receipt());
  BOOST_TEST(repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(allow_untracked_ships_named_build_outputs_and_records_them) {
  DeployRepo repo;
  initRefusedRepo(repo);
  repo.write("dist/app.js", "built\n");
  repo.write("dist/app.css", "built\n");
  const ChildRun run = repo.run({"--environment", "alpha", "--allow-untracked", "dist/"});
  BOOST_TEST(run.exitCode == 0, run.all());
  const std::string allowed =
      "2 untracked files allowed by allow-untracked (dist/): dist/app.css, dist/app.js";
  BOOST_TEST(gateRow(repo.receipt(), "Checkout") ==
             row("Checkout", true, "PASS",
                 "HEAD is the gated commit " + shortSha(repo.head()) +
                     "; the working tree is clean but for " + allowed));
  BOOST_TEST(contains(repo.receipt(), "- **Deviation**: Shipped " + allowed), repo.receipt());
  BOOST_TEST(repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(allow_untracked_never_covers_a_modified_file) {
  DeployRepo repo;
  initRefusedRepo(repo);
  repo.write("app/main.txt", "changed after QA\n");
  const ChildRun run = repo.run({"--environment", "alpha", "--allow-untracked", "app"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(gateRow(repo.receipt(), "Checkout") ==
             dirtyRow(repo.head(), "1 file changed: app/main.txt (modified)"));
  BOOST_TEST(!repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(a_dry_run_refuses_a_dirty_tree_too) {
  DeployRepo repo;
  initRefusedRepo(repo);
  repo.write("app/main.txt", "changed after QA\n");
  const ChildRun run = repo.run({"--environment", "alpha", "--dry-run"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(contains(run.out, "  Checkout: FAIL — the working tree is not the commit " +
                                   shortSha(repo.head()) +
                                   ": 1 file changed: app/main.txt (modified)" + kDirtyHint),
             run.out);
  BOOST_TEST(!repo.exists("DEPLOY-RECEIPT.md"));
  BOOST_TEST(!repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(files_earlier_runs_leave_do_not_dirty_the_tree) {
  DeployRepo repo;
  initRefusedRepo(repo);
  repo.seedLedger("alpha", repo.head());  // .factory/deployments.jsonl, untracked
  BOOST_TEST(repo.run({"--environment", "alpha"}).exitCode == 0);
  const ChildRun second = repo.run({"--environment", "alpha"});  // receipt, archive, state
  BOOST_TEST(second.exitCode == 0, second.all());
  BOOST_TEST(
      gateRow(repo.receipt(), "Checkout") ==
      row("Checkout", true, "PASS",
          "HEAD is the gated commit " + shortSha(repo.head()) + "; the working tree is clean"));
}

// GitHub mode against the fake GitHub: the gates judge `gated`, the repository's HEAD when the
// scene is made; a test then moves HEAD or the tree.
struct GithubCheckout {
  GithubCheckout() {
    ::setenv("FD_GITHUB_FIXTURES", FD_BINARY_DIR "/github-fixtures-bypass", 0);
    initRefusedRepo(repo);
    gated = repo.head();
  }
  ChildRun run() const { return repo.run({}, actionFor(repo, github, gated)); }
  FakeGithub github;
  DeployRepo repo;
  std::string gated;
};

BOOST_AUTO_TEST_CASE(github_a_checkout_of_another_commit_is_refused) {
  GithubCheckout scene;
  DeployRepo& repo = scene.repo;
  const std::string gated = scene.gated;
  repo.write("app/main.txt", "a later, ungated change\n");
  const std::string later = repo.commit("later");  // a `ref:` checkout, a later `git checkout`
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(gateRow(repo.receipt(), "Checkout") ==
             row("Checkout", true, "FAIL",
                 "HEAD " + shortSha(later) + " is not the gated commit " + shortSha(gated) +
                     ": 1 file differs: app/main.txt; check out " + shortSha(gated) +
                     " (the commit the gates judge) before deploying"));
  BOOST_TEST(!repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(github_a_head_with_only_newer_reports_deploys_and_names_both) {
  GithubCheckout scene;
  DeployRepo& repo = scene.repo;
  const std::string gated = scene.gated;
  repo.commitReports("PASS WITH WARNINGS", "WARNINGS");
  const std::string head = repo.head();
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(gateRow(repo.receipt(), "Checkout") ==
             row("Checkout", true, "PASS",
                 "HEAD " + shortSha(head) + " differs from the gated commit " + shortSha(gated) +
                     " only in gate, receipt and bookkeeping files (QA-REPORT.md, SECURITY.md); "
                     "the working tree is clean"));
  BOOST_TEST(contains(repo.receipt(), "- **Deviation**: Deployed tree: HEAD " + head +
                                          ", content-equivalent to the gated commit " + gated +
                                          " (only QA-REPORT.md, SECURITY.md differ)"),
             repo.receipt());
}

BOOST_AUTO_TEST_CASE(github_an_empty_commit_over_the_gated_one_says_the_tree_is_the_same) {
  GithubCheckout scene;
  DeployRepo& repo = scene.repo;
  const std::string gated = scene.gated;
  repo.git("commit -q --allow-empty -m empty");
  const std::string head = repo.head();
  const ChildRun run = scene.run();
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(gateRow(repo.receipt(), "Checkout") ==
             row("Checkout", true, "PASS",
                 "HEAD " + shortSha(head) + " has the same tree as the gated commit " +
                     shortSha(gated) + "; the working tree is clean"));
  BOOST_TEST(contains(repo.receipt(), "- **Deviation**: Deployed tree: HEAD " + head +
                                          ", content-equivalent to the gated commit " + gated +
                                          " (the same tree)"),
             repo.receipt());
}

BOOST_AUTO_TEST_CASE(github_policy_exact_requires_head_to_be_the_gated_commit) {
  GithubCheckout scene;
  DeployRepo& repo = scene.repo;
  const std::string gated = scene.gated;
  repo.commitReports("PASS WITH WARNINGS", "WARNINGS");
  const std::string head = repo.head();
  std::map<std::string, std::string> env = actionFor(repo, scene.github, gated);
  env["INPUT_REPORT-COMMIT-POLICY"] = "exact";
  const ChildRun run = repo.run({}, env);
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(gateRow(repo.receipt(), "Checkout") ==
             row("Checkout", true, "FAIL",
                 "HEAD " + shortSha(head) + " is not the gated commit " + shortSha(gated) +
                     " (report-commit-policy: exact); check out " + shortSha(gated) +
                     " (the commit the gates judge) before deploying"));
  BOOST_TEST(!repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(github_a_modified_tracked_file_is_refused) {
  ::setenv("FD_GITHUB_FIXTURES", FD_BINARY_DIR "/github-fixtures-bypass", 0);
  DeployRepo repo;
  initRefusedRepo(repo);
  FakeGithub github;
  repo.write("bin/deploy.sh", "touch \"$FD_IT_SCRATCH/deployed\"\necho not what QA saw\n");
  const ChildRun run = repo.run({}, actionFor(repo, github, repo.head()));
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(gateRow(repo.receipt(), "Checkout") ==
             dirtyRow(repo.head(), "1 file changed: bin/deploy.sh (modified)"));
  BOOST_TEST(!repo.scratchExists("deployed"));
  BOOST_TEST(contains(run.out, "::error"), run.out);
}

BOOST_AUTO_TEST_CASE(github_a_workspace_without_a_checkout_is_refused) {
  GithubCheckout scene;
  DeployRepo& repo = scene.repo;
  const std::string gated = scene.gated;
  shell("rm -rf '" + repo.root() + "/.git'");  // files copied in, or an earlier step's leftovers
  const ChildRun run = scene.run();
  // An input error before anything is written (issue 10 item 5): exit 2, no receipt.
  BOOST_TEST(run.exitCode == 2, run.all());
  BOOST_TEST(
      contains(run.all(), "working-directory: . (" + repo.root() + ") is not a git repository"),
      run.all());
  BOOST_TEST(contains(run.all(),
                      "in a workflow, run actions/checkout (with fetch-depth: 0) "
                      "before this step"),
             run.all());
  BOOST_TEST(!repo.exists("DEPLOY-RECEIPT.md"));
  BOOST_TEST(!repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
