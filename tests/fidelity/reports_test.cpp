// The gate reports exactly as /qa and /security write them (their templates in full, and the
// forms the plugin repository's own reports take), through the binary: every status value, every
// commit form, reports committed after the tested commit, versioned copies under reports/ and at
// the root, sprint reports. These projects keep a local ci_check_command: the cases are about the
// reports, CI through GitHub is setup_project_test's.
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "fidelity/factory_project.hpp"

namespace fd::test {

namespace {

using factory::Report;

std::string withLocalCi(const FactoryProject& project) {
  return factory::setupManifest(project.url(), "fly releases rollback --app {app_name}",
                                "  \"ci_check_command\": \"true\",\n");
}

// Deploys alpha, then each later environment up to `target`; the last run, or the first that
// failed before it.
ChildRun through(FactoryProject& project, const std::string& target,
                 const std::vector<std::string>& extra = {}) {
  ChildRun last;
  for (const std::string env : {"alpha", "staging", "prod"}) {
    std::vector<std::string> args = {"--environment", env};
    if (env == "prod") args.insert(args.end(), {"--confirm", "shop"});
    args.insert(args.end(), extra.begin(), extra.end());
    last = project.deploy(args);
    if (env == target || last.exitCode != 0) return last;
  }
  return last;
}

std::string row(const FactoryProject& project, const std::string& gate) {
  return linesWith(project.repo().receipt(), "| " + gate + " |");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(template_reports)

BOOST_AUTO_TEST_CASE(every_qa_status_value) {
  const std::vector<std::tuple<std::string, int, std::string>> cases = {
      {"PASS", 0, "| QA Report | YES | PASS | QA-REPORT.md: PASS, tested "},
      {"PASS WITH WARNINGS", 0, "| QA Report | YES | WARN | QA-REPORT.md: PASS WITH WARNINGS, "},
      {"FAIL", 1, "| QA Report | YES | FAIL | QA-REPORT.md (line 5): Overall status is "},
  };
  for (const auto& [status, exit, expected] : cases) {
    FactoryProject project;
    const std::string code = project.scaffold(withLocalCi(project));
    project.commitReports({status, code.substr(0, 7)}, {"CLEAR", code.substr(0, 7)});
    const ChildRun run = through(project, "staging");
    BOOST_TEST(run.exitCode == exit, status << "\n" << run.all());
    BOOST_TEST(row(project, "QA Report").starts_with(expected), status
                                                                    << "\n"
                                                                    << row(project, "QA Report"));
  }
}

BOOST_AUTO_TEST_CASE(every_security_status_value) {
  const std::vector<std::tuple<std::string, int, std::string>> cases = {
      {"CLEAR", 0, "| Security Report | YES | CLEAR | SECURITY.md: CLEAR, tested "},
      {"WARNINGS", 0, "| Security Report | YES | WARN | SECURITY.md: WARNINGS, tested "},
      {"BLOCKED", 1, "| Security Report | YES | FAIL | SECURITY.md (line 5): Overall status is "},
  };
  for (const auto& [status, exit, expected] : cases) {
    FactoryProject project;
    const std::string code = project.scaffold(withLocalCi(project));
    project.commitReports({"PASS", code.substr(0, 7)}, {status, code.substr(0, 7)});
    const ChildRun run = through(project, "prod");
    BOOST_TEST(run.exitCode == exit, status << "\n" << run.all());
    const std::string security = row(project, "Security Report");
    BOOST_TEST(security.starts_with(expected), status << "\n" << security);
    if (status == "BLOCKED") {
      BOOST_TEST(contains(security, "BLOCKED can never be overridden"), security);
      BOOST_TEST(!contains(project.flyLog(), "fly deploy -c fly.toml"), project.flyLog());
    }
  }
  // On staging security is shown but never blocks.
  FactoryProject staging;
  const std::string code = staging.scaffold(withLocalCi(staging));
  staging.commitReports({"PASS", code.substr(0, 7)}, {"BLOCKED", code.substr(0, 7)});
  BOOST_TEST(through(staging, "staging").exitCode == 0);
}

BOOST_AUTO_TEST_CASE(the_qa_failure_output_and_the_unfilled_template_fail) {
  for (const bool unfilled : {false, true}) {
    FactoryProject project;
    const std::string code = project.scaffold(withLocalCi(project));
    project.repo().write("QA-REPORT.md", unfilled ? factory::unfilledQaTemplate()
                                                  : factory::qaFailureReport(code.substr(0, 7)));
    project.commit({"QA-REPORT.md"}, "QA report");
    const ChildRun run = through(project, "staging");
    BOOST_TEST(run.exitCode == 1, run.all());
    const std::string qa = row(project, "QA Report");
    BOOST_TEST(qa.starts_with("| QA Report | YES | FAIL | QA-REPORT.md (line "), qa);
    BOOST_TEST(contains(qa, unfilled ? "Overall status \"PASS / FAIL / PASS WITH WARNINGS\" is "
                                       "not PASS or PASS WITH WARNINGS"
                                     : "Overall status is \"FAIL\""),
               qa);
  }
}

BOOST_AUTO_TEST_CASE(every_commit_form) {
  // `git rev-parse HEAD` as the template asks, the 7 digits the plugin's reports carry, and the
  // same in backticks.
  for (const std::string form : {"full", "short", "backticks"}) {
    FactoryProject project;
    const std::string code = project.scaffold(withLocalCi(project));
    const std::string written = form == "full"    ? code
                                : form == "short" ? code.substr(0, 7)
                                                  : "`" + code.substr(0, 7) + "`";
    project.commitReports({"PASS", written}, {"CLEAR", written});
    const ChildRun run = through(project, "prod");
    BOOST_TEST(run.exitCode == 0, form << "\n" << run.all() << project.repo().receipt());
    BOOST_TEST(contains(row(project, "QA Report"), "tested " + code.substr(0, 7) +
                                                       " (only gate, receipt and bookkeeping files "
                                                       "changed since: QA-REPORT.md, SECURITY.md)"),
               form << "\n"
                    << row(project, "QA Report"));
  }
}

BOOST_AUTO_TEST_CASE(versioned_reports_at_the_root_and_copies_under_reports) {
  // The plugin repository's own layout: QA-REPORT-v<version>.md at the root, older versions moved
  // into reports/ by a later commit, titles "# QA Report -- v0.17.0 -- <date>".
  FactoryProject project;
  const std::string code = project.scaffold(withLocalCi(project));
  Report old{"PASS", project.setupSha.substr(0, 7), factory::Title::Versioned, "v0.16.0"};
  project.repo().write("QA-REPORT-v0.16.0.md", factory::qaReport(old));
  project.repo().write(
      "SECURITY-v0.16.0.md",
      factory::securityReport({"CLEAR", old.testedCommit, factory::Title::Versioned, "v0.16.0"}));
  project.commit({"QA-REPORT-v0.16.0.md", "SECURITY-v0.16.0.md"}, "Add v0.16.0 gate reports");
  project.repo().write("app/orders.py", "def place(order):\n    return order.total * 1\n");
  const std::string released = project.commit({"app/orders.py"}, "v0.17.0: rounding");
  std::filesystem::create_directories(project.repo().root() + "/reports");
  project.repo().git("mv QA-REPORT-v0.16.0.md reports/QA-REPORT-v0.16.0.md");
  project.repo().git("mv SECURITY-v0.16.0.md reports/SECURITY-v0.16.0.md");
  const Report qa{"PASS", released.substr(0, 7), factory::Title::Versioned, "v0.17.0"};
  project.repo().write("QA-REPORT-v0.17.0.md", factory::qaReport(qa));
  project.repo().write(
      "SECURITY-v0.17.0.md",
      factory::securityReport({"CLEAR", qa.testedCommit, factory::Title::Versioned, "v0.17.0"}));
  project.commit({"QA-REPORT-v0.17.0.md", "SECURITY-v0.17.0.md", "reports"},
                 "Add v0.17.0 gate reports");
  project.repo().write("reports/QA-REPORT-v0.17.0.md", factory::qaReport(qa));
  project.commit({"reports"}, "Archive v0.17.0 QA report");
  const std::vector<std::string> reports = {"--qa-report", "QA-REPORT-v0.17.0.md",
                                            "--security-report", "SECURITY-v0.17.0.md"};
  const ChildRun run = through(project, "prod", reports);
  BOOST_TEST(run.exitCode == 0, run.all() << project.repo().receipt());
  BOOST_TEST(contains(row(project, "Security Report"),
                      "SECURITY-v0.17.0.md: CLEAR, tested " + released.substr(0, 7)),
             row(project, "Security Report"));
  (void)code;
}

BOOST_AUTO_TEST_CASE(sprint_reports_beside_the_final_ones) {
  // /qa --sprint N writes QA-REPORT-sprint-N.md with a Sprint Scope section whose commits are not
  // the tested one; committing them later changes only gate files.
  for (const bool scopeFirst : {false, true}) {
    FactoryProject project;
    const std::string code = project.scaffold(withLocalCi(project));
    project.commitPassingReports(code.substr(0, 7));
    Report sprint{"PASS", code.substr(0, 7)};
    sprint.sprint = 1;
    sprint.scopeFirst = scopeFirst;
    sprint.preSprintCommit = project.setupSha;
    sprint.postSprintCommit = project.setupSha.substr(0, 7);  // a commit that is not the tested one
    project.repo().write("QA-REPORT-sprint-1.md", factory::qaReport(sprint));
    sprint.status = "CLEAR";
    project.repo().write("SECURITY-sprint-1.md", factory::securityReport(sprint));
    project.commit({"QA-REPORT-sprint-1.md", "SECURITY-sprint-1.md"},
                   "Sprint 1 checkpoint reports");
    const ChildRun final = through(project, "prod");
    BOOST_TEST(final.exitCode == 0, final.all() << project.repo().receipt());
    // A sprint report can be the gate report too: its Summary decides, not its Sprint Scope.
    const ChildRun sprintGate = project.deploy(
        {"--environment", "prod", "--confirm", "shop", "--qa-report", "QA-REPORT-sprint-1.md"});
    BOOST_TEST(sprintGate.exitCode == 0, sprintGate.all() << project.repo().receipt());
    BOOST_TEST(contains(row(project, "QA Report"),
                        "QA-REPORT-sprint-1.md: PASS, tested " + code.substr(0, 7)),
               row(project, "QA Report"));
  }
}

BOOST_AUTO_TEST_CASE(code_committed_after_the_reports_makes_them_stale) {
  FactoryProject project;
  const std::string code = project.scaffold(withLocalCi(project));
  project.commitPassingReports(code.substr(0, 7));
  BOOST_REQUIRE(project.deploy({"--environment", "alpha"}).exitCode == 0);
  project.repo().write("app/orders.py", "def place(order):\n    return 0\n");
  const std::string head = project.commit({"app/orders.py"}, "hotfix");
  BOOST_REQUIRE(project.deploy({"--environment", "alpha"}).exitCode == 0);
  const ChildRun run = project.deploy({"--environment", "staging"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(contains(row(project, "QA Report"),
                      "| QA Report | YES | STALE | QA-REPORT.md tested " + code.substr(0, 7) +
                          ", but 1 file changed before the deployed commit " + head.substr(0, 7) +
                          ": app/orders.py"),
             row(project, "QA Report"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
