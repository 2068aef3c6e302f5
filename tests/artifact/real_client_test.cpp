// The fake results service is only worth something if the real client agrees with it: the
// toolkit's @actions/artifact (installed by `npm ci --prefix tests/artifact-client`) uploads to it
// from a child process, and everything the fake checks must pass.
#include <boost/test/unit_test.hpp>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <rapidjson/document.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "artifact/artifact_uploader.hpp"
#include "upload_test_support.hpp"

namespace {

const std::string kClientDir = std::string(FD_SOURCE_DIR) + "/tests/artifact-client";

std::string findOnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::istringstream directories(path == nullptr ? "" : path);
  std::string directory;
  while (std::getline(directories, directory, ':')) {
    const std::filesystem::path candidate = std::filesystem::path(directory) / program;
    if (!directory.empty() && access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "";
}

struct NodeRun {
  int exitCode = -1;
  std::string output;
};

// node upload.mjs <name> <file> [days], with nothing of this process's environment but PATH
// (a CI runner's own ACTIONS_* variables must not leak in).
NodeRun runClient(const std::string& node, const fd::test::FakeResultsService& service,
                  const std::vector<std::string>& arguments) {
  Poco::Process::Args args = {"-i",
                              "PATH=" + std::string(std::getenv("PATH")),
                              "ACTIONS_RUNTIME_TOKEN=" + service.token(),
                              "ACTIONS_RESULTS_URL=" + service.resultsUrl(),
                              "GITHUB_SERVER_URL=https://github.com",
                              "timeout",
                              "120",
                              node,
                              kClientDir + "/upload.mjs"};
  args.insert(args.end(), arguments.begin(), arguments.end());
  Poco::Pipe output;
  Poco::ProcessHandle child =
      Poco::Process::launch("/usr/bin/env", args, nullptr, &output, &output);
  Poco::PipeInputStream stream(output);
  NodeRun run;
  run.output.assign(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
  run.exitCode = child.wait();
  return run;
}

// The JSON after "RESULT " in the script's output.
rapidjson::Document resultOf(const std::string& output) {
  rapidjson::Document json;
  const auto at = output.find("RESULT ");
  if (at == std::string::npos) return json;
  const std::string line = output.substr(at + 7, output.find('\n', at) - at - 7);
  json.Parse(line.c_str());
  return json;
}

// The node binary; empty (and a message) without Node.js. With Node.js but without the installed
// client the test fails: CI has both, and a silent skip would hide a broken fake.
std::string nodeOrSkip() {
  std::string node = findOnPath("node");
  if (node.empty()) {
    BOOST_TEST_MESSAGE("SKIPPED: node is not installed; the real-client check needs Node.js");
    return "";
  }
  BOOST_REQUIRE_MESSAGE(
      std::filesystem::exists(kClientDir + "/node_modules/@actions/artifact/package.json"),
      "the real client is not installed: run `npm ci --prefix tests/artifact-client`");
  return node;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(real_artifact_client)

BOOST_AUTO_TEST_CASE(the_toolkit_client_uploads_to_the_fake_and_passes_every_check) {
  const std::string node = nodeOrSkip();
  if (node.empty()) return;
  fd::test::FakeResultsService service;
  fd::test::TempDir dir;
  const std::string content =
      "# Deployment Receipt — 2026-04-03\n\n## Deployment\n- **Status**: SUCCESS\n";
  const std::string file = dir.write("DEPLOY-RECEIPT.md", content);

  const NodeRun run = runClient(node, service, {"deploy-receipt-prod-1-1", file, "7"});
  BOOST_TEST_MESSAGE("node output:\n" << run.output);
  BOOST_REQUIRE_MESSAGE(run.exitCode == 0, "the real client failed:\n" + run.output);
  BOOST_TEST(service.rejections().empty());

  const auto stored = service.artifact("deploy-receipt-prod-1-1");
  BOOST_REQUIRE(stored.has_value());
  BOOST_TEST(stored->finalized);
  BOOST_TEST((stored->version == 4 || stored->version == 7));
  BOOST_TEST(!stored->expiresAt.empty());
  BOOST_TEST(!stored->committedBlocks.empty());
  BOOST_TEST(fd::test::unzipFile(stored->blob, "DEPLOY-RECEIPT.md") == content);

  const rapidjson::Document result = resultOf(run.output);
  BOOST_REQUIRE(result.IsObject());
  BOOST_TEST(std::to_string(result["id"].GetInt64()) == stored->id);
  BOOST_TEST(result["size"].GetUint64() == stored->blob.size());
  BOOST_TEST("sha256:" + std::string(result["digest"].GetString()) == stored->finalizedHash);
  BOOST_TEST(stored->finalizedHash == "sha256:" + fd::sha256Hex(stored->blob));
}

BOOST_AUTO_TEST_CASE(the_toolkit_client_reads_the_fakes_409_as_final) {
  const std::string node = nodeOrSkip();
  if (node.empty()) return;
  fd::test::FakeResultsService service;
  fd::test::TempDir dir;
  const std::string file = dir.write("DEPLOY-RECEIPT.md", "# receipt\n");

  BOOST_REQUIRE(runClient(node, service, {"same-name", file}).exitCode == 0);
  const NodeRun again = runClient(node, service, {"same-name", file});
  BOOST_TEST(again.exitCode == 1);
  BOOST_TEST(again.output.find("409") != std::string::npos);
  BOOST_TEST(again.output.find("non-retryable") != std::string::npos);
  BOOST_TEST(service.count("CreateArtifact") == 2);
}

BOOST_AUTO_TEST_CASE(our_uploader_and_the_toolkit_client_leave_the_same_kind_of_artifact) {
  const std::string node = nodeOrSkip();
  if (node.empty()) return;
  fd::test::UploadWorld world;
  fd::test::TempDir dir;
  const std::string content = "# receipt\n\nsame bytes both ways\n";
  const std::string file = dir.write("DEPLOY-RECEIPT.md", content);
  BOOST_REQUIRE(runClient(node, world.service, {"from-toolkit", file}).exitCode == 0);

  fd::ArtifactFile ours = fd::test::receiptFile(content);
  ours.name = "from-factory-deploy";
  const auto uploaded = world.upload(ours);
  BOOST_REQUIRE_MESSAGE(uploaded.ok(), (uploaded.ok() ? "" : uploaded.message()));
  BOOST_TEST(world.service.rejections().empty());

  const auto toolkit = world.service.artifact("from-toolkit");
  const auto factory = world.service.artifact("from-factory-deploy");
  BOOST_REQUIRE((toolkit && factory));
  BOOST_TEST(fd::test::unzipFile(toolkit->blob, "DEPLOY-RECEIPT.md") ==
             fd::test::unzipFile(factory->blob, "DEPLOY-RECEIPT.md"));
  BOOST_TEST(toolkit->finalizedHash.rfind("sha256:", 0) == 0);
  BOOST_TEST(factory->finalizedHash.rfind("sha256:", 0) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
