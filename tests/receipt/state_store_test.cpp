#include <boost/test/unit_test.hpp>

#include <rapidjson/document.h>

#include "receipt/receipt_fixtures.hpp"
#include "receipt/state_store.hpp"
#include "support/fakes.hpp"

namespace fd::test {
namespace {

const std::string kState = "/repo/.factory/state.json";

DeployPhaseUpdate started(const std::string& target = "prod") {
  DeployPhaseUpdate update;
  update.projectName = "shop";
  update.status = PhaseStatus::InProgress;
  update.time = at(kStart);
  update.targetEnvironment = target;
  return update;
}

DeployPhaseUpdate completed(const std::string& target = "prod") {
  DeployPhaseUpdate update;
  update.projectName = "shop";
  update.status = PhaseStatus::Completed;
  update.time = at(kStart + 120);
  update.targetEnvironment = target;
  update.outputs = {"DEPLOY-RECEIPT.md"};
  return update;
}

DeployPhaseUpdate failed(const std::string& reason) {
  DeployPhaseUpdate update;
  update.status = PhaseStatus::Failed;
  update.time = at(kStart + 300);
  update.targetEnvironment = "prod";
  update.failureReason = reason;
  update.outputs = {"DEPLOY-RECEIPT.md"};
  return update;
}

std::string merged(const std::string& state, const DeployPhaseUpdate& update) {
  const Result<std::string> result = mergeDeployPhase(state, update);
  BOOST_REQUIRE_MESSAGE(result.ok(), (result.ok() ? std::string() : result.message()));
  return result.value();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(state_store)

BOOST_AUTO_TEST_CASE(a_missing_state_file_is_created_with_the_deploy_phase) {
  FakeFileSystem fs;
  std::vector<std::string> warnings;
  BOOST_REQUIRE(updateDeployPhase(fs, kState, started(), warnings).ok());
  BOOST_TEST(warnings.empty());
  // What the factory's state schema requires of any state file comes first.
  BOOST_TEST(fs.files.at(kState) == R"({
  "pipeline": "factory",
  "project_name": "shop",
  "started_at": "2026-04-03T21:30:00Z",
  "current_phase": "deploy",
  "phases": {
    "deploy": {
      "status": "in_progress",
      "started_at": "2026-04-03T21:30:00Z",
      "target_environment": "prod"
    }
  }
}
)");
}

BOOST_AUTO_TEST_CASE(completion_keeps_the_start_of_the_same_run) {
  const std::string running = merged("", started());
  BOOST_TEST(merged(running, completed()) == R"({
  "pipeline": "factory",
  "project_name": "shop",
  "started_at": "2026-04-03T21:30:00Z",
  "current_phase": "idle",
  "phases": {
    "deploy": {
      "status": "completed",
      "started_at": "2026-04-03T21:30:00Z",
      "completed_at": "2026-04-03T21:32:00Z",
      "target_environment": "prod",
      "outputs": [
        "DEPLOY-RECEIPT.md"
      ]
    }
  }
}
)");
}

BOOST_AUTO_TEST_CASE(failure_records_the_reason_and_replaces_stale_fields) {
  const std::string done = merged(merged("", started()), completed());
  const std::string text =
      merged(merged(done, started()), failed("rolled back: smoke test failed"));
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  const rapidjson::Value& deploy = doc["phases"]["deploy"];
  BOOST_TEST(std::string(deploy["status"].GetString()) == "failed");
  BOOST_TEST(std::string(deploy["failed_at"].GetString()) == "2026-04-03T21:35:00Z");
  BOOST_TEST(std::string(deploy["started_at"].GetString()) == "2026-04-03T21:30:00Z");
  BOOST_TEST(std::string(deploy["failure_reason"].GetString()) == "rolled back: smoke test failed");
  BOOST_TEST(deploy["outputs"][0].GetString() == std::string("DEPLOY-RECEIPT.md"));
  BOOST_TEST(!deploy.HasMember("completed_at"));
}

BOOST_AUTO_TEST_CASE(other_phases_and_unknown_keys_are_preserved_in_order) {
  const std::string state = R"({
  "pipeline": "factory",
  "project_name": "shop",
  "phases": {
    "qa": {"status": "completed", "outputs": ["QA-REPORT.md"]},
    "deploy": {"status": "failed", "failed_at": "2026-04-01T10:00:00Z", "findings": ["x"]},
    "security": {"status": "completed", "extra": {"nested": [1, 2.5, null, true]}}
  },
  "zeta_unknown": 12345678901234567890,
  "current_phase": "deploy"
})";
  BOOST_TEST(merged(state, started()) == R"({
  "pipeline": "factory",
  "project_name": "shop",
  "phases": {
    "qa": {
      "status": "completed",
      "outputs": [
        "QA-REPORT.md"
      ]
    },
    "deploy": {
      "status": "in_progress",
      "started_at": "2026-04-03T21:30:00Z",
      "target_environment": "prod",
      "findings": [
        "x"
      ]
    },
    "security": {
      "status": "completed",
      "extra": {
        "nested": [
          1,
          2.5,
          null,
          true
        ]
      }
    }
  },
  "zeta_unknown": 12345678901234567890,
  "current_phase": "deploy",
  "started_at": "2026-04-03T21:30:00Z"
})"
                                         "\n");
}

