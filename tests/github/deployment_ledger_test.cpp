#include <rapidjson/document.h>
#include <boost/test/unit_test.hpp>

#include "core/deploy_record.hpp"
#include "github/deployment_ledger.hpp"
#include "github/json_fields.hpp"
#include "harness.hpp"

using namespace fd;
using namespace fd::test;

namespace {

// One of this action's deployments (task and payload marked) with the given statuses, oldest
// first; `runId` goes into its payload.
GhDeployment deployment(std::int64_t id, const std::string& sha, const std::string& environment,
                        std::vector<std::string> states, const std::string& runId = "900") {
  GhDeployment made = FakeGithub::factoryDeployment(id, sha, environment, runId, "in_progress");
  made.statuses.clear();
  made.createdAt = "2026-04-0" + std::to_string(id % 9 + 1) + "T10:00:00Z";
  std::int64_t statusId = id * 10;
  for (const std::string& state : states) {
    GhDeploymentStatus status;
    status.id = ++statusId;
    status.state = state;
    status.createdAt = made.createdAt;
    made.statuses.push_back(status);
  }
  return made;
}

DeployRecord record(DeployStatus status) {
  DeployRecord made;
  made.status = status;
  made.fullSha = kSha;
  made.environment = "prod";
  return made;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(deployment_ledger)

BOOST_AUTO_TEST_CASE(create_deployment_and_move_it_through_statuses) {
  Harness h;
  github::GithubDeploymentLedger ledger(h.context, h.inputs, h.client(), h.log);
  const auto id = ledger.begin(h.deployContext());
  FD_REQUIRE_OK(id);
  BOOST_TEST(!id->empty());
  BOOST_TEST(ledger.finish(h.deployContext(), record(DeployStatus::Success)).ok());

  const GithubState state = h.fake.state();
  BOOST_REQUIRE(state.deployments.size() == 1u);
  const GhDeployment& made = state.deployments[0];
  BOOST_TEST(std::to_string(made.id) == *id);
  rapidjson::Document body;
  body.Parse(made.requestBody.c_str());
  BOOST_TEST(body["ref"].GetString() == kSha);
  BOOST_TEST(body["environment"].GetString() == std::string("prod"));
  BOOST_TEST(body["auto_merge"].GetBool() == false);
  BOOST_TEST(body["required_contexts"].IsArray());
  BOOST_TEST(body["required_contexts"].Size() == 0u);
  BOOST_TEST(body["production_environment"].GetBool() == true);
  BOOST_TEST(body["transient_environment"].GetBool() == false);
  BOOST_REQUIRE(made.statuses.size() == 2u);
  BOOST_TEST(made.statuses[0].state == "in_progress");
  BOOST_TEST(made.statuses[0].logUrl == "https://github.com/octo/shop/actions/runs/1000");
  BOOST_TEST(made.statuses[0].environmentUrl == "https://shop.fly.dev");
  BOOST_TEST(made.statuses[1].state == "success");
  BOOST_TEST(made.statuses[1].autoInactive);
  BOOST_TEST(made.statuses[1].description == "verified: deployed 1111111 to prod");
  // The mark: this action's task and payload, naming the run.
  BOOST_TEST(body["task"].GetString() == std::string("deploy:factory"));
  const auto& payload = body["payload"]["factory_deploy"];
  BOOST_TEST(payload["schema"].GetInt() == 1);
  BOOST_TEST(payload["kind"].GetString() == std::string("deploy"));
  BOOST_TEST(payload["version"].GetString() == std::string("1111111"));
  BOOST_TEST(payload["run_id"].GetString() == std::string("1000"));
  BOOST_TEST(payload["run_attempt"].GetString() == std::string("1"));
  BOOST_TEST(payload["actor"].GetString() == std::string("carol"));
  const auto entries = ledger.successful("prod");
  FD_REQUIRE_OK(entries);
  BOOST_TEST(entries->size() == 1u);  // and it reads back as ours
}

BOOST_AUTO_TEST_CASE(github_created_and_foreign_deployments_do_not_count) {
  Harness h;
  h.fake.update([](GithubState& s) {
    s.deployments = {FakeGithub::environmentJobDeployment(1, kSha, "staging", "77", 5, "success")};
    GhDeployment foreign = deployment(10, kSha, "staging", {"success"});
    foreign.task = "deploy";  // another tool with deployments: write, our payload copied
    s.deployments.push_back(foreign);
    GhDeployment wrongSchema = deployment(20, kSha, "staging", {"success"});
    wrongSchema.payload = R"({"factory_deploy":{"schema":2}})";
    s.deployments.push_back(wrongSchema);
  });
  github::GithubDeploymentLedger ledger(h.context, h.inputs, h.client(), h.log);
  const auto entries = ledger.successful("staging");
  FD_REQUIRE_OK(entries);
  BOOST_TEST(entries->empty());
  BOOST_TEST(h.fake.count("GET", "/statuses") == 0u);  // not ours: statuses never read
}

BOOST_AUTO_TEST_CASE(another_runs_deploy_in_progress_refuses_and_closes_our_claim) {
  Harness h;
  h.fake.update([](GithubState& s) {
    s.deployments = {deployment(5, kPrHead, "prod", {"in_progress"}, "999")};
    GhWorkflowRun other;
    other.id = 999;
    other.status = "in_progress";
    s.workflowRuns = {other};
  });
  github::GithubDeploymentLedger ledger(h.context, h.inputs, h.client(), h.log);
  const auto id = ledger.begin(h.deployContext());
  BOOST_REQUIRE(!id.ok());
  BOOST_TEST(static_cast<int>(id.code()) == static_cast<int>(ErrorCode::Aborted));
  BOOST_TEST(id.message().find("another deploy to prod is in progress: deployment 5 of 2222222 by "
                               "run 999 (@carol), since 2026-04-06T10:00:00Z; nothing was "
                               "deployed") == 0u,
             id.message());
  const GithubState state = h.fake.state();
  BOOST_REQUIRE(state.deployments.size() == 2u);
  BOOST_TEST(state.deployments[1].statuses.back().state == "error");
  BOOST_TEST(state.deployments[0].statuses.back().state == "in_progress");  // untouched
}

BOOST_AUTO_TEST_CASE(a_younger_claim_yields_and_a_dead_runs_claim_is_ignored) {
  Harness h;
  h.fake.update([](GithubState& s) {
    // A claim that never finished: its run has completed (the runner died mid-deploy).
    s.deployments = {deployment(5, kPrHead, "prod", {"in_progress"}, "998")};
    GhWorkflowRun dead;
    dead.id = 998;
    dead.status = "completed";
    dead.conclusion = "cancelled";
    s.workflowRuns = {dead};
  });
  github::GithubDeploymentLedger ledger(h.context, h.inputs, h.client(), h.log);
  const auto id = ledger.begin(h.deployContext());
  FD_REQUIRE_OK(id);
  BOOST_TEST(h.log.contains("deployment 5 of run 998 never finished"));
  // A later run that started while this one deploys yields to it (the older claim wins).
  Harness later;
  later.context.runId = "1001";
  github::GithubDeploymentLedger second(later.context, later.inputs, h.client(), later.log);
  const auto yielded = second.begin(later.deployContext());
  BOOST_REQUIRE(!yielded.ok());
  BOOST_TEST(yielded.message().find("deployment " + *id) != std::string::npos, yielded.message());
}

BOOST_AUTO_TEST_CASE(staging_is_not_a_production_environment) {
  Harness h;
  h.inputs.environment = Target::Staging;
  h.env.name = "staging";
  github::GithubDeploymentLedger ledger(h.context, h.inputs, h.client(), h.log);
  FD_REQUIRE_OK(ledger.begin(h.deployContext()));
  const GithubState state = h.fake.state();
  BOOST_TEST(state.deployments.at(0).environment == "staging");
  BOOST_TEST(!state.deployments.at(0).productionEnvironment);
}

BOOST_AUTO_TEST_CASE(rollback_marks_failure_and_says_so) {
  Harness h;
  github::GithubDeploymentLedger ledger(h.context, h.inputs, h.client(), h.log);
  FD_REQUIRE_OK(ledger.begin(h.deployContext()));
  DeployRecord rolledBack = record(DeployStatus::RolledBack);
  rolledBack.failedStep = "verify";
  rolledBack.rollback.previousVersion = "3333333333333333333333333333333333333333";
  BOOST_TEST(ledger.finish(h.deployContext(), rolledBack).ok());
  const auto status = h.fake.state().deployments.at(0).statuses.back();
  BOOST_TEST(status.state == "failure");
  BOOST_TEST(status.description == "1111111 failed at verify and was rolled back to 3333333");
  BOOST_TEST(!status.autoInactive);
}

BOOST_AUTO_TEST_CASE(failed_rollback_is_an_error_and_plain_failure_is_failure) {
  Harness h;
  github::GithubDeploymentLedger ledger(h.context, h.inputs, h.client(), h.log);
  FD_REQUIRE_OK(ledger.begin(h.deployContext()));
  DeployRecord broken = record(DeployStatus::Failed);
  broken.rollbackFailed = true;
  broken.failedStep = "verify";
  BOOST_TEST(ledger.finish(h.deployContext(), broken).ok());
  BOOST_TEST(h.fake.state().deployments.at(0).statuses.back().state == "error");

  Harness other;
  github::GithubDeploymentLedger second(other.context, other.inputs, other.client(), other.log);
  FD_REQUIRE_OK(second.begin(other.deployContext()));
  DeployRecord failed = record(DeployStatus::Failed);
  failed.failedStep = "deploy";
  BOOST_TEST(second.finish(other.deployContext(), failed).ok());
  const auto status = other.fake.state().deployments.at(0).statuses.back();
  BOOST_TEST(status.state == "failure");
  BOOST_TEST(status.description == "1111111 failed at deploy");
}

BOOST_AUTO_TEST_CASE(descriptions_stay_within_140_characters) {
  const std::string longText(300, 'x');
  BOOST_TEST(github::deploymentDescription(longText).size() == 140u);
  BOOST_TEST(github::deploymentDescription("short") == "short");
  const std::string accents = std::string(136, 'a') + "\xc3\xa9\xc3\xa9\xc3\xa9";  // é×3
  const std::string cut = github::deploymentDescription(accents);
  BOOST_TEST(cut.size() <= 140u);
  BOOST_TEST(cut.substr(cut.size() - 3) == "...");
  BOOST_TEST(cut.find('\xc3', 136) == std::string::npos);  // no half character left
}

BOOST_AUTO_TEST_CASE(create_deployment_false_writes_nothing_but_still_reads) {
  Harness h;
  h.inputs.createDeployment = false;
  h.fake.update([](GithubState& s) {
    s.deployments = {deployment(1, "3333333333333333333333333333333333333333", "prod",
                                {"in_progress", "success"})};
  });
  github::GithubDeploymentLedger ledger(h.context, h.inputs, h.client(), h.log);
  const auto id = ledger.begin(h.deployContext());
  FD_REQUIRE_OK(id);
  BOOST_TEST(id->empty());
  BOOST_TEST(ledger.finish(h.deployContext(), record(DeployStatus::Success)).ok());
  BOOST_TEST(h.fake.count("POST", "/deployments") == 0u);
  const auto entries = ledger.successful("prod");
  FD_REQUIRE_OK(entries);
  BOOST_TEST(entries->size() == 1u);
}

BOOST_AUTO_TEST_CASE(previous_version_is_the_last_successful_deployment) {
  Harness h;
  const std::string older = "3333333333333333333333333333333333333333";
  const std::string newer = "4444444444444444444444444444444444444444";
  const std::string failed = "5555555555555555555555555555555555555555";
  h.fake.update([&](GithubState& s) {
    s.deployments = {deployment(1, older, "prod", {"in_progress", "success", "inactive"}),
                     deployment(2, newer, "prod", {"in_progress", "success"}),
                     deployment(3, failed, "prod", {"in_progress", "failure"}),
                     deployment(4, kSha, "staging", {"success"})};
  });
  github::GithubDeploymentLedger ledger(h.context, h.inputs, h.client(), h.log);
  const auto entries = ledger.successful("prod");
  FD_REQUIRE_OK(entries);
  BOOST_REQUIRE(entries->size() == 2u);
  BOOST_TEST(entries->at(0).sha == newer);  // newest first: the previous version
  BOOST_TEST(entries->at(0).status == "SUCCESS");
  BOOST_TEST(entries->at(0).environment == "prod");
  BOOST_TEST(entries->at(0).id == "2");
  BOOST_TEST(entries->at(1).sha == older);  // inactive later, but it did succeed
  BOOST_TEST(h.fake.requests().front().uri.find("environment=prod") != std::string::npos);
}

// The ledger is read several times per prod run: the second read is answered by 304s, gives the
// same entries, and the ETag cache holds the reduced deployments, not GitHub's bodies
// (kLedgerDepth, 30, deployments are read).
BOOST_AUTO_TEST_CASE(a_second_read_is_answered_from_the_reduced_cache) {
  Harness h;
  h.fake.update([&](GithubState& s) {
    for (std::int64_t id = 1; id <= 30; ++id) {
      s.deployments.push_back(deployment(id, kSha, "prod", {"in_progress", "success"}));
    }
  });
  github::GithubDeploymentLedger ledger(h.context, h.inputs, h.client(), h.log);
  const auto first = ledger.successful("prod");
  FD_REQUIRE_OK(first);
  BOOST_REQUIRE(first->size() == 30u);
  const std::size_t bodies = h.fake.served().size();
  const auto second = ledger.successful("prod");
  FD_REQUIRE_OK(second);
  BOOST_REQUIRE(second->size() == 30u);
  for (std::size_t i = 0; i < first->size(); ++i) {
    BOOST_TEST(second->at(i).id == first->at(i).id);
    BOOST_TEST(second->at(i).sha == first->at(i).sha);
    BOOST_TEST(second->at(i).time == first->at(i).time);
  }
  BOOST_TEST(h.fake.countStatus("/deployments", 304) == 31u);  // the list and 30 statuses
  BOOST_TEST(h.fake.served().size() == 2 * bodies);
  // What the cache would hold with whole bodies: the same answers read unreduced.
  github::RestClient plain({h.context.apiUrl, h.inputs.githubToken}, h.http, h.clock, h.random,
                           h.log);
  const std::string repo = "/repos/" + h.context.owner + "/" + h.context.repo;
  FD_REQUIRE_OK(
      plain.get(repo + "/deployments?environment=prod&task=deploy%3Afactory&per_page=100"));
  for (std::int64_t id = 1; id <= 30; ++id) {
    FD_REQUIRE_OK(
        plain.get(repo + "/deployments/" + std::to_string(id) + "/statuses?per_page=100"));
  }
  const std::size_t bodyBytes = plain.cachedBytes();
  BOOST_TEST(h.client().cachedBytes() * 5 < bodyBytes,
             h.client().cachedBytes() << " bytes cached reduced, " << bodyBytes << " as bodies");
}

// The ledger's defences, each one a way a forged or broken answer could otherwise satisfy the
// promotion chain or open the deploy lock (docs/THREAT-MODEL.md G27).
BOOST_AUTO_TEST_CASE(a_deployment_whose_statuses_are_not_a_list_does_not_count) {
  Harness h;
  h.fake.update([&](GithubState& s) {
    s.deployments = {deployment(1, kSha, "staging", {"in_progress", "success"})};
  });
  h.fake.script("GET", "/deployments/1/statuses",
                ServerResponse{200, {}, R"({"state": "success"})"});
  github::GithubDeploymentLedger ledger(h.context, h.inputs, h.client(), h.log);
  const auto staging = ledger.successful("staging");
  FD_REQUIRE_OK(staging);
  BOOST_TEST(staging->empty());  // no state could be read: not a success
}

BOOST_AUTO_TEST_CASE(a_deployments_answer_that_is_not_a_list_is_an_error_and_locks_the_deploy) {
  Harness h;
  h.fake.script("GET", "/deployments", ServerResponse{200, {}, R"({"deployments": []})"});
  github::GithubDeploymentLedger ledger(h.context, h.inputs, h.client(), h.log);
  const auto entries = ledger.successful("prod");
  BOOST_REQUIRE(!entries.ok());
  BOOST_TEST(entries.message() == "GitHub's deployments of prod are not a list");

  Harness second;  // the claim check: an unreadable list never reads as "nobody is deploying"
  second.fake.script("GET", "/deployments", ServerResponse{200, {}, R"({"deployments": []})"});
  github::GithubDeploymentLedger claim(second.context, second.inputs, second.client(), second.log);
  const auto begun = claim.begin(second.deployContext());
  BOOST_REQUIRE(!begun.ok());
  BOOST_TEST(begun.message() ==
             "cannot tell whether another deploy to prod is in progress: GitHub's deployments of "
             "prod are not a list");
}

BOOST_AUTO_TEST_CASE(only_the_newest_deployments_are_examined_ours_or_not) {
  Harness h;
  const std::string old = "3333333333333333333333333333333333333333";
  h.fake.update([&](GithubState& s) {
    s.deployments = {deployment(1, old, "prod", {"in_progress", "success"})};
    for (std::int64_t id = 2; id <= 1 + static_cast<std::int64_t>(github::kLedgerDepth); ++id) {
      GhDeployment unmarked = deployment(id, kSha, "prod", {"in_progress", "success"});
      unmarked.payload = "{}";  // our task, but no mark: not ours, yet it takes a place
      s.deployments.push_back(unmarked);
    }
  });
  github::GithubDeploymentLedger ledger(h.context, h.inputs, h.client(), h.log);
  const auto entries = ledger.successful("prod");
  FD_REQUIRE_OK(entries);
  BOOST_TEST(entries->empty());  // ours is the 31st listed: beyond kLedgerDepth
}

BOOST_AUTO_TEST_CASE(a_deployment_is_active_only_while_its_newest_status_is_success) {
  Harness h;
  const std::string older = "3333333333333333333333333333333333333333";
  h.fake.update([&](GithubState& s) {
    GhDeployment retired = deployment(1, older, "prod", {"in_progress", "success", "inactive"});
    retired.productionEnvironment = true;
    s.deployments = {retired};
  });
  github::GithubDeploymentLedger ledger(h.context, h.inputs, h.client(), h.log);
  FD_REQUIRE_OK(ledger.begin(h.deployContext()));
  BOOST_TEST(ledger.finish(h.deployContext(), record(DeployStatus::Success)).ok());
  // Already inactive: nothing more is posted to it.
  BOOST_TEST(h.fake.count("POST", "/deployments/1/statuses") == 0u);
  BOOST_TEST(h.fake.state().deployments.at(0).statuses.size() == 3u);
}

BOOST_AUTO_TEST_CASE(promotion_chain_satisfied_or_not) {
  Harness h;
  h.fake.update([](GithubState& s) {
    s.deployments = {deployment(1, kSha, "staging", {"in_progress", "success"}),
                     deployment(2, kPrHead, "staging", {"in_progress", "failure"})};
  });
  github::GithubDeploymentLedger ledger(h.context, h.inputs, h.client(), h.log);
  const auto staging = ledger.successful("staging");
  FD_REQUIRE_OK(staging);
  const auto deployed = [&](const std::string& sha) {
    return std::any_of(staging->begin(), staging->end(),
                       [&](const LedgerEntry& e) { return e.sha == sha; });
  };
  BOOST_TEST(deployed(kSha));      // satisfied: staging deployed it successfully
  BOOST_TEST(!deployed(kPrHead));  // not: staging's deploy of it failed
  const auto alpha = ledger.successful("alpha");
  FD_REQUIRE_OK(alpha);
  BOOST_TEST(alpha->empty());
}

BOOST_AUTO_TEST_CASE(prod_success_retires_older_active_prod_deployments_only) {
  Harness h;
  const std::string older = "3333333333333333333333333333333333333333";
  h.fake.update([&](GithubState& s) {
    GhDeployment previous = deployment(1, older, "prod", {"in_progress", "success"});
    previous.productionEnvironment = true;
    s.deployments = {previous};
  });
  github::GithubDeploymentLedger ledger(h.context, h.inputs, h.client(), h.log);
  FD_REQUIRE_OK(ledger.begin(h.deployContext()));
  BOOST_TEST(ledger.finish(h.deployContext(), record(DeployStatus::Success)).ok());
  const GithubState state = h.fake.state();
  BOOST_TEST(state.deployments.at(0).statuses.back().state == "inactive");
  BOOST_TEST(state.deployments.at(1).statuses.back().state == "success");
  const auto entries = ledger.successful("prod");
  FD_REQUIRE_OK(entries);
  BOOST_REQUIRE(entries->size() == 2u);
  BOOST_TEST(entries->at(0).sha == kSha);

  // A newer deployment (a later deploy that is live) is never retired by an older one.
  Harness second;
  second.fake.update([&](GithubState& s) {
    s.deployments = {deployment(1, older, "prod", {"in_progress", "success"}),
                     deployment(2000000, kPrHead, "prod", {"in_progress", "success"}, "1002")};
  });
  github::GithubDeploymentLedger slow(second.context, second.inputs, second.client(), second.log);
  FD_REQUIRE_OK(slow.begin(second.deployContext()));
  BOOST_TEST(slow.finish(second.deployContext(), record(DeployStatus::Success)).ok());
  const GithubState after = second.fake.state();
  BOOST_TEST(after.deployments.at(1).statuses.back().state == "success");  // B stays active
  BOOST_TEST(after.deployments.at(0).statuses.back().state == "inactive");
}

// A 502 to the create may hide a deployment GitHub made: the ledger looks (by this attempt's
// marker in the payload) before it creates one again.
BOOST_AUTO_TEST_CASE(a_lost_answer_to_the_create_is_followed_by_a_look_before_a_second_create) {
  Harness h;
  h.fake.script("POST", "/deployments", FakeGithub::badGateway());
  github::GithubDeploymentLedger ledger(h.context, h.inputs, h.client(), h.log);
  FD_REQUIRE_OK(ledger.begin(h.deployContext()));
  std::size_t creates = 0;
  std::size_t looks = 0;
  for (const ServerRequest& request : h.fake.requests()) {
    if (request.method == "POST" && request.path() == "/repos/octo/shop/deployments") ++creates;
    if (request.method == "GET" &&
        request.uri.find("/deployments?sha=" + kSha) != std::string::npos)
      ++looks;
  }
  BOOST_TEST(creates == 2u);
  BOOST_TEST(looks == 1u);
  const GithubState state = h.fake.state();
  BOOST_REQUIRE(state.deployments.size() == 1u);
  rapidjson::Document payload;
  payload.Parse(state.deployments[0].payload.c_str());
  BOOST_REQUIRE(payload.IsObject());
  BOOST_TEST(github::stringField(payload, "factory_deploy_attempt").rfind("1000.1.", 0) == 0u,
             state.deployments[0].payload);
}

BOOST_AUTO_TEST_CASE(conflict_on_create_is_an_error_naming_the_endpoint) {
  Harness h;
  h.fake.script(
      "POST", "/deployments",
      ServerResponse{409, {}, R"({"message":"Conflict: Commit status checks failed for main."})"});
  github::GithubDeploymentLedger ledger(h.context, h.inputs, h.client(), h.log);
  const auto id = ledger.begin(h.deployContext());
  BOOST_REQUIRE(!id.ok());
  // No claim, no deploy: other runs could not see this one.
  BOOST_TEST(static_cast<int>(id.code()) == static_cast<int>(ErrorCode::Aborted));
  BOOST_TEST(id.message() ==
             "cannot tell whether another deploy to prod is in progress: this run's deployment, "
             "its claim on prod, could not be created (POST /repos/octo/shop/deployments: 409 "
             "Conflict: Conflict: Commit status checks failed for main.); nothing was deployed. "
             "Give the job `deployments: write`, or set `create-deployment: false` to deploy "
             "with no record and no claim");
}

// The claim check's rules, each pinned: another run's claim still deploying blocks (even before
// its first status, or near the horizon, or with a time written another way); a younger claim
// yields; the claim of an attempt its run has re-run has ended.
GhWorkflowRun running(std::int64_t id, int attempt = 1) {
  GhWorkflowRun run;
  run.id = id;
  run.status = "in_progress";
  run.attempt = attempt;
  return run;
}

// Run `run`'s claim on prod, still in progress, of a commit of `digit`s.
GhDeployment claimAt(std::int64_t id, char digit, const std::string& run,
                     const std::string& createdAt) {
  GhDeployment claim =
      FakeGithub::factoryDeployment(id, std::string(40, digit), "prod", run, "in_progress");
  claim.createdAt = createdAt;
  return claim;
}

GhDeployment claimOfRun999(const std::string& createdAt, bool withStatus = true) {
  GhDeployment claim =
      FakeGithub::factoryDeployment(5, std::string(40, '3'), "prod", "999", "in_progress");
  if (!withStatus) claim.statuses.clear();
  claim.createdAt = createdAt;
  return claim;
}

std::string beginMessage(Harness& h) {
  github::GithubDeploymentLedger ledger(h.context, h.inputs, h.client(), h.log);
  const auto begun = ledger.begin(h.deployContext());
  return begun.ok() ? "deploys" : begun.message();
}

BOOST_AUTO_TEST_CASE(a_claim_still_deploying_blocks_in_every_form) {
  const std::vector<std::pair<std::string, GhDeployment>> cases = {
      {"without a status yet", claimOfRun999("2026-04-03T21:29:59Z", false)},
      {"4 days 23 hours old", claimOfRun999("2026-03-29T22:30:00Z")},
      {"a time with an offset", claimOfRun999("2026-04-03T14:29:00-07:00")},
  };
  for (const auto& [what, claim] : cases) {
    Harness h;
    h.fake.update([&claim](GithubState& s) {
      s.deployments = {claim};
      s.workflowRuns = {running(999)};
    });
    BOOST_TEST(beginMessage(h).starts_with("another deploy to prod is in progress: deployment 5 "),
               what);
  }
}

BOOST_AUTO_TEST_CASE(a_younger_claim_yields_to_an_older_one) {
  Harness h;
  h.fake.update([](GithubState& s) {
    s.deployments = {claimAt(2000000, '3', "1001", "2026-04-03T21:30:02Z")};
    s.workflowRuns = {running(1001)};
  });
  BOOST_TEST(beginMessage(h) == "deploys");
  // Its state is not even read.
  BOOST_TEST(h.fake.count("GET", "/deployments/2000000/statuses") == 0u);
}

BOOST_AUTO_TEST_CASE(the_claim_of_an_attempt_its_run_has_rerun_has_ended) {
  Harness h;
  h.fake.update([](GithubState& s) {
    s.deployments = {claimOfRun999("2026-04-03T21:00:00Z")};  // attempt 1's
    s.workflowRuns = {running(999, 2)};
  });
  BOOST_TEST(beginMessage(h) == "deploys");
}

BOOST_AUTO_TEST_CASE(this_runs_earlier_attempt_left_a_claim_that_has_ended) {
  Harness h;
  h.context.runAttempt = "2";
  h.fake.update([](GithubState& s) {
    GhDeployment claim = claimOfRun999("2026-04-03T21:00:00Z");
    claim.payload = R"({"factory_deploy":{"schema":1,"kind":"deploy","version":"3333333",)"
                    R"("run_id":"1000","run_attempt":"1","actor":"carol"}})";
    s.deployments = {claim};
    s.workflowRuns = {running(1000, 2)};
  });
  BOOST_TEST(beginMessage(h) == "deploys");
  BOOST_TEST(h.fake.count("GET", "/actions/runs/1000") == 0u);  // known without asking
}

// A claim whose run the token cannot read (no `actions: read`) is neither taken as ended nor
// reported as a deploy known to run: the refusal says it cannot tell and what to grant.
BOOST_AUTO_TEST_CASE(a_claim_whose_run_cannot_be_read_cannot_be_told_apart) {
  Harness h;
  h.fake.update([](GithubState& s) {
    s.deployments = {claimOfRun999("2026-04-03T21:00:00Z")};
    s.workflowRuns = {running(999)};
  });
  h.fake.script("GET", "/actions/runs/999",
                ServerResponse{403, {}, R"({"message":"Resource not accessible by integration"})"});
  BOOST_TEST(beginMessage(h) ==
             "cannot tell whether another deploy to prod is in progress: deployment 5 claims it "
             "for run 999, whose state cannot be read (GET /repos/octo/shop/actions/runs/999: "
             "403 Forbidden: Resource not accessible by integration (the token lacks a permission: "
             "see the permissions block in docs/GITHUB.md)); nothing was deployed. Give "
             "the job `actions: read`; if run 999 no longer deploys, close it: `gh api "
             "repos/octo/shop/deployments/5/statuses -f state=error -f description='cleared by "
             "hand'`");
  const GhDeploymentStatus closed = h.fake.state().deployments.back().statuses.back();
  BOOST_TEST(closed.description ==
             "not deployed: could not tell whether another deploy to prod was in progress");
}

// A claim known to be deploying is the clearer refusal than one that cannot be read.
BOOST_AUTO_TEST_CASE(a_running_claim_outranks_one_whose_run_cannot_be_read) {
  Harness h;
  h.fake.update([](GithubState& s) {
    s.deployments = {claimOfRun999("2026-04-03T21:00:00Z"),
                     claimAt(6, '4', "998", "2026-04-03T21:10:00Z")};
    s.workflowRuns = {running(999)};
  });
  h.fake.script("GET", "/actions/runs/998",
                ServerResponse{403, {}, R"({"message":"Resource not accessible by integration"})"});
  BOOST_TEST(beginMessage(h).starts_with("another deploy to prod is in progress: deployment 5 "));
}

// A claim without a run id cannot be checked: it holds for the claim window, and the refusal says
// how to retire it by hand.
BOOST_AUTO_TEST_CASE(a_claim_naming_no_run_says_how_to_clear_it) {
  Harness h;
  h.fake.update([](GithubState& s) {
    GhDeployment claim = claimOfRun999("2026-04-03T21:00:00Z");
    claim.payload = R"({"factory_deploy":{"schema":1,"kind":"deploy","version":"3333333",)"
                    R"("actor":"carol"}})";
    s.deployments = {claim};
  });
  const std::string message = beginMessage(h);
  BOOST_TEST(message.starts_with("another deploy to prod is in progress: deployment 5 of 3333333 "
                                 "by run ? (@carol)"),
             message);
  BOOST_TEST(message.ends_with(". It names no run, so it holds until it is older than "
                               "claim-window; if nothing deploys it, close it: `gh api "
                               "repos/octo/shop/deployments/5/statuses -f state=error -f "
                               "description='cleared by hand'`"),
             message);
  // What that command does (a status `error` posted on the claim) lets the next deploy start;
  // `inactive` would not: the ledger reads past it to the `in_progress` before.
  h.fake.update([](GithubState& s) {
    GhDeploymentStatus inactive;
    inactive.id = 71;
    inactive.state = "inactive";
    inactive.createdAt = "2026-04-03T22:00:00Z";
    s.deployments.front().statuses.push_back(inactive);
  });
  BOOST_TEST(beginMessage(h).starts_with("another deploy to prod is in progress: deployment 5 "));
  h.fake.update([](GithubState& s) {
    GhDeploymentStatus cleared;
    cleared.id = 72;
    cleared.state = "error";
    cleared.createdAt = "2026-04-03T22:01:00Z";
    cleared.description = "cleared by hand";
    s.deployments.front().statuses.push_back(cleared);
  });
  BOOST_TEST(beginMessage(h) == "deploys");
}

// A run that cannot be read for another reason than a missing permission (deleted, GitHub
// failing) is "cannot tell" too, without blaming the job's permissions.
BOOST_AUTO_TEST_CASE(a_claim_whose_run_is_gone_cannot_be_told_apart_either) {
  Harness h;
  h.fake.update([](GithubState& s) {
    s.deployments = {claimOfRun999("2026-04-03T21:00:00Z")};  // no run 999: GitHub answers 404
  });
  const std::string message = beginMessage(h);
  BOOST_TEST(message.starts_with("cannot tell whether another deploy to prod is in progress: "
                                 "deployment 5 claims it for run 999, whose state cannot be read "
                                 "(GET /repos/octo/shop/actions/runs/999: 404"),
             message);
  BOOST_TEST(message.ends_with("nothing was deployed. Re-run this job later; if run 999 no longer "
                               "deploys, close it: `gh api repos/octo/shop/deployments/5/statuses "
                               "-f state=error -f description='cleared by hand'`"),
             message);
}

BOOST_AUTO_TEST_CASE(a_refusal_that_cannot_tell_is_recorded_as_such) {
  Harness h;
  h.fake.update([](GithubState& s) { s.deploymentListLag = 2; });
  BOOST_TEST(beginMessage(h).starts_with("cannot tell whether another deploy to prod"));
  const GhDeploymentStatus closed = h.fake.state().deployments.back().statuses.back();
  BOOST_TEST(closed.state == "error");
  BOOST_TEST(closed.description ==
             "not deployed: could not tell whether another deploy to prod was in progress");
}

BOOST_AUTO_TEST_CASE(without_create_deployment_the_log_says_nothing_claims_the_environment) {
  Harness h;
  h.inputs.createDeployment = false;
  BOOST_TEST(beginMessage(h) == "deploys");
  BOOST_TEST(h.fake.count("POST", "/deployments") == 0u);
  const bool warned = std::any_of(h.log.entries.begin(), h.log.entries.end(), [](const auto& e) {
    return e.kind == "warning" &&
           e.text ==
               "create-deployment: false: this deploy makes no claim on prod, so other runs "
               "cannot see it; only a `concurrency:` group per environment keeps two deploys "
               "apart";
  });
  BOOST_TEST(warned);
  github::GithubDeploymentLedger ledger(h.context, h.inputs, h.client(), h.log);
  BOOST_TEST(ledger.deviation().empty());  // nothing before begin()
  BOOST_TEST(ledger.begin(h.deployContext()).ok());
  BOOST_TEST(ledger.deviation() ==
             "create-deployment: false: this deploy makes no claim on prod, so other runs cannot "
             "see it; only a `concurrency:` group per environment keeps two deploys apart");
}

BOOST_AUTO_TEST_SUITE_END()
