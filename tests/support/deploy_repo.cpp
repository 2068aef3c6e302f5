#include "support/deploy_repo.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace fd::test {

namespace {

constexpr const char* kDefaultDeploy =
    "echo \"deploying $DEPLOY_SHA to $DEPLOY_ENVIRONMENT ($DEPLOY_APP_NAME) at $DEPLOY_URL\"\n";
constexpr const char* kDefaultRollback =
    "echo \"rolling back $DEPLOY_ENVIRONMENT\"\ntouch \"$FD_IT_SCRATCH/rolled-back\"\n";

std::string quoted(const std::string& text) { return "'" + text + "'"; }

// FD_IT_VERBOSE=1: every run's command, exit code, output and receipt go to stderr.
bool verbose() {
  const char* value = std::getenv("FD_IT_VERBOSE");
  return value != nullptr && std::string(value) == "1";
}

}  // namespace

// FD_IT_BINARY runs the suites against another build (an older one, to show a test fails
// without its fix).
std::string binaryPath() {
  const char* other = std::getenv("FD_IT_BINARY");
  return other != nullptr && *other != '\0' ? other : FD_BINARY_DIR "/factory-deploy";
}

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

std::string linesWith(const std::string& text, const std::string& needle) {
  std::string lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    if (contains(line, needle)) lines += line + "\n";
    start = end + 1;
  }
  return lines;
}

std::string manifestJson(const ManifestSpec& spec) {
  const auto environment = [&spec](const std::string& name, const std::string& app) {
    return "\"" + name + "\": {\"app_name\": \"" + app +
           "\", \"region\": \"local\", \"deploy_command\": \"" + spec.deployCommand +
           "\", \"url\": \"" + spec.url + "\"}";
  };
  return "{\n  \"platform\": \"local (integration test)\",\n  \"project_name\": \"shop\",\n" +
         std::string("  \"health_check_path\": \"/health\",\n") + "  \"rollback_command\": \"" +
         spec.rollbackCommand + "\",\n" + "  \"ci_check_command\": \"true\",\n" +
         "  \"health_check\": " + spec.healthCheck + ",\n  " + spec.extra +
         "\n  \"environments\": {\n    " + environment("alpha", "shop-alpha") + ",\n    " +
         environment("staging", "shop-staging") + ",\n    " + environment("prod", "shop") +
         "\n  }\n}\n";
}

void SharedText::set(std::string value) {
  const std::lock_guard<std::mutex> lock(mutex_);
  value_ = std::move(value);
}

std::string SharedText::get() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return value_;
}

DeployRepo::DeployRepo() {
  std::filesystem::create_directories(temp_.path() + "/scratch");
  std::filesystem::create_directories(root());
  git("-c init.defaultBranch=main init -q");
}

bool DeployRepo::scratchExists(const std::string& name) const {
  return std::filesystem::exists(scratch(name));
}

void DeployRepo::write(const std::string& relative, const std::string& content) const {
  temp_.write("repo/" + relative, content);
}

std::string DeployRepo::read(const std::string& relative) const {
  return temp_.read("repo/" + relative);
}

bool DeployRepo::exists(const std::string& relative) const {
  return temp_.exists("repo/" + relative);
}

std::vector<std::string> DeployRepo::list(const std::string& directory) const {
  std::vector<std::string> names;
  std::error_code ignored;
  for (const auto& entry : std::filesystem::directory_iterator(root() + "/" + directory, ignored)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string DeployRepo::git(const std::string& arguments) const {
  return shell("git -C " + quoted(root()) +
               " -c user.name=tester -c user.email=tester@example.invalid " + arguments);
}

void DeployRepo::init(const ManifestSpec& spec) {
  write(".factory/deploy-config.json", manifestJson(spec));
  if (!exists("bin/deploy.sh")) write("bin/deploy.sh", kDefaultDeploy);
  if (!exists("bin/rollback.sh")) write("bin/rollback.sh", kDefaultRollback);
  write("app/main.txt", "the service\n");
  commit("code");
  commitReports();
}

std::string DeployRepo::commit(const std::string& message) const {
  git("add -A");
  git("commit -q -m " + quoted(message));
  return head();
}

std::string DeployRepo::head() const {
  std::string sha = git("rev-parse HEAD");
  while (!sha.empty() && (sha.back() == '\n' || sha.back() == '\r')) sha.pop_back();
  return sha;
}

void DeployRepo::commitReports(const std::string& qa, const std::string& security,
                               const std::string& tested) const {
  const std::string sha = tested.empty() ? head().substr(0, 7) : tested;
  write("QA-REPORT.md", "# QA Report\n\n## Summary\n- **Overall status**: " + qa +
                            "\n- **Tested commit**: " + sha + "\n");
  write("SECURITY.md", "# Security Review\n\n## Summary\n- **Overall status**: " + security +
                           "\n- **Tested commit**: " + sha + "\n");
  commit("reports for " + sha);
}

void DeployRepo::seedLedger(const std::string& environment, const std::string& sha) const {
  const std::string line = "{\"environment\":\"" + environment + "\",\"sha\":\"" + sha +
                           "\",\"status\":\"SUCCESS\",\"time\":\"2026-04-03T20:00:00Z\"," +
                           "\"receipt\":\"DEPLOY-RECEIPT.md\"}\n";
  const std::string before = read(".factory/deployments.jsonl");
  write(".factory/deployments.jsonl", before + line);
}

ChildRun DeployRepo::run(const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env,
                         const std::optional<std::string>& signalWhen, int signal,
                         const std::vector<ChildSpec::FollowUp>& followUps) const {
  ChildSpec spec;
  spec.argv.push_back(binaryPath());
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.workingDirectory = root();
  spec.env = baseEnvironment(temp_.path());
  spec.env["FD_IT_SCRATCH"] = temp_.path() + "/scratch";
  for (const auto& [name, value] : env) spec.env[name] = value;
  spec.signalWhenExists = signalWhen;
  spec.signal = signal;
  spec.followUps = followUps;
  ChildRun run = runChild(spec);
  if (verbose()) {
    std::string command = "factory-deploy";
    for (const std::string& arg : args) command += " " + arg;
    std::cerr << "\n=== " << command << " -> exit " << run.exitCode << " in " << run.elapsed.count()
              << " ms\n--- stdout\n"
              << run.out << "--- stderr\n"
              << run.err << "--- "
              << "DEPLOY-RECEIPT.md\n"
              << receipt() << "===\n";
  }
  return run;
}

}  // namespace fd::test
