// The GitHub publisher end to end: a real HTTP client against the fake results service, the
// file commands in memory. Order: artifact, then summary, then outputs.
#include <boost/test/unit_test.hpp>

#include <Poco/Zip/Decompress.h>

#include <sstream>

#include "action/action_mode.hpp"
#include "action/summary.hpp"
#include "net/poco_http_client.hpp"
#include "support/fake_results.hpp"
#include "support/fakes.hpp"
#include "support/temp_dir.hpp"

namespace {

constexpr const char* kSecret = "ghs_SuperSecretToken42";

std::string unzip(const std::string& zip, const std::string& name) {
  fd::test::TempDir dir;
  std::istringstream in(zip);
  Poco::Zip::Decompress decompress(in, Poco::Path(dir.path() + "/"));
  decompress.decompressAllFiles();
  return dir.exists(name) ? dir.read(name) : "";
}

struct World {
  fd::test::FakeResultsService service;
  fd::PocoHttpClient http;
  fd::test::FakeFileSystem fs;
  fd::test::FakeClock clock;
  fd::test::FakeRandom random;
  fd::test::RecordingLog log;
  fd::SecretMasker masker;
  fd::test::FakeEnvironment env;
  fd::Inputs inputs;
  fd::DeployRecord record;
  std::string receipt;

  World() {
    env.values = {{"GITHUB_ACTIONS", "true"},
                  {"GITHUB_OUTPUT", "/github/file_commands/set_output_1"},
                  {"GITHUB_STEP_SUMMARY", "/github/file_commands/step_summary_1"},
                  {"ACTIONS_RUNTIME_TOKEN", service.token()},
                  {"ACTIONS_RESULTS_URL", service.resultsUrl()},
                  {"GITHUB_SERVER_URL", "https://github.com"},
                  {"GITHUB_REPOSITORY", "factory/shop"},
                  {"GITHUB_RUN_ID", "555"},
                  {"GITHUB_RUN_ATTEMPT", "3"},
                  {"GITHUB_WORKSPACE", "/github/workspace"}};
    inputs.githubMode = true;
    masker.add(kSecret);
    log.addSecret(kSecret);
    record.status = fd::DeployStatus::Success;
    record.environment = "prod";
    record.fullSha = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    record.previousVersion = "0f0e0d0c0b0a09080706050403020100ffeeddcc";
    record.url = "https://shop.fly.dev";
    record.deploymentId = "77";
    receipt = std::string(
                  "# Deployment Receipt — 2026-04-03\n\n## Deployment\n- **Status**: "
                  "SUCCESS\n\n## Diagnostics\ntoken was ") +
              kSecret + "\n";
  }

