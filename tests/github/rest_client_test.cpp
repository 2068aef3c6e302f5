#include <boost/test/unit_test.hpp>

#include <cstdlib>

#include "core/version.hpp"
#include "github/json_fields.hpp"
#include "harness.hpp"

using namespace fd;
using namespace fd::test;

namespace {

constexpr std::int64_t kNowEpoch = 1775251800;  // FakeClock's wall clock

long long totalSleptMs(const FakeClock& clock) {
  long long total = 0;
  for (const auto& each : clock.sleeps) total += each.count();
  return total;
}

// Two reduced shapes of one answer, for the cache's type checks.
struct CountPart {
  std::size_t count = 0;
};
std::size_t heldBytes(const CountPart& /*part*/) { return sizeof(CountPart); }
struct NamePart {
  std::string name;
};
std::size_t heldBytes(const NamePart& part) { return sizeof(NamePart) + part.name.size(); }

CountPart countRuns(const rapidjson::Value& page) {
  return {github::arrayField(page, "check_runs").Size()};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rest_client)

BOOST_AUTO_TEST_CASE(sends_githubs_headers_and_masks_the_token) {
  Harness h;
  h.fake.update([](GithubState& s) { s.token = "ghs_secretTokenValue123"; });
  const auto repo = h.client().get("/repos/octo/shop");
  FD_REQUIRE_OK(repo);
  BOOST_TEST(github::stringField(repo->json, "default_branch") == "main");
  const auto request = h.fake.requests().front();
  BOOST_TEST(request.header("Accept").value() == "application/vnd.github+json");
  BOOST_TEST(request.header("X-GitHub-Api-Version").value() == "2022-11-28");
  BOOST_TEST(request.header("User-Agent").value() == std::string("factory-deploy/") + kVersion);
  BOOST_TEST(request.header("Authorization").value() == "Bearer ghs_secretTokenValue123");
  const auto& secrets = h.log.masker.secrets();
  BOOST_TEST(
      (std::find(secrets.begin(), secrets.end(), "ghs_secretTokenValue123") != secrets.end()));
  BOOST_TEST(!h.log.contains("ghs_secretTokenValue123"));
}

BOOST_AUTO_TEST_CASE(errors_name_the_endpoint_and_githubs_message) {
  Harness h;
  h.fake.script("GET", "/commits/abc/check-runs",
                ServerResponse{404, {}, R"({"message":"No commit found for SHA: abc"})"});
  const auto answer = h.client().get("/repos/octo/shop/commits/abc/check-runs?per_page=100");
  BOOST_REQUIRE(!answer.ok());
  BOOST_TEST(
      answer.message() ==
      "GET /repos/octo/shop/commits/abc/check-runs: 404 Not Found: No commit found for SHA: abc");
  BOOST_TEST(static_cast<int>(answer.code()) == static_cast<int>(ErrorCode::NotFound));
  BOOST_TEST(h.fake.count("GET", "/commits/abc/check-runs") == 1u);  // a 404 is not retried
}

BOOST_AUTO_TEST_CASE(bad_credentials_are_not_retried_and_point_at_the_input) {
  Harness h;
  h.fake.update([](GithubState& s) { s.token = "another-token"; });
  const auto answer = h.client().get("/repos/octo/shop");
  BOOST_REQUIRE(!answer.ok());
  BOOST_TEST(answer.message().find("401") != std::string::npos);
  BOOST_TEST(answer.message().find("github-token") != std::string::npos);
  BOOST_TEST(h.fake.requests().size() == 1u);
}

BOOST_AUTO_TEST_CASE(bad_gateway_then_ok_is_retried_with_jittered_backoff) {
  Harness h;
  h.fake.script("GET", "/repos/octo/shop", FakeGithub::badGateway());
  const auto repo = h.client().get("/repos/octo/shop");
  FD_REQUIRE_OK(repo);
  BOOST_TEST(h.fake.requests().size() == 2u);
  BOOST_REQUIRE(h.clock.sleeps.size() == 1u);
  BOOST_TEST(h.clock.sleeps[0].count() == 1000);  // 1 s × (0.5 + 0.5 from FakeRandom)
  BOOST_TEST(h.client().stats().retries == 1);
}

BOOST_AUTO_TEST_CASE(server_errors_give_up_after_the_attempts) {
  Harness h;
  for (int i = 0; i < 5; ++i) h.fake.script("GET", "/repos/octo/shop", FakeGithub::badGateway());
  const auto repo = h.client().get("/repos/octo/shop");
  BOOST_REQUIRE(!repo.ok());
  BOOST_TEST(
      repo.message() ==
      "GET /repos/octo/shop: 502 Bad Gateway: <html><body><h1>502 Bad Gateway</h1></body></html>");
  BOOST_TEST(static_cast<int>(repo.code()) == static_cast<int>(ErrorCode::Unavailable));
  BOOST_TEST(h.fake.requests().size() == 5u);
}

BOOST_AUTO_TEST_CASE(connection_refused_is_retried_then_reported) {
  Harness h;
  github::RestOptions options;
  options.baseUrl = "http://127.0.0.1:" + std::to_string(unusedPort());
  github::RestClient client(options, h.http, h.clock, h.random, h.log);
  const auto answer = client.get("/repos/octo/shop");
  BOOST_REQUIRE(!answer.ok());
  BOOST_TEST(answer.message().rfind("GET /repos/octo/shop: ", 0) == 0u);
  BOOST_TEST(static_cast<int>(answer.code()) == static_cast<int>(ErrorCode::Unavailable));
  BOOST_TEST(client.stats().requests == 5);
  BOOST_TEST(h.clock.sleeps.size() == 4u);
}

// A 200 whose body was cut off on the way is a transport fault: asked again, like a 502.
BOOST_AUTO_TEST_CASE(a_truncated_200_on_a_get_is_retried_and_logged) {
  Harness h;
  h.fake.script("GET", "/repos/octo/shop", FakeGithub::malformedJson());
  const auto repo = h.client().get("/repos/octo/shop");
  FD_REQUIRE_OK(repo);
  BOOST_TEST(github::stringField(repo->json, "default_branch") == "main");
  BOOST_TEST(h.fake.count("GET", "/repos/octo/shop") == 2u);
  BOOST_TEST(h.clock.sleeps.size() == 1u);
  BOOST_TEST(h.log.contains("GET /repos/octo/shop: malformed JSON: waiting 1s before retrying"));
}

BOOST_AUTO_TEST_CASE(malformed_json_on_every_attempt_is_a_clear_error_after_5_attempts) {
  Harness h;
  for (int i = 0; i < 5; ++i) h.fake.script("GET", "/check-runs", FakeGithub::malformedJson());
  const auto answer = h.client().get("/repos/octo/shop/commits/" + kSha + "/check-runs");
  BOOST_REQUIRE(!answer.ok());
  BOOST_TEST(answer.message().find("GET /repos/octo/shop/commits/" + kSha +
                                   "/check-runs: 200 OK with malformed JSON") == 0u);
  BOOST_TEST(h.fake.count("GET", "/check-runs") == 5u);
}

// POSTs are not idempotent: a lost answer is followed by a look, never by a blind second POST.
BOOST_AUTO_TEST_CASE(a_post_whose_answer_was_lost_is_not_sent_again_when_it_was_applied) {
  Harness h;
  h.fake.script("POST", "/deployments", FakeGithub::badGateway());
  int looked = 0;
  const auto created =
      h.client().post("/repos/octo/shop/deployments", R"({"ref":"main"})",
                      [&looked]() -> Result<std::optional<github::RestResponse>> {
                        ++looked;
                        github::RestResponse found;
                        found.status = 201;
                        found.json.Parse(R"({"id": 77})");
                        return std::optional<github::RestResponse>(std::move(found));
                      });
  FD_REQUIRE_OK(created);
  BOOST_TEST(github::idField(created->json, "id") == "77");
  BOOST_TEST(looked == 1);
  BOOST_TEST(h.fake.count("POST", "/deployments") == 1u);
  BOOST_TEST(h.log.contains("it was applied; using what it created"));
}

BOOST_AUTO_TEST_CASE(a_post_whose_answer_was_lost_is_sent_again_when_nothing_was_created) {
  Harness h;
  h.fake.script("POST", "/deployments", FakeGithub::malformedJson());
  int looked = 0;
  const auto created = h.client().post("/repos/octo/shop/deployments", R"({"ref":"main"})",
                                       [&looked]() -> Result<std::optional<github::RestResponse>> {
                                         ++looked;
                                         return std::optional<github::RestResponse>();
                                       });
  FD_REQUIRE_OK(created);
  BOOST_TEST(looked == 1);
  BOOST_TEST(h.fake.count("POST", "/deployments") == 2u);
  BOOST_TEST(h.fake.state().deployments.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_post_without_a_way_to_look_is_not_sent_again) {
  Harness h;
  h.fake.script("POST", "/deployments", FakeGithub::badGateway());
  const auto created = h.client().post("/repos/octo/shop/deployments", R"({"ref":"main"})");
  BOOST_REQUIRE(!created.ok());
  BOOST_TEST(created.message().find("(not sent again: the request may have been applied)") !=
                 std::string::npos,
             created.message());
  BOOST_TEST(h.fake.count("POST", "/deployments") == 1u);
}

BOOST_AUTO_TEST_CASE(a_post_is_not_sent_again_when_the_look_itself_fails) {
  Harness h;
  h.fake.script("POST", "/deployments", FakeGithub::badGateway());
  const auto created = h.client().post("/repos/octo/shop/deployments", R"({"ref":"main"})",
                                       []() -> Result<std::optional<github::RestResponse>> {
                                         return makeError(ErrorCode::Unavailable,
                                                          "GET …/deployments: connection refused");
                                       });
  BOOST_REQUIRE(!created.ok());
  BOOST_TEST(created.message().find("not sent again: could not tell whether it was applied") !=
                 std::string::npos,
             created.message());
  BOOST_TEST(h.fake.count("POST", "/deployments") == 1u);
}

BOOST_AUTO_TEST_CASE(primary_rate_limit_resetting_in_5s_waits_then_succeeds) {
  Harness h;
  h.fake.script("GET", "/repos/octo/shop", FakeGithub::primaryRateLimit(kNowEpoch + 5));
  const auto repo = h.client().get("/repos/octo/shop");
  FD_REQUIRE_OK(repo);
  BOOST_REQUIRE(h.clock.sleeps.size() == 1u);
  BOOST_TEST(h.clock.sleeps[0].count() == 6000);
  BOOST_TEST(h.log.contains("primary rate limit exhausted"));
}

BOOST_AUTO_TEST_CASE(primary_rate_limit_resetting_in_2h_fails_with_the_reset_time) {
  Harness h;
  h.fake.script("GET", "/repos/octo/shop", FakeGithub::primaryRateLimit(kNowEpoch + 7200));
  const auto repo = h.client().get("/repos/octo/shop");
  BOOST_REQUIRE(!repo.ok());
  BOOST_TEST(repo.message().find("it resets at 2026-04-03T23:30:00Z") != std::string::npos,
             repo.message());
  BOOST_TEST(static_cast<int>(repo.code()) == static_cast<int>(ErrorCode::ResourceExhausted));
  BOOST_TEST(h.clock.sleeps.empty());
  BOOST_TEST(h.fake.requests().size() == 1u);
}

BOOST_AUTO_TEST_CASE(secondary_limit_honours_retry_after) {
  Harness h;
  h.fake.script("GET", "/repos/octo/shop", FakeGithub::secondaryRateLimit(30));
  const auto repo = h.client().get("/repos/octo/shop");
  FD_REQUIRE_OK(repo);
  BOOST_REQUIRE(h.clock.sleeps.size() == 1u);
  BOOST_TEST(h.clock.sleeps[0].count() == 30000);
}

BOOST_AUTO_TEST_CASE(secondary_limit_without_headers_waits_a_minute_or_more) {
  Harness h;
  h.client().setDeadline(h.clock.steady() + std::chrono::minutes(10));
  h.fake.script("GET", "/repos/octo/shop", FakeGithub::secondaryRateLimit(std::nullopt));
  h.fake.script("GET", "/repos/octo/shop", FakeGithub::secondaryRateLimit(std::nullopt));
  const auto repo = h.client().get("/repos/octo/shop");
  FD_REQUIRE_OK(repo);
  BOOST_REQUIRE(h.clock.sleeps.size() == 2u);
  BOOST_TEST(h.clock.sleeps[0].count() >= 60000);
  BOOST_TEST(h.clock.sleeps[1].count() >= 120000);  // backs off
  BOOST_TEST(totalSleptMs(h.clock) < 10 * 60 * 1000);
}

BOOST_AUTO_TEST_CASE(etag_makes_the_second_read_a_304_from_the_cache) {
  Harness h;
  const auto first = h.client().get("/repos/octo/shop");
  const auto second = h.client().get("/repos/octo/shop");
  BOOST_REQUIRE(first.ok());
  BOOST_REQUIRE(second.ok());
  BOOST_TEST(!first->fromCache);
  BOOST_TEST(second->fromCache);
  BOOST_TEST(github::stringField(second->json, "default_branch") == "main");
  BOOST_TEST(h.fake.countStatus("/repos/octo/shop", 304) == 1u);
  BOOST_TEST(!h.fake.requests()[0].header("If-None-Match").has_value());
  BOOST_TEST(h.fake.requests()[1].header("If-None-Match").value().rfind("W/\"", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(pagination_follows_link_next_with_100_per_page) {
  Harness h;
  h.fake.update([](GithubState& s) {
    for (int i = 1; i <= 250; ++i)
      s.checkRuns.push_back(externalCheck(i, "check-" + std::to_string(i)));
  });
  const auto pages = h.client().getAll("/repos/octo/shop/commits/" + kSha + "/check-runs");
  BOOST_REQUIRE(pages.ok());
  BOOST_TEST(pages->size() == 3u);
  std::size_t items = 0;
  for (const auto& page : *pages) items += github::arrayField(page, "check_runs").Size();
  BOOST_TEST(items == 250u);
  const auto requests = h.fake.requests();
  BOOST_TEST(requests[0].uri.find("per_page=100") != std::string::npos);
  BOOST_TEST(requests[2].uri.find("page=3") != std::string::npos);
}

// What forEachPage keeps per page for the next poll: the ETag and the page's reduced part, never
// the body. Check run names of 400 characters make each body ~60 KB larger; the cache does not
// grow with them, and a 304 hands back the part reduced from the 200 without reducing again.
struct CountedPages {
  std::size_t cachedBytes = 0;
  std::size_t cachedEntries = 0;
  std::vector<std::size_t> firstPoll;
  std::vector<std::size_t> secondPoll;
  int reductions = 0;
  std::size_t notModified = 0;
};

CountedPages countCheckRunsTwice(std::size_t nameLength) {
  Harness h;
  h.fake.update([nameLength](GithubState& s) {
    for (int i = 1; i <= 250; ++i) {
      const std::string id = std::to_string(i);
      s.checkRuns.push_back(externalCheck(i, id + std::string(nameLength - id.size(), 'x')));
    }
  });
  CountedPages counted;
  const github::Reduction countRuns{
      "count", [&counted](const rapidjson::Value& page) -> Result<github::PagePart> {
        ++counted.reductions;
        auto count =
            std::make_shared<const std::size_t>(github::arrayField(page, "check_runs").Size());
        return github::PagePart{count, sizeof(std::size_t)};
      }};
  const std::string path = "/repos/octo/shop/commits/" + kSha + "/check-runs";
  for (auto* poll : {&counted.firstPoll, &counted.secondPoll}) {
    const Status listed = h.client().forEachPage(path, countRuns, [poll](const auto& part) {
      poll->push_back(*std::static_pointer_cast<const std::size_t>(part.value));
      return okStatus();
    });
    BOOST_REQUIRE(listed.ok());
  }
  counted.cachedBytes = h.client().cachedBytes();
  counted.cachedEntries = h.client().cachedEntries();
  counted.notModified = h.fake.countStatus("/repos/octo/shop/commits/" + kSha + "/check-runs", 304);
  return counted;
}

// A reduced read never takes a plain read's cache entry (nor its 304), even with an empty kind:
// it would get no part at all.
BOOST_AUTO_TEST_CASE(a_reduced_read_never_shares_a_plain_reads_cache_entry) {
  Harness h;
  h.fake.update([](GithubState& s) { s.checkRuns = {externalCheck(1, "build")}; });
  const std::string path = "/repos/octo/shop/commits/" + kSha + "/check-runs";
  FD_REQUIRE_OK(h.client().get(path));
  for (int read = 0; read < 2; ++read) {  // a 200, then a 304 from its own entry
    const auto counted = h.client().getOf<CountPart>(path, "", countRuns);
    FD_REQUIRE_OK(counted);
    BOOST_TEST((*counted)->count == 1u);
  }
  BOOST_TEST(h.fake.countStatus("/check-runs", 304) == 1u);
}

// Two consumers that (wrongly) share a URL and a kind with different shapes get an error, not
// each other's part reinterpreted.
BOOST_AUTO_TEST_CASE(a_cached_part_of_another_shape_is_an_error_not_a_mixup) {
  Harness h;
  h.fake.update([](GithubState& s) { s.checkRuns = {externalCheck(1, "build")}; });
  const std::string path = "/repos/octo/shop/commits/" + kSha + "/check-runs";
  FD_REQUIRE_OK(h.client().getOf<CountPart>(path, "shared", countRuns));
  const auto named = h.client().getOf<NamePart>(
      path, "shared", [](const rapidjson::Value& /*page*/) { return NamePart{"build"}; });
  BOOST_REQUIRE(!named.ok());
  BOOST_TEST(named.message() == path + ": the cached answer is not the reduction asked for");
}

BOOST_AUTO_TEST_CASE(paged_lists_cache_the_reduced_part_not_the_body) {
  const CountedPages shortNames = countCheckRunsTwice(8);
  const CountedPages longNames = countCheckRunsTwice(400);
  for (const CountedPages* counted : {&shortNames, &longNames}) {
    BOOST_TEST(counted->firstPoll == (std::vector<std::size_t>{100, 100, 50}),
               boost::test_tools::per_element());
    BOOST_TEST(counted->secondPoll == counted->firstPoll, boost::test_tools::per_element());
    BOOST_TEST(counted->reductions == 3);  // the second poll's pages were all 304s
    BOOST_TEST(counted->notModified == 3u);
    BOOST_TEST(counted->cachedEntries == 3u);
    // URL, ETag, next URL and a size_t per page: a few hundred bytes, not 3 bodies.
    BOOST_TEST(counted->cachedBytes < 3u * 512u, counted->cachedBytes);
  }
  // 250 names 392 characters longer: the bodies grew by ~98 KB, the cache not at all (the ports
  // of the two fakes may differ in length).
  const auto grown = static_cast<long long>(longNames.cachedBytes) -
                     static_cast<long long>(shortNames.cachedBytes);
  BOOST_TEST(std::llabs(grown) < 16, grown);
}

BOOST_AUTO_TEST_CASE(whole_documents_from_get_all_still_come_from_the_cache) {
  Harness h;
  h.fake.update([](GithubState& s) {
    for (int i = 1; i <= 150; ++i) s.checkRuns.push_back(externalCheck(i, "c" + std::to_string(i)));
  });
  const std::string path = "/repos/octo/shop/commits/" + kSha + "/check-runs";
  const auto first = h.client().getAll(path);
  const auto second = h.client().getAll(path);
  FD_REQUIRE_OK(first);
  FD_REQUIRE_OK(second);
  BOOST_TEST(second->size() == 2u);
  BOOST_TEST(github::arrayField((*second)[1], "check_runs").Size() == 50u);
  BOOST_TEST(h.fake.countStatus(path, 304) == 2u);
  // getAll keeps the bodies (it hands whole documents back): far more than forEachPage's parts.
  BOOST_TEST(h.client().cachedBytes() > 10000u, h.client().cachedBytes());
}

BOOST_AUTO_TEST_CASE(link_to_another_origin_is_refused) {
  Harness h;
  ServerResponse hostile{
      200, {{"Link", R"(<http://evil.example.test/steal?page=2>; rel="next")"}}, "[]"};
  h.fake.script("GET", "/issues", hostile);
  const auto pages = h.client().getAll("/repos/octo/shop/issues?state=open");
  BOOST_REQUIRE(!pages.ok());
  BOOST_TEST(pages.message().find("refusing to follow http://evil.example.test") == 0u);
}

BOOST_AUTO_TEST_CASE(response_size_is_bounded) {
  Harness h;
  github::RestOptions options;
  options.baseUrl = h.fake.apiUrl();
  options.maxBodyBytes = 1024;
  github::RestClient client(options, h.http, h.clock, h.random, h.log);
  const auto repo = client.get("/repos/octo/shop");
  BOOST_REQUIRE(!repo.ok());
  BOOST_TEST(repo.message().rfind("GET /repos/octo/shop: ", 0) == 0u, repo.message());
  BOOST_TEST(static_cast<int>(repo.code()) == static_cast<int>(ErrorCode::ResourceExhausted));
}

BOOST_AUTO_TEST_CASE(ghes_base_url_with_api_v3) {
  Harness h("/api/v3");
  BOOST_TEST(h.context.apiUrl.find("/api/v3") != std::string::npos);
  h.fake.update([](GithubState& s) {
    for (int i = 1; i <= 150; ++i) s.checkRuns.push_back(externalCheck(i, "c" + std::to_string(i)));
  });
  const auto pages = h.client().getAll("/repos/octo/shop/commits/" + kSha + "/check-runs");
  FD_REQUIRE_OK(pages);
  BOOST_TEST(pages->size() == 2u);
  for (const auto& request : h.fake.requests())
    BOOST_TEST(request.uri.rfind("/api/v3/repos/octo/shop/", 0) == 0u);
  h.fake.script("GET", "/repos/octo/shop", ServerResponse{404, {}, R"({"message":"Not Found"})"});
  const auto missing = h.client().get("/repos/octo/shop");
  BOOST_TEST(missing.message() == "GET /repos/octo/shop: 404 Not Found: Not Found");
}

BOOST_AUTO_TEST_SUITE_END()
