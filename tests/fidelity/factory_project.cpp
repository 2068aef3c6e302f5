#include "fidelity/factory_project.hpp"

#include <sys/stat.h>

#include <filesystem>

#include "support/temp_dir.hpp"

namespace fd::test {

namespace {

// flyctl as far as the manifest uses it: deploy, releases rollback, secrets list. Every call is
// logged; a deploy told to break the app leaves a marker the health server answers 503 to.
constexpr const char* kFly = R"(#!/bin/sh
echo "fly $*" >> "$FD_IT_SCRATCH/fly.log"
case "$1" in
  deploy)
    if [ -f "$FD_IT_SCRATCH/break-next-deploy" ]; then
      rm -f "$FD_IT_SCRATCH/break-next-deploy"
      touch "$FD_IT_SCRATCH/unhealthy"
    fi
    echo "==> Monitoring deployment"
    exit 0 ;;
  releases)
    rm -f "$FD_IT_SCRATCH/unhealthy"
    echo "Rolled back"
    exit 0 ;;
  secrets)
    echo "NAME          DIGEST            CREATED AT"
    echo "DATABASE_URL  5f2b6c0d9e8a7b41  1h ago"
    exit 0 ;;
esac
echo "fly: unknown command: $1" >&2
exit 1
)";

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

}  // namespace

FactoryProject::FactoryProject() {
  const std::string unhealthy = repo_.scratch("unhealthy");
  health_ = std::make_unique<LoopbackServer>([unhealthy](const ServerRequest& request) {
    ServerResponse response;
    if (request.path() != "/health") {
      response.status = 404;
      return response;
    }
    if (std::filesystem::exists(unhealthy)) {
      response.status = 503;
      response.body = R"({"status":"unhealthy"})";
      return response;
    }
    // /setup step 4d: version, environment and uptime.
    response.body = R"({"version":"dev","environment":"any","uptime":12})";
    return response;
  });
  writeTool(repo_, "fly", kFly);
}

std::string FactoryProject::scaffold(const std::string& manifest) {
  for (const auto& [path, content] : factory::setupScaffold()) repo_.write(path, content);
  makeExecutable(repo_.root() + "/app/serve");
  repo_.write(".factory/deploy-config.json",
              manifest.empty() ? factory::setupManifest(url()) : manifest);
  setupSha = repo_.commit("Scaffold project (setup)");
  repo_.write("app/orders.py", "def place(order):\n    return order.total\n");
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

ChildRun FactoryProject::deploy(const std::vector<std::string>& args,
                                const std::map<std::string, std::string>& env) const {
  std::map<std::string, std::string> all = env;
  const char* path = std::getenv("PATH");
  all["PATH"] = binDirectory(repo_) + ":" + (path != nullptr ? path : "/usr/bin:/bin");
  return repo_.run(args, all);
}

void FactoryProject::breakNextDeploy() const {
  std::FILE* file = std::fopen(repo_.scratch("break-next-deploy").c_str(), "w");
  if (file != nullptr) std::fclose(file);
}

std::string FactoryProject::flyLog() const {
  return repo_.scratchExists("fly.log") ? repo_.readScratch("fly.log") : "";
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