BOOST_AUTO_TEST_CASE(a_start_for_another_environment_is_not_inherited) {
  const std::string staging = merged("", started("staging"));
  rapidjson::Document doc;
  doc.Parse(merged(staging, completed("prod")).c_str());
  BOOST_TEST(!doc["phases"]["deploy"].HasMember("started_at"));
}

BOOST_AUTO_TEST_CASE(an_explicit_start_wins) {
  DeployPhaseUpdate update = completed();
  update.startedAt = at(kStart - 60);
  const std::string text = merged(merged("", started()), update);
  BOOST_TEST(text.find("\"started_at\": \"2026-04-03T21:29:00Z\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_failure_without_a_reason_still_says_it_failed) {
  const std::string text = merged("", failed(""));
  BOOST_TEST(text.find("\"failure_reason\": \"deploy failed\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_corrupt_state_file_is_backed_up_then_replaced) {
  FakeFileSystem fs;
  fs.files[kState] = "{\"phases\": {\"qa\": ";
  std::vector<std::string> warnings;
  BOOST_REQUIRE(updateDeployPhase(fs, kState, started(), warnings).ok());
  const std::string backup = kState + ".corrupt-2026-04-03T21-30-00Z";
  BOOST_TEST(fs.files.at(backup) == "{\"phases\": {\"qa\": ");
  BOOST_TEST(fs.files.at(kState).find("\"in_progress\"") != std::string::npos);
  BOOST_REQUIRE(warnings.size() == 1U);
  BOOST_TEST(warnings[0].find("WARNING: " + kState + ": not valid JSON") == 0U);
  BOOST_TEST(warnings[0].find(backup) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_corrupt_backup_never_overwrites_an_earlier_one) {
  FakeFileSystem fs;
  const std::string first = kState + ".corrupt-2026-04-03T21-30-00Z";
  fs.files[first] = "earlier garbage";
  fs.files[kState] = "[\"not an object\"]";
  std::vector<std::string> warnings;
  BOOST_REQUIRE(updateDeployPhase(fs, kState, started(), warnings).ok());
  BOOST_TEST(fs.files.at(first) == "earlier garbage");
  BOOST_TEST(fs.files.at(first + "-2") == "[\"not an object\"]");
  BOOST_TEST(warnings.at(0).find("expected a JSON object") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(phases_that_is_not_an_object_counts_as_corrupt) {
  const Result<std::string> result = mergeDeployPhase(R"({"phases": []})", started());
  BOOST_REQUIRE(!result.ok());
  BOOST_TEST((result.code() == ErrorCode::InvalidArgument));
  BOOST_TEST(result.message().find("\"phases\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_failed_write_is_an_error_value_naming_the_path) {
  FakeFileSystem fs;
  fs.failWrites = true;
  std::vector<std::string> warnings;
  const Status status = updateDeployPhase(fs, kState, started(), warnings);
  BOOST_REQUIRE(!status.ok());
  BOOST_TEST(status.message().find(kState) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_corrupt_file_that_cannot_be_backed_up_is_left_alone) {
  FakeFileSystem fs;
  fs.files[kState] = "{oops";
  fs.failWrites = true;
  std::vector<std::string> warnings;
  const Status status = updateDeployPhase(fs, kState, started(), warnings);
  BOOST_REQUIRE(!status.ok());
  BOOST_TEST(status.message().find("could not be backed up") != std::string::npos);
  BOOST_TEST(fs.files.at(kState) == "{oops");
}

BOOST_AUTO_TEST_CASE(blank_text_is_an_empty_state) {
  BOOST_TEST(merged(" \n", started()).find("\"deploy\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(deep_nesting_and_nul_bytes_are_refused_not_crashed_on) {
  const std::string deep = "{\"a\":" + std::string(50000, '[') + std::string(50000, ']') + "}";
  BOOST_TEST(!mergeDeployPhase(deep, started()).ok());
  BOOST_TEST(!mergeDeployPhase(std::string("{}\0{", 4), started()).ok());
}

// A poor man's fuzzer: every prefix of a real state file either merges into valid JSON or is
// refused; nothing crashes and nothing merges into garbage.
BOOST_AUTO_TEST_CASE(every_truncation_of_a_state_file_is_handled) {
  const std::string state =
      R"({"pipeline":"factory","phases":{"qa":{"status":"completed"},"deploy":{"status":"in_progress","started_at":"2026-04-03T21:30:00Z","target_environment":"prod"}},"bugfixes":[{"id":"001","phases":{}}],"x":"\u00e9\n"})";
  for (std::size_t length = 0; length <= state.size(); ++length) {
    const Result<std::string> result = mergeDeployPhase(state.substr(0, length), completed());
    if (!result.ok()) continue;
    rapidjson::Document doc;
    doc.Parse(result.value().c_str());
    BOOST_TEST(!doc.HasParseError());
    BOOST_TEST(std::string(doc["phases"]["deploy"]["status"].GetString()) == "completed");
  }
}

BOOST_AUTO_TEST_CASE(current_phase_follows_the_deploy_but_never_takes_another_skills_turn) {
  const auto phaseOf = [](const std::string& text) {
    rapidjson::Document doc;
    doc.Parse(text.c_str());
    return std::string(doc["current_phase"].GetString());
  };
  BOOST_TEST(phaseOf(merged("", started())) == "deploy");
  BOOST_TEST(phaseOf(merged(merged("", started()), completed())) == "idle");
  BOOST_TEST(phaseOf(merged(merged("", started()), failed("x"))) == "idle");
  // /qa started while the deploy ran: the deploy's end leaves it the current phase.
  const std::string qaRunning = R"({"pipeline": "factory", "project_name": "shop",
      "started_at": "2026-04-01T09:00:00Z", "current_phase": "qa", "phases": {}})";
  BOOST_TEST(phaseOf(merged(qaRunning, completed())) == "qa");
  BOOST_TEST(phaseOf(merged(qaRunning, started())) == "deploy");
}

BOOST_AUTO_TEST_CASE(required_keys_already_there_are_kept_and_a_bad_project_name_replaced) {
  const std::string text = merged(R"({"pipeline": "factory", "project_name": "",
      "started_at": "2026-04-01T09:00:00Z", "current_phase": "idle"})",
                                  completed());
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  BOOST_TEST(std::string(doc["started_at"].GetString()) == "2026-04-01T09:00:00Z");
  BOOST_TEST(std::string(doc["project_name"].GetString()) == "shop");
  DeployPhaseUpdate nameless = completed();
  nameless.projectName.clear();
  doc.Parse(merged("", nameless).c_str());
  BOOST_TEST(std::string(doc["project_name"].GetString()) == "unnamed");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
