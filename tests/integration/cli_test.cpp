// Issue 2, "Done when": the real binary's command line — dry runs over real git repositories,
// input errors, INPUT_* variables with dashes, --help and --version.
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "core/version.hpp"
#include "support/deploy_repo.hpp"
#include "support/loopback_server.hpp"
#include "support/mapped_library.hpp"
#include "support/temp_dir.hpp"

namespace fd::test {

namespace {

// A repository ready for staging: code commit, reports after it, alpha already deployed.
void prepareStaging(DeployRepo& repo) {
  repo.init(ManifestSpec("http://127.0.0.1:" + std::to_string(unusedPort())));
  repo.seedLedger("alpha", repo.head());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli)

BOOST_AUTO_TEST_CASE(dry_run_with_a_passing_qa_report_prints_the_plan_and_writes_nothing) {
  DeployRepo repo;
  prepareStaging(repo);
  const ChildRun run = repo.run({"--environment", "staging", "--dry-run"});
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(contains(run.out, "Plan (dry run"), run.out);
  BOOST_TEST(contains(run.out, "QA Report: PASS"), run.out);
  BOOST_TEST(contains(run.out, "deploy: $ sh bin/deploy.sh"), run.out);
  BOOST_TEST(contains(run.out, "Verdict: every gate passed"), run.out);
  BOOST_TEST(!repo.exists("DEPLOY-RECEIPT.md"));
  BOOST_TEST(!repo.exists(".factory/state.json"));
}

BOOST_AUTO_TEST_CASE(dry_run_with_a_stale_qa_report_exits_1_and_names_the_gate) {
  DeployRepo repo;
  prepareStaging(repo);
  repo.write("app/main.txt", "a code change the QA report never saw\n");
  repo.commit("code change after the tested commit");
  repo.seedLedger("alpha", repo.head());
  const ChildRun run = repo.run({"--environment", "staging", "--dry-run"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(contains(run.all(), "QA Report: STALE"), run.all());
  BOOST_TEST(contains(run.all(), "re-run /qa"), run.all());
  BOOST_TEST(contains(run.all(), "Verdict: BLOCKED"), run.all());
  BOOST_TEST(!repo.exists("DEPLOY-RECEIPT.md"));
}

BOOST_AUTO_TEST_CASE(an_unknown_environment_exits_2_naming_the_allowed_values) {
  DeployRepo repo;
  prepareStaging(repo);
  const ChildRun run = repo.run({"--environment", "nope"});
  BOOST_TEST(run.exitCode == 2, run.all());
  BOOST_TEST(contains(run.err, "environment"), run.err);
  BOOST_TEST(contains(run.err, "\"nope\""), run.err);
  for (const char* allowed : {"alpha", "staging", "prod"}) {
    BOOST_TEST(contains(run.err, allowed), run.err);
  }
  BOOST_TEST(!repo.exists("DEPLOY-RECEIPT.md"));  // input errors stop before the receipt
}

// Issue 10.5: a working directory that does not exist is an input error; nothing is created.
BOOST_AUTO_TEST_CASE(a_working_directory_that_does_not_exist_exits_2_and_creates_nothing) {
  DeployRepo repo;
  prepareStaging(repo);
  const std::string missing = repo.scratch("no-such-checkout");
  const ChildRun run = repo.run({"--environment", "staging", "--working-directory", missing});
  BOOST_TEST(run.exitCode == 2, run.all());
  BOOST_TEST(contains(run.err, "factory-deploy: working-directory: " + missing +
                                   " does not exist; nothing was created."),
             run.err);
  BOOST_TEST(!std::filesystem::exists(missing), missing << " was created");
  BOOST_TEST(!repo.exists("DEPLOY-RECEIPT.md"));
}

BOOST_AUTO_TEST_CASE(a_working_directory_that_is_not_a_git_repository_exits_2_saying_what_to_do) {
  DeployRepo repo;
  prepareStaging(repo);
  const std::string plain = repo.scratch("plain");
  std::filesystem::create_directories(plain);
  const ChildRun run = repo.run({"--environment", "staging", "--working-directory", plain});
  BOOST_TEST(run.exitCode == 2, run.all());
  BOOST_TEST(contains(run.err,
                      "factory-deploy: working-directory: " + plain + " is not a git repository ("),
             run.err);
  BOOST_TEST(contains(run.err,
                      "Run factory-deploy in the repository's root or pass "
                      "--working-directory PATH to it; in a workflow, run "
                      "actions/checkout (with fetch-depth: 0) before this step"),
             run.err);
  BOOST_TEST(std::filesystem::is_empty(plain), "the run wrote into " << plain);
}

BOOST_AUTO_TEST_CASE(an_unknown_flag_and_a_non_boolean_are_input_errors) {
  DeployRepo repo;
  prepareStaging(repo);
  const ChildRun unknown = repo.run({"--environment", "staging", "--colour", "red"});
  BOOST_TEST(unknown.exitCode == 2, unknown.all());
  BOOST_TEST(contains(unknown.err, "--colour"), unknown.err);
  const ChildRun boolean = repo.run({"--environment", "staging"}, {{"INPUT_DRY-RUN", "yes"}});
  BOOST_TEST(boolean.exitCode == 2, boolean.all());
  BOOST_TEST(contains(boolean.err, "dry-run"), boolean.err);
  BOOST_TEST(contains(boolean.err, "true or false"), boolean.err);
}

BOOST_AUTO_TEST_CASE(input_variables_keep_their_dashes_and_a_flag_beats_them) {
  DeployRepo repo;
  repo.init(ManifestSpec("http://127.0.0.1:" + std::to_string(unusedPort())));
  // The default QA-REPORT.md fails; the report the inputs point at passes.
  const std::string tested = repo.git("rev-parse --short HEAD~1");  // the code commit
  repo.write("QA-REPORT.md",
             "# QA\n\n## Summary\n- Overall status: FAIL\n- Tested commit: " + tested);
  repo.write("reports/qa.md",
             "# QA\n\n## Summary\n- **Overall status**: PASS\n- **Tested commit**: " + tested);
  repo.commit("reports moved");
  repo.seedLedger("alpha", repo.head());
  const std::map<std::string, std::string> inputs{{"INPUT_ENVIRONMENT", "  staging \n"},
                                                  {"INPUT_DRY-RUN", "TRUE"},
                                                  {"INPUT_QA-REPORT", "reports/qa.md"}};

  const ChildRun fromEnv = repo.run({}, inputs);
  BOOST_TEST(fromEnv.exitCode == 0, fromEnv.all());
  BOOST_TEST(contains(fromEnv.out, "Plan (dry run, nothing deployed or written): staging"),
             fromEnv.out);

  const ChildRun flagWins = repo.run({"--qa-report", "QA-REPORT.md"}, inputs);
  BOOST_TEST(flagWins.exitCode == 1, flagWins.all());
  BOOST_TEST(contains(flagWins.all(), "QA Report: FAIL"), flagWins.all());
  BOOST_TEST(!repo.exists("DEPLOY-RECEIPT.md"));  // still a dry run: the variable applies
}

BOOST_AUTO_TEST_CASE(a_malformed_manifest_exits_2_with_a_failed_receipt_naming_the_path) {
  DeployRepo repo;
  prepareStaging(repo);
  repo.write(".factory/deploy-config.json",
             R"({"platform": "fly.io", "project_name": "shop", "environments": {"staging": )"
             R"({"app_name": "shop-staging", "url": "http://127.0.0.1:1"}}})");
  const ChildRun run = repo.run({"--environment", "staging"});
  BOOST_TEST(run.exitCode == 2, run.all());
  BOOST_TEST(contains(run.all(), "environments.staging.deploy_command"), run.all());
  // Past input parsing, so the receipt is written, whatever the outcome.
  BOOST_TEST(contains(repo.receipt(), "- **Status**: FAILED"), repo.receipt());
  BOOST_TEST(contains(repo.receipt(), "environments.staging.deploy_command"), repo.receipt());
}

BOOST_AUTO_TEST_CASE(a_missing_manifest_says_where_it_looked_and_that_setup_writes_it) {
  DeployRepo repo;
  prepareStaging(repo);
  const ChildRun run = repo.run({"--environment", "staging", "--config", "deploy/missing.json"});
  BOOST_TEST(run.exitCode == 2, run.all());
  BOOST_TEST(contains(run.all(), "deploy/missing.json"), run.all());
  BOOST_TEST(contains(run.all(), "/setup"), run.all());
}

BOOST_AUTO_TEST_CASE(help_lists_every_input) {
  DeployRepo repo;
  const ChildRun run = repo.run({"--help"});
  BOOST_TEST(run.exitCode == 0, run.all());
  for (const char* input : {"environment",
                            "config",
                            "qa-report",
                            "security-report",
                            "receipt",
                            "working-directory",
                            "github-token",
                            "ci-timeout",
                            "ci-interval",
                            "ignore-checks",
                            "required-checks",
                            "blocker-label",
                            "confirm",
                            "allow-non-main",
                            "report-commit-policy",
                            "dry-run",
                            "create-deployment",
                            "upload-artifact",
                            "artifact-name",
                            "retention-days"}) {
    BOOST_TEST(contains(run.out, std::string("--") + input), input);
  }
  BOOST_TEST(contains(run.out, "--version"), run.out);
}

BOOST_AUTO_TEST_CASE(version_prints_the_version) {
  DeployRepo repo;
  const ChildRun run = repo.run({"--version"});
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(run.out == std::string("factory-deploy ") + kVersion + "\n");
}

// Issue 13: libgit2 (and the twelve libraries it brings) is opened with dlopen when a repository
// is first read, not at start-up. The dynamic linker's own trace (LD_DEBUG=files) says which
// objects it loaded and why: `--version` loads no libgit2; a dry run, which reads the repository,
// loads it dynamically, not as a start-up dependency.
BOOST_AUTO_TEST_CASE(libgit2_is_loaded_only_when_a_repository_is_read) {
  DeployRepo repo;
  const ChildRun version = repo.run({"--version"}, {{"LD_DEBUG", "files"}});
  BOOST_TEST(version.exitCode == 0, version.all());
  BOOST_TEST(contains(version.err, "file=libPocoFoundation"), version.err);  // the trace works
  BOOST_TEST(!contains(version.err, "libgit2"), version.err);

  prepareStaging(repo);
  const ChildRun dryRun =
      repo.run({"--environment", "staging", "--dry-run"}, {{"LD_DEBUG", "files"}});
  BOOST_TEST(dryRun.exitCode == 0, dryRun.all());
  const std::size_t at = dryRun.err.find("file=libgit2.so");
  BOOST_TEST_REQUIRE(at != std::string::npos, dryRun.err);
  const std::string line = dryRun.err.substr(at, dryRun.err.find('\n', at) - at);
  BOOST_TEST(contains(line, "dynamically loaded by"), line);  // not "needed by" the binary
}

// What libgit2 being opened late costs when it is not there: a clear failure naming the library
// and the package, exit 1 (the installation's fault, not the user's input), never a crash. The
// loader finds a stand-in first (zlib under libgit2's soname, on LD_LIBRARY_PATH), as on a
// machine with a broken or foreign libgit2.
BOOST_AUTO_TEST_CASE(a_libgit2_that_cannot_be_loaded_is_a_clear_failure) {
  const std::string zlib = mappedLibrary("/libz.so");
  BOOST_TEST_REQUIRE(!zlib.empty());
  TempDir libraries;
  std::filesystem::create_symlink(zlib, libraries.file(FD_LIBGIT2_SONAME));
  DeployRepo repo;
  prepareStaging(repo);
  const ChildRun run =
      repo.run({"--environment", "staging", "--dry-run"}, {{"LD_LIBRARY_PATH", libraries.path()}});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(run.err == std::string("factory-deploy: libgit2 (") + FD_LIBGIT2_SONAME +
                            ") cannot be loaded, so no git repository can be read: it has no "
                            "function git_libgit2_init; install the libgit2 this binary was "
                            "built with (Debian: apt-get install libgit2-" +
                            std::string(FD_LIBGIT2_SONAME).substr(11) + ")\n",
             run.err);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