  void publish() {
    auto publisher = fd::makeGithubPublisher(fs, http, clock, random, log, masker, env, inputs);
    publisher->publish(record, receipt, "/github/workspace/app/DEPLOY-RECEIPT.md");
  }
  std::string outputs() { return fs.files["/github/file_commands/set_output_1"]; }
  std::string summary() { return fs.files["/github/file_commands/step_summary_1"]; }
  // name → value, from the heredoc entries.
  std::map<std::string, std::string> parsedOutputs() {
    std::map<std::string, std::string> values;
    std::istringstream in(outputs());
    std::string line;
    while (std::getline(in, line)) {
      const auto marker = line.find("<<");
      const std::string name = line.substr(0, marker);
      const std::string delimiter = line.substr(marker + 2);
      std::string value;
      std::string next;
      bool first = true;
      while (std::getline(in, next) && next != delimiter) {
        value += (first ? "" : "\n") + next;
        first = false;
      }
      values[name] = value;
    }
    return values;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(github_publisher)

BOOST_AUTO_TEST_CASE(uploads_the_receipt_then_writes_summary_and_every_output) {
  World world;
  world.publish();
  BOOST_TEST(world.service.rejections().empty());

  const auto stored = world.service.artifact("deploy-receipt-prod-555-3");
  BOOST_REQUIRE(stored.has_value());
  BOOST_TEST(stored->finalized);
  const std::string uploaded = unzip(stored->blob, "DEPLOY-RECEIPT.md");
  BOOST_TEST(uploaded.find("token was ***") != std::string::npos);

  const auto outputs = world.parsedOutputs();
  BOOST_TEST(outputs.size() == 10u);
  BOOST_TEST(outputs.at("status") == "SUCCESS");
  BOOST_TEST(outputs.at("environment") == "prod");
  BOOST_TEST(outputs.at("version") == world.record.fullSha);
  BOOST_TEST(outputs.at("previous-version") == world.record.previousVersion);
  BOOST_TEST(outputs.at("url") == "https://shop.fly.dev");
  BOOST_TEST(outputs.at("receipt") == "app/DEPLOY-RECEIPT.md");  // usable outside the container
  BOOST_TEST(outputs.at("failed-step") == "");
  BOOST_TEST(outputs.at("deployment-id") == "77");
  BOOST_TEST(outputs.at("artifact-id") == stored->id);
  BOOST_TEST(outputs.at("artifact-url") ==
             "https://github.com/factory/shop/actions/runs/555/artifacts/" + stored->id);
  BOOST_TEST(world.record.artifactId == stored->id);

  BOOST_TEST(world.summary().rfind("### ✅ factory/deploy: SUCCESS — prod a1b2c3d\n\n# Deployment "
                                   "Receipt",
                                   0) == 0);
}

// Before a cancelled prod release's rollback: the outputs as they stand, and nothing else (no
// summary, no artifact); publish() at the end writes them again, and the last value wins.
BOOST_AUTO_TEST_CASE(progress_writes_the_outputs_only_and_the_final_publish_overrides_them) {
  World world;
  world.record.status = fd::DeployStatus::Failed;
  world.record.failedStep = "verify";
  auto publisher = fd::makeGithubPublisher(world.fs, world.http, world.clock, world.random,
                                           world.log, world.masker, world.env, world.inputs);
  publisher->publishProgress(world.record, "/github/workspace/app/DEPLOY-RECEIPT.md");
  BOOST_TEST(world.parsedOutputs()["status"] == "FAILED");
  BOOST_TEST(world.parsedOutputs()["failed-step"] == "verify");
  BOOST_TEST(world.summary().empty());
  BOOST_TEST(world.service.artifacts().empty());
  world.record.status = fd::DeployStatus::RolledBack;
  world.publish();
  BOOST_TEST(world.parsedOutputs()["status"] == "ROLLED BACK");  // written after: it wins
}

BOOST_AUTO_TEST_CASE(no_secret_reaches_any_sink) {
  World world;
  world.record.url = std::string("https://shop.fly.dev/?t=") + kSecret;
  world.publish();
  BOOST_TEST(world.outputs().find(kSecret) == std::string::npos);
  BOOST_TEST(world.summary().find(kSecret) == std::string::npos);
  BOOST_TEST(world.summary().find("token was ***") != std::string::npos);
  BOOST_TEST(world.log.text().find(kSecret) == std::string::npos);
  BOOST_TEST(world.log.text().find(world.service.token()) == std::string::npos);
  for (const auto& artifact : world.service.artifacts()) {
    BOOST_TEST(unzip(artifact.blob, "DEPLOY-RECEIPT.md").find(kSecret) == std::string::npos);
  }
  // The runtime token itself is registered as a secret.
  BOOST_TEST(world.log.masker.mask(world.service.token()) == "***");
}

BOOST_AUTO_TEST_CASE(a_failed_upload_is_a_warning_and_a_note_never_a_status_change) {
  World world;
  fd::test::ServerResponse down;
  down.status = 503;
  down.body = R"({"code":"unavailable","msg":"maintenance"})";
  world.service.failNext("CreateArtifact", down, 5);
  world.publish();
  BOOST_TEST(fd::statusName(world.record.status) == std::string("SUCCESS"));
  BOOST_REQUIRE(world.record.notes.size() == 1u);
  BOOST_TEST(world.record.notes[0].rfind("artifact upload failed: CreateArtifact", 0) == 0);
  BOOST_TEST(world.log.contains("artifact upload failed"));
  BOOST_TEST(world.summary().find("> ⚠️ artifact upload failed") != std::string::npos);
  const auto outputs = world.parsedOutputs();
  BOOST_TEST(outputs.at("status") == "SUCCESS");
  BOOST_TEST(outputs.at("artifact-id") == "");
  BOOST_TEST(outputs.at("artifact-url") == "");
}

BOOST_AUTO_TEST_CASE(a_rerun_with_the_same_artifact_name_explains_the_409) {
  World world;
  world.inputs.artifactName = "receipt";
  world.publish();
  world.record.artifactId.clear();
  world.record.artifactUrl.clear();
  world.publish();
  BOOST_REQUIRE(!world.record.notes.empty());
  BOOST_TEST(world.record.notes.back().find(
                 "an artifact named receipt already exists in this run") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_runtime_variables_or_ghes_skip_the_upload_with_a_notice) {
  World missing;
  missing.env.values.erase("ACTIONS_RESULTS_URL");
  missing.publish();
  BOOST_TEST(missing.service.requests().empty());
  BOOST_TEST(missing.log.contains("artifact upload skipped: ACTIONS_RESULTS_URL is not set"));
  BOOST_TEST(missing.record.notes.empty());
  BOOST_TEST(missing.parsedOutputs().size() == 10u);

  World ghes;
  ghes.env.values["GITHUB_SERVER_URL"] = "https://github.acme.internal";
  ghes.publish();
  BOOST_TEST(ghes.service.requests().empty());
  BOOST_TEST(ghes.log.contains("GitHub Enterprise Server"));
  const auto notice = std::find_if(ghes.log.entries.begin(), ghes.log.entries.end(),
                                   [](const auto& e) { return e.kind == "notice"; });
  BOOST_TEST((notice != ghes.log.entries.end()));
}

BOOST_AUTO_TEST_CASE(upload_artifact_false_and_dry_run_upload_nothing) {
  World off;
  off.inputs.uploadArtifact = false;
  off.publish();
  BOOST_TEST(off.service.requests().empty());
  BOOST_TEST(!off.summary().empty());

  World dry;
  dry.record.dryRun = true;
  dry.publish();
  BOOST_TEST(dry.service.requests().empty());
  BOOST_TEST(dry.summary().rfind("### ✅ factory/deploy: DRY RUN", 0) == 0);
}

BOOST_AUTO_TEST_CASE(a_forbidden_artifact_name_is_reported_and_nothing_is_sent) {
  World world;
  world.inputs.artifactName = "receipt/prod";
  world.publish();
  BOOST_TEST(world.service.requests().empty());
  BOOST_REQUIRE(world.record.notes.size() == 1u);
  BOOST_TEST(world.record.notes[0].find("forward slash") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_summary_respects_what_the_step_already_wrote) {
  World world;
  world.fs.files["/github/file_commands/step_summary_1"] =
      std::string(fd::kSummaryLimitBytes - 2000, 'x') + "\n";
  world.receipt += "## Diagnostics\n" + std::string(50000, 'y') + "\n";
  world.publish();
  BOOST_TEST(world.summary().size() <= fd::kSummaryLimitBytes);
  BOOST_TEST(world.summary().find("### ✅ factory/deploy") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(without_file_commands_it_warns_instead_of_failing) {
  World world;
  world.env.values.erase("GITHUB_OUTPUT");
  world.env.values.erase("GITHUB_STEP_SUMMARY");
  world.publish();
  BOOST_TEST(world.log.contains("GITHUB_OUTPUT is not set"));
  BOOST_TEST(world.log.contains("GITHUB_STEP_SUMMARY is not set"));
  BOOST_TEST(fd::statusName(world.record.status) == std::string("SUCCESS"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(local_publisher)

BOOST_AUTO_TEST_CASE(says_where_the_receipt_is) {
  fd::test::RecordingLog log;
  fd::DeployRecord record;
  fd::makeLocalPublisher(log)->publish(record, "# receipt", "/repo/DEPLOY-RECEIPT.md");
  BOOST_TEST(log.contains("receipt: /repo/DEPLOY-RECEIPT.md"));
  record.dryRun = true;
  fd::makeLocalPublisher(log)->publish(record, "# receipt", "/repo/DEPLOY-RECEIPT.md");
  BOOST_TEST(log.contains("dry run: the receipt was left untouched"));
}

BOOST_AUTO_TEST_SUITE_END()
