// flyctl's JSON as its source renders it (render.JSON: encoding/json, 4-space indent; fly.Release
// has no JSON tags, fly.Machine is snake_case; `fly status --json` is a map, so keys are sorted).
#include <boost/test/unit_test.hpp>

#include "platform/fly_json.hpp"

namespace {

template <typename T>
std::string problem(const fd::Result<T>& result) {
  return result.ok() ? "" : result.message();
}

// Trimmed from a real-shaped `fly status --json`: two machines, one still on the old release.
const char* const kStatus = R"({
    "AppURL": "",
    "Deployed": true,
    "Hostname": "shop.fly.dev",
    "ID": "shop",
    "Machines": [
        {
            "id": "e7840001",
            "state": "started",
            "region": "iad",
            "image_ref": {
                "registry": "registry.fly.io",
                "repository": "shop",
                "tag": "deployment-01J9",
                "digest": "sha256:abc",
                "labels": {"GH_SHA": "0123456789abcdef0123456789abcdef01234567", "fly.version": "x"}
            },
            "config": {"metadata": {"fly_platform_version": "v2", "fly_release_version": "7"}},
            "host_status": "ok",
            "cordoned": false
        },
        {
            "id": "d8910001",
            "state": "started",
            "image_ref": {"registry": "registry.fly.io", "repository": "shop", "tag": "deployment-01J8"},
            "incomplete_config": {"metadata": {"fly_release_version": "6"}},
            "host_status": "unreachable",
            "cordoned": false
        }
    ],
    "Name": "shop",
    "Organization": {"ID": "O1", "Slug": "personal"},
    "PlatformVersion": "machines",
    "Status": "deployed",
    "Version": 7
}
)";

const char* const kReleases = R"([
    {
        "ID": "r6", "Version": 6, "Stable": true, "InProgress": false, "Reason": "deploy",
        "Description": "Deploy image", "Status": "complete", "DeploymentStrategy": "",
        "Metadata": null, "User": {"ID": "U1", "Name": "A", "Email": "a@example.com",
        "EnablePaidHobby": false}, "EvaluationID": "", "CreatedAt": "2026-04-01T10:00:00Z",
        "ImageRef": "registry.fly.io/shop:deployment-01J8"
    },
    {
        "ID": "r7", "Version": 7, "Stable": false, "InProgress": false, "Reason": "deploy",
        "Description": "Deploy image", "Status": "failed", "DeploymentStrategy": "",
        "Metadata": null, "User": {"ID": "U1", "Name": "A", "Email": "a@example.com",
        "EnablePaidHobby": false}, "EvaluationID": "", "CreatedAt": "2026-04-02T10:00:00Z",
        "ImageRef": "registry.fly.io/shop:deployment-01J9"
    }
]
)";

}  // namespace

BOOST_AUTO_TEST_SUITE(fly_json)

BOOST_AUTO_TEST_CASE(status_gives_the_current_release_and_each_machine) {
  const auto status = fd::fly::parseStatus(kStatus);
  BOOST_REQUIRE_MESSAGE(status.ok(), problem(status));
  BOOST_TEST(status->name == "shop");
  BOOST_TEST(status->deployed);
  BOOST_TEST(status->version == 7);
  BOOST_REQUIRE(status->machines.size() == 2u);
  const auto& first = status->machines[0];
  BOOST_TEST(first.release == 7);
  BOOST_TEST(first.image == "registry.fly.io/shop:deployment-01J9@sha256:abc");
  BOOST_TEST(first.commit == "0123456789abcdef0123456789abcdef01234567");
  const auto& second = status->machines[1];
  BOOST_TEST(second.release == 6);  // read from incomplete_config when the host is unreachable
  BOOST_TEST(second.image == "registry.fly.io/shop:deployment-01J8");
  BOOST_TEST(second.commit.empty());
}

BOOST_AUTO_TEST_CASE(notices_around_the_json_are_skipped) {
  const std::string output = std::string("Update available 0.4.85 -> 0.4.90.\n") + kStatus +
                             "WARN failed to set final release status\n";
  const auto status = fd::fly::parseStatus(output);
  BOOST_REQUIRE_MESSAGE(status.ok(), problem(status));
  BOOST_TEST(status->version == 7);
}

