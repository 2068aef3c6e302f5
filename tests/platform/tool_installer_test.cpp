// The pinned-CLI download against a real loopback release server (GitHub's release download
// answers with a redirect to the asset's storage, as here), the real disk and the real shell.
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "local/posix_file_system.hpp"
#include "net/poco_http_client.hpp"
#include "platform/tool_installer.hpp"
#include "platform/tool_pin.hpp"
#include "support/fake_fly.hpp"
#include "support/fakes.hpp"
#include "support/loopback_server.hpp"
#include "support/temp_dir.hpp"

using namespace fd;
using fd::test::FakeEnvironment;
using fd::test::FakeFly;
using fd::test::LoopbackServer;
using fd::test::RecordingLog;
using fd::test::ServerRequest;
using fd::test::ServerResponse;
using fd::test::TempDir;

namespace {

template <typename T>
std::string problem(const fd::Result<T>& result) {
  return result.ok() ? "" : result.message();
}

const std::string kAssetPath =
    "/superfly/flyctl/releases/download/v0.4.85/flyctl_0.4.85_Linux_x86_64.tar.gz";

// github.com/.../releases/download/... redirects to the storage host, which serves the bytes.
struct ReleaseServer {
  explicit ReleaseServer(std::string asset)
      : bytes(std::move(asset)), server([this](const ServerRequest& request) {
          ServerResponse response;
          if (request.path() == kAssetPath) {
            response.status = 302;
            response.headers = {{"Location", "/storage/flyctl.tar.gz?sig=abc"}};
            return response;
          }
          if (request.path() == "/storage/flyctl.tar.gz") {
            response.contentType = "application/octet-stream";
            response.body = bytes;
            return response;
          }
          response.status = 404;
          response.body = "Not Found";
          return response;
        }) {}
  std::string bytes;
  LoopbackServer server;
};

ToolPin pinFor(const std::string& url, const std::string& sha256) {
  return {"flyctl", "0.4.85", url, sha256, "flyctl", {"flyctl", "fly"}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tool_installer)

BOOST_AUTO_TEST_CASE(a_verified_asset_is_unpacked_and_both_names_run) {
  FakeFly fly;
  ReleaseServer release(fly.releaseTarball());
  TempDir cache;
  PocoHttpClient http;
  PosixFileSystem fs;
  RecordingLog log;
  ToolInstaller installer(http, fs, log, cache.path());
  const ToolPin pin = pinFor(release.server.url() + kAssetPath, sha256Of(release.bytes));
  const auto dir = installer.install(pin);
  BOOST_REQUIRE_MESSAGE(dir.ok(), problem(dir));
  BOOST_TEST(*dir == cache.path() + "/flyctl-0.4.85-" + pin.sha256.substr(0, 12));
  const std::string state = "FAKE_FLYCTL_STATE='" + fly.stateDir() + "' ";
  BOOST_TEST(fd::test::shell(state + "'" + *dir + "/fly' version") ==
             "flyctl v0.4.85 linux/amd64 Commit: fake-flyctl BuildDate: 2026-01-01T00:00:00Z\n");
  BOOST_TEST(fd::test::shell(state + "'" + *dir + "/flyctl' version").find("flyctl v0.4.85") == 0u);
  BOOST_TEST(log.contains("SHA-256 verified (" + pin.sha256 + ")"), log.text());
  BOOST_TEST(release.server.requestCount() == 2u);  // the redirect, then the asset

  // The next run in the same job finds it verified and downloads nothing.
  RecordingLog again;
  ToolInstaller second(http, fs, again, cache.path());
  BOOST_TEST(second.install(pin).value() == *dir);
  BOOST_TEST(release.server.requestCount() == 2u);
  BOOST_TEST(again.contains("verified when downloaded"), again.text());
}

BOOST_AUTO_TEST_CASE(an_asset_whose_checksum_differs_is_refused_and_nothing_is_kept) {
  FakeFly fly;
  ReleaseServer release(fly.releaseTarball());
  TempDir cache;
  PocoHttpClient http;
  PosixFileSystem fs;
  RecordingLog log;
  ToolInstaller installer(http, fs, log, cache.path());
  const std::string pinned(64, 'a');
  const auto dir = installer.install(pinFor(release.server.url() + kAssetPath, pinned));
  BOOST_REQUIRE(!dir.ok());
  BOOST_TEST((dir.code() == ErrorCode::FailedPrecondition));
  BOOST_TEST(dir.message() == release.server.url() + kAssetPath + ": SHA-256 " +
                                  sha256Of(release.bytes) + " is not the pinned " + pinned +
                                  "; refusing to run it (a changed or corrupt release asset)");
  BOOST_TEST(std::filesystem::is_empty(cache.path()));
}

BOOST_AUTO_TEST_CASE(a_missing_asset_is_unavailable_with_the_status) {
  ReleaseServer release("unused");
  TempDir cache;
  PocoHttpClient http;
  PosixFileSystem fs;
  RecordingLog log;
  ToolInstaller installer(http, fs, log, cache.path());
  const std::string url = release.server.url() + "/superfly/flyctl/releases/download/v9/x.tar.gz";
  const auto dir = installer.install(pinFor(url, std::string(64, 'b')));
  BOOST_REQUIRE(!dir.ok());
  BOOST_TEST((dir.code() == ErrorCode::Unavailable));
  BOOST_TEST(dir.message() == "download of " + url + " answered HTTP 404");
}

BOOST_AUTO_TEST_CASE(an_https_download_redirected_to_http_is_refused) {
  fd::test::FakeHttpClient http;
  http.handler = [](const HttpRequest&) -> Result<HttpResponse> {
    HttpResponse response;
    response.status = 302;
    response.headers = {{"Location", "http://mirror.example.test/flyctl.tar.gz"}};
    return response;
  };
  fd::test::FakeFileSystem fs;
  RecordingLog log;
  ToolInstaller installer(http, fs, log, "/cache");
  const auto dir = installer.install(
      pinFor("https://github.com/superfly/flyctl/x.tar.gz", std::string(64, 'c')));
  BOOST_REQUIRE(!dir.ok());
  BOOST_TEST(dir.message() ==
             "download of https://github.com/superfly/flyctl/x.tar.gz redirected to a non-HTTPS "
             "URL: refused");
  BOOST_TEST(http.requests.size() == 1u);
  BOOST_TEST(fs.files.empty());
}

BOOST_AUTO_TEST_CASE(the_flyctl_pin_is_the_tested_release_unless_both_overrides_are_given) {
  FakeEnvironment env;
#if defined(__x86_64__)
  const auto pinned = flyctlPin(env);
  BOOST_REQUIRE_MESSAGE(pinned.ok(), problem(pinned));
  BOOST_TEST(pinned->version == "0.4.85");
  BOOST_TEST(pinned->url ==
             "https://github.com/superfly/flyctl/releases/download/v0.4.85/"
             "flyctl_0.4.85_Linux_x86_64.tar.gz");
  BOOST_TEST(isSha256Hex(pinned->sha256));
  BOOST_TEST(pinned->member == "flyctl");
#endif
  env.values["FACTORY_DEPLOY_FLYCTL_VERSION"] = "0.4.90";
  const auto alone = flyctlPin(env);
  BOOST_REQUIRE(!alone.ok());
  BOOST_TEST((alone.code() == ErrorCode::InvalidArgument));
  BOOST_TEST(alone.message().find("go together") != std::string::npos, alone.message());

  env.values["FACTORY_DEPLOY_FLYCTL_SHA256"] = std::string(64, 'E');  // case does not matter
  env.values["FACTORY_DEPLOY_TOOLS_MIRROR"] = "http://127.0.0.1:9/";
  const auto overridden = flyctlPin(env);
  BOOST_REQUIRE_MESSAGE(overridden.ok(), problem(overridden));
  BOOST_TEST(overridden->sha256 == std::string(64, 'e'));
  BOOST_TEST(overridden->url.find("http://127.0.0.1:9/superfly/flyctl/releases/download/v0.4.90/"
                                  "flyctl_0.4.90_Linux_") == 0u,
             overridden->url);

  env.values["FACTORY_DEPLOY_FLYCTL_SHA256"] = "abc";
  BOOST_TEST(flyctlPin(env).message() == "FACTORY_DEPLOY_FLYCTL_SHA256: expected 64 hex digits");
  env.values["FACTORY_DEPLOY_FLYCTL_SHA256"] = std::string(64, 'e');
  env.values["FACTORY_DEPLOY_FLYCTL_VERSION"] = "0.4.90/../../evil";
  BOOST_TEST((flyctlPin(env).code() == ErrorCode::InvalidArgument));
}

BOOST_AUTO_TEST_CASE(the_cache_is_the_runner_temp_then_xdg_then_home) {
  FakeEnvironment env;
  BOOST_TEST((toolCacheRoot(env).code() == ErrorCode::FailedPrecondition));
  env.values["HOME"] = "/home/dev";
  BOOST_TEST(toolCacheRoot(env).value() == "/home/dev/.cache/factory-deploy/tools");
  env.values["XDG_CACHE_HOME"] = "/xdg";
  BOOST_TEST(toolCacheRoot(env).value() == "/xdg/factory-deploy/tools");
  env.values["RUNNER_TEMP"] = "/github/runner_temp";
  BOOST_TEST(toolCacheRoot(env).value() == "/github/runner_temp/factory-deploy-tools");
}

BOOST_AUTO_TEST_CASE(a_command_is_found_on_path_in_order) {
  fd::test::FakeFileSystem fs;
  fs.files["/opt/b/fly"] = "";
  fs.files["/usr/bin/fly"] = "";
  BOOST_TEST(findOnPath("fly", "/opt/a:/opt/b:/usr/bin", fs) == "/opt/b");
  BOOST_TEST(findOnPath("flyctl", "/opt/a:/opt/b:/usr/bin", fs).empty());
}

BOOST_AUTO_TEST_SUITE_END()
