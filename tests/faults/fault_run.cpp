#include "faults/fault_run.hpp"

#include <Poco/ThreadPool.h>
#include <rapidjson/document.h>
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "faults/reaper.hpp"
#include "pipeline/run.hpp"

namespace fd::test {

namespace {

const char* const kPlantedState =
    R"({"project": "shop", "phases": {"qa": {"status": "completed", "note": ")"
    "sentinel-other-phase"
    R"("}}, "custom": {"keep": true}})";

std::string report(const std::string& title, const std::string& status) {
  return "# " + title + "\n\n## Summary\n- **Overall status**: " + status +
         "\n- **Tested commit**: " + kSha.substr(0, 7) + "\n";
}

// Every LoopbackServer takes its threads from Poco's process-wide default pool (16 threads).
// Hung handlers and idle keep-alive threads of servers still being stopped in the background
// could use them all, and a new server's first connection would then wait for a thread until
// the client's 30 s timeout. The matrix starts hundreds of servers: give the pool room.
void widenServerThreadPool() {
  static std::once_flag once;
  std::call_once(once, [] { Poco::ThreadPool::defaultPool().addCapacity(256); });
}

}  // namespace

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

FaultRun::FaultRun(RunMode mode, FsKind fsKind)
    : fs(fsKind == FsKind::Posix ? static_cast<FileSystem&>(posixFs)
                                 : static_cast<FileSystem&>(fakeFs)),
      mode_(mode),
      fsKind_(fsKind),
      root_(dir_.path() + "/repo") {
  widenServerThreadPool();
  std::filesystem::create_directories(root_);
  std::filesystem::create_directories(dir_.path() + "/runner");
  git.headSha = kSha;
  app = [this](const ServerRequest& request) { return healthyApp(request, rolledBack()); };
  appServer = std::make_unique<LoopbackServer>(
      [this](const ServerRequest& request) { return app(request); });
  manifest = {
      {"platform", R"("fly.io")"},
      {"project_name", R"("shop")"},
      {"health_check_path", R"("/health")"},
      {"health_check", R"({"timeout_s": 5, "interval_s": 1, "expect_version": true})"},
      {"rollback_command", R"("touch .rolled-back")"},
      {"secrets_command", R"("echo FLY_API_TOKEN DATABASE_URL")"},
      {"required_secrets", R"(["FLY_API_TOKEN"])"},
      // Like a platform: the previous version until a deploy command released this one, and
      // again once the rollback ran (the pipeline asks before the deploy, after a failed one,
      // after a rollback and before declaring success).
      {"current_version_command", "\"if [ -e .released ] && [ ! -e .rolled-back ]; then echo " +
                                      kSha + "; else echo " + kPreviousSha + "; fi\""},
      {"telemetry_check_command", R"("true")"},
      {"error_rate_command", R"("echo 0.2")"},
      {"max_error_rate", "5"},
      {"ci_check_command", R"("true")"},
      {"smoke_tests",
       R"([{"name": "cart", "path": "/cart", "expect_body_contains": "\"items\""}])"},
  };
  plant();
  if (mode_ == RunMode::Github) setUpGithub();
}

FaultRun::~FaultRun() {
  // FD_FAULT_DUMP=<dir>: keep each row's receipt and log there, to read what a fault produced.
  if (const char* dump = std::getenv("FD_FAULT_DUMP"); dump != nullptr && *dump != '\0') {
    const std::string name = boost::unit_test::framework::current_test_case().p_name;
    std::filesystem::create_directories(dump);
    std::ofstream(std::string(dump) + "/" + name + ".receipt.md") << receipt();
    std::ofstream(std::string(dump) + "/" + name + ".log") << log();
  }
  destroyLater(std::move(appServer));
  destroyLater(std::move(github));
  destroyLater(std::move(results));
}

ServerResponse FaultRun::healthyApp(const ServerRequest& request, bool rolledBack) {
  ServerResponse response;
  if (request.path() == "/health") {
    response.body = R"({"status":"ok","version":")" + (rolledBack ? kPreviousSha : kSha) + "\"}";
  } else if (request.path() == "/cart") {
    response.body = R"({"items":[]})";
  } else {
    response.status = 404;
    response.body = R"({"error":"not found"})";
  }
  return response;
}

