// The fake flyctl answers like flyctl: the keys, types and order its source renders
// (superfly/flyctl: apps/releases.go renders []fly.Release, status/machines.go a map (sorted keys)
// of the app with []*fly.Machine, image/show.go maps of strings, secrets/list.go
// SecretWithStatus; render.JSON indents with 4 spaces), its error lines and exit codes.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>

#include <rapidjson/document.h>

#include "platform/fly_json.hpp"
#include "support/fake_fly.hpp"
#include "support/temp_dir.hpp"

using fd::test::FakeFly;

namespace {

using Keys = std::vector<std::string>;

Keys keysOf(const rapidjson::Value& object) {
  Keys keys;
  for (const auto& member : object.GetObject()) keys.emplace_back(member.name.GetString());
  return keys;
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str());
  BOOST_REQUIRE_MESSAGE(!document.HasParseError(), "not JSON: " + text);
  return document;
}

// fly-go's fly.Release (no JSON tags: field names, in declaration order).
const Keys kReleaseKeys = {"ID",       "Version",     "Stable",       "InProgress",
                           "Reason",   "Description", "Status",       "DeploymentStrategy",
                           "Metadata", "User",        "EvaluationID", "CreatedAt",
                           "ImageRef"};
const Keys kUserKeys = {"ID", "Name", "Email", "EnablePaidHobby"};
// renderMachineJSONStatus: a map[string]any, so encoding/json sorts the keys ("Network" only
// when the app has one).
const Keys kStatusKeys = {"AppURL", "Deployed",     "Hostname",        "ID",     "Machines",
                          "Name",   "Organization", "PlatformVersion", "Status", "Version"};
const Keys kOrganizationKeys = {"ID", "InternalNumericID", "Name", "Slug", "RawSlug", "PaidPlan"};
// fly.Machine's json tags.
const std::set<std::string> kMachineKeys = {
    "id",      "name",       "state",       "region",     "image_ref",  "instance_id",
    "version", "private_ip", "created_at",  "updated_at", "config",     "events",
    "checks",  "nonce",      "host_status", "cordoned",   "containers", "incomplete_config"};
const std::set<std::string> kImageRefKeys = {"registry", "repository", "tag", "digest", "labels"};
// showMachineImage: map[string]string, sorted.
const Keys kImageShowKeys = {"Digest",     "Labels", "MachineID", "Registry",
                             "Repository", "Tag",    "Version"};
const Keys kSecretKeys = {"name", "digest", "status"};

