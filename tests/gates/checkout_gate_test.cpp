// The Checkout gate and the gate-file classifier over a scripted repository (FakeGitRepository):
// every verdict and its exact words. Through the binary: tests/bypass/checkout_test.cpp.
#include <boost/test/unit_test.hpp>

#include "core/gate_files.hpp"
#include "gates/checkout_gate.hpp"
#include "support/fake_git.hpp"

namespace {

using fd::CheckoutRequest;
using fd::CheckoutVerdict;
using fd::WorkingTreeChange;
using fd::test::FakeGitRepository;

const std::string kGated = std::string(40, 'a');
const std::string kOther = std::string(40, 'b');

CheckoutRequest request() {
  CheckoutRequest r;
  r.gatedSha = kGated;
  r.manifest = ".factory/deploy-config.json";
  r.root = "/repo";
  return r;
}

CheckoutVerdict check(FakeGitRepository& git, const CheckoutRequest& r = request()) {
  return fd::checkCheckout(r, &git);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(checkout_gate)

BOOST_AUTO_TEST_CASE(a_clean_checkout_of_the_gated_commit_passes) {
  FakeGitRepository git;
  git.headSha = kGated;
  git.treeChanges = {{"DEPLOY-RECEIPT.md", "untracked"}, {".factory/state.json", "untracked"}};
  const CheckoutVerdict verdict = check(git);
  BOOST_TEST(verdict.result.passed);
  BOOST_TEST(verdict.result.row.gate == "Checkout");
  BOOST_TEST(verdict.result.row.required);
  BOOST_TEST(verdict.result.row.notes ==
             "HEAD is the gated commit aaaaaaa; the working tree is clean");
  BOOST_TEST(verdict.deviations.empty());
}

BOOST_AUTO_TEST_CASE(changed_files_are_listed_with_their_state) {
  FakeGitRepository git;
  git.headSha = kGated;
  git.treeChanges = {{"bin/deploy.sh", "modified"},
                     {"src/a.js", "staged"},
                     {"build.sh", "untracked"},
                     {"QA-REPORT.md", "modified"}};
  const CheckoutVerdict verdict = check(git);
  BOOST_TEST(!verdict.result.passed);
  BOOST_TEST(verdict.result.row.status == "FAIL");
  BOOST_TEST(verdict.result.row.notes ==
             "the working tree is not the commit aaaaaaa: 3 files changed: bin/deploy.sh "
             "(modified), src/a.js (staged), build.sh (untracked); commit or discard them (git "
             "status shows them), or name untracked build outputs in allow-untracked");
}

BOOST_AUTO_TEST_CASE(the_list_is_bounded) {
  FakeGitRepository git;
  git.headSha = kGated;
  for (int i = 0; i < 13; ++i) git.treeChanges.push_back({"f" + std::to_string(i), "untracked"});
  const std::string notes = check(git).result.row.notes;
  BOOST_TEST(notes.find("13 files changed: f0 (untracked)") != std::string::npos, notes);
  BOOST_TEST(notes.find("f9 (untracked) and 3 more;") != std::string::npos, notes);
}

BOOST_AUTO_TEST_CASE(allow_untracked_lets_named_build_outputs_through_and_records_them) {
  FakeGitRepository git;
  git.headSha = kGated;
  git.treeChanges = {{"dist/app.js", "untracked"}, {"dist/css/site.css", "untracked"}};
  CheckoutRequest r = request();
  r.allowUntracked = {"dist"};
  const CheckoutVerdict verdict = check(git, r);
  BOOST_TEST(verdict.result.passed, verdict.result.row.notes);
  BOOST_TEST(verdict.result.row.notes ==
             "HEAD is the gated commit aaaaaaa; the working tree is clean but for 2 untracked "
             "files allowed by allow-untracked (dist): dist/app.js, dist/css/site.css");
  BOOST_REQUIRE(verdict.deviations.size() == 1U);
  BOOST_TEST(verdict.deviations.front() ==
             "Shipped 2 untracked files allowed by allow-untracked (dist): dist/app.js, "
             "dist/css/site.css");
}

BOOST_AUTO_TEST_CASE(allow_untracked_never_covers_a_tracked_change_or_the_manifest) {
  FakeGitRepository git;
  git.headSha = kGated;
  git.treeChanges = {{"dist/app.js", "modified"}};
  CheckoutRequest r = request();
  r.allowUntracked = {"*"};
  BOOST_TEST(!check(git, r).result.passed);
  git.treeChanges = {{".factory/deploy-config.json", "untracked"}};
  const CheckoutVerdict verdict = check(git, r);
  BOOST_TEST(!verdict.result.passed);
  BOOST_TEST(verdict.result.row.notes ==
             "the working tree is not the commit aaaaaaa: 1 file changed: "
             ".factory/deploy-config.json (untracked); commit or discard them (git status shows "
             "them); the manifest decides what runs, so it is never exempt");
}

BOOST_AUTO_TEST_CASE(patterns_are_relative_to_the_working_directory) {
  FakeGitRepository git;
  git.headSha = kGated;
  git.treeChanges = {{"svc/dist/app.js", "untracked"}, {"dist/other.js", "untracked"}};
  CheckoutRequest r = request();
  r.prefix = "svc/";
  r.allowUntracked = {"dist/"};
  const CheckoutVerdict verdict = check(git, r);
  BOOST_TEST(!verdict.result.passed);
  BOOST_TEST(verdict.result.row.notes.find("1 file changed: dist/other.js (untracked)") !=
                 std::string::npos,
             verdict.result.row.notes);
}

BOOST_AUTO_TEST_CASE(head_other_than_the_gated_commit_is_refused_when_code_differs) {
  FakeGitRepository git;
  git.headSha = kOther;
  git.commits = {kGated};
  git.changes[{kGated, kOther}] = {"src/app.js", "QA-REPORT.md"};
  const CheckoutVerdict verdict = check(git);
  BOOST_TEST(!verdict.result.passed);
  BOOST_TEST(verdict.result.row.notes ==
             "HEAD bbbbbbb is not the gated commit aaaaaaa: 1 file differs: src/app.js; check out "
             "aaaaaaa (the commit the gates judge) before deploying");
}

BOOST_AUTO_TEST_CASE(head_differing_only_in_gate_files_passes_and_names_both_commits) {
  FakeGitRepository git;
  git.headSha = kOther;
  git.commits = {kGated};
  git.changes[{kGated, kOther}] = {"QA-REPORT.md", ".factory/state.json"};
  const CheckoutVerdict verdict = check(git);
  BOOST_TEST(verdict.result.passed, verdict.result.row.notes);
  BOOST_TEST(verdict.result.row.notes ==
             "HEAD bbbbbbb differs from the gated commit aaaaaaa only in gate, receipt and "
             "bookkeeping files (QA-REPORT.md, .factory/state.json); the working tree is clean");
  BOOST_REQUIRE(verdict.deviations.size() == 1U);
  BOOST_TEST(verdict.deviations.front() ==
             "Deployed tree: HEAD " + kOther + ", content-equivalent to the gated commit " +
                 kGated + " (only QA-REPORT.md, .factory/state.json differ)");
}

BOOST_AUTO_TEST_CASE(policy_exact_requires_head_to_be_the_gated_commit) {
  FakeGitRepository git;
  git.headSha = kOther;
  git.commits = {kGated};
  git.changes[{kGated, kOther}] = {"QA-REPORT.md"};
  CheckoutRequest r = request();
  r.policy = fd::ReportPolicy::Exact;
  const CheckoutVerdict verdict = check(git, r);
  BOOST_TEST(!verdict.result.passed);
  BOOST_TEST(verdict.result.row.notes ==
             "HEAD bbbbbbb is not the gated commit aaaaaaa (report-commit-policy: exact); check "
             "out aaaaaaa (the commit the gates judge) before deploying");
}

BOOST_AUTO_TEST_CASE(unsafe_files_and_a_missing_repository_fail_first) {
  FakeGitRepository git;
  CheckoutRequest r = request();
  r.unsafeFiles = {"DEPLOY-RECEIPT.md is a symbolic link; …"};
  BOOST_TEST(check(git, r).result.row.notes == "DEPLOY-RECEIPT.md is a symbolic link; …");
  const CheckoutVerdict none = fd::checkCheckout(request(), nullptr);
  BOOST_TEST(!none.result.passed);
  BOOST_TEST(none.result.row.notes ==
             "no git repository at /repo: nothing tells what a deploy would ship; check out the "
             "repository (actions/checkout) before this step");
}

BOOST_AUTO_TEST_CASE(patterns_match_like_git_pathspecs) {
  using fd::allowsUntracked;
  BOOST_TEST(allowsUntracked("dist", "dist/app.js"));
  BOOST_TEST(allowsUntracked("dist/", "dist/a/b.js"));
  BOOST_TEST(allowsUntracked("*.log", "logs/build.log"));
  BOOST_TEST(allowsUntracked("build/*.o", "build/x/y.o"));
  BOOST_TEST(!allowsUntracked("dist", "distribution/app.js"));
  BOOST_TEST(!allowsUntracked("dist", "src/dist.js"));
  BOOST_TEST(!allowsUntracked("", "a"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(gate_files)

BOOST_AUTO_TEST_CASE(configured_reports_and_receipt_count_and_only_markdown) {
  const fd::GateFiles files("svc/", {"docs/qa.md", "audit/sec.txt", "../outside.md"},
                            "out/receipt.md");
  for (const char* path :
       {"svc/docs/qa.md", "svc/out/receipt.md", "svc/out/receipt-2026-04-03T21-30-00Z.md",
        "svc/.factory/state.json", "svc/.factory/deployments.jsonl", "svc/reports/qa.md",
        "reports/qa.md", "svc/.factory/state.json.corrupt-2026"}) {
    BOOST_TEST(files.covers(path), path);
  }
  for (const char* path :
       {"svc/audit/sec.txt", "outside.md", "svc/out/receipt.txt", "svc/out/receipt-.md",
        "svc/.factory/deploy-config.json", "svc/reports/run.sh", ".factory/state.json"}) {
    BOOST_TEST(!files.covers(path), path);
  }
}

// global.state_file_path moves the state file, but a setting may never make code, the manifest
// or the settings bookkeeping: only a .json under .factory/ whose name says state.
BOOST_AUTO_TEST_CASE(a_moved_state_file_is_bookkeeping_only_under_factory) {
  const auto covers = [](const std::string& stateFile, const std::string& path) {
    return fd::GateFiles("", {}, "DEPLOY-RECEIPT.md", stateFile).covers(path);
  };
  BOOST_TEST(covers(".factory/pipeline-state.json", ".factory/pipeline-state.json"));
  BOOST_TEST(covers(".factory/pipeline-state.json", ".factory/pipeline-state.json.bak"));
  BOOST_TEST(!covers("app/config.json", "app/config.json"));
  BOOST_TEST(!covers("app/state.json", "app/state.json"));
  BOOST_TEST(!covers(".factory/../app/state.json", "app/state.json"));
  BOOST_TEST(!covers(".factory/deploy-config.json", ".factory/deploy-config.json"));
  BOOST_TEST(!covers(".factory/settings.json", ".factory/settings.json"));
  BOOST_TEST(!covers(".factory/state.sh", ".factory/state.sh"));
}

BOOST_AUTO_TEST_SUITE_END()
