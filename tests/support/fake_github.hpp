// An in-process fake of the GitHub REST API on a real loopback server (LoopbackServer).
// Responses follow GitHub's OpenAPI description: every JSON body it serves is also written to
// a fixture directory, and tests/openapi/validate.mjs checks each against its operation's schema.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "support/loopback_server.hpp"

namespace fd::test {

struct GhCheckRun {
  std::int64_t id = 0;
  std::string name;
  std::string status = "completed";
  std::string conclusion = "success";              // empty: null
  std::string startedAt = "2026-04-03T21:00:00Z";  // empty: null
  std::string detailsUrl;  // empty: https://example.test/ci/<id> (not an Actions job)
  std::string headSha;     // empty: on every commit
  // The app that reported it: GitHub Actions (slug github-actions, id 15368) unless a test says
  // otherwise; an empty slug serves `"app": null`.
  std::string appSlug = "github-actions";
  std::int64_t appId = 15368;
  std::int64_t suiteId = 0;  // 0: 7000 + id % 97
};

// A workflow run on a commit (GET /actions/runs?head_sha=, GET /actions/runs/{id}).
struct GhWorkflowRun {
  std::int64_t id = 0;
  std::string name = "CI";
  std::string headSha;  // empty: on every commit
  std::string status = "queued";
  std::string conclusion;    // empty: null
  std::int64_t suiteId = 0;  // 0: 8000 + id % 997
  std::string event = "push";
  int attempt = 1;
  std::string actor = "carol";
};

// A check suite on a commit (GET /commits/{ref}/check-suites).
struct GhCheckSuite {
  std::int64_t id = 0;
  std::string appSlug = "super-ci";
  std::int64_t appId = 4242;
  std::string headSha;  // empty: on every commit
  std::string status = "queued";
  std::string conclusion;  // empty: null
  int checkRuns = 0;       // latest_check_runs_count
};

struct GhStatus {
  std::string context;
  std::string state = "success";
  std::string headSha;  // empty: on every commit
};

struct GhJob {
  std::int64_t id = 0;
  std::string name;
  std::string status = "completed";
  std::string conclusion = "success";
  std::string runnerName = "GitHub Actions 2";
};

struct GhApproval {
  std::string environment;
  std::string state = "approved";
  std::string login = "alice";
  std::string comment;
};

struct GhIssue {
  int number = 0;
  std::string title;
  std::vector<std::string> labels;
  bool pullRequest = true;
  std::string state = "open";
};

struct GhDeploymentStatus {
  std::int64_t id = 0;
  std::string state;
  std::string description;
  std::string logUrl;
  std::string environmentUrl;
  bool autoInactive = false;
  std::string createdAt;
};

struct GhDeployment {
  std::int64_t id = 0;
  std::string sha;
  std::string environment;
  std::string task = "deploy";
  std::string payload = "{}";  // raw JSON: an object or a string
  std::string creator = "github-actions[bot]";
  std::string description;
  bool productionEnvironment = false;
  bool transientEnvironment = false;
  std::string createdAt = "2026-04-01T10:00:00Z";
  std::string requestBody;                   // what POST /deployments received
  int unlistedReads = 0;                     // list reads that still miss it (replica lag)
  std::vector<GhDeploymentStatus> statuses;  // oldest first
};

struct GithubState {
  std::string defaultBranch = "main";
  std::map<std::string, std::string> compare;  // head sha -> diverged / ahead / behind / identical
  std::vector<GhCheckRun> checkRuns;
  std::vector<GhStatus> statuses;
  std::vector<GhWorkflowRun> workflowRuns;
  std::vector<GhCheckSuite> checkSuites;
  std::map<std::string, std::vector<GhJob>> jobs;  // "<run id>/<attempt>" -> jobs
  std::vector<GhApproval> approvals;
  std::vector<GhIssue> issues;
  std::vector<GhDeployment> deployments;  // oldest first; served newest first
  std::string token;                      // non-empty: requests without "Bearer <token>" get 401
  std::int64_t nextId = 900000;
  // GitHub answers reads from replicas: a deployment created by POST is missing from this many
  // GET /deployments lists that follow its creation.
  int deploymentListLag = 0;
};

struct ServedAnswer {
  std::string method;
  std::string uri;
  int status = 0;
};

class FakeGithub {
 public:
  static constexpr const char* kOwner = "octo";
  static constexpr const char* kRepo = "shop";

  // basePath "/api/v3" makes it look like GitHub Enterprise Server.
  explicit FakeGithub(std::string basePath = "");
  ~FakeGithub();
  FakeGithub(const FakeGithub&) = delete;
  FakeGithub& operator=(const FakeGithub&) = delete;

  std::string apiUrl() const;  // http://127.0.0.1:<port><basePath>
  void update(const std::function<void(GithubState&)>& change);
  GithubState state() const;

  // The next request whose method matches and whose path contains `pathContains` gets
  // `response` instead of the normal answer (queued: several calls answer in order).
  void script(const std::string& method, const std::string& pathContains, ServerResponse response);

  std::vector<ServerRequest> requests() const;
  std::vector<ServedAnswer> served() const;
  // Requests whose method matches and whose path (without the query) contains `pathContains`.
  std::size_t count(const std::string& method, const std::string& pathContains) const;
  std::size_t countStatus(const std::string& pathContains, int status) const;

  // Canned failures with GitHub's headers and bodies.
  static ServerResponse primaryRateLimit(std::int64_t resetEpochSeconds);
  static ServerResponse secondaryRateLimit(std::optional<int> retryAfterSeconds);
  static ServerResponse badGateway();
  static ServerResponse malformedJson();

  // Where served bodies are written: $FD_GITHUB_FIXTURES, else <build>/github-fixtures.
  static std::string fixtureDirectory();

  // The deployment GitHub itself creates when a job with `environment:` (without
  // `deployment: false`) starts: task "deploy", empty payload, created by github-actions[bot],
  // its statuses pointing at the run's job; `state` is its newest status.
  static GhDeployment environmentJobDeployment(std::int64_t id, const std::string& sha,
                                               const std::string& environment,
                                               const std::string& runId, std::int64_t jobId,
                                               const std::string& state);
  // A deployment this action recorded (task "deploy:factory", the factory_deploy payload) whose
  // newest status is `state`.
  static GhDeployment factoryDeployment(std::int64_t id, const std::string& sha,
                                        const std::string& environment, const std::string& runId,
                                        const std::string& state,
                                        const std::string& actor = "carol");

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fd::test