std::string FaultRun::ledgerLine(const std::string& environment, const std::string& sha,
                                 const std::string& receipt) {
  return R"({"environment":")" + environment + R"(","sha":")" + sha +
         R"(","status":"SUCCESS","time":"2026-04-02T10:00:00Z","receipt":")" + receipt + "\"}";
}

void FaultRun::plantLedger(std::vector<std::string> lines) {
  ledgerLines_ = std::move(lines);
  std::string ledger;
  for (const std::string& line : ledgerLines_) ledger += line + "\n";
  put(".factory/deployments.jsonl", ledger);
}

void FaultRun::useReceiptPath(const std::string& relative) {
  receiptRelative_ = relative;
  put(relative, "# Deployment Receipt — 2026-04-02\n\n" + kPreviousReceiptMark + "\n");
}

void FaultRun::writeManifest() { put(".factory/deploy-config.json", manifestText()); }

void FaultRun::withoutOptionalCommands() {
  for (const char* key :
       {"secrets_command", "required_secrets", "current_version_command", "telemetry_check_command",
        "error_rate_command", "max_error_rate", "ci_check_command"}) {
    manifest.erase(key);
  }
}

void FaultRun::put(const std::string& relative, const std::string& content) {
  const std::string path = root_ + "/" + relative;
  if (fsKind_ == FsKind::Fake) {
    fakeFs.files[path] = content;
    return;
  }
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  (void)posixFs.writeAtomic(path, content);
}

std::string FaultRun::file(const std::string& relative) const {
  const Result<std::string> text = fs.read(root_ + "/" + relative, 64 << 20);
  return text ? *text : "";
}

bool FaultRun::has(const std::string& relative) const { return fs.exists(root_ + "/" + relative); }

void FaultRun::plant() {
  put("QA-REPORT.md", report("QA", "PASS"));
  put("SECURITY.md", report("Security", "CLEAR"));
  put("DEPLOY-RECEIPT.md", "# Deployment Receipt — 2026-04-02\n\n" + kPreviousReceiptMark + "\n");
  stateText_ = kPlantedState;
  put(".factory/state.json", stateText_);
  if (mode_ == RunMode::Local) {
    plantLedger(
        {ledgerLine("alpha", kSha), ledgerLine("staging", kSha), ledgerLine("prod", kPreviousSha)});
  }
}

void FaultRun::setUpGithub() {
  // Served bodies are written apart from tests/github's fixtures (CTest may run both at once).
  ::setenv("FD_GITHUB_FIXTURES", FD_BINARY_DIR "/github-fixtures-faults", 1);
  github = std::make_unique<FakeGithub>();
  results = std::make_unique<FakeResultsService>();
  github->update([](GithubState& state) {
    state.token = kToken;
    GhCheckRun build;
    build.id = 11;
    build.name = "build";
    state.checkRuns.push_back(build);
    GhCheckRun self;  // this job: still running, so the CI gate must leave it out
    self.id = 77;
    self.name = "deploy";
    self.status = "in_progress";
    self.conclusion = "";
    self.detailsUrl = "https://github.com/octo/shop/actions/runs/1000/job/77";
    state.checkRuns.push_back(self);
    state.statuses.push_back(GhStatus{"ci/lint", "success", ""});
    state.jobs["1000/1"] = {GhJob{77, "deploy", "in_progress", "", "GitHub Actions 2"}};
    state.approvals.push_back(GhApproval{"prod", "approved", "alice", "ship it"});
    // Verified deploys this action recorded (only those count: docs/GITHUB.md).
    state.deployments.push_back(
        FakeGithub::factoryDeployment(501, kSha, "staging", "900", "success"));
    state.deployments.push_back(
        FakeGithub::factoryDeployment(601, kPreviousSha, "prod", "800", "success"));
  });
  env.values = {{"GITHUB_ACTIONS", "true"},
                {"GITHUB_API_URL", github->apiUrl()},
                {"GITHUB_SERVER_URL", "https://github.com"},  // never contacted
                {"GITHUB_REPOSITORY", "octo/shop"},
                {"GITHUB_SHA", kSha},
                {"GITHUB_REF", "refs/heads/main"},
                {"GITHUB_EVENT_NAME", "push"},
                {"GITHUB_RUN_ID", "1000"},
                {"RUNNER_NAME", "GitHub Actions 2"},
                {"GITHUB_RUN_ATTEMPT", "1"},
                {"GITHUB_ACTOR", "carol"},
                {"GITHUB_JOB", "deploy"},
                {"GITHUB_WORKSPACE", root_},
                {"GITHUB_OUTPUT", dir_.path() + "/runner/output"},
                {"GITHUB_STEP_SUMMARY", dir_.path() + "/runner/summary"},
                {"ACTIONS_RESULTS_URL", results->resultsUrl()},
                {"ACTIONS_RUNTIME_TOKEN", results->token()},
                {"INPUT_GITHUB-TOKEN", kToken}};
}

