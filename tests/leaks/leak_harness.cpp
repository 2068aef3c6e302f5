#include "leaks/leak_harness.hpp"

#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <strings.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "core/cancellation.hpp"
#include "pipeline/run.hpp"

namespace fd::test {

namespace {

const char* const kManifest = R"({
  "platform": "fly.io",
  "project_name": "shop",
  "health_check_path": "/health",
  "health_check": {"timeout_s": 5, "interval_s": 1, "expect_version": true},
  "smoke_tests": [{"name": "home page", "path": "/"}],
  "environments": {
    "alpha":   {"app_name": "shop-alpha", "region": "iad",
                "deploy_command": "sh bin/deploy.sh {environment}",
                "url": "https://shop-alpha.example.test"},
    "staging": {"app_name": "shop-staging", "region": "iad",
                "deploy_command": "sh bin/deploy.sh {environment}",
                "url": "https://shop-staging.example.test"},
    "prod":    {"app_name": "shop", "region": "iad",
                "deploy_command": "sh bin/deploy.sh {environment}",
                "url": "https://shop.example.test"}
  },
  "rollback_command": "sh bin/rollback.sh {app_name}",
  "ci_check_command": "sh bin/ci.sh {sha}",
  "secrets_command": "sh bin/secrets.sh {app_name}",
  "required_secrets": ["SESSION_KEY"]
})";

constexpr const char* kOutputFile = "/runner/file_commands/set_output";
constexpr const char* kSummaryFile = "/runner/file_commands/step_summary";
constexpr const char* kAddMask = "::add-mask::";

bool startsWith(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

bool isLoopback(const std::string& url) { return startsWith(url, "http://127.0.0.1:"); }

std::string report(const std::string& status, const std::string& sha) {
  return "# Report\n\n## Summary\n- **Overall status**: " + status +
         "\n- **Tested commit**: " + sha.substr(0, 7) + "\n";
}

std::string ledgerLine(const std::string& environment, const std::string& sha) {
  return R"({"environment":")" + environment + R"(","sha":")" + sha +
         R"(","status":"SUCCESS","time":"2026-04-03T20:00:00Z","receipt":"DEPLOY-RECEIPT.md"})" +
         "\n";
}

// A request as text, without the Authorization header when it carries exactly `expectedAuth`
// (the one credential that service must get).
Sink requestSink(const std::string& service, const ServerRequest& request,
                 const std::string& expectedAuth) {
  std::string text = request.method + " " + request.uri + "\n";
  for (const auto& [name, value] : request.headers) {
    const bool isAuth = name.size() == 13 && strncasecmp(name.c_str(), "Authorization", 13) == 0;
    if (isAuth && value == expectedAuth) continue;
    text.append(name).append(": ").append(value).append("\n");
  }
  return {service + " request " + request.method + " " + request.path(), text + request.body};
}

// Every entry of a zip archive, decompressed.
std::vector<std::pair<std::string, std::string>> unzip(const std::string& zip) {
  std::vector<std::pair<std::string, std::string>> entries;
  try {
    std::istringstream in(zip);
    const Poco::Zip::ZipArchive archive(in);
    for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
      std::istringstream entryIn(zip);
      Poco::Zip::ZipInputStream entry(entryIn, it->second);
      std::ostringstream bytes;
      bytes << entry.rdbuf();
      entries.emplace_back(it->first, bytes.str());
    }
  } catch (const std::exception& error) {
    entries.emplace_back("(unreadable zip)", error.what());
  }
  return entries;
}

std::string printAll(const std::vector<Sentinel>& secrets) {
  std::string out = "cat <<'LEAKS_EOF'\n";
  for (const Sentinel& secret : secrets) out += secret.name + "=" + secret.value + "\n";
  out += "connecting to " + kDatabaseUrl + "\n";
  out += "Authorization: Bearer " + kGithubToken + ",token:" + kFlyToken + ";\n";
  out += kPrivateKey + "\n";
  out += "LEAKS_EOF\ncat >&2 <<'LEAKS_EOF'\n";
  for (const Sentinel& secret : secrets) out += "error: " + secret.value + " was rejected\n";
  out += "error: " + kDatabaseUrl + ": password authentication failed\n";
  out += kPrivateKey + "\n";
  out += "LEAKS_EOF\n";
  return out;
}

}  // namespace

