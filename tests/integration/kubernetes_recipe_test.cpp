// docs/PLATFORMS.md's Kubernetes recipe through the binary: its three commands are read from the
// page itself, kubectl comes from `tools` off a loopback release server. The kubectl is a fake
// that refuses without the kubeconfig (as kubectl does without credentials) and keeps a rollout
// history, so the recipe must write the kubeconfig in every command, read the live version before
// the deploy, and roll a broken prod back with `rollout undo`.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "platform/tool_installer.hpp"
#include "support/deploy_repo.hpp"
#include "support/loopback_server.hpp"

namespace fd::test {

namespace {

const char* const kKubeconfig = "apiVersion: v1\nkind: Config\nclusters: [{name: test}]\n";

// One Deployment per name in $FAKE_KUBE_STATE: its image, and the images before it.
const char* const kFakeKubectl = R"SH(#!/bin/sh
state=${FAKE_KUBE_STATE:?}
printf '%s\n' "$*" >>"$state/calls"
if [ -z "${KUBECONFIG:-}" ] || [ ! -f "$KUBECONFIG" ] || [ "$(cat "$KUBECONFIG")" != "$(printf '%s' "$FAKE_KUBE_CONFIG")" ]; then
  echo "error: You must be logged in to the server (the server has asked for the client to provide credentials)" >&2
  exit 1
fi
case "$1 $2" in
  "set image")
    name=${3#deployment/}
    [ ! -f "$state/$name" ] || cat "$state/$name" >>"$state/$name.history"
    echo "${4#app=}" >"$state/$name"
    echo "deployment.apps/$name image updated" ;;
  "rollout status") echo "deployment \"${3#deployment/}\" successfully rolled out" ;;
  "rollout undo")
    name=${3#deployment/}
    [ -s "$state/$name.history" ] || { echo "error: no rollout history found for deployment \"$name\"" >&2; exit 1; }
    tail -n1 "$state/$name.history" >"$state/$name"
    sed -i '$d' "$state/$name.history"
    echo "deployment.apps/$name rolled back" ;;
  "get deployment/"*)
    name=${2#deployment/}
    [ -f "$state/$name" ] || { echo "Error from server (NotFound): deployments.apps \"$name\" not found" >&2; exit 1; }
    [ "$3 $4" = "-o jsonpath={.spec.template.spec.containers[0].image}" ] || { echo "error: unexpected arguments: $3 $4" >&2; exit 1; }
    printf '%s' "$(cat "$state/$name")" ;;
  *) echo "error: unknown command \"$1\" for \"kubectl\"" >&2; exit 1 ;;
esac
)SH";

const char* const kKubectlPath = "/release/v1.31.0/bin/linux/amd64/kubectl";

// The lines of the recipe's JSON block that hold `key`, as the page prints them.
std::string recipeLine(const std::string& key) {
  std::ifstream page(std::string(FD_SOURCE_DIR) + "/docs/PLATFORMS.md");
  std::string line;
  bool inRecipe = false;
  while (std::getline(page, line)) {
    if (line.starts_with("### ")) inRecipe = line == "### Kubernetes";
    const std::size_t start = line.find_first_not_of(' ');
    if (!inRecipe || start == std::string::npos) continue;
    std::string field = line.substr(start);
    if (!field.starts_with("\"" + key + "\": ")) continue;
    while (field.ends_with(',') || field.ends_with('}'))
      field.pop_back();  // the last in its object
    return field;
  }
  return "";
}