std::string FaultRun::manifestText() const {
  const std::string url = "\"" + appServer->url() + "\"";
  std::string text = "{\n";
  for (const auto& [key, value] : manifest) {
    text += "  \"";
    text += key;
    text += "\": ";
    text += value;
    text += ",\n";
  }
  const auto environment = [&url](const std::string& name, const std::string& appName,
                                  const std::string& deploy) {
    return "\"" + name + "\": {\"app_name\": \"" + appName +
           "\", \"region\": \"iad\", \"deploy_command\": \"" + deploy + "\", \"url\": " + url + "}";
  };
  text += "  \"environments\": {" + environment("alpha", "shop-alpha", kReleases) + ", " +
          environment("staging", "shop-staging", kReleases) + ", " +
          environment("prod", "shop", prodDeployCommand) + "}\n}\n";
  return text;
}

int FaultRun::run(std::vector<std::string> args) {
  writeManifest();
  if (receiptRelative_ != "DEPLOY-RECEIPT.md")
    args.insert(args.end(), {"--receipt", receiptRelative_});
  if (mode_ == RunMode::Local && args.size() >= 2 && args[1] == "prod") {
    args.insert(args.end(), {"--confirm", "shop"});
  }
  World world{fs, processes, http, clock, env, console, random, forwardingOpener(git), root_};
  return runFactoryDeploy(world, args);
}

std::string FaultRun::outputs() const {
  const Result<std::string> text = posixFs.read(dir_.path() + "/runner/output", 1 << 20);
  return text ? *text : "";
}

bool FaultRun::rolledBack() const { return std::filesystem::exists(root_ + "/.rolled-back"); }

bool FaultRun::keptPreviousReceipt() const {
  const auto slash = receiptRelative_.rfind('/');
  const std::string folder =
      slash == std::string::npos ? "" : receiptRelative_.substr(0, slash + 1);
  const std::string base = receiptRelative_.substr(folder.size());
  const std::string stem = base.substr(0, base.rfind('.'));
  for (const std::string& name :
       fs.list(root_ + (folder.empty() ? "" : "/" + folder.substr(0, folder.size() - 1)))) {
    if (name.rfind(stem, 0) != 0) continue;
    if (contains(file(folder + name), kPreviousReceiptMark)) return true;
  }
  return false;
}

bool FaultRun::keptState() const {
  const std::string text = file(".factory/state.json");
  rapidjson::Document state;
  state.Parse(text.c_str(), text.size());
  if (state.HasParseError() || !state.IsObject()) return false;
  if (!state.HasMember("custom") || !state.HasMember("project")) return false;
  if (!state.HasMember("phases") || !state["phases"].IsObject()) return false;
  const auto& phases = state["phases"];
  return phases.HasMember("qa") && phases["qa"].IsObject() && phases["qa"].HasMember("note") &&
         phases["qa"]["note"].IsString() && phases["qa"]["note"].GetString() == kStateMark;
}

bool FaultRun::keptLedger() const {
  if (mode_ != RunMode::Local) return true;  // GitHub keeps the deployments
  std::string planted;
  for (const std::string& line : ledgerLines_) planted += line + "\n";
  return file(".factory/deployments.jsonl").rfind(planted, 0) == 0;
}

bool FaultRun::receiptInLog() const {
  const std::string text = log();
  if (!contains(text, "could not write the receipt") || !contains(text, "**Status**:"))
    return false;
  for (const char* section :
       {"# Deployment Receipt", "## Deployment", "## Gate Checks", "## Health Checks",
        "## Smoke Tests", "## Telemetry", "## Rollback Info", "## Diagnostics"}) {
    if (!contains(text, section)) return false;
  }
  return true;
}

bool FaultRun::recorded() const {
  const std::string written = receipt();
  const bool fresh = contains(written, "**Status**:") && !contains(written, kPreviousReceiptMark);
  return fresh || receiptInLog();
}

}  // namespace fd::test