Result<CommandResult> SpyRunner::run(const CommandSpec& spec) {
  commands.push_back(spec.command);
  if (cancelOnLine.empty()) return real_.run(spec);
  CommandSpec watched = spec;
  watched.onLine = [this, inner = spec.onLine](std::string_view line) {
    if (line.find(cancelOnLine) != std::string_view::npos) Cancellation::request();
    if (inner) inner(line);
  };
  return real_.run(watched);
}

bool SpyRunner::ran(const std::string& part) const {
  return std::any_of(commands.begin(), commands.end(),
                     [&](const std::string& command) { return contains(command, part); });
}

LeakHarness::LeakHarness(RunMode runMode) : mode(runMode) {
  Cancellation::reset();
  git.headSha = kDeployedSha;
  put(".factory/deploy-config.json", kManifest);
  put("QA-REPORT.md", report("PASS", kDeployedSha));
  put("SECURITY.md", report("CLEAR", kDeployedSha));
  put("DEPLOY-RECEIPT.md", "# Deployment Receipt\n\nthe previous run's receipt\n");
  put(".factory/deployments.jsonl", ledgerLine("alpha", kDeployedSha) +
                                        ledgerLine("staging", kDeployedSha) +
                                        ledgerLine("prod", kPreviousProdSha));
  env.values = {
      {"GITHUB_TOKEN", kGithubToken},           {"FLY_API_TOKEN", kFlyToken},
      {"DATABASE_PASSWORD", kDatabasePassword}, {"DATABASE_URL", kDatabaseUrl},
      {"DEPLOY_PRIVATE_KEY", kPrivateKey},      {"ACTIONS_RUNTIME_TOKEN", kLocalRuntimeToken}};
  if (mode == RunMode::Github) setUpGithub();
  deployPrints(0);
  rollbackPrints(0);
  ciPrints(0);
  script("secrets", "echo 'NAME           DIGEST'\necho 'SESSION_KEY=" + kSessionKey +
                        "'\necho 'FLY_API_TOKEN  fa3b9c'\n");
  answerTheApp();
}

LeakHarness::~LeakHarness() { Cancellation::reset(); }

void LeakHarness::setUpGithub() {
  // This suite's fake GitHub writes the bodies it serves apart from tests/github's.
  ::setenv("FD_GITHUB_FIXTURES", FD_BINARY_DIR "/github-fixtures-leaks", 1);
  github = std::make_unique<FakeGithub>();
  results = std::make_unique<FakeResultsService>();
  github->update([](GithubState& state) {
    state.token = kGithubToken;  // anything sent without it is refused
    GhCheckRun build;
    build.id = 11;
    build.name = "build";
    state.checkRuns.push_back(build);
    state.jobs["1000/1"] = {GhJob{77, "deploy", "in_progress", "", "GitHub Actions 2"}};
    state.approvals.push_back(GhApproval{"prod", "approved", "alice", "ship it"});
    const auto deployed = [&state](std::int64_t id, const std::string& environment,
                                   const std::string& sha) {
      state.deployments.push_back(
          FakeGithub::factoryDeployment(id, sha, environment, "900", "success"));
    };
    deployed(501, "alpha", kDeployedSha);
    deployed(601, "staging", kDeployedSha);
    deployed(701, "prod", kPreviousProdSha);
  });
  const std::map<std::string, std::string> runner = {
      {"GITHUB_ACTIONS", "true"},
      {"GITHUB_API_URL", github->apiUrl()},
      {"GITHUB_SERVER_URL", "https://github.com"},  // only ever part of a link, never contacted
      {"GITHUB_REPOSITORY", "octo/shop"},
      {"GITHUB_SHA", kDeployedSha},
      {"GITHUB_REF", "refs/heads/main"},
      {"GITHUB_EVENT_NAME", "push"},
      {"GITHUB_RUN_ID", "1000"},
      {"RUNNER_NAME", "GitHub Actions 2"},
      {"GITHUB_RUN_ATTEMPT", "1"},
      {"GITHUB_ACTOR", "carol"},
      {"GITHUB_JOB", "deploy"},
      {"GITHUB_WORKSPACE", root()},
      {"GITHUB_OUTPUT", kOutputFile},
      {"GITHUB_STEP_SUMMARY", kSummaryFile},
      {"GITHUB_RETENTION_DAYS", "90"},
      {"ACTIONS_RESULTS_URL", results->resultsUrl()},
      {"ACTIONS_RUNTIME_TOKEN", results->token()},
      {"INPUT_GITHUB-TOKEN", kGithubToken}};
  for (const auto& [name, value] : runner) env.values[name] = value;
}

