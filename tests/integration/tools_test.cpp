// Issue 11 item 3: the general way to bring any platform's CLI — the manifest's `tools`, each a
// release asset pinned by SHA-256, fetched before any command runs and put on their PATH. Here a
// Render-style CLI shipped as a zip, from a loopback release server, through the binary.
#include <boost/test/unit_test.hpp>

#include <sstream>

#include <Poco/Zip/Compress.h>

#include "platform/tool_installer.hpp"
#include "support/deploy_repo.hpp"
#include "support/loopback_server.hpp"

namespace fd::test {

namespace {

// A CLI that records how it was called, zipped the way Render ships its CLI.
std::string zippedCli() {
  std::ostringstream zipped;
  Poco::Zip::Compress compress(zipped, true);
  std::istringstream readme("Render CLI\n");
  compress.addFile(readme, Poco::DateTime(), "README.md");
  std::istringstream cli(
      "#!/bin/sh\necho \"render $*\" >>\"$FD_IT_SCRATCH/render-calls\"\n"
      "echo \"deploy dep-123 for $DEPLOY_SHA created\"\n");
  compress.addFile(cli, Poco::DateTime(), "cli_v2.1.0");
  compress.close();
  return zipped.str();
}

ServerHandler healthy() {
  return [](const ServerRequest&) {
    ServerResponse response;
    response.body = R"({"status":"ok"})";
    return response;
  };
}

ServerHandler serving(const std::string& asset) {
  return [asset](const ServerRequest& request) {
    ServerResponse response;
    response.contentType = "application/octet-stream";
    if (request.path() == "/render-oss/cli/releases/download/v2.1.0/cli_2.1.0_linux_amd64.zip") {
      response.body = asset;
    } else {
      response.status = 404;
    }
    return response;
  };
}

ManifestSpec withTool(const std::string& appUrl, const std::string& releases,
                      const std::string& sha256) {
  ManifestSpec spec(appUrl);
  spec.deployCommand = "render deploys create srv-shop --wait";
  spec.extra =
      R"("tools": [{"name": "render", "url": ")" + releases +
      R"(/render-oss/cli/releases/download/v2.1.0/cli_2.1.0_linux_amd64.zip", "sha256": ")" +
      sha256 + R"(", "binary": "cli_v2.1.0"}],)";
  return spec;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tools)

BOOST_AUTO_TEST_CASE(a_pinned_cli_is_fetched_checked_and_on_the_commands_path) {
  const std::string asset = zippedCli();
  LoopbackServer app(healthy());
  LoopbackServer releases(serving(asset));
  DeployRepo repo;
  repo.init(withTool(app.url(), releases.url(), sha256Of(asset)));
  const ChildRun run = repo.run({"--environment", "alpha"});
  BOOST_TEST(run.exitCode == 0, run.all());
  BOOST_TEST(repo.readScratch("render-calls") == "render deploys create srv-shop --wait\n");
  BOOST_TEST(contains(run.all(), "render pinned: SHA-256 verified (" + sha256Of(asset) + ")"),
             run.all());
  BOOST_TEST(contains(run.all(), "deploy dep-123 for " + repo.head() + " created"), run.all());
}

BOOST_AUTO_TEST_CASE(a_cli_whose_checksum_differs_is_refused_before_anything_runs) {
  const std::string asset = zippedCli();
  LoopbackServer app(healthy());
  LoopbackServer releases(serving(asset));
  DeployRepo repo;
  const std::string pinned(64, 'f');
  repo.init(withTool(app.url(), releases.url(), pinned));
  const ChildRun run = repo.run({"--environment", "alpha"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(!repo.scratchExists("render-calls"));
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt, "- **Status**: FAILED"), receipt);
  BOOST_TEST(contains(receipt, "tools: render: " + releases.url() +
                                   "/render-oss/cli/releases/download/v2.1.0/"
                                   "cli_2.1.0_linux_amd64.zip: SHA-256 " +
                                   sha256Of(asset) + " is not the pinned " + pinned),
             receipt);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