BOOST_AUTO_TEST_CASE(a_gh_sha_label_that_is_not_a_full_sha_is_not_a_commit) {
  const auto status = fd::fly::parseStatus(
      R"({"Version": 1, "Machines": [{"image_ref": {"repository": "shop", "labels": {"GH_SHA": "abc123"}},
          "config": {"metadata": {"fly_release_version": "1"}}}]})");
  BOOST_REQUIRE(status.ok());
  BOOST_TEST(status->machines.at(0).commit.empty());
}

BOOST_AUTO_TEST_CASE(status_without_version_or_machines_is_refused) {
  const auto noMachines = fd::fly::parseStatus(R"({"Version": 3})");
  BOOST_REQUIRE(!noMachines.ok());
  BOOST_TEST(noMachines.message() == R"(fly status --json: expected "Version" and "Machines")");
  const auto notJson = fd::fly::parseStatus("Error: failed to get app: Could not find App\n");
  BOOST_REQUIRE(!notJson.ok());
  BOOST_TEST(notJson.message() == "fly status --json: no JSON object in the output");
  const auto cut = fd::fly::parseStatus("{\"Version\": 3, \"Machines\": [");
  BOOST_REQUIRE(!cut.ok());
  BOOST_TEST(cut.message().find("fly status --json: malformed JSON") == 0u, cut.message());
}

BOOST_AUTO_TEST_CASE(releases_come_newest_first_with_status_and_image) {
  const auto releases = fd::fly::parseReleases(kReleases);
  BOOST_REQUIRE_MESSAGE(releases.ok(), problem(releases));
  BOOST_REQUIRE(releases->size() == 2u);
  BOOST_TEST(releases->at(0).version == 7);
  BOOST_TEST(releases->at(0).status == "failed");
  BOOST_TEST(!releases->at(0).stable);
  BOOST_TEST(releases->at(1).version == 6);
  BOOST_TEST(releases->at(1).imageRef == "registry.fly.io/shop:deployment-01J8");
  BOOST_TEST(releases->at(1).createdAt == "2026-04-01T10:00:00Z");
}

BOOST_AUTO_TEST_CASE(an_app_without_releases_renders_null_and_reads_as_none) {
  const auto releases = fd::fly::parseReleases("null\n");
  BOOST_REQUIRE(releases.ok());
  BOOST_TEST(releases->empty());
}

BOOST_AUTO_TEST_CASE(a_release_without_a_version_is_refused) {
  const auto releases = fd::fly::parseReleases(R"([{"Status": "complete"}])");
  BOOST_REQUIRE(!releases.ok());
  BOOST_TEST(releases.message() == R"(fly releases --json: a release without "Version")");
}

BOOST_AUTO_TEST_CASE(secret_names_are_read_exactly_from_the_json_list) {
  const auto names = fd::fly::parseSecretNames(R"(A new version of flyctl is available
[
    {
        "name": "DATABASE_URL",
        "digest": "2c7d1e5f0a9b3c48",
        "status": "Deployed"
    },
    {
        "Name": "SESSION_KEY",
        "Digest": "9f0e1d2c3b4a5968"
    }
]
)");
  BOOST_REQUIRE_MESSAGE(names.ok(), problem(names));
  BOOST_TEST((*names == std::vector<std::string>{"DATABASE_URL", "SESSION_KEY"}));
}

BOOST_AUTO_TEST_CASE(an_app_without_secrets_lists_none) {
  for (const char* output : {"[]\n", "null\n"}) {
    const auto names = fd::fly::parseSecretNames(output);
    BOOST_REQUIRE_MESSAGE(names.ok(), problem(names));
    BOOST_TEST(names->empty(), output);
  }
}

BOOST_AUTO_TEST_CASE(a_secrets_listing_that_is_not_json_names_is_refused) {
  const auto table = fd::fly::parseSecretNames("NAME\tDIGEST\tSTATUS\nDATABASE_URL\tab12\n");
  BOOST_TEST(problem(table) == "fly secrets list --json: no JSON array in the output");
  const auto nameless = fd::fly::parseSecretNames(R"([{"digest": "ab12"}])");
  BOOST_TEST(problem(nameless) == R"(fly secrets list --json: a secret without "name")");
}

BOOST_AUTO_TEST_SUITE_END()
