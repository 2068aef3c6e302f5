#include <boost/test/unit_test.hpp>

#include "github/policy_gate.hpp"
#include "harness.hpp"

using namespace fd;
using namespace fd::test;

BOOST_AUTO_TEST_SUITE(policy_gate)

BOOST_AUTO_TEST_CASE(blocker_pr_present_fails_and_names_it) {
  Harness h;
  h.fake.update([](GithubState& s) {
    s.issues = {GhIssue{12, "Fix payments crash", {"deploy-blocker", "bug"}, true, "open"},
                GhIssue{13, "An issue, not a PR", {"deploy-blocker"}, false, "open"},
                GhIssue{14, "Unlabelled PR", {"bug"}, true, "open"},
                GhIssue{15, "Closed blocker", {"deploy-blocker"}, true, "closed"}};
  });
  github::GithubPolicyGate gate(h.context, h.inputs, h.client(), h.log);
  const GateResult result = gate.blockers(h.deployContext());
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.status == "FAIL");
  BOOST_TEST(result.row.notes ==
             "1 open pull request labelled deploy-blocker: #12 Fix payments crash");
  const auto request = h.fake.requests().front();
  BOOST_TEST(request.uri.find("state=open") != std::string::npos);
  BOOST_TEST(request.uri.find("labels=deploy-blocker") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_blockers_pass_and_labels_are_url_encoded) {
  Harness h;
  h.inputs.blockerLabel = "do not deploy";
  h.fake.update([](GithubState& s) { s.issues = {GhIssue{3, "Other", {"bug"}, true, "open"}}; });
  github::GithubPolicyGate gate(h.context, h.inputs, h.client(), h.log);
  const GateResult result = gate.blockers(h.deployContext());
  BOOST_TEST(result.passed);
  BOOST_TEST(result.row.notes == "no open pull requests labelled do not deploy");
  BOOST_TEST(h.fake.requests().front().uri.find("labels=do%20not%20deploy") != std::string::npos);
}

// A 200 that is not a list must not read as "no blockers".
BOOST_AUTO_TEST_CASE(a_blocker_answer_that_is_not_a_list_fails) {
  Harness h;
  h.fake.update([](GithubState& s) {
    s.issues = {GhIssue{12, "Fix payments crash", {"deploy-blocker"}, true, "open"}};
  });
  h.fake.script("GET", "/issues", ServerResponse{200, {}, R"({"message":"not a list"})"});
  github::GithubPolicyGate gate(h.context, h.inputs, h.client(), h.log);
  const GateResult result = gate.blockers(h.deployContext());
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.status == "FAIL");
  BOOST_TEST(result.row.notes ==
             "GitHub's list of open issues labelled deploy-blocker is not a list");
  BOOST_TEST(result.rerun == "re-run this job once GitHub answers");
}

BOOST_AUTO_TEST_CASE(blockers_on_several_pages_are_all_counted) {
  Harness h;
  h.fake.update([](GithubState& s) {
    for (int i = 1; i <= 230; ++i)
      s.issues.push_back(
          GhIssue{i, "Blocker " + std::to_string(i), {"deploy-blocker"}, true, "open"});
  });
  github::GithubPolicyGate gate(h.context, h.inputs, h.client(), h.log);
  const GateResult result = gate.blockers(h.deployContext());
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.notes.rfind("230 open pull requests labelled deploy-blocker: #1 Blocker 1;",
                                    0) == 0);
  BOOST_TEST(result.row.notes.find("; and 220 more") != std::string::npos);
  BOOST_TEST(h.fake.count("GET", "/issues") == 3u);
}

BOOST_AUTO_TEST_CASE(commit_on_the_default_branch_passes) {
  for (const char* status : {"behind", "identical"}) {
    Harness h;
    h.fake.update([&](GithubState& s) {
      s.defaultBranch = "trunk";
      s.compare[kSha] = status;
    });
    github::GithubPolicyGate gate(h.context, h.inputs, h.client(), h.log);
    std::string deviation;
    const GateResult result = gate.branch(h.deployContext(), deviation);
    BOOST_TEST(result.passed, status);
    BOOST_TEST(result.row.notes == "1111111 is on trunk");
    BOOST_TEST(deviation.empty());
    BOOST_TEST(h.fake.count("GET", "/compare/trunk..." + kSha) == 1u);
  }
}

BOOST_AUTO_TEST_CASE(commit_not_on_main_fails) {
  Harness h;
  h.fake.update([](GithubState& s) { s.compare[kSha] = "diverged"; });
  github::GithubPolicyGate gate(h.context, h.inputs, h.client(), h.log);
  std::string deviation;
  const GateResult result = gate.branch(h.deployContext(), deviation);
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.notes == "1111111 is not on main (diverged, 2 commit(s) ahead)");
  BOOST_TEST(result.rerun.find("allow-non-main") != std::string::npos);
  BOOST_TEST(deviation.empty());
}

BOOST_AUTO_TEST_CASE(allow_non_main_passes_and_records_the_deviation) {
  Harness h;
  h.inputs.allowNonMain = true;
  h.fake.update([](GithubState& s) { s.compare[kSha] = "ahead"; });
  github::GithubPolicyGate gate(h.context, h.inputs, h.client(), h.log);
  std::string deviation;
  const GateResult result = gate.branch(h.deployContext(), deviation);
  BOOST_TEST(result.passed);
  BOOST_TEST(result.row.notes.find("allowed by allow-non-main") != std::string::npos);
  BOOST_TEST(deviation ==
             "deployed 1111111, which is not on the default branch main (ahead), because "
             "allow-non-main is true");
}

BOOST_AUTO_TEST_CASE(unknown_commit_fails_naming_the_endpoint) {
  Harness h;
  h.fake.update([](GithubState& s) { s.compare[kSha] = "404"; });
  github::GithubPolicyGate gate(h.context, h.inputs, h.client(), h.log);
  std::string deviation;
  const GateResult result = gate.branch(h.deployContext(), deviation);
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.notes.find("GET /repos/octo/shop/compare/main..." + kSha +
                                   ": 404 Not Found") == 0u,
             result.row.notes);
}

BOOST_AUTO_TEST_SUITE_END()