struct Cluster {
  explicit Cluster(const DeployRepo& repo) : state(repo.scratch("kube")) {
    std::filesystem::create_directories(state);
    std::filesystem::create_directories(repo.scratch("runner-temp"));
  }
  std::string image(const std::string& deployment) const {
    std::ifstream in(state + "/" + deployment);
    std::string text;
    std::getline(in, text);
    return text;
  }
  std::string state;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(kubernetes_recipe)

BOOST_AUTO_TEST_CASE(the_recipe_deploys_reads_the_live_commit_and_rolls_a_broken_prod_back) {
  const std::string deployCommand = recipeLine("deploy_command");
  const std::vector<std::string> commands = {recipeLine("rollback_command"),
                                             recipeLine("current_version_command")};
  BOOST_REQUIRE(!deployCommand.empty());
  for (const std::string& line : commands) BOOST_REQUIRE_MESSAGE(!line.empty(), "recipe line");
  DeployRepo repo;
  const Cluster cluster(repo);
  SharedText broken;  // the commit whose image answers 503 on prod
  LoopbackServer app([&cluster, &broken](const ServerRequest&) {
    ServerResponse response;
    const std::string bad = broken.get();
    const bool down = !bad.empty() && cluster.image("shop").ends_with(":" + bad);
    response.status = down ? 503 : 200;
    response.body = down ? R"({"status":"down"})" : R"({"status":"ok"})";
    return response;
  });
  LoopbackServer releases([](const ServerRequest& request) {
    ServerResponse response;
    response.contentType = "application/octet-stream";
    response.status = request.path() == kKubectlPath ? 200 : 404;
    response.body = response.status == 200 ? kFakeKubectl : "";
    return response;
  });
  std::string manifest =
      "{\n\"platform\": \"kubernetes\",\n\"project_name\": \"shop\",\n"
      "\"health_check_path\": \"/health\",\n\"ci_check_command\": \"true\",\n"
      "\"health_check\": {\"timeout_s\": 2, \"interval_s\": 1},\n"
      "\"tools\": [{\"name\": \"kubectl\", \"url\": \"" +
      releases.url() + kKubectlPath + "\", \"sha256\": \"" + sha256Of(kFakeKubectl) + "\"}],\n";
  for (const std::string& line : commands) manifest += line + ",\n";
  manifest += "\"environments\": {\n";
  for (const auto& [environment, deployment] : std::vector<std::pair<std::string, std::string>>{
           {"alpha", "shop-alpha"}, {"staging", "shop-staging"}, {"prod", "shop"}}) {
    manifest += "\"" + environment + "\": {\"app_name\": \"" + deployment + "\", \"url\": \"" +
                app.url() + "\", " + deployCommand + "}" + (environment == "prod" ? "\n" : ",\n");
  }
  manifest += "}}\n";
  repo.write(".factory/deploy-config.json", manifest);
  repo.write("app/main.txt", "the service\n");
  repo.commit("code");
  repo.commitReports();
  const std::string first = repo.head();  // what ships: the reports' commit
  const std::map<std::string, std::string> env = {{"KUBECONFIG_DATA", kKubeconfig},
                                                  {"FAKE_KUBE_CONFIG", kKubeconfig},
                                                  {"FAKE_KUBE_STATE", cluster.state},
                                                  {"RUNNER_TEMP", repo.scratch("runner-temp")}};
  const auto deploy = [&repo, &env](const std::string& environment) {
    std::vector<std::string> args = {"--environment", environment};
    if (environment == "prod") args.insert(args.end(), {"--confirm", "shop"});
    return repo.run(args, env);
  };
  for (const char* environment : {"alpha", "staging", "prod"}) {
    const ChildRun run = deploy(environment);
    BOOST_REQUIRE_MESSAGE(run.exitCode == 0, environment << ": " << run.all() << repo.receipt());
  }
  BOOST_TEST(cluster.image("shop") == "ghcr.io/acme/shop:" + first);

  // Version 2 passes alpha and staging, and answers 503 on prod.
  repo.write("app/main.txt", "the service, version 2\n");
  repo.commit("version 2");
  repo.commitReports();
  const std::string second = repo.head();
  broken.set(second);
  for (const char* environment : {"alpha", "staging"}) {
    BOOST_REQUIRE_EQUAL(deploy(environment).exitCode, 0);
  }
  const ChildRun run = deploy("prod");
  BOOST_TEST(run.exitCode == 3, run.all());
  const std::string receipt = repo.receipt();
  BOOST_TEST(contains(receipt, "- **Status**: ROLLED BACK"), receipt);
  // The live version read before the deploy is the commit, so the receipt names it.
  BOOST_TEST(contains(receipt, "- **Previous version**: " + first.substr(0, 7)), receipt);
  BOOST_TEST(contains(receipt, "- **Rollback mechanism**: manifest rollback_command"), receipt);
  BOOST_TEST(contains(receipt, "- **Live version now**: " + first), receipt);
  BOOST_TEST(cluster.image("shop") == "ghcr.io/acme/shop:" + first);
  // Back to the commit that was live ($DEPLOY_ROLLBACK_TO), not merely one revision back.
  std::ifstream calls(cluster.state + "/calls");
  std::string line;
  std::string lastSet;
  while (std::getline(calls, line)) {
    if (line.starts_with("set image deployment/shop ")) lastSet = line;
  }
  BOOST_TEST(lastSet == "set image deployment/shop app=ghcr.io/acme/shop:" + first);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
