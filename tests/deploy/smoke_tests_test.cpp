// runSmokeTests: HTTP and command tests, a row each, all of them run.
#include "deploy/smoke_tests.hpp"

#include <boost/test/unit_test.hpp>
#include <map>
#include <string>

#include "deploy/posix_process_runner.hpp"
#include "net/poco_http_client.hpp"
#include "support/fakes.hpp"
#include "support/loopback_server.hpp"

namespace {

using namespace std::chrono_literals;
using fd::CommandResult;
using fd::HttpRequest;
using fd::HttpResponse;
using fd::Result;
using fd::SmokeTest;

SmokeTest httpTest(std::string name, std::string path, int expect = 200,
                   std::string contains = "") {
  SmokeTest test;
  test.name = std::move(name);
  test.path = std::move(path);
  test.expectStatus = expect;
  test.expectBodyContains = std::move(contains);
  return test;
}

SmokeTest commandTest(std::string name, std::string command) {
  SmokeTest test;
  test.name = std::move(name);
  test.command = std::move(command);
  return test;
}

// A web app as a map from path to (status, body).
struct FakeSite {
  std::map<std::string, std::pair<int, std::string>> pages;
  Result<HttpResponse> operator()(const HttpRequest& request) const {
    const std::string path = request.url.substr(request.url.find('/', 8));
    const auto page = pages.find(path);
    if (page == pages.end()) {
      return fd::makeError(fd::ErrorCode::Unavailable, request.url + ": connection refused");
    }
    HttpResponse response;
    response.status = page->second.first;
    response.body = page->second.second;
    response.elapsed = 7ms;
    return response;
  }
};

fd::SmokeCommandRunner noCommands() {
  return [](const std::string&, const std::string&) {
    BOOST_FAIL("no command expected");
    return CommandResult{};
  };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(smoke_tests)

BOOST_AUTO_TEST_CASE(http_tests_check_status_and_body_and_every_test_runs) {
  fd::test::FakeHttpClient http;
  http.handler = FakeSite{{{"/", {200, "<h1>Shop</h1>"}},
                           {"/cart", {500, "boom"}},
                           {"/api/items", {200, "[]"}},
                           {"/old", {301, ""}}}};
  const std::vector<SmokeTest> tests = {httpTest("home", "/", 200, "Shop"),
                                        httpTest("cart", "/cart"),
                                        httpTest("items", "/api/items", 200, "\"id\""),
                                        httpTest("old", "/old"),
                                        httpTest("down", "/down"),
                                        httpTest("", "/")};
  const fd::SmokeOutcome outcome =
      fd::runSmokeTests(tests, "https://shop.example", http, noCommands());
  BOOST_TEST(!outcome.passed);
  BOOST_REQUIRE(outcome.rows.size() == 6U);
  BOOST_TEST(http.requests.size() == 6U);

  BOOST_TEST(outcome.rows[0].test == "home");
  BOOST_TEST(outcome.rows[0].passed);
  BOOST_TEST(outcome.rows[0].notes == "200 in 7 ms, body contains \"Shop\"");
  BOOST_TEST(!outcome.rows[1].passed);
  BOOST_TEST(outcome.rows[1].notes == "expected 200, got 500 in 7 ms");
  BOOST_TEST(!outcome.rows[2].passed);
  BOOST_TEST(outcome.rows[2].notes == "200 in 7 ms, but the body does not contain \"\"id\"\"");
  BOOST_TEST(!outcome.rows[3].passed);
  BOOST_TEST(!outcome.rows[4].passed);
  BOOST_TEST(outcome.rows[4].notes == "GET /down: connection refused");
  BOOST_TEST(outcome.rows[5].test == "GET /");
  BOOST_TEST(outcome.rows[5].passed);
}

BOOST_AUTO_TEST_CASE(a_redirect_location_is_masked_before_it_is_cut) {
  const std::string token = "FoQ1Ws4Kp9Qz2Xn7Ld3Vy8Mh5Jt6Rc1Bg0FeWa";
  const std::string location = "https://sso.example/?s=" + std::string(53, 's') + token;
  fd::test::FakeHttpClient http;
  http.handler = [&](const HttpRequest&) -> Result<HttpResponse> {
    HttpResponse response;
    response.status = 302;
    response.headers = {{"Location", location}};
    return response;
  };
  fd::SecretMasker masker;
  masker.add(token);
  const fd::SmokeOutcome outcome =
      fd::runSmokeTests({httpTest("home", "/")}, "https://shop.example", http, {}, &masker);
  BOOST_REQUIRE(outcome.rows.size() == 1U);
  BOOST_TEST(!outcome.rows[0].passed);
  // Cut after 80 bytes it would have kept "FoQ1", too little for the masker to know it later.
  BOOST_TEST(outcome.rows[0].notes == "expected 200, got 302 in 0 ms, redirect to " +
                                          location.substr(0, 76) + "*** not followed");
}

BOOST_AUTO_TEST_CASE(sends_the_declared_method) {
  fd::test::FakeHttpClient http;
  http.handler = FakeSite{{{"/api/orders", {201, "{}"}}}};
  SmokeTest test = httpTest("create order", "/api/orders", 201);
  test.method = "post";
  const fd::SmokeOutcome outcome = fd::runSmokeTests({test}, "https://shop.example/", http, {});
  BOOST_TEST(outcome.passed);
  BOOST_REQUIRE(http.requests.size() == 1U);
  BOOST_TEST(http.requests[0].method == "POST");
  BOOST_TEST(http.requests[0].url == "https://shop.example/api/orders");
}

BOOST_AUTO_TEST_CASE(command_tests_go_through_the_given_runner) {
  fd::test::FakeHttpClient http;
  std::vector<std::string> ran;
  const fd::SmokeCommandRunner runner = [&](const std::string& name, const std::string& command) {
    ran.push_back(name + ": " + command);
    CommandResult result;
    result.exitCode = command == "./check-login" ? 0 : 2;
    result.duration = 1500ms;
    result.tail = {"checking", "login form missing", ""};
    return result;
  };
  const fd::SmokeOutcome outcome =
      fd::runSmokeTests({commandTest("login", "./check-login"), commandTest("", "./check-search")},
                        "https://shop.example", http, runner);
  BOOST_TEST(!outcome.passed);
  BOOST_REQUIRE(outcome.rows.size() == 2U);
  BOOST_TEST(outcome.rows[0].passed);
  BOOST_TEST(outcome.rows[0].notes == "exit 0 in 1.5s");
  BOOST_TEST(outcome.rows[1].test == "./check-search");
  BOOST_TEST(outcome.rows[1].notes == "exit 2 in 1.5s: login form missing");
  BOOST_TEST(
      ran == (std::vector<std::string>{"login: ./check-login", "./check-search: ./check-search"}),
      boost::test_tools::per_element());
  BOOST_TEST(http.requests.empty());
}

BOOST_AUTO_TEST_CASE(no_tests_pass_trivially) {
  fd::test::FakeHttpClient http;
  const fd::SmokeOutcome outcome = fd::runSmokeTests({}, "https://shop.example", http, {});
  BOOST_TEST(outcome.passed);
  BOOST_TEST(outcome.rows.empty());
}

BOOST_AUTO_TEST_CASE(runs_against_a_real_server_and_real_commands) {
  fd::test::LoopbackServer server([](const fd::test::ServerRequest& request) {
    fd::test::ServerResponse response;
    response.status = request.path() == "/health" ? 200 : 404;
    response.body = "{\"status\":\"ok\"}";
    return response;
  });
  fd::PocoHttpClient http;
  fd::PosixProcessRunner processes;
  const fd::SmokeCommandRunner runner = [&](const std::string&, const std::string& command) {
    fd::CommandSpec spec;
    spec.command = command;
    spec.timeout = 10s;
    return processes.run(spec).value();
  };
  const fd::SmokeOutcome outcome = fd::runSmokeTests(
      {httpTest("health", "/health", 200, "ok"), httpTest("missing", "/nope", 200),
       commandTest("shell", "echo fine"), commandTest("failing", "echo broken; exit 4")},
      server.url(), http, runner);
  BOOST_TEST(!outcome.passed);
  BOOST_REQUIRE(outcome.rows.size() == 4U);
  BOOST_TEST(outcome.rows[0].passed);
  BOOST_TEST(!outcome.rows[1].passed);
  BOOST_TEST(outcome.rows[1].notes.rfind("expected 200, got 404", 0) == 0);
  BOOST_TEST(outcome.rows[2].passed);
  BOOST_TEST(!outcome.rows[3].passed);
  BOOST_TEST(outcome.rows[3].notes.find("exit 4") == 0U);
  BOOST_TEST(outcome.rows[3].notes.find(": broken") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
