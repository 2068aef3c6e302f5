// docs/THREAT-MODEL.md, "The matrix: reports, checkout and files" — the file rows (issue 15 item
// 7): a committed symbolic link must never lead the program (root, in the Action's container)
// to read, write or give away a file outside the workspace. Each test commits the link in a
// real repository, runs build/factory-deploy, and checks the target is untouched.
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "bypass/bypass_rows.hpp"

namespace fd::test {

namespace {

using bypass::initRefusedRepo;
using bypass::shortSha;

constexpr unsigned kWorkspaceOwner = 65534;  // the runner's user, as root sees the workspace

// A root-only file outside the workspace (in the scratch directory), like /etc/shadow.
std::string rootOnlyFile(const DeployRepo& repo, const std::string& name,
                         const std::string& content) {
  const std::string path = repo.scratch(name);
  shell("printf '%s' '" + content + "' > '" + path + "' && chmod 600 '" + path + "'");
  return path;
}

void commitLink(const DeployRepo& repo, const std::string& relative, const std::string& target) {
  std::filesystem::create_directories(
      std::filesystem::path(repo.root() + "/" + relative).parent_path());
  std::filesystem::create_symlink(target, repo.root() + "/" + relative);
  repo.commit("a link: " + relative);
}

// As the runner leaves it: the workspace belongs to another user than the one we run as.
void giveWorkspaceAway(const DeployRepo& repo) {
  if (::geteuid() == 0) BOOST_REQUIRE(::chown(repo.root().c_str(), kWorkspaceOwner, 0) == 0);
}

unsigned ownerOf(const std::string& path) {
  struct stat info {};
  BOOST_REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_uid;
}

bool isLink(const std::string& path) { return std::filesystem::is_symlink(path); }

std::string linkRefusal(const std::string& link, const char* kind) {
  return link +
         " is a symbolic link; the receipt, state, ledger and settings are never read, written "
         "or given an owner through one (a committed link could lead them outside the "
         "workspace): replace it with a regular " +
         kind + " (git rm " + link + ")";
}

std::string checkoutRow(const std::string& notes) {
  return bypass::row("Checkout", true, "FAIL", notes);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(files)

BOOST_AUTO_TEST_CASE(a_receipt_link_is_never_archived_replaced_or_chowned) {
  DeployRepo repo;
  initRefusedRepo(repo);
  const std::string target = rootOnlyFile(repo, "root-only", "root only\n");
  commitLink(repo, "DEPLOY-RECEIPT.md", target);
  giveWorkspaceAway(repo);
  const ChildRun run = repo.run({"--environment", "alpha"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(contains(run.all(), "Checkout: FAIL — " + linkRefusal("DEPLOY-RECEIPT.md", "file")),
             run.all());
  // The receipt goes to the log in full instead.
  BOOST_TEST(contains(run.all(),
                      "could not write the receipt: DEPLOY-RECEIPT.md is not a file "
                      "this tool may write (see the Checkout gate); here it is in full"),
             run.all());
  BOOST_TEST(contains(run.all(), checkoutRow(linkRefusal("DEPLOY-RECEIPT.md", "file"))));
  BOOST_TEST(repo.readScratch("root-only") == "root only\n");
  BOOST_TEST(ownerOf(target) == ::geteuid());
  BOOST_TEST(isLink(repo.root() + "/DEPLOY-RECEIPT.md"));
  for (const std::string& name : repo.list(".")) {
    BOOST_TEST(name.rfind("DEPLOY-RECEIPT-", 0) != 0U, name);  // never archived
  }
  BOOST_TEST(!repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(a_ledger_link_is_never_appended_to_or_chowned) {
  DeployRepo repo;
  initRefusedRepo(repo);
  const std::string target = rootOnlyFile(repo, "root-ledger", "root only\n");
  commitLink(repo, ".factory/deployments.jsonl", target);
  giveWorkspaceAway(repo);
  const ChildRun run = repo.run({"--environment", "alpha"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(
      contains(repo.receipt(), checkoutRow(linkRefusal(".factory/deployments.jsonl", "file"))),
      repo.receipt());
  BOOST_TEST(repo.readScratch("root-ledger") == "root only\n");
  BOOST_TEST(ownerOf(target) == ::geteuid());
  BOOST_TEST(!repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(a_state_link_never_copies_its_target_into_the_workspace) {
  DeployRepo repo;
  initRefusedRepo(repo);
  const std::string target =
      rootOnlyFile(repo, "root-state.json", R"({"db_password": "hunter2-root-only"})");
  commitLink(repo, ".factory/state.json", target);
  giveWorkspaceAway(repo);
  const ChildRun run = repo.run({"--environment", "alpha"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(contains(repo.receipt(), checkoutRow(linkRefusal(".factory/state.json", "file"))),
             repo.receipt());
  BOOST_TEST(isLink(repo.root() + "/.factory/state.json"));
  BOOST_TEST(!contains(run.all(), "hunter2"));
  BOOST_TEST(ownerOf(target) == ::geteuid());
  for (const auto& entry : std::filesystem::recursive_directory_iterator(repo.root())) {
    if (entry.is_symlink() || !entry.is_regular_file()) continue;
    if (entry.path().string().find("/.git/") != std::string::npos) continue;
    const std::string relative = entry.path().string().substr(repo.root().size() + 1);
    BOOST_TEST(!contains(repo.read(relative), "hunter2"), relative);
  }
}

// The local deploy lock is read when it exists (who holds it): a committed link there would be
// read through, outside the workspace. Refused like the other files of the run.
BOOST_AUTO_TEST_CASE(a_deploy_lock_link_is_never_read) {
  DeployRepo repo;
  initRefusedRepo(repo);
  const std::string target = rootOnlyFile(
      repo, "root-lock.json", R"({"pid": 1, "host": "db-secret-host", "sha": "hunter2"})");
  commitLink(repo, ".factory/deploy-alpha.lock", target);
  const ChildRun run = repo.run({"--environment", "alpha"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(
      contains(repo.receipt(), checkoutRow(linkRefusal(".factory/deploy-alpha.lock", "file"))),
      repo.receipt());
  BOOST_TEST(!contains(run.all(), "db-secret-host"), run.all());
  BOOST_TEST(!repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(a_linked_factory_directory_receives_nothing) {
  DeployRepo repo;
  initRefusedRepo(repo);
  // The manifest moves out of .factory so the link is the only problem.
  repo.git("mv .factory/deploy-config.json deploy.json");
  repo.commit("manifest at the root");
  const std::string outside = repo.scratch("etc-app");
  std::filesystem::create_directories(outside);
  std::filesystem::remove_all(repo.root() + "/.factory");
  commitLink(repo, ".factory", outside);
  giveWorkspaceAway(repo);
  const ChildRun run = repo.run({"--environment", "alpha", "--config", "deploy.json"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(contains(repo.receipt(), checkoutRow(linkRefusal(".factory", "directory"))),
             repo.receipt());
  BOOST_TEST(std::filesystem::is_empty(outside));
  BOOST_TEST(ownerOf(outside) == ::geteuid());
  BOOST_TEST(!repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(a_settings_link_is_refused) {
  DeployRepo repo;
  initRefusedRepo(repo);
  const std::string target =
      rootOnlyFile(repo, "root-settings", "not json: root-only-settings-line");
  commitLink(repo, ".factory/settings.json", target);
  const ChildRun run = repo.run({"--environment", "alpha"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(contains(repo.receipt(), checkoutRow(linkRefusal(".factory/settings.json", "file"))),
             repo.receipt());
  BOOST_TEST(!contains(run.all(), "root-only-settings-line"), run.all());
}

BOOST_AUTO_TEST_CASE(a_report_linked_outside_is_refused_unread) {
  DeployRepo repo;
  initRefusedRepo(repo);
  const std::string target =
      rootOnlyFile(repo, "root-report.md",
                   "## Summary\n- Overall status: TOPSECRET-VALUE\n- Tested commit: x\n");
  repo.git("rm -q QA-REPORT.md");
  commitLink(repo, "QA-REPORT.md", target);
  repo.seedLedger("alpha", repo.head());
  const ChildRun run = repo.run({"--environment", "staging"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(
      contains(repo.receipt(), checkoutRow("QA-REPORT.md is a symbolic link (QA-REPORT.md) "
                                           "that resolves outside the working directory, "
                                           "to " +
                                           target + "; it must be a file in the repository")),
      repo.receipt());
  BOOST_TEST(!contains(run.all() + repo.receipt(), "TOPSECRET"));
  BOOST_TEST(!repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(a_manifest_linked_outside_is_an_invalid_manifest_unread) {
  DeployRepo repo;
  initRefusedRepo(repo);
  const std::string target =
      rootOnlyFile(repo, "root-manifest.json", R"({"platform": "TOPSECRET-MANIFEST")");
  repo.git("rm -q .factory/deploy-config.json");
  commitLink(repo, ".factory/deploy-config.json", target);
  const ChildRun run = repo.run({"--environment", "alpha"});
  BOOST_TEST(run.exitCode == 2, run.all());
  BOOST_TEST(contains(repo.receipt(),
                      ".factory/deploy-config.json is a symbolic link "
                      "(.factory/deploy-config.json) that resolves outside the working "
                      "directory, to " +
                          target + "; it must be a file in the repository"),
             repo.receipt());
  BOOST_TEST(!contains(run.all() + repo.receipt(), "TOPSECRET"));
  BOOST_TEST(!repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_CASE(a_report_linked_inside_the_repository_is_read) {
  DeployRepo repo;
  initRefusedRepo(repo);
  const std::string tested = repo.git("rev-parse --short=7 HEAD~1").substr(0, 7);
  std::filesystem::create_directories(repo.root() + "/reports");
  repo.git("mv QA-REPORT.md reports/QA-REPORT-latest.md");
  repo.commit("versioned report");
  commitLink(repo, "QA-REPORT.md", "reports/QA-REPORT-latest.md");
  repo.seedLedger("alpha", repo.head());
  const ChildRun run = repo.run({"--environment", "staging", "--dry-run"});
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(contains(run.out, "  QA Report: PASS — QA-REPORT.md: PASS, tested " + tested),
             run.out);
}

BOOST_AUTO_TEST_CASE(a_receipt_outside_the_working_directory_is_an_input_error) {
  DeployRepo repo;
  initRefusedRepo(repo);
  const ChildRun run =
      repo.run({"--environment", "alpha", "--receipt", "../scratch/DEPLOY-RECEIPT.md"});
  BOOST_TEST(run.exitCode == 2, run.all());
  BOOST_TEST(contains(run.all(),
                      "\"../scratch/DEPLOY-RECEIPT.md\" is outside the working "
                      "directory " +
                          repo.root() +
                          "; the receipt, reports and manifest are files in the "
                          "repository"),
             run.all());
  BOOST_TEST(!repo.scratchExists("DEPLOY-RECEIPT.md"));
  BOOST_TEST(!repo.scratchExists("deployed"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