struct Deployed {
  Deployed() {
    fly.createApps({"shop"});
    source.write("fly.toml", "app = \"shop\"\n");
    const auto secret = fly.run({"secrets", "set", "DATABASE_URL=postgres://x", "-a", "shop"});
    BOOST_REQUIRE_EQUAL(secret.exitCode, 0);
    for (const char* sha :
         {"1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222"}) {
      const auto deployed = fly.run({"deploy", "-c", "fly.toml"}, source.path(),
                                    {{"DEPLOY_SHA", sha},
                                     {"GITHUB_ACTIONS", "true"},
                                     {"GITHUB_SHA", sha},
                                     {"GITHUB_REPOSITORY", "octo/shop"}});
      BOOST_REQUIRE_MESSAGE(deployed.exitCode == 0, deployed.err);
    }
  }
  FakeFly fly;
  fd::test::TempDir source;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(fake_flyctl)

BOOST_AUTO_TEST_CASE(releases_json_is_a_list_of_fly_release_newest_first) {
  Deployed d;
  const auto answer = d.fly.run({"releases", "--app", "shop", "--json"});
  BOOST_REQUIRE_EQUAL(answer.exitCode, 0);
  BOOST_TEST(answer.out.rfind("[\n    {\n        \"ID\": ", 0) == 0u, answer.out);  // 4 spaces
  const auto document = parse(answer.out);
  BOOST_REQUIRE(document.IsArray());
  BOOST_REQUIRE_EQUAL(document.Size(), 2u);
  for (const auto& release : document.GetArray()) {
    BOOST_TEST(keysOf(release) == kReleaseKeys, "release keys");
    BOOST_TEST(keysOf(release["User"]) == kUserKeys, "user keys");
    BOOST_TEST(release["Version"].IsInt());
    BOOST_TEST(release["Stable"].IsBool());
    BOOST_TEST(release["Metadata"].IsNull());
    BOOST_TEST(std::string(release["CreatedAt"].GetString()).size() == 20u);  // RFC 3339, UTC
  }
  BOOST_TEST(document[0]["Version"].GetInt() == 2);
  BOOST_TEST(std::string(document[0]["Status"].GetString()) == "complete");
  BOOST_TEST(fd::fly::parseReleases(answer.out).ok());
}

BOOST_AUTO_TEST_CASE(status_json_is_flyctls_map_with_fly_machines) {
  Deployed d;
  const auto answer = d.fly.run({"status", "--app", "shop", "--json"});
  BOOST_REQUIRE_EQUAL(answer.exitCode, 0);
  const auto document = parse(answer.out);
  BOOST_TEST(keysOf(document) == kStatusKeys, "status keys in encoding/json's sorted order");
  BOOST_TEST(keysOf(document["Organization"]) == kOrganizationKeys);
  BOOST_TEST(document["Version"].GetInt() == 2);
  BOOST_REQUIRE(document["Machines"].IsArray());
  for (const auto& machine : document["Machines"].GetArray()) {
    for (const std::string& key : keysOf(machine)) {
      BOOST_TEST(kMachineKeys.count(key) == 1u, "fly.Machine has no json tag " << key);
    }
    BOOST_TEST(machine.HasMember("cordoned"));  // not omitempty
    for (const std::string& key : keysOf(machine["image_ref"])) {
      BOOST_TEST(kImageRefKeys.count(key) == 1u, "MachineImageRef has no json tag " << key);
    }
    BOOST_TEST(machine["config"]["metadata"]["fly_release_version"].IsString());
    BOOST_TEST(std::string(machine["config"]["metadata"]["fly_platform_version"].GetString()) ==
               "v2");
    BOOST_TEST(std::string(machine["image_ref"]["labels"]["GH_SHA"].GetString()) ==
               "2222222222222222222222222222222222222222");
  }
  const auto status = fd::fly::parseStatus(answer.out);
  BOOST_REQUIRE(status.ok());
  BOOST_TEST(status->machines.at(0).commit == "2222222222222222222222222222222222222222");
}

BOOST_AUTO_TEST_CASE(image_show_json_gives_strings_with_labels_as_json_text) {
  Deployed d;
  const auto answer = d.fly.run({"image", "show", "--app", "shop", "--json"});
  BOOST_REQUIRE_EQUAL(answer.exitCode, 0);
  const auto document = parse(answer.out);
  BOOST_REQUIRE(document.IsArray());
  for (const auto& image : document.GetArray()) {
    BOOST_TEST(keysOf(image) == kImageShowKeys);
    for (const auto& member : image.GetObject()) BOOST_TEST(member.value.IsString());
    const auto labels = parse(image["Labels"].GetString());  // json.Marshal of the map
    BOOST_TEST(std::string(labels["GH_SHA"].GetString()) ==
               "2222222222222222222222222222222222222222");
  }
}

BOOST_AUTO_TEST_CASE(secrets_list_json_gives_names_digests_and_status_never_values) {
  Deployed d;
  const auto answer = d.fly.run({"secrets", "list", "--app", "shop", "--json"});
  BOOST_REQUIRE_EQUAL(answer.exitCode, 0);
  const auto document = parse(answer.out);
  BOOST_REQUIRE_EQUAL(document.Size(), 1u);
  BOOST_TEST(keysOf(document[0]) == kSecretKeys);
  BOOST_TEST(std::string(document[0]["name"].GetString()) == "DATABASE_URL");
  BOOST_TEST(answer.out.find("postgres://") == std::string::npos);
  const auto table = d.fly.run({"secrets", "list", "--app", "shop"});
  BOOST_TEST(table.out.rfind("NAME\tDIGEST", 0) == 0u, table.out);
  BOOST_TEST(table.out.find("postgres://") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(errors_are_flyctls_lines_with_exit_1) {
  Deployed d;
  const auto rollback = d.fly.run({"releases", "rollback", "--app", "shop"});
  BOOST_TEST(rollback.exitCode == 1);
  BOOST_TEST(rollback.err == "Error: unknown command \"rollback\" for \"flyctl releases\"\n");
  const auto noToken = d.fly.run({"status", "--app", "shop", "--json"}, "/",
                                 {{"FLY_API_TOKEN", ""}, {"FLY_ACCESS_TOKEN", ""}});
  BOOST_TEST(noToken.exitCode == 1);
  BOOST_TEST(noToken.err ==
             "Error: no access token available. Please login with 'flyctl auth login'\n");
  BOOST_TEST(noToken.out.empty());
  const auto noApp = d.fly.run({"status", "--app", "nope", "--json"});
  BOOST_TEST(noApp.exitCode == 1);
  BOOST_TEST(noApp.err == "Error: failed to get app: Could not find App \"nope\"\n");
  const auto missingImage =
      d.fly.run({"deploy", "--app", "shop", "--image", "registry.fly.io/shop:none"});
  BOOST_TEST(missingImage.exitCode == 1);
  BOOST_TEST(missingImage.err.find("Error: failed to fetch an image or build from source") == 0u);
  const auto version = d.fly.run({"version"});
  BOOST_TEST(version.out ==
             "flyctl v0.4.85 linux/amd64 Commit: fake-flyctl BuildDate: 2026-01-01T00:00:00Z\n");
}

BOOST_AUTO_TEST_CASE(an_image_pinned_by_its_digest_deploys_and_a_wrong_digest_is_refused) {
  Deployed d;
  // What `fly status` shows for the image: repository:tag@digest, a valid Docker reference.
  const auto status = parse(d.fly.run({"status", "--app", "shop", "--json"}).out);
  const auto& reference = status["Machines"][0]["image_ref"];
  const std::string image = std::string("registry.fly.io/") + reference["repository"].GetString() +
                            ":" + reference["tag"].GetString();
  const std::string digest = reference["digest"].GetString();
  const auto pinned = d.fly.run({"deploy", "--app", "shop", "--image", image + "@" + digest});
  BOOST_TEST(pinned.exitCode == 0, pinned.err);
  const auto wrong =
      d.fly.run({"deploy", "--app", "shop", "--image", image + "@sha256:" + std::string(64, '0')});
  BOOST_TEST(wrong.exitCode == 1);
  BOOST_TEST(wrong.err ==
             "Error: failed to fetch an image or build from source: Could not find "
             "image \"" +
                 image + "@sha256:" + std::string(64, '0') + "\"\n");
}

BOOST_AUTO_TEST_CASE(an_app_without_releases_renders_null_and_an_empty_machine_list) {
  FakeFly fly;
  fly.createApps({"fresh"});
  const auto releases = fly.run({"releases", "--app", "fresh", "--json"});
  BOOST_TEST(releases.out == "null\n");
  const auto status = parse(fly.run({"status", "--app", "fresh", "--json"}).out);
  BOOST_TEST(status["Machines"].IsArray());
  BOOST_TEST(status["Machines"].Empty());
  BOOST_TEST(status["Version"].GetInt() == 0);
  BOOST_TEST(!status["Deployed"].GetBool());
}

BOOST_AUTO_TEST_CASE(the_fake_refuses_to_run_without_its_state_or_with_a_wrong_token) {
  FakeFly fly;
  const auto noState = fly.run({"version"}, "/", {{"FAKE_FLYCTL_STATE", ""}});
  BOOST_TEST(noState.exitCode == 2);
  BOOST_TEST(noState.err == "fake flyctl: FAKE_FLYCTL_STATE is not set\n");
  fly.createApps({"shop"});
  const auto wrong = fly.run({"status", "-a", "shop", "--json"}, "/", {{"FLY_API_TOKEN", "nope"}});
  BOOST_TEST(wrong.exitCode == 1);
  BOOST_TEST(wrong.err == "Error: You must be authenticated to view this.\n");
}

BOOST_AUTO_TEST_SUITE_END()
