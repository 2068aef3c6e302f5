#include <boost/test/unit_test.hpp>

#include "github/confirmation_gate.hpp"
#include "harness.hpp"

using namespace fd;
using namespace fd::test;

namespace {

GateResult confirm(Harness& h) {
  github::GithubConfirmationGate gate(h.context, h.inputs, h.client(), h.clock, h.log);
  return gate.check(h.deployContext());
}

bool has(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(confirmation_gate)

BOOST_AUTO_TEST_CASE(approved_review_confirms_with_who_when_and_comment) {
  Harness h;
  h.inputs.githubEnvironment = "production";
  h.fake.update([](GithubState& s) {
    s.approvals = {GhApproval{"production", "approved", "alice", "ship it"}};
  });
  const GateResult result = confirm(h);
  BOOST_TEST(result.passed);
  BOOST_TEST(result.row.gate == "User Confirmation");
  BOOST_TEST(result.row.status == "CONFIRMED");
  BOOST_TEST(result.row.notes ==
             "approved by @alice for environment production (review of run 1000, seen "
             "2026-04-03T21:30:00Z): \"ship it\"");
  BOOST_TEST(h.fake.count("GET", "/actions/runs/1000/approvals") == 1u);
}

BOOST_AUTO_TEST_CASE(rejected_review_fails) {
  Harness h;
  h.context.eventName = "workflow_dispatch";
  h.inputs.confirm = "shop";  // a rejection is final even with the dispatch input
  h.fake.update([](GithubState& s) {
    s.approvals = {GhApproval{"prod", "rejected", "bob", "not today"}};
  });
  const GateResult result = confirm(h);
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.row.status == "FAIL");
  BOOST_TEST(result.row.notes == "rejected by @bob for environment prod: \"not today\"");
}

BOOST_AUTO_TEST_CASE(no_approval_on_push_fails_explaining_both_ways) {
  Harness h;
  const GateResult result = confirm(h);
  BOOST_TEST(!result.passed);
  BOOST_TEST(has(result.row.notes, "no approved review of this run"));
  BOOST_TEST(has(result.row.notes, "required reviewers"));
  BOOST_TEST(has(result.row.notes, "workflow_dispatch and the input confirm=shop"));
  BOOST_TEST(has(result.row.notes, "public repositories and on GitHub Enterprise plans"));
}

BOOST_AUTO_TEST_CASE(approval_for_another_environment_does_not_count) {
  Harness h;
  h.fake.update([](GithubState& s) {
    s.approvals = {GhApproval{"staging", "approved", "alice", ""}};
  });
  const GateResult result = confirm(h);
  BOOST_TEST(!result.passed);
  BOOST_TEST(has(result.row.notes, "reviews for other environments do not count: staging"));
}

BOOST_AUTO_TEST_CASE(dispatch_confirmation_right_records_the_triggering_actor) {
  Harness h;
  h.context.eventName = "workflow_dispatch";
  h.context.triggeringActor = "dave";
  h.inputs.confirm = "shop";
  const GateResult result = confirm(h);
  BOOST_TEST(result.passed);
  BOOST_TEST(result.row.status == "CONFIRMED");
  BOOST_TEST(result.row.notes ==
             "workflow_dispatch confirm=shop by @dave (run 1000, 2026-04-03T21:30:00Z)");
}

BOOST_AUTO_TEST_CASE(dispatch_confirmation_wrong_fails) {
  Harness h;
  h.context.eventName = "workflow_dispatch";
  h.inputs.confirm = "shop-staging";
  const GateResult result = confirm(h);
  BOOST_TEST(!result.passed);
  BOOST_TEST(has(result.row.notes,
                 "confirm input \"shop-staging\" does not match the prod app_name \"shop\""));
  BOOST_TEST(has(result.row.notes, "required reviewers"));
}

BOOST_AUTO_TEST_CASE(confirm_input_outside_dispatch_does_not_count) {
  Harness h;
  h.inputs.confirm = "shop";
  const GateResult result = confirm(h);
  BOOST_TEST(!result.passed);
  BOOST_TEST(has(result.row.notes, "the confirm input counts only on workflow_dispatch"));
}

BOOST_AUTO_TEST_CASE(unreadable_approvals_fall_back_to_dispatch_and_say_why) {
  Harness h;
  h.context.eventName = "workflow_dispatch";
  h.inputs.confirm = "shop";
  h.fake.script("GET", "/approvals",
                ServerResponse{403, {}, R"({"message":"Resource not accessible by integration"})"});
  const GateResult result = confirm(h);
  BOOST_TEST(result.passed);
  BOOST_TEST(h.log.contains("cannot read this run's approvals"));
  BOOST_TEST(h.log.contains("permissions block in docs/GITHUB.md"));
}

BOOST_AUTO_TEST_CASE(only_the_jobs_own_github_environment_counts) {
  BOOST_TEST(github::environmentMatches("prod", "prod"));
  BOOST_TEST(github::environmentMatches("PROD", "prod"));  // GitHub's names ignore case
  BOOST_TEST(!github::environmentMatches("production", "prod"));
  BOOST_TEST(!github::environmentMatches("prod-preview", "prod"));
  BOOST_TEST(!github::environmentMatches("shop", "prod"));
  BOOST_TEST(!github::environmentMatches("", "prod"));
  Inputs inputs;
  BOOST_TEST(github::githubEnvironmentFor(inputs, "prod") == "prod");
  inputs.githubEnvironment = "production";
  BOOST_TEST(github::githubEnvironmentFor(inputs, "prod") == "production");
}

BOOST_AUTO_TEST_CASE(an_approval_by_the_triggering_actor_is_recorded_as_self_approval) {
  Harness h;
  h.context.triggeringActor = "carol";
  h.fake.update([](GithubState& s) {
    s.approvals = {GhApproval{"prod", "approved", "Carol", ""}};
  });
  const GateResult result = confirm(h);
  BOOST_TEST(result.passed);
  BOOST_TEST(has(result.row.notes, "; SELF-APPROVED: @Carol triggered this run and approved it"),
             result.row.notes);
}

BOOST_AUTO_TEST_CASE(a_prod_preview_approval_does_not_confirm_prod) {
  Harness h;
  h.fake.update([](GithubState& s) {
    s.approvals = {GhApproval{"prod-preview", "approved", "alice", ""}};
  });
  const GateResult result = confirm(h);
  BOOST_TEST(!result.passed);
  BOOST_TEST(has(result.row.notes,
                 "no approved review of this run for environment prod (reviews "
                 "for other environments do not count: prod-preview)"),
             result.row.notes);
}

BOOST_AUTO_TEST_SUITE_END()
