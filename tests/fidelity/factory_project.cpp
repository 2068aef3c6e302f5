#include "fidelity/factory_project.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "support/temp_dir.hpp"

namespace fd::test {

namespace {

void makeExecutable(const std::string& path) { ::chmod(path.c_str(), 0755); }

std::string binDirectory(const DeployRepo& repo) { return repo.scratch("bin"); }

void writeTool(const DeployRepo& repo, const std::string& name, const std::string& script) {
  std::filesystem::create_directories(binDirectory(repo));
  const std::string path = binDirectory(repo) + "/" + name;
  std::filesystem::remove(path);
  {
    std::FILE* file = std::fopen(path.c_str(), "w");
    if (file == nullptr) throw std::runtime_error("cannot write " + path);
    std::fputs(script.c_str(), file);
    std::fclose(file);
  }
  makeExecutable(path);
}

std::string liveVersion(const std::string& appDir) {
  std::ifstream in(appDir + "/version");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Prod's Fly.io app in /setup's manifest (alpha and staging: shop-alpha, shop-staging).
constexpr const char* kProdApp = "shop";

}  // namespace

FactoryProject::FactoryProject() {
  const std::string app = fly_.appDir();
  health_ = std::make_unique<LoopbackServer>([app](const ServerRequest& request) {
    ServerResponse response;
    if (request.path() != "/health") {
      response.status = 404;
      return response;
    }
    // Nothing deployed yet, or the live image is unhealthy (the fake flyctl's deploys say which).
    if (!std::filesystem::exists(app + "/version") || std::filesystem::exists(app + "/unhealthy")) {
      response.status = 503;
      response.body = R"({"status":"unhealthy"})";
      return response;
    }
    // /setup step 4d: version, environment and uptime.
    response.body = R"({"version":")" + liveVersion(app) + R"(","environment":"any","uptime":12})";
    return response;
  });
  fly_.createApps({"shop-alpha", "shop-staging", kProdApp});
  setupCalls_ = fly_.calls().size();
}

std::string FactoryProject::scaffold(const std::string& manifest) {
  for (const auto& [path, content] : factory::setupScaffold()) repo_.write(path, content);
  makeExecutable(repo_.root() + "/app/serve");
  repo_.write(".factory/deploy-config.json",
              manifest.empty() ? factory::setupManifest(url()) : manifest);
  setupSha = repo_.commit("Scaffold project (setup)");
  repo_.write("app/orders.py", "def place(order):\n    return order.total\n");
  if (brokenProd_) repo_.write("fake-fly-unhealthy", std::string(kProdApp) + "\n");
  codeSha = repo_.commit("Sprint 1: orders");
  repo_.write(".factory/state.json", factory::factoryState(setupSha, codeSha));
  repo_.write(".factory/settings.json", factory::factorySettings());
  return codeSha;
}

std::string FactoryProject::commitReports(const factory::Report& qa,
                                          const factory::Report& security,
                                          const std::string& message) {
  repo_.write("QA-REPORT.md", factory::qaReport(qa));
  repo_.write("SECURITY.md", factory::securityReport(security));
  return commit({"QA-REPORT.md", "SECURITY.md"}, message);
}

std::string FactoryProject::commit(const std::vector<std::string>& paths,
                                   const std::string& message) {
  std::string list;
  for (const std::string& path : paths) list += " '" + path + "'";
  repo_.git("add -A --" + list);
  repo_.git("commit -q -m '" + message + "'");
  return repo_.head();
}

std::string FactoryProject::commitPassingReports(const std::string& testedCommit) {
  return commitReports({"PASS", testedCommit}, {"CLEAR", testedCommit});
}

void FactoryProject::connectGithub() {
  const std::string bare = repo_.scratch("origin.git");
  shell("git init -q --bare '" + bare + "'");
  repo_.git("remote add origin https://github.com/octo/shop.git");
  repo_.git("config remote.origin.pushurl '" + bare + "'");
}

void FactoryProject::push() { repo_.git("push -q origin HEAD:refs/heads/main"); }

void FactoryProject::installGh(const std::string& token) {
  // `gh auth token --hostname H` prints the token of a logged-in host, else fails.
  const std::string answer = token.empty()
                                 ? "echo 'no oauth token found for github.com' >&2; exit 1\n"
                                 : "echo '" + token + "'; exit 0\n";
  writeTool(repo_, "gh",
            "#!/bin/sh\necho \"gh $*\" >> \"$FD_IT_SCRATCH/gh.log\"\n"
            "if [ \"$1 $2\" = \"auth token\" ]; then\n  " +
                answer + "fi\nexit 2\n");
}

std::map<std::string, std::string> FactoryProject::toolEnv() const {
  std::map<std::string, std::string> env = fly_.env();
  env["PATH"] = binDirectory(repo_) + ":" + env.at("PATH");
  return env;
}

ChildRun FactoryProject::deploy(const std::vector<std::string>& args,
                                const std::map<std::string, std::string>& env) const {
  std::map<std::string, std::string> all = toolEnv();
  for (const auto& [name, value] : env) all[name] = value;
  return repo_.run(args, all);
}

void FactoryProject::breakProdInTheSprint() {
  brokenProd_ = true;
  prodAlreadyLive();
}

void FactoryProject::prodAlreadyLive() {
  const FakeFly::Answer earlier =
      fly_.run({"deploy", "--app", kProdApp, "--yes"}, "/", {{"DEPLOY_SHA", "0a1b2c3"}});
  if (earlier.exitCode != 0) throw std::runtime_error("fake fly: " + earlier.err);
  setupCalls_ = fly_.calls().size();
}

std::string FactoryProject::flyLog() const {
  const std::vector<std::string> calls = fly_.calls();
  std::string log;
  for (std::size_t i = setupCalls_; i < calls.size(); ++i) log += "fly " + calls[i] + "\n";
  return log;
}

std::string stateSchemaProblems(const std::vector<std::string>& files) {
  ChildSpec spec;
  spec.argv = {"node", FD_SOURCE_DIR "/tests/fidelity/validate_state.mjs",
               FD_SOURCE_DIR "/tests/fidelity/state-rules.schema.json"};
  spec.argv.insert(spec.argv.end(), files.begin(), files.end());
  spec.workingDirectory = FD_SOURCE_DIR;
  spec.env = baseEnvironment("/tmp");
  // execve needs a path: find node the way a shell would.
  spec.argv[0] = shell("command -v node");
  while (!spec.argv[0].empty() && spec.argv[0].back() == '\n') spec.argv[0].pop_back();
  const ChildRun run = runChild(spec);
  if (run.exitCode == 0) return "";
  return "exit " + std::to_string(run.exitCode) + ":\n" + run.out + run.err;
}

}  // namespace fd::test
