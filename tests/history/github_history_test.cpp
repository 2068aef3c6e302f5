// `history`, `status` and the metrics in GitHub mode: only the deployments this action marked,
// read through the REST client from the fake GitHub (paged), and a real GitHub-mode deploy's own
// record read back.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>

#include "history/shop.hpp"

namespace fd::test {

namespace {

const std::string kRun900 = "https://github.com/octo/shop/actions/runs/900";

std::size_t listPages(const FakeGithub& github) {
  const auto served = github.served();
  return static_cast<std::size_t>(std::count_if(served.begin(), served.end(), [](const auto& s) {
    return s.method == "GET" && s.uri.rfind("/repos/octo/shop/deployments?", 0) == 0;
  }));
}

// ISO 8601 UTC, `hours` before now (the binary judges windows by the real clock).
std::string isoHoursAgo(int hours) {
  const std::time_t at = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() -
                                                              std::chrono::hours(hours));
  std::tm utc{};
  gmtime_r(&at, &utc);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text.data();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(github_history)

BOOST_AUTO_TEST_CASE(history_reads_only_marked_deployments_newest_first) {
  GithubShop shop;
  const std::string a = shop.repo.git("rev-parse HEAD~1").substr(0, 40);
  const std::string b = shop.head;
  shop.github.update([&](GithubState& s) {
    s.deployments = {
        GithubShop::recorded(100, a, "prod", "success", "2026-04-03T20:00:00Z",
                             "2026-04-03T20:05:00Z"),
        // GitHub's own for an `environment: prod` job: newer, not ours
        FakeGithub::environmentJobDeployment(150, b, "prod", "950", 7, "success"),
        GithubShop::recorded(
            200, b, "prod", "failure", "2026-04-03T21:00:00Z", "2026-04-03T21:02:00Z",
            shortSha(b) + " failed at verify and was rolled back to " + shortSha(a)),
    };
  });
  const ChildRun run = shop.cli({"history", "--json"});
  BOOST_TEST_REQUIRE(run.exitCode == 0, run.all());
  const rapidjson::Document json = parseJson(run.out);
  BOOST_TEST_REQUIRE(json.IsObject(), run.out);
  BOOST_TEST(str(json, "source") == "GitHub Deployments of octo/shop");
  const auto& entries = json["entries"];
  BOOST_TEST_REQUIRE(entries.Size() == 2u, run.out);
  BOOST_TEST(str(entries[0], "status") == "ROLLED BACK");
  BOOST_TEST(str(entries[0], "deployment_id") == "200");
  BOOST_TEST(str(entries[0], "version") == shortSha(b));
  BOOST_TEST(str(entries[0], "previous_version") == shortSha(a));
  BOOST_TEST(entries[0]["duration_s"].GetInt64() == 120);
  BOOST_TEST(str(entries[1], "status") == "SUCCESS");
  BOOST_TEST(str(entries[1], "actor") == "carol");
  BOOST_TEST(str(entries[1], "time") == "2026-04-03T20:05:00Z");
  BOOST_TEST(str(entries[1], "receipt") == kRun900);
  BOOST_TEST(entries[1]["duration_s"].GetInt64() == 300);
  BOOST_TEST(!contains(run.out, "\"150\""), run.out);
  // the token is a secret: never printed
  BOOST_TEST(!contains(run.all(), kHistoryToken));
}

BOOST_AUTO_TEST_CASE(a_deployments_answer_that_is_not_a_list_is_an_error_not_an_empty_history) {
  GithubShop shop;
  shop.github.update([&](GithubState& s) {
    s.deployments = {GithubShop::recorded(100, shop.head, "prod", "success", "2026-04-03T20:00:00Z",
                                          "2026-04-03T20:05:00Z")};
  });
  shop.github.script("GET", "/deployments", ServerResponse{200, {}, R"({"deployments": []})"});
  const ChildRun run = shop.cli({"history", "--json"});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(contains(run.err, "GitHub's deployments are not a list"), run.all());
}

BOOST_AUTO_TEST_CASE(history_follows_the_pages_and_stops_at_the_limit) {
  GithubShop shop;
  shop.github.update([&](GithubState& s) {
    for (std::int64_t id = 1000; id < 1105; ++id) {
      s.deployments.push_back(GithubShop::recorded(id * 10, shop.head, "alpha", "success",
                                                   "2026-04-03T20:00:00Z", "2026-04-03T20:01:00Z"));
    }
  });
  const ChildRun all = shop.cli({"history", "--json", "--limit", "0"});
  BOOST_TEST_REQUIRE(all.exitCode == 0, all.all());
  BOOST_TEST(parseJson(all.out)["entries"].Size() == 105u);
  BOOST_TEST(listPages(shop.github) == 2u);

  const std::size_t before = listPages(shop.github);
  const ChildRun few = shop.cli({"history", "--json", "--limit", "3"});
  BOOST_TEST_REQUIRE(few.exitCode == 0, few.all());
  BOOST_TEST(parseJson(few.out)["entries"].Size() == 3u);
  BOOST_TEST(listPages(shop.github) - before == 1u);  // the first page held enough
}

BOOST_AUTO_TEST_CASE(a_github_mode_deploy_is_read_back_by_history_and_status) {
  GithubShop shop;
  const std::string a = shop.repo.git("rev-parse HEAD~1").substr(0, 40);
  // Yesterday's prod deploy: inside the summary's 30-day metrics window.
  const std::string started = isoHoursAgo(25);
  const std::string ended = isoHoursAgo(24);
  shop.github.update([&](GithubState& s) {
    s.deployments = {
        GithubShop::recorded(100, a, "prod", "success", started, ended),
        GithubShop::recorded(110, shop.head, "alpha", "success", "2026-04-03T20:10:00Z",
                             "2026-04-03T20:11:00Z"),
    };
  });
  const ChildRun deployed = shop.deploy("staging");
  BOOST_TEST_REQUIRE(deployed.exitCode == 0, deployed.all());
  // The job summary ends with what is live where, read after the deploy.
  const std::string summary = shop.repo.readScratch("summary");
  BOOST_TEST(contains(summary, "### What is live where\n"), summary);
  BOOST_TEST(contains(summary, "| staging | " + shortSha(shop.head) + " | "), summary);
  BOOST_TEST(contains(summary, "| carol | healthy (200 in "), summary);
  BOOST_TEST(contains(summary, "| prod | " + shortSha(a) + " | " + ended + " | "), summary);
  BOOST_TEST(contains(summary, "- staging is 1 commit ahead of prod\n"), summary);
  // …and the delivery metrics' headlines for prod.
  BOOST_TEST(contains(summary, "### Delivery metrics (prod, last 30 days)\n"), summary);
  BOOST_TEST(contains(summary, "\n- Deployment frequency: 1 successful deploys (0.2 per week)\n"),
             summary);
  BOOST_TEST(contains(summary, "\n- Change failure rate: 0% (0 of 1 prod deploys)\n"), summary);
  BOOST_TEST(contains(summary, "\n- Time to restore: median n/a over 0 failures\n"), summary);

  const ChildRun history = shop.cli({"history", "--environment", "staging", "--json"});
  BOOST_TEST_REQUIRE(history.exitCode == 0, history.all());
  const rapidjson::Document listed = parseJson(history.out);
  BOOST_TEST_REQUIRE(listed["entries"].Size() == 1u, history.out);
  BOOST_TEST(str(listed["entries"][0], "status") == "SUCCESS");
  BOOST_TEST(str(listed["entries"][0], "sha") == shop.head);
  BOOST_TEST(str(listed["entries"][0], "actor") == "carol");
  BOOST_TEST(str(listed["entries"][0], "receipt") ==
             "https://github.com/octo/shop/actions/runs/1000");

  const ChildRun status = shop.cli({"status", "--json"});
  BOOST_TEST_REQUIRE(status.exitCode == 0, status.all());
  const rapidjson::Document live = parseJson(status.out);
  BOOST_TEST_REQUIRE(live.IsObject(), status.out);
  const auto& staging = live["environments"][1];
  BOOST_TEST(str(staging, "environment") == "staging");
  BOOST_TEST(str(staging["live"], "sha") == shop.head);
  BOOST_TEST(str(staging["health"], "state") == "healthy");
  BOOST_TEST(staging["ahead_of_next"]["commits"].GetUint64() == 1u, status.out);
  BOOST_TEST(str(staging["ahead_of_next"]["subjects"][0], "subject") ==
             "reports for " + shortSha(a));
  BOOST_TEST(str(live["environments"][2]["live"], "sha") == a);
}

BOOST_AUTO_TEST_CASE(metrics_count_marked_prod_deploys_and_restores) {
  GithubShop shop;
  const std::string a = shop.repo.git("rev-parse HEAD~1").substr(0, 40);
  const std::string b = shop.head;
  shop.github.update([&](GithubState& s) {
    s.deployments = {
        GithubShop::recorded(100, a, "prod", "success", "2026-04-03T20:00:00Z",
                             "2026-04-03T20:05:00Z"),
        GithubShop::recorded(200, b, "prod", "failure", "2026-04-03T21:00:00Z",
                             "2026-04-03T21:02:00Z", "rolled back"),
        FakeGithub::environmentJobDeployment(250, b, "prod", "950", 7, "failure"),
        GithubShop::recorded(300, b, "prod", "success", "2026-04-03T21:30:00Z",
                             "2026-04-03T21:32:00Z"),
    };
  });
  const ChildRun run = shop.cli({"history", "--metrics", "--window-days", "3650", "--json"});
  BOOST_TEST_REQUIRE(run.exitCode == 0, run.all());
  const rapidjson::Document m = parseJson(run.out);
  BOOST_TEST_REQUIRE(m.IsObject(), run.out);
  BOOST_TEST(m["deployment_frequency"]["successful_deploys"].GetUint64() == 2u, run.out);
  BOOST_TEST(m["change_failure_rate"]["deploys"].GetUint64() == 3u);
  BOOST_TEST(m["change_failure_rate"]["failed"].GetUint64() == 1u);
  BOOST_TEST(str(m["change_failure_rate"]["failures"][0], "deployment_id") == "200");
  BOOST_TEST(m["time_to_restore"]["median_s"].GetInt64() == 30 * 60);
}

BOOST_AUTO_TEST_CASE(command_rollback_records_a_marked_deployment_that_history_and_status_read) {
  GithubShop shop;
  const std::string a = shop.repo.git("rev-parse HEAD~1").substr(0, 40);
  const std::string b = shop.head;
  shop.github.update([&](GithubState& s) {
    s.deployments = {
        GithubShop::recorded(100, a, "prod", "success", "2026-04-03T20:00:00Z",
                             "2026-04-03T20:05:00Z"),
        GithubShop::recorded(300, b, "prod", "success", "2026-04-03T21:30:00Z",
                             "2026-04-03T21:32:00Z"),
    };
  });
  std::map<std::string, std::string> env = shop.environment("prod");
  env["INPUT_COMMAND"] = "rollback";
  env["INPUT_REASON"] = "checkout is down";
  const ChildRun unconfirmed = shop.repo.run({}, env);
  BOOST_TEST(unconfirmed.exitCode == 1, unconfirmed.all());
  BOOST_TEST(!shop.repo.scratchExists("rolled-back"));
  BOOST_TEST(shop.github.state().deployments.size() == 2u);  // nothing claimed or recorded

  shop.github.update([](GithubState& s) { s.approvals = {GhApproval{"prod"}}; });
  const ChildRun run = shop.repo.run({}, env);
  BOOST_TEST_REQUIRE(run.exitCode == 0, run.all());
  BOOST_TEST(shop.repo.scratchExists("rolled-back"));
  const GithubState state = shop.github.state();
  BOOST_TEST_REQUIRE(state.deployments.size() == 3u);
  const GhDeployment& made = state.deployments.back();
  BOOST_TEST(made.sha == a);
  BOOST_TEST(contains(made.payload, "\"kind\":\"rollback\""), made.payload);
  BOOST_TEST(made.statuses.back().state == "success");
  BOOST_TEST(made.statuses.back().description ==
             "verified: rolled back (manual rollback of prod from " + shortSha(b) + " to " +
                 shortSha(a) + ")");

  const ChildRun history = shop.cli({"history", "--environment", "prod", "--json"});
  const rapidjson::Document listed = parseJson(history.out);
  BOOST_TEST_REQUIRE(listed.IsObject(), history.all());
  BOOST_TEST(str(listed["entries"][0], "kind") == "rollback");
  BOOST_TEST(str(listed["entries"][0], "status") == "ROLLED BACK");
  BOOST_TEST(str(listed["entries"][0], "sha") == a);
  const rapidjson::Document live = parseJson(shop.cli({"status", "--json"}).out);
  BOOST_TEST_REQUIRE(live.IsObject());
  BOOST_TEST(str(live["environments"][2]["live"], "sha") == a);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