void LeakHarness::answerTheApp() {
  http.handler = [this](const HttpRequest& request) -> Result<HttpResponse> {
    if (isLoopback(request.url)) return loopback.send(request);  // fake GitHub, results service
    HttpResponse response;
    response.status = smokeStatus;
    response.body = "ok";
    if (!smokeLocation.empty()) response.headers.emplace_back("Location", smokeLocation);
    if (contains(request.url, "/health")) {
      response.headers.clear();
      const bool restored = healthyAfterRollback && processes.ran("rollback");
      response.status = restored ? 200 : healthStatus;
      if (!healthLocation.empty()) response.headers.emplace_back("Location", healthLocation);
      response.body = R"({"status":"ok","version":")" + kDeployedSha + R"("})";
    }
    return response;
  };
}

int LeakHarness::run(std::vector<std::string> args) {
  const bool prod = std::find(args.begin(), args.end(), "prod") != args.end();
  if (mode == RunMode::Local && prod) args.insert(args.end(), {"--confirm", "shop"});
  if (before_.empty()) before_ = fs.files;
  World world{fs, processes, http, clock, env, console, random, forwardingOpener(git), root()};
  const int code = runFactoryDeploy(world, args);
  Cancellation::reset();
  return code;
}

void LeakHarness::script(const std::string& name, const std::string& body) {
  dir.write("bin/" + name + ".sh", body);
}

void LeakHarness::deployPrints(int exitCode, const std::string& extra) {
  script("deploy", printAll(registered()) + extra + "exit " + std::to_string(exitCode) + "\n");
}

void LeakHarness::rollbackPrints(int exitCode) {
  script("rollback", printAll(registered()) + "exit " + std::to_string(exitCode) + "\n");
}

void LeakHarness::ciPrints(int exitCode) {
  script("ci", printAll(registered()) + "exit " + std::to_string(exitCode) + "\n");
}

void LeakHarness::put(const std::string& relative, const std::string& content) {
  fs.files[root() + "/" + relative] = content;
}

std::string LeakHarness::file(const std::string& relative) const {
  const auto found = fs.files.find(root() + "/" + relative);
  return found == fs.files.end() ? "" : found->second;
}

bool LeakHarness::has(const std::string& relative) const {
  return fs.files.count(root() + "/" + relative) > 0;
}

std::string LeakHarness::runtimeToken() const {
  return results ? results->token() : kLocalRuntimeToken;
}

std::vector<Sentinel> LeakHarness::registered() const {
  return {{"github-token", kGithubToken},
          {"ACTIONS_RUNTIME_TOKEN", runtimeToken()},
          {"FLY_API_TOKEN", kFlyToken},
          {"DATABASE_PASSWORD", kDatabasePassword},
          {"the password in DATABASE_URL", kUrlPassword},
          {"a line of DEPLOY_PRIVATE_KEY", kKeyLine}};
}

std::vector<Sentinel> LeakHarness::everything() const {
  std::vector<Sentinel> all = registered();
  all.push_back({"the secrets_command listing", kSessionKey});
  all.push_back({"the password in the manifest url", kManifestPassword});
  return all;
}

