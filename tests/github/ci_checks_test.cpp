#include <boost/test/unit_test.hpp>

#include "github/ci_checks.hpp"

using namespace fd::github;

namespace {

CheckRun run(std::int64_t id, const std::string& name, const std::string& conclusion,
             const std::string& startedAt, const std::string& status = "completed") {
  CheckRun run;
  run.id = id;
  run.name = name;
  run.status = status;
  run.conclusion = conclusion;
  run.startedAt = StartTime(startedAt);
  return run;
}

CheckFilter filter(std::vector<std::string> ignore, std::vector<std::string> required) {
  auto parsed = CheckFilter::parse(ignore, required);
  BOOST_REQUIRE(parsed.ok());
  return *parsed;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ci_checks)

BOOST_AUTO_TEST_CASE(latest_per_name_prefers_newest_start_then_id_and_unstarted_reruns) {
  const auto latest = latestPerName({run(1, "test", "failure", "2026-04-03T10:00:00Z"),
                                     run(5, "test", "success", "2026-04-03T11:00:00Z"),
                                     run(2, "lint", "failure", "2026-04-03T10:00:00Z"),
                                     run(3, "lint", "success", "2026-04-03T10:00:00Z"),
                                     run(4, "e2e", "failure", "2026-04-03T10:00:00Z"),
                                     run(9, "e2e", "", "", "queued")});
  BOOST_REQUIRE(latest.size() == 3u);
  for (const CheckRun& each : latest) {
    if (each.name == "test") BOOST_TEST(each.id == 5);
    if (each.name == "lint") BOOST_TEST(each.id == 3);
    if (each.name == "e2e") BOOST_TEST(each.id == 9);
  }
}

BOOST_AUTO_TEST_CASE(belongs_to_run_by_job_id_or_actions_app_and_url_on_this_server) {
  const RunIdentity run1000{"https://github.com", "o", "r", "1000"};
  CheckRun own = run(77, "Deploy (prod, eu)", "", "", "in_progress");
  own.setDetailsUrl("https://github.com/o/r/actions/runs/1000/job/77");
  own.appSlug = kActionsAppSlug;
  BOOST_TEST(belongsToRun(own, run1000, {}));
  // a prefix of another run id is not this run
  BOOST_TEST(!belongsToRun(own, RunIdentity{"https://github.com", "o", "r", "100"}, {}));
  // another server, another repository
  BOOST_TEST(!belongsToRun(own, RunIdentity{"https://ghe.example.test", "o", "r", "1000"}, {}));
  CheckRun elsewhere = own;
  elsewhere.setDetailsUrl("https://evil.example.test/o/r/actions/runs/1000/job/77");
  BOOST_TEST(!belongsToRun(elsewhere, run1000, {}));
  // a third-party app whose URL points into the run is not this run's
  CheckRun thirdParty = own;
  thirdParty.appSlug = "evil-ci";
  BOOST_TEST(!belongsToRun(thirdParty, run1000, {}));
  // the run id must end where the URL, a path or a query does
  CheckRun glued = own;
  glued.setDetailsUrl("https://github.com/o/r/actions/runs/1000x/job/77");
  BOOST_TEST(!belongsToRun(glued, run1000, {}));
  CheckRun longer = own;
  longer.setDetailsUrl("https://github.com/o/r/actions/runs/10001");
  BOOST_TEST(!belongsToRun(longer, run1000, {}));
  CheckRun query = own;
  query.setDetailsUrl("https://github.com/o/r/actions/runs/1000?check_suite_focus=true");
  BOOST_TEST(belongsToRun(query, run1000, {}));
  CheckRun noUrl = run(78, "x", "", "", "in_progress");
  BOOST_TEST(belongsToRun(noUrl, run1000, {78}));
  BOOST_TEST(!belongsToRun(noUrl, run1000, {79}));
}

BOOST_AUTO_TEST_CASE(start_times_order_as_their_text_and_unstarted_is_latest) {
  const StartTime usual("2026-04-03T10:00:00Z");
  BOOST_TEST(usual.text() == "2026-04-03T10:00:00Z");
  BOOST_TEST(StartTime("0001-01-01T00:00:00Z").text() == "0001-01-01T00:00:00Z");
  BOOST_TEST((usual < StartTime("2026-04-03T10:00:01Z")));
  BOOST_TEST((StartTime("2025-12-31T23:59:59Z") < usual));
  // another form is kept as text and compared as text, against the usual form too
  const StartTime fraction("2026-04-03T10:00:00.5Z");
  BOOST_TEST(fraction.text() == "2026-04-03T10:00:00.5Z");
  BOOST_TEST((fraction < usual));  // '.' sorts before 'Z', as the text does
  BOOST_TEST((fraction < StartTime("2026-04-03T10:00:01Z")));
  BOOST_TEST((StartTime("2026-04-03T10:00:00Z") == usual));
  BOOST_TEST((usual < StartTime()));
  BOOST_TEST((StartTime("garbage") < StartTime()));
  BOOST_TEST(!StartTime().started());
  BOOST_TEST(StartTime().text().empty());
}

BOOST_AUTO_TEST_CASE(a_reduced_check_run_shares_repeated_text) {
  CheckRun a = run(1, "a-long-check-name-of-thirty-two-b", "success", "2026-04-03T10:00:00Z");
  CheckRun b = run(2, "b", "success", "2026-04-03T10:00:00Z");
  BOOST_TEST((a.conclusion == b.conclusion));
  BOOST_TEST(&a.conclusion.str() == &b.conclusion.str());
  BOOST_TEST(heldBytes(b) == 0u);             // a short name is in place; the rest is shared
  BOOST_TEST(heldBytes(a) >= a.name.size());  // a long name is the check run's own
}

BOOST_AUTO_TEST_CASE(latest_per_name_is_kept_per_app) {
  CheckRun ours = run(1, "test", "failure", "2026-04-03T10:00:00Z");
  ours.appSlug = kActionsAppSlug;
  CheckRun theirs = run(2, "test", "success", "2026-04-03T11:00:00Z");
  theirs.appSlug = "other-ci";
  const auto latest = latestPerName({ours, theirs});
  BOOST_TEST(latest.size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_required_check_must_conclude_success) {
  CiSnapshot snapshot;
  snapshot.items.push_back(itemForCheckRun(run(1, "build", "success", "t")));
  snapshot.items.push_back(itemForCheckRun(run(2, "e2e", "skipped", "t")));
  const auto verdict = evaluate(snapshot, filter({}, {"e2e"}));
  BOOST_TEST(static_cast<int>(verdict.outcome) == static_cast<int>(CiVerdict::Outcome::Fail));
  BOOST_TEST(verdict.notes ==
             "1 passed, 1 failed: e2e (skipped; a required check must conclude success)");
  // not required: skipped passes
  BOOST_TEST(static_cast<int>(evaluate(snapshot, filter({}, {})).outcome) ==
             static_cast<int>(CiVerdict::Outcome::Pass));
}

BOOST_AUTO_TEST_CASE(verdicts_and_notes) {
  CiSnapshot snapshot;
  for (int i = 0; i < 12; ++i)
    snapshot.items.push_back(itemForCheckRun(run(i, "c" + std::to_string(i), "success", "t")));
  snapshot.items.push_back(itemForCheckRun(run(20, "lint", "failure", "t")));
  const auto verdict = evaluate(snapshot, filter({}, {"e2e"}));
  BOOST_TEST(static_cast<int>(verdict.outcome) == static_cast<int>(CiVerdict::Outcome::Fail));
  BOOST_TEST(verdict.notes == "12 passed, 1 failed: lint (failure); missing: e2e");
}

BOOST_AUTO_TEST_CASE(green_conclusions_pass_others_fail) {
  for (const char* green : {"success", "neutral", "skipped"}) {
    BOOST_TEST(static_cast<int>(itemForCheckRun(run(1, "a", green, "t")).state) ==
               static_cast<int>(CheckItem::State::Passed));
  }
  for (const char* red : {"failure", "cancelled", "timed_out", "action_required", "stale", ""}) {
    BOOST_TEST(static_cast<int>(itemForCheckRun(run(1, "a", red, "t")).state) ==
                   static_cast<int>(CheckItem::State::Failed),
               red);
  }
  BOOST_TEST(static_cast<int>(itemForStatus("ci", "error").state) ==
             static_cast<int>(CheckItem::State::Failed));
  BOOST_TEST(static_cast<int>(itemForStatus("ci", "pending").state) ==
             static_cast<int>(CheckItem::State::Pending));
}

BOOST_AUTO_TEST_CASE(zero_checks_or_all_ignored_never_pass) {
  BOOST_TEST(static_cast<int>(evaluate({}, filter({}, {})).outcome) ==
             static_cast<int>(CiVerdict::Outcome::Pending));
  CiSnapshot snapshot;
  snapshot.items.push_back(itemForCheckRun(run(1, "docs", "failure", "t")));
  BOOST_TEST(static_cast<int>(evaluate(snapshot, filter({"docs"}, {})).outcome) ==
             static_cast<int>(CiVerdict::Outcome::Pending));
}

BOOST_AUTO_TEST_CASE(ignore_by_name_and_regex_required_wins) {
  CiSnapshot snapshot;
  snapshot.items.push_back(itemForCheckRun(run(1, "build", "success", "t")));
  snapshot.items.push_back(itemForCheckRun(run(2, "preview-deploy", "failure", "t")));
  snapshot.items.push_back(itemForCheckRun(run(3, "codecov/patch", "failure", "t")));
  const auto verdict = evaluate(snapshot, filter({"/^preview-/", "codecov/patch"}, {"build"}));
  BOOST_TEST(static_cast<int>(verdict.outcome) == static_cast<int>(CiVerdict::Outcome::Pass));
  BOOST_TEST(verdict.notes == "1 passed; ignored: preview-deploy, codecov/patch");
  BOOST_TEST(!filter({"/build/"}, {"build"}).ignored("build"));
}

BOOST_AUTO_TEST_CASE(invalid_regex_names_the_input) {
  const auto parsed = CheckFilter::parse({"/([/"}, {});
  BOOST_REQUIRE(!parsed.ok());
  BOOST_TEST(parsed.message().find("ignore-checks: /([/") == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