std::vector<Sink> LeakHarness::sinks() const {
  std::vector<Sink> out;
  std::string shown;
  for (const std::string& line : lines(console.stdoutText)) {
    if (!startsWith(line, kAddMask)) shown += line + "\n";
  }
  out.push_back({"stdout (::add-mask:: lines aside)", shown});
  out.push_back({"stderr", console.stderrText});
  for (const auto& [path, content] : fs.files) {
    const auto found = before_.find(path);
    if (found != before_.end() && found->second == content) continue;  // the test's own input
    out.push_back({"file " + path, content});
  }
  if (results) {
    for (const StoredArtifact& artifact : results->artifacts()) {
      out.push_back({"artifact " + artifact.name + " (zip bytes)", artifact.blob});
      for (const auto& [name, bytes] : unzip(artifact.blob)) {
        out.push_back({"artifact " + artifact.name + ": " + name, bytes});
      }
    }
    for (const ServerRequest& request : results->requests()) {
      out.push_back(requestSink("results service", request, "Bearer " + runtimeToken()));
    }
  }
  if (github) {
    for (const ServerRequest& request : github->requests()) {
      out.push_back(requestSink("GitHub", request, "Bearer " + kGithubToken));
    }
  }
  for (const HttpRequest& request : http.requests) {
    if (isLoopback(request.url)) continue;  // seen above, as the server received it
    std::string text = request.method + " " + request.url + "\n";
    for (const auto& [name, value] : request.headers) {
      text.append(name).append(": ").append(value).append("\n");
    }
    out.push_back({"app request " + request.method + " " + request.url, text + request.body});
  }
  return out;
}

std::vector<Leak> LeakHarness::leaks() const {
  std::vector<Sink> written;
  std::vector<Sink> sent;
  for (Sink& sink : sinks()) {
    (contains(sink.name, " request ") ? sent : written).push_back(std::move(sink));
  }
  std::vector<Sentinel> secrets = everything();
  std::vector<Leak> found = findLeaks(sent, secrets);  // blob PUTs carry the signature: no check
  if (results) {
    for (const StoredArtifact& artifact : results->artifacts()) {
      secrets.push_back({"the artifact upload signature", artifact.signature});
    }
  }
  for (Leak& leak : findLeaks(written, secrets)) found.push_back(std::move(leak));
  return found;
}

std::vector<std::string> LeakHarness::addMaskProblems() const {
  std::vector<std::string> problems;
  const std::vector<std::string> out = lines(console.stdoutText);
  if (mode == RunMode::Local) {
    for (const std::string& line : out) {
      if (startsWith(line, kAddMask)) problems.push_back("local mode printed " + line);
    }
    return problems;
  }
  const auto firstOther = std::find_if(
      out.begin(), out.end(), [](const std::string& line) { return !startsWith(line, kAddMask); });
  const std::size_t firstOtherIndex = static_cast<std::size_t>(firstOther - out.begin());
  for (const Sentinel& secret : registered()) {
    const std::string head = secret.value.substr(0, kFragment);
    const std::string tail = secret.value.substr(secret.value.size() - kFragment);
    const auto first = std::find_if(out.begin(), out.end(), [&](const std::string& line) {
      return contains(line, head) || contains(line, tail);
    });
    const std::size_t index = static_cast<std::size_t>(first - out.begin());
    const std::string expected = kAddMask + escapeCommandData(secret.value);
    if (first == out.end()) {
      problems.push_back(secret.name + ": no ::add-mask:: line");
    } else if (*first != expected) {
      problems.push_back(secret.name + ": line " + std::to_string(index + 1) +
                         " shows it before (or instead of) \"" + expected + "\": " + *first);
    } else if (index > firstOtherIndex) {
      problems.push_back(secret.name + ": registered on line " + std::to_string(index + 1) +
                         ", after line " + std::to_string(firstOtherIndex + 1) +
                         " was printed: " + out[firstOtherIndex]);
    }
  }
  return problems;
}

}  // namespace fd::test
