#include "support/fake_github.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <set>

namespace fd::test {

namespace {

constexpr const char* kWeb = "https://github.com";
constexpr std::int64_t kEpoch = 1775251800;  // 2026-04-03T21:30:00Z, FakeClock's start

std::string iso(std::int64_t epochSeconds) {
  const std::time_t t = static_cast<std::time_t>(epochSeconds);
  std::tm parts{};
  gmtime_r(&t, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

std::string hexHash(const std::string& text) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%016zx", std::hash<std::string>{}(text));
  return buffer;
}

std::string percentDecode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::strtol(text.substr(i + 1, 2).c_str(), nullptr, 16));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

std::map<std::string, std::string> parseQuery(const std::string& uri) {
  std::map<std::string, std::string> query;
  const auto mark = uri.find('?');
  if (mark == std::string::npos) return query;
  std::size_t at = mark + 1;
  while (at <= uri.size()) {
    auto end = uri.find('&', at);
    if (end == std::string::npos) end = uri.size();
    const std::string pair = uri.substr(at, end - at);
    const auto eq = pair.find('=');
    if (!pair.empty()) {
      query[percentDecode(pair.substr(0, eq))] =
          eq == std::string::npos ? "" : percentDecode(pair.substr(eq + 1));
    }
    at = end + 1;
  }
  return query;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t at = 0;
  while (at <= text.size()) {
    auto end = text.find(separator, at);
    if (end == std::string::npos) end = text.size();
    parts.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return parts;
}

// A compact JSON writer with the handful of shapes GitHub's objects need.
class Json {
 public:
  Json() : writer_(buffer_) {}
  Json& begin() {
    writer_.StartObject();
    return *this;
  }
  Json& end() {
    writer_.EndObject();
    return *this;
  }
  Json& beginArray(const char* key) {
    writer_.Key(key);
    writer_.StartArray();
    return *this;
  }
  Json& endArray() {
    writer_.EndArray();
    return *this;
  }
  Json& key(const char* key) {
    writer_.Key(key);
    return *this;
  }
  Json& str(const char* key, const std::string& value) {
    writer_.Key(key);
    writer_.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
    return *this;
  }
  Json& strOrNull(const char* key, const std::string& value) {
    if (value.empty()) return null(key);
    return str(key, value);
  }
  Json& num(const char* key, std::int64_t value) {
    writer_.Key(key);
    writer_.Int64(value);
    return *this;
  }
  Json& boolean(const char* key, bool value) {
    writer_.Key(key);
    writer_.Bool(value);
    return *this;
  }
  Json& null(const char* key) {
    writer_.Key(key);
    writer_.Null();
    return *this;
  }
  Json& raw(const char* key, const std::string& json) {
    writer_.Key(key);
    writer_.RawValue(json.c_str(), json.size(), rapidjson::kObjectType);
    return *this;
  }
  Json& rawArray(const char* key, const std::vector<std::string>& items) {
    writer_.Key(key);
    std::string joined = "[";
    for (std::size_t i = 0; i < items.size(); ++i) joined += (i == 0 ? "" : ",") + items[i];
    joined += "]";
    writer_.RawValue(joined.c_str(), joined.size(), rapidjson::kArrayType);
    return *this;
  }
  Json& rawValue(const std::string& json) {
    const bool object = !json.empty() && json.front() == '{';
    writer_.RawValue(json.c_str(), json.size(),
                     object ? rapidjson::kObjectType : rapidjson::kStringType);
    return *this;
  }
  std::string text() const { return {buffer_.GetString(), buffer_.GetSize()}; }

 private:
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

std::string joinArray(const std::vector<std::string>& items) {
  std::string joined = "[";
  for (std::size_t i = 0; i < items.size(); ++i) joined += (i == 0 ? "" : ",") + items[i];
  return joined + "]";
}

struct Operation {
  const char* id;
  const char* path;  // OpenAPI path template
};

constexpr Operation kRepoGet{"repos/get", "/repos/{owner}/{repo}"};
constexpr Operation kCheckRuns{"checks/list-for-ref",
                               "/repos/{owner}/{repo}/commits/{ref}/check-runs"};
constexpr Operation kCombined{"repos/get-combined-status-for-ref",
                              "/repos/{owner}/{repo}/commits/{ref}/status"};
constexpr Operation kJobs{
    "actions/list-jobs-for-workflow-run-attempt",
    "/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs"};
constexpr Operation kApprovals{"actions/get-reviews-for-run",
                               "/repos/{owner}/{repo}/actions/runs/{run_id}/approvals"};
constexpr Operation kIssues{"issues/list-for-repo", "/repos/{owner}/{repo}/issues"};
constexpr Operation kCompare{"repos/compare-commits-with-basehead",
                             "/repos/{owner}/{repo}/compare/{basehead}"};
constexpr Operation kListDeployments{"repos/list-deployments", "/repos/{owner}/{repo}/deployments"};
constexpr Operation kCreateDeployment{"repos/create-deployment",
                                      "/repos/{owner}/{repo}/deployments"};
constexpr Operation kListDeploymentStatuses{
    "repos/list-deployment-statuses", "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses"};
constexpr Operation kCreateDeploymentStatus{
    "repos/create-deployment-status", "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses"};
constexpr Operation kWorkflowRuns{"actions/list-workflow-runs-for-repo",
                                  "/repos/{owner}/{repo}/actions/runs"};
constexpr Operation kWorkflowRun{"actions/get-workflow-run",
                                 "/repos/{owner}/{repo}/actions/runs/{run_id}"};
constexpr Operation kCheckSuites{"checks/list-suites-for-ref",
                                 "/repos/{owner}/{repo}/commits/{ref}/check-suites"};
constexpr Operation kUnknown{"", ""};

struct Answer {
  ServerResponse response;
  Operation operation = kUnknown;
};

std::once_flag cleanFixtures;

}  // namespace

struct FakeGithub::Impl {
  std::string basePath;
  mutable std::mutex mutex;
  GithubState state;
  std::deque<std::pair<std::pair<std::string, std::string>, ServerResponse>> scripted;
  std::vector<ServedAnswer> served;
  std::set<std::string> dumped;
  int remaining = 1000;
  std::unique_ptr<LoopbackServer> server;

  std::string api() const { return server->url() + basePath; }
  std::string repoApi() const { return api() + "/repos/" + kOwner + "/" + kRepo; }
  std::string repoWeb() const { return std::string(kWeb) + "/" + kOwner + "/" + kRepo; }

  ServerResponse handle(const ServerRequest& request);
  Answer route(const ServerRequest& request, const std::string& path);
  void dump(const Operation& operation, const std::string& method, const ServerResponse& response);

  // GitHub object shapes.
  std::string user(const std::string& login, std::int64_t id) const;
  std::string minimalRepo() const;
  std::string fullRepo() const;
  std::string checkRun(const GhCheckRun& run, const std::string& sha) const;
  std::string integration(const std::string& slug, std::int64_t id) const;
  std::string workflowRun(const GhWorkflowRun& run, const std::string& sha) const;
  std::string checkSuite(const GhCheckSuite& suite, const std::string& sha) const;
  std::string simpleCommit(const std::string& sha) const;
  std::string status(const GhStatus& status, std::size_t index, const std::string& sha) const;
  std::string job(const GhJob& job, const std::string& runId) const;
  std::string approval(const GhApproval& approval, std::size_t index) const;
  std::string issue(const GhIssue& issue) const;
  std::string commit(const std::string& sha) const;
  std::string deployment(const GhDeployment& deployment) const;
  std::string deploymentStatus(const GhDeployment& deployment,
                               const GhDeploymentStatus& status) const;

  // Pagination: the items of the requested page, and the Link header for the others.
  std::vector<std::string> page(const std::vector<std::string>& items, const ServerRequest& request,
                                HeaderList& headers) const;
  ServerResponse json(int status, std::string body, HeaderList headers = {}) const;
  ServerResponse error(int status, const std::string& message) const;
};

std::string FakeGithub::Impl::user(const std::string& login, std::int64_t id) const {
  std::string escaped;  // bot logins such as github-actions[bot] are percent-encoded in URLs
  for (const char c : login) {
    if (c == '[')
      escaped += "%5B";
    else if (c == ']')
      escaped += "%5D";
    else
      escaped += c;
  }
  const std::string url = api() + "/users/" + escaped;
  Json j;
  j.begin().str("login", login).num("id", id).str("node_id", "U_" + std::to_string(id));
  j.str("avatar_url", "https://avatars.example.test/u/" + std::to_string(id))
      .str("gravatar_id", "");
  j.str("url", url).str("html_url", std::string(kWeb) + "/" + escaped);
  for (const char* field : {"followers", "following", "gists", "starred", "subscriptions",
                            "organizations", "repos", "events", "received_events"}) {
    j.str((std::string(field) + "_url").c_str(), url + "/" + field);
  }
  j.str("type", "User").boolean("site_admin", false);
  return j.end().text();
}

namespace {

void repoFields(Json& j, const std::string& repoApi, const std::string& repoWeb,
                const std::string& owner) {
  j.num("id", 4242).str("node_id", "R_4242").str("name", FakeGithub::kRepo);
  j.str("full_name", std::string(FakeGithub::kOwner) + "/" + FakeGithub::kRepo);
  j.raw("owner", owner).boolean("private", true).str("html_url", repoWeb).null("description");
  j.boolean("fork", false).str("url", repoApi);
  for (const char* field :
       {"archive",     "assignees",     "blobs",        "branches",      "collaborators",
        "comments",    "commits",       "compare",      "contents",      "contributors",
        "deployments", "downloads",     "events",       "forks",         "git_commits",
        "git_refs",    "git_tags",      "hooks",        "issue_comment", "issue_events",
        "issues",      "keys",          "labels",       "languages",     "merges",
        "milestones",  "notifications", "pulls",        "releases",      "stargazers",
        "statuses",    "subscribers",   "subscription", "tags",          "teams",
        "trees"}) {
    j.str((std::string(field) + "_url").c_str(), repoApi + "/" + field);
  }
}

// GitHub takes the token as "Bearer <token>" or "token <token>" (octokit's form).
bool authorized(const ServerRequest& request, const std::string& token) {
  const std::string given = request.header("Authorization").value_or("");
  return given == "Bearer " + token || given == "token " + token;
}

}  // namespace

std::string FakeGithub::Impl::minimalRepo() const {
  Json j;
  j.begin();
  repoFields(j, repoApi(), repoWeb(), user(kOwner, 1));
  return j.end().text();
}

std::string FakeGithub::Impl::fullRepo() const {
  Json j;
  j.begin();
  repoFields(j, repoApi(), repoWeb(), user(kOwner, 1));
  j.str("clone_url", repoWeb() + ".git").str("git_url", "git://github.com/octo/shop.git");
  j.str("ssh_url", "git@github.com:octo/shop.git").str("svn_url", repoWeb()).null("mirror_url");
  j.null("homepage").str("language", "C++").str("default_branch", state.defaultBranch);
  for (const char* count :
       {"forks", "forks_count", "open_issues", "open_issues_count", "size", "stargazers_count",
        "watchers", "watchers_count", "network_count", "subscribers_count"}) {
    j.num(count, 0);
  }
  for (const char* flag : {"has_issues", "has_projects", "has_wiki"}) j.boolean(flag, true);
  for (const char* flag : {"has_pages", "has_discussions", "archived", "disabled"})
    j.boolean(flag, false);
  j.null("license").str("pushed_at", iso(kEpoch - 60)).str("created_at", "2024-01-01T00:00:00Z");
  j.str("updated_at", iso(kEpoch - 60));
  return j.end().text();
}

std::string FakeGithub::Impl::checkRun(const GhCheckRun& run, const std::string& sha) const {
  const std::string details = run.detailsUrl.empty()
                                  ? "https://ci.example.test/builds/" + std::to_string(run.id)
                                  : run.detailsUrl;
  Json j;
  j.begin().num("id", run.id).str("head_sha", sha).str("node_id", "CR_" + std::to_string(run.id));
  j.str("external_id", "").str("url", repoApi() + "/check-runs/" + std::to_string(run.id));
  j.str("html_url", repoWeb() + "/runs/" + std::to_string(run.id)).str("details_url", details);
  j.str("status", run.status);
  j.strOrNull("conclusion", run.status == "completed" ? run.conclusion : "");
  j.strOrNull("started_at", run.startedAt);
  j.strOrNull("completed_at", run.status == "completed" ? run.startedAt : "");
  j.key("output").begin().null("title").null("summary").null("text").num("annotations_count", 0);
  j.str("annotations_url", repoApi() + "/check-runs/" + std::to_string(run.id) + "/annotations")
      .end();
  j.str("name", run.name);
  j.key("check_suite").begin().num("id", run.suiteId != 0 ? run.suiteId : 7000 + run.id % 97).end();
  if (run.appSlug.empty())
    j.null("app");
  else
    j.raw("app", integration(run.appSlug, run.appId));
  j.beginArray("pull_requests").endArray();
  return j.end().text();
}

std::string FakeGithub::Impl::integration(const std::string& slug, std::int64_t id) const {
  const bool actions = slug == "github-actions";
  Json j;
  j.begin().num("id", id).str("slug", slug).str("node_id", "A_" + std::to_string(id));
  j.raw("owner", user(actions ? "github" : "super-ci-inc", actions ? 9919 : 5150));
  j.str("name", actions ? "GitHub Actions" : slug).str("description", "checks by " + slug);
  j.str("external_url",
        actions ? "https://help.github.com/en/actions" : "https://" + slug + ".example.test");
  j.str("html_url", std::string(kWeb) + "/apps/" + slug);
  j.str("created_at", "2018-07-30T09:30:17Z").str("updated_at", "2024-04-10T20:33:16Z");
  j.key("permissions").begin().str("checks", "write").str("metadata", "read").end();
  j.beginArray("events").endArray();
  return j.end().text();
}

std::string FakeGithub::Impl::simpleCommit(const std::string& sha) const {
  Json j;
  j.begin().str("id", sha).str("tree_id", std::string(40, 'e')).str("message", "a commit");
  j.str("timestamp", iso(kEpoch - 900));
  j.key("author").begin().str("name", "Carol").str("email", "carol@example.test").end();
  j.key("committer").begin().str("name", "Carol").str("email", "carol@example.test").end();
  return j.end().text();
}

std::string FakeGithub::Impl::workflowRun(const GhWorkflowRun& run, const std::string& sha) const {
  const std::string id = std::to_string(run.id);
  const std::string url = repoApi() + "/actions/runs/" + id;
  const std::int64_t suite = run.suiteId != 0 ? run.suiteId : 8000 + run.id % 997;
  Json j;
  j.begin().num("id", run.id).str("name", run.name).str("node_id", "WFR_" + id);
  j.num("check_suite_id", suite).str("check_suite_node_id", "CS_" + std::to_string(suite));
  j.str("head_branch", "main").str("head_sha", sha);
  j.str("path", ".github/workflows/" + run.name + ".yml").num("run_number", run.id % 1000);
  j.num("run_attempt", run.attempt).str("event", run.event).str("display_title", "a commit");
  j.str("status", run.status)
      .strOrNull("conclusion", run.status == "completed" ? run.conclusion : "");
  j.num("workflow_id", 161335).str("url", url).str("html_url", repoWeb() + "/actions/runs/" + id);
  j.beginArray("pull_requests").endArray();
  j.str("created_at", iso(kEpoch - 300)).str("updated_at", iso(kEpoch - 200));
  j.raw("actor", user(run.actor, 100)).raw("triggering_actor", user(run.actor, 100));
  j.str("run_started_at", iso(kEpoch - 300));
  j.str("jobs_url", url + "/jobs").str("logs_url", url + "/logs");
  j.str("check_suite_url", repoApi() + "/check-suites/" + std::to_string(suite));
  j.str("artifacts_url", url + "/artifacts").str("cancel_url", url + "/cancel");
  j.str("rerun_url", url + "/rerun").null("previous_attempt_url");
  j.str("workflow_url", repoApi() + "/actions/workflows/161335");
  j.raw("head_commit", simpleCommit(sha)).raw("repository", minimalRepo());
  j.raw("head_repository", minimalRepo());
  return j.end().text();
}

std::string FakeGithub::Impl::checkSuite(const GhCheckSuite& suite, const std::string& sha) const {
  const std::string id = std::to_string(suite.id);
  Json j;
  j.begin().num("id", suite.id).str("node_id", "CS_" + id).str("head_branch", "main");
  j.str("head_sha", sha).str("status", suite.status);
  j.strOrNull("conclusion", suite.status == "completed" ? suite.conclusion : "");
  j.str("url", repoApi() + "/check-suites/" + id).null("before").null("after");
  j.beginArray("pull_requests").endArray();
  j.raw("app", integration(suite.appSlug, suite.appId)).raw("repository", minimalRepo());
  j.str("created_at", iso(kEpoch - 300)).str("updated_at", iso(kEpoch - 200));
  j.raw("head_commit", simpleCommit(sha)).num("latest_check_runs_count", suite.checkRuns);
  j.str("check_runs_url", repoApi() + "/check-suites/" + id + "/check-runs");
  j.boolean("rerequestable", true).boolean("runs_rerequestable", false);
  return j.end().text();
}

std::string FakeGithub::Impl::status(const GhStatus& status, std::size_t index,
                                     const std::string& sha) const {
  Json j;
  j.begin()
      .str("url", repoApi() + "/statuses/" + sha)
      .str("avatar_url", "https://avatars.example.test/ci");
  j.num("id", static_cast<std::int64_t>(300 + index)).str("node_id", "SC_" + std::to_string(index));
  j.str("state", status.state).str("description", status.context + " is " + status.state);
  j.str("target_url", "https://ci.example.test/status/" + std::to_string(index))
      .str("context", status.context);
  j.str("created_at", iso(kEpoch - 600)).str("updated_at", iso(kEpoch - 300));
  return j.end().text();
}

std::string FakeGithub::Impl::job(const GhJob& job, const std::string& runId) const {
  Json j;
  j.begin()
      .num("id", job.id)
      .num("run_id", std::stoll(runId))
      .str("run_url", repoApi() + "/actions/runs/" + runId);
  j.str("node_id", "J_" + std::to_string(job.id)).str("head_sha", std::string(40, 'a'));
  j.str("url", repoApi() + "/actions/jobs/" + std::to_string(job.id));
  j.str("html_url", repoWeb() + "/actions/runs/" + runId + "/job/" + std::to_string(job.id));
  j.str("status", job.status)
      .strOrNull("conclusion", job.status == "completed" ? job.conclusion : "");
  j.str("created_at", iso(kEpoch - 120)).str("started_at", iso(kEpoch - 100));
  j.strOrNull("completed_at", job.status == "completed" ? iso(kEpoch - 50) : "");
  j.str("name", job.name).str("check_run_url", repoApi() + "/check-runs/" + std::to_string(job.id));
  j.beginArray("labels").endArray().num("runner_id", 2).str("runner_name", job.runnerName);
  j.num("runner_group_id", 1)
      .str("runner_group_name", "GitHub Actions")
      .str("workflow_name", "deploy");
  j.str("head_branch", "main");
  return j.end().text();
}

std::string FakeGithub::Impl::approval(const GhApproval& approval, std::size_t index) const {
  const std::string id = std::to_string(160 + index);
  Json environment;
  environment.begin().num("id", 160 + static_cast<std::int64_t>(index)).str("node_id", "EN_" + id);
  environment.str("name", approval.environment);
  environment.str("url", repoApi() + "/environments/" + approval.environment);
  environment.str("html_url", repoWeb() + "/deployments/activity_log?environments_filter=" +
                                  approval.environment);
  environment.str("created_at", "2025-01-01T00:00:00Z")
      .str("updated_at", "2025-01-01T00:00:00Z")
      .end();
  Json j;
  j.begin().rawArray("environments", {environment.text()}).str("state", approval.state);
  j.raw("user", user(approval.login, 100 + static_cast<std::int64_t>(index)));
  j.str("comment", approval.comment);
  return j.end().text();
}

std::string FakeGithub::Impl::issue(const GhIssue& issue) const {
  const std::string number = std::to_string(issue.number);
  std::vector<std::string> labels;
  for (const std::string& label : issue.labels) {
    Json l;
    l.begin().num("id", 55).str("node_id", "L_55").str("url", repoApi() + "/labels/" + label);
    l.str("name", label).str("color", "d73a4a").boolean("default", false).null("description");
    labels.push_back(l.end().text());
  }
  Json j;
  j.begin().num("id", 10000 + issue.number).str("node_id", "I_" + number);
  j.str("url", repoApi() + "/issues/" + number).str("repository_url", repoApi());
  j.str("labels_url", repoApi() + "/issues/" + number + "/labels");
  j.str("comments_url", repoApi() + "/issues/" + number + "/comments");
  j.str("events_url", repoApi() + "/issues/" + number + "/events");
  j.str("html_url", repoWeb() + (issue.pullRequest ? "/pull/" : "/issues/") + number);
  j.num("number", issue.number).str("state", issue.state).str("title", issue.title);
  j.raw("user", user("bob", 7)).rawArray("labels", labels).null("assignee").null("milestone");
  j.boolean("locked", false).num("comments", 0).null("closed_at");
  j.str("created_at", iso(kEpoch - 86400)).str("updated_at", iso(kEpoch - 3600));
  if (issue.pullRequest) {
    const std::string pull = repoWeb() + "/pull/" + number;
    j.key("pull_request").begin().null("merged_at").str("diff_url", pull + ".diff");
    j.str("html_url", pull)
        .str("patch_url", pull + ".patch")
        .str("url", repoApi() + "/pulls/" + number)
        .end();
  }
  return j.end().text();
}

std::string FakeGithub::Impl::commit(const std::string& sha) const {
  Json j;
  j.begin()
      .str("url", repoApi() + "/commits/" + sha)
      .str("sha", sha)
      .str("node_id", "C_" + sha.substr(0, 8));
  j.str("html_url", repoWeb() + "/commit/" + sha)
      .str("comments_url", repoApi() + "/commits/" + sha + "/comments");
  j.key("commit")
      .begin()
      .str("url", repoApi() + "/git/commits/" + sha)
      .null("author")
      .null("committer");
  j.str("message", "a commit").num("comment_count", 0);
  j.key("tree")
      .begin()
      .str("sha", std::string(40, 'f'))
      .str("url", repoApi() + "/git/trees/" + sha)
      .end();
  j.end().null("author").null("committer").beginArray("parents").endArray();
  return j.end().text();
}

std::string FakeGithub::Impl::deployment(const GhDeployment& deployment) const {
  const std::string id = std::to_string(deployment.id);
  Json j;
  j.begin()
      .str("url", repoApi() + "/deployments/" + id)
      .num("id", deployment.id)
      .str("node_id", "DE_" + id);
  j.str("sha", deployment.sha).str("ref", deployment.sha).str("task", deployment.task);
  j.key("payload");
  j.rawValue(deployment.payload);
  j.str("original_environment", deployment.environment);
  j.str("environment", deployment.environment).strOrNull("description", deployment.description);
  j.raw("creator",
        user(deployment.creator, deployment.creator == "github-actions[bot]" ? 41898282 : 77));
  j.str("created_at", deployment.createdAt).str("updated_at", deployment.createdAt);
  j.str("statuses_url", repoApi() + "/deployments/" + id + "/statuses")
      .str("repository_url", repoApi());
  j.boolean("transient_environment", deployment.transientEnvironment);
  j.boolean("production_environment", deployment.productionEnvironment);
  return j.end().text();
}

std::string FakeGithub::Impl::deploymentStatus(const GhDeployment& deployment,
                                               const GhDeploymentStatus& status) const {
  const std::string id = std::to_string(status.id);
  const std::string deploymentUrl = repoApi() + "/deployments/" + std::to_string(deployment.id);
  Json j;
  j.begin()
      .str("url", deploymentUrl + "/statuses/" + id)
      .num("id", status.id)
      .str("node_id", "DES_" + id);
  j.str("state", status.state).raw("creator", user("github-actions[bot]", 41898282));
  j.str("description", status.description).str("environment", deployment.environment);
  j.str("target_url", status.logUrl.empty() ? repoWeb() + "/deployments" : status.logUrl)
      .str("created_at", status.createdAt)
      .str("updated_at", status.createdAt);
  j.str("deployment_url", deploymentUrl).str("repository_url", repoApi());
  if (!status.environmentUrl.empty()) j.str("environment_url", status.environmentUrl);
  if (!status.logUrl.empty()) j.str("log_url", status.logUrl);
  return j.end().text();
}

std::vector<std::string> FakeGithub::Impl::page(const std::vector<std::string>& items,
                                                const ServerRequest& request,
                                                HeaderList& headers) const {
  auto query = parseQuery(request.uri);
  const std::size_t perPage =
      std::clamp<std::size_t>(query.count("per_page") ? std::stoul(query["per_page"]) : 30, 1, 100);
  const std::size_t pageNumber =
      query.count("page") ? std::max<std::size_t>(1, std::stoul(query["page"])) : 1;
  const std::size_t pages = std::max<std::size_t>(1, (items.size() + perPage - 1) / perPage);
  const auto linkTo = [&](std::size_t number, const char* rel) {
    query["page"] = std::to_string(number);
    std::string uri = server->url() + request.path() + "?";
    bool first = true;
    for (const auto& [key, value] : query) {
      uri += (first ? "" : "&") + key + "=" + value;
      first = false;
    }
    return "<" + uri + ">; rel=\"" + rel + "\"";
  };
  std::vector<std::string> links;
  if (pageNumber > 1) links.push_back(linkTo(pageNumber - 1, "prev"));
  if (pageNumber < pages) links.push_back(linkTo(pageNumber + 1, "next"));
  if (pageNumber < pages) links.push_back(linkTo(pages, "last"));
  if (pageNumber > 1) links.push_back(linkTo(1, "first"));
  if (!links.empty()) {
    std::string link;
    for (std::size_t i = 0; i < links.size(); ++i) link += (i == 0 ? "" : ", ") + links[i];
    headers.emplace_back("Link", link);
  }
  const std::size_t from = std::min(items.size(), (pageNumber - 1) * perPage);
  const std::size_t to = std::min(items.size(), from + perPage);
  return {items.begin() + static_cast<std::ptrdiff_t>(from),
          items.begin() + static_cast<std::ptrdiff_t>(to)};
}

ServerResponse FakeGithub::Impl::json(int status, std::string body, HeaderList headers) const {
  ServerResponse response;
  response.status = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  response.contentType = "application/json; charset=utf-8";
  return response;
}

ServerResponse FakeGithub::Impl::error(int status, const std::string& message) const {
  Json j;
  j.begin().str("message", message).str("documentation_url", "https://docs.github.com/rest");
  j.str("status", std::to_string(status));
  return json(status, j.end().text());
}

Answer FakeGithub::Impl::route(const ServerRequest& request, const std::string& path) {
  const std::string prefix = std::string("/repos/") + kOwner + "/" + kRepo;
  if (path.rfind(prefix, 0) != 0) return {error(404, "Not Found")};
  const std::vector<std::string> parts = split(path.substr(prefix.size()), '/');  // "", a, b, ...
  const auto query = parseQuery(request.uri);
  const bool get = request.method == "GET";
  HeaderList headers;
  const std::size_t n = parts.size();

  if (get && (path == prefix || path == prefix + "/")) return {json(200, fullRepo()), kRepoGet};
  if (get && n == 4 && parts[1] == "commits" && parts[3] == "check-runs") {
    const std::string sha = percentDecode(parts[2]);
    std::vector<std::string> items;
    for (const GhCheckRun& run : state.checkRuns) {
      if (run.headSha.empty() || run.headSha == sha) items.push_back(checkRun(run, sha));
    }
    const auto total = static_cast<std::int64_t>(items.size());
    const auto slice = page(items, request, headers);
    Json j;
    j.begin().num("total_count", total).rawArray("check_runs", slice);
    return {json(200, j.end().text(), headers), kCheckRuns};
  }
  if (get && n == 4 && parts[1] == "commits" && parts[3] == "check-suites") {
    const std::string sha = percentDecode(parts[2]);
    std::vector<std::string> items;
    for (const GhCheckSuite& suite : state.checkSuites) {
      if (suite.headSha.empty() || suite.headSha == sha) items.push_back(checkSuite(suite, sha));
    }
    const auto total = static_cast<std::int64_t>(items.size());
    const auto slice = page(items, request, headers);
    Json j;
    j.begin().num("total_count", total).rawArray("check_suites", slice);
    return {json(200, j.end().text(), headers), kCheckSuites};
  }
  if (get && n == 3 && parts[1] == "actions" && parts[2] == "runs") {
    const std::string sha = query.count("head_sha") ? query.at("head_sha") : "";
    std::vector<std::string> items;
    for (auto it = state.workflowRuns.rbegin(); it != state.workflowRuns.rend(); ++it) {
      if (!sha.empty() && !it->headSha.empty() && it->headSha != sha) continue;
      items.push_back(workflowRun(*it, it->headSha.empty() ? sha : it->headSha));
    }
    const auto total = static_cast<std::int64_t>(items.size());
    const auto slice = page(items, request, headers);
    Json j;
    j.begin().num("total_count", total).rawArray("workflow_runs", slice);
    return {json(200, j.end().text(), headers), kWorkflowRuns};
  }
  if (get && n == 4 && parts[1] == "actions" && parts[2] == "runs") {
    const std::int64_t id = std::atoll(parts[3].c_str());
    for (const GhWorkflowRun& run : state.workflowRuns) {
      if (run.id == id)
        return {
            json(200, workflowRun(run, run.headSha.empty() ? std::string(40, 'a') : run.headSha)),
            kWorkflowRun};
    }
    return {error(404, "Not Found"), kWorkflowRun};
  }
  if (get && n == 4 && parts[1] == "commits" && parts[3] == "status") {
    const std::string sha = percentDecode(parts[2]);
    std::vector<std::string> items;
    std::string combined = "success";
    for (std::size_t i = 0; i < state.statuses.size(); ++i) {
      const GhStatus& each = state.statuses[i];
      if (!each.headSha.empty() && each.headSha != sha) continue;
      items.push_back(status(each, i, sha));
      if (each.state == "failure" || each.state == "error")
        combined = "failure";
      else if (each.state == "pending" && combined != "failure")
        combined = "pending";
    }
    if (items.empty()) combined = "pending";  // GitHub's answer for "no statuses at all"
    const auto total = static_cast<std::int64_t>(items.size());
    const auto slice = page(items, request, headers);
    Json j;
    j.begin()
        .str("state", combined)
        .rawArray("statuses", slice)
        .str("sha", sha)
        .num("total_count", total);
    j.raw("repository", minimalRepo()).str("commit_url", repoApi() + "/commits/" + sha);
    j.str("url", repoApi() + "/commits/" + sha + "/status");
    return {json(200, j.end().text(), headers), kCombined};
  }
  if (get && n == 7 && parts[1] == "actions" && parts[2] == "runs" && parts[4] == "attempts" &&
      parts[6] == "jobs") {
    const auto found = state.jobs.find(parts[3] + "/" + parts[5]);
    if (found == state.jobs.end()) return {error(404, "Not Found"), kJobs};
    std::vector<std::string> items;
    for (const GhJob& each : found->second) items.push_back(job(each, parts[3]));
    const auto total = static_cast<std::int64_t>(items.size());
    const auto slice = page(items, request, headers);
    Json j;
    j.begin().num("total_count", total).rawArray("jobs", slice);
    return {json(200, j.end().text(), headers), kJobs};
  }
  if (get && n == 5 && parts[1] == "actions" && parts[2] == "runs" && parts[4] == "approvals") {
    std::vector<std::string> items;
    for (std::size_t i = 0; i < state.approvals.size(); ++i)
      items.push_back(approval(state.approvals[i], i));
    return {json(200, joinArray(items)), kApprovals};
  }
  if (get && n == 2 && parts[1] == "issues") {
    const std::string wantedState = query.count("state") ? query.at("state") : "open";
    const auto wantedLabels =
        query.count("labels") ? split(query.at("labels"), ',') : std::vector<std::string>{};
    std::vector<std::string> items;
    for (const GhIssue& each : state.issues) {
      if (wantedState != "all" && each.state != wantedState) continue;
      const bool labelled =
          std::all_of(wantedLabels.begin(), wantedLabels.end(), [&](const std::string& l) {
            return l.empty() ||
                   std::find(each.labels.begin(), each.labels.end(), l) != each.labels.end();
          });
      if (labelled) items.push_back(issue(each));
    }
    // page() fills `headers` (Link): it must run before they are copied.
    const std::string body = joinArray(page(items, request, headers));
    return {json(200, body, headers), kIssues};
  }
  if (get && n == 3 && parts[1] == "compare") {
    const std::string basehead = percentDecode(parts[2]);
    const auto dots = basehead.find("...");
    if (dots == std::string::npos) return {error(404, "Not Found"), kCompare};
    const std::string head = basehead.substr(dots + 3);
    const auto known = state.compare.find(head);
    const std::string status = known == state.compare.end() ? "behind" : known->second;
    if (status == "404")
      return {error(404, "No common ancestor between main and " + head + "."), kCompare};
    const bool ahead = status == "ahead" || status == "diverged";
    Json j;
    j.begin()
        .str("url", repoApi() + "/compare/" + basehead)
        .str("html_url", repoWeb() + "/compare/" + basehead);
    j.str("permalink_url", repoWeb() + "/compare/octo:" + basehead)
        .str("diff_url", repoWeb() + "/compare/" + basehead + ".diff");
    j.str("patch_url", repoWeb() + "/compare/" + basehead + ".patch");
    j.raw("base_commit", commit(std::string(40, 'b')))
        .raw("merge_base_commit", commit(std::string(40, 'c')));
    j.str("status", status)
        .num("ahead_by", ahead ? 2 : 0)
        .num("behind_by", status == "behind" || status == "diverged" ? 3 : 0);
    j.num("total_commits", ahead ? 2 : 0);
    j.rawArray("commits",
               ahead ? std::vector<std::string>{commit(head)} : std::vector<std::string>{});
    j.beginArray("files").endArray();
    return {json(200, j.end().text()), kCompare};
  }
  if (n == 2 && parts[1] == "deployments") {
    if (get) {
      // GitHub lists deployments newest first: by id, whatever order a test seeded them in.
      std::vector<GhDeployment*> byId;
      for (GhDeployment& each : state.deployments) byId.push_back(&each);
      std::stable_sort(byId.begin(), byId.end(),
                       [](const GhDeployment* a, const GhDeployment* b) { return a->id > b->id; });
      std::vector<std::string> items;
      for (GhDeployment* it : byId) {
        if (it->unlistedReads > 0) {
          --it->unlistedReads;
          continue;
        }
        if (query.count("environment") && it->environment != query.at("environment")) continue;
        if (query.count("sha") && it->sha != query.at("sha")) continue;
        if (query.count("task") && it->task != query.at("task")) continue;
        items.push_back(deployment(*it));
      }
      // page() fills `headers` (Link): it must run before they are copied.
      const std::string body = joinArray(page(items, request, headers));
      return {json(200, body, headers), kListDeployments};
    }
    if (request.method == "POST") {
      rapidjson::Document body;
      body.Parse(request.body.c_str(), request.body.size());
      if (body.HasParseError() || !body.IsObject() || !body.HasMember("ref") ||
          !body["ref"].IsString()) {
        return {error(422, "Invalid request. \"ref\" wasn't supplied."), kCreateDeployment};
      }
      GhDeployment created;
      created.id = ++state.nextId;
      created.sha = body["ref"].GetString();
      created.environment =
          body.HasMember("environment") ? body["environment"].GetString() : "production";
      created.description = body.HasMember("description") ? body["description"].GetString() : "";
      if (body.HasMember("task") && body["task"].IsString())
        created.task = body["task"].GetString();
      if (body.HasMember("payload") && (body["payload"].IsObject() || body["payload"].IsString())) {
        rapidjson::StringBuffer payload;
        rapidjson::Writer<rapidjson::StringBuffer> writer(payload);
        body["payload"].Accept(writer);
        created.payload = payload.GetString();
      }
      created.productionEnvironment =
          body.HasMember("production_environment") && body["production_environment"].GetBool();
      created.transientEnvironment =
          body.HasMember("transient_environment") && body["transient_environment"].GetBool();
      created.createdAt = iso(kEpoch + created.id % 100000);
      created.requestBody = request.body;
      created.unlistedReads = state.deploymentListLag;
      state.deployments.push_back(created);
      return {json(201, deployment(created)), kCreateDeployment};
    }
  }
  if (n == 4 && parts[1] == "deployments" && parts[3] == "statuses") {
    const std::int64_t id = std::atoll(parts[2].c_str());
    auto target = std::find_if(state.deployments.begin(), state.deployments.end(),
                               [&](const GhDeployment& d) { return d.id == id; });
    const Operation operation = get ? kListDeploymentStatuses : kCreateDeploymentStatus;
    if (target == state.deployments.end()) return {error(404, "Not Found"), operation};
    if (get) {
      std::vector<std::string> items;
      for (auto it = target->statuses.rbegin(); it != target->statuses.rend(); ++it) {
        items.push_back(deploymentStatus(*target, *it));
      }
      // page() fills `headers` (Link): it must run before they are copied.
      const std::string body = joinArray(page(items, request, headers));
      return {json(200, body, headers), operation};
    }
    rapidjson::Document body;
    body.Parse(request.body.c_str(), request.body.size());
    if (body.HasParseError() || !body.IsObject() || !body.HasMember("state")) {
      return {error(422, "Invalid request."), operation};
    }
    GhDeploymentStatus created;
    created.id = ++state.nextId;
    created.state = body["state"].GetString();
    created.description = body.HasMember("description") ? body["description"].GetString() : "";
    if (created.description.size() > 140)
      return {error(422, "description is too long (maximum is 140 characters)"), operation};
    created.logUrl = body.HasMember("log_url") ? body["log_url"].GetString() : "";
    created.environmentUrl =
        body.HasMember("environment_url") ? body["environment_url"].GetString() : "";
    created.autoInactive = !body.HasMember("auto_inactive") || body["auto_inactive"].GetBool();
    created.createdAt = iso(kEpoch + created.id % 100000);
    target->statuses.push_back(created);
    // GitHub: a success with auto_inactive retires older non-production, non-transient ones.
    if (created.state == "success" && created.autoInactive && !target->productionEnvironment) {
      for (GhDeployment& other : state.deployments) {
        if (other.id == target->id || other.environment != target->environment ||
            other.transientEnvironment)
          continue;
        if (!other.statuses.empty() && other.statuses.back().state == "success") {
          GhDeploymentStatus inactive = created;
          inactive.id = ++state.nextId;
          inactive.state = "inactive";
          inactive.description = "auto-inactivated";
          other.statuses.push_back(inactive);
        }
      }
    }
    return {json(201, deploymentStatus(*target, created)), operation};
  }
  return {error(404, "Not Found")};
}

void FakeGithub::Impl::dump(const Operation& operation, const std::string& method,
                            const ServerResponse& response) {
  if (operation.id[0] == '\0' || response.body.empty()) return;
  rapidjson::Document check;
  check.Parse(response.body.c_str(), response.body.size());
  if (check.HasParseError()) return;  // deliberately broken answers are not fixtures
  std::string folder = operation.id;
  std::replace(folder.begin(), folder.end(), '/', '_');
  const std::string name = std::to_string(response.status) + "-" + hexHash(response.body) + ".json";
  const std::string key = folder + "/" + name;
  if (!dumped.insert(key).second) return;
  const std::filesystem::path directory = std::filesystem::path(fixtureDirectory()) / folder;
  std::error_code ignored;
  std::filesystem::create_directories(directory, ignored);
  std::string lowerMethod = method;
  std::transform(lowerMethod.begin(), lowerMethod.end(), lowerMethod.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  Json j;
  j.begin().str("operationId", operation.id).str("method", lowerMethod).str("path", operation.path);
  j.num("status", response.status);
  const std::string text =
      j.text() + ",\"body\":" + response.body + "}";  // the object stays open above
  std::ofstream(directory / name) << text;
}

ServerResponse FakeGithub::Impl::handle(const ServerRequest& request) {
  std::lock_guard lock(mutex);
  const std::string path = request.path();
  ServerResponse response;
  Operation operation = kUnknown;
  const auto scriptedAnswer =
      std::find_if(scripted.begin(), scripted.end(), [&](const auto& entry) {
        return entry.first.first == request.method &&
               path.find(entry.first.second) != std::string::npos;
      });
  if (scriptedAnswer != scripted.end()) {
    response = scriptedAnswer->second;
    scripted.erase(scriptedAnswer);
  } else if (!state.token.empty() && !authorized(request, state.token)) {
    response = error(401, "Bad credentials");
  } else if (path.rfind(basePath + "/", 0) != 0) {
    response = error(404, "Not Found");
  } else {
    Answer answer = route(request, path.substr(basePath.size()));
    response = std::move(answer.response);
    operation = answer.operation;
  }
  if (response.status == 200 && request.method == "GET") {
    const std::string etag = "W/\"" + hexHash(response.body) + "\"";
    response.headers.emplace_back("ETag", etag);
    if (request.header("If-None-Match").value_or("") == etag) {
      response.status = 304;
      response.body.clear();
    }
  }
  bool hasLimitHeaders = false;
  for (const auto& [key, value] : response.headers)
    hasLimitHeaders |= key == "x-ratelimit-remaining";
  if (!hasLimitHeaders) {
    if (response.status != 304) remaining = std::max(1, remaining - 1);  // 304s are free
    response.headers.emplace_back("x-ratelimit-limit", "1000");
    response.headers.emplace_back("x-ratelimit-remaining", std::to_string(remaining));
    response.headers.emplace_back("x-ratelimit-reset", std::to_string(kEpoch + 3600));
    response.headers.emplace_back("x-ratelimit-resource", "core");
  }
  served.push_back(ServedAnswer{request.method, request.uri, response.status});
  dump(operation, request.method, response);
  return response;
}

FakeGithub::FakeGithub(std::string basePath) : impl_(std::make_unique<Impl>()) {
  std::call_once(cleanFixtures, [] {
    std::error_code ignored;
    std::filesystem::remove_all(fixtureDirectory(), ignored);
  });
  impl_->basePath = std::move(basePath);
  Impl* impl = impl_.get();
  impl_->server = std::make_unique<LoopbackServer>(
      [impl](const ServerRequest& request) { return impl->handle(request); });
}

FakeGithub::~FakeGithub() { impl_->server->stop(); }

std::string FakeGithub::apiUrl() const { return impl_->api(); }

void FakeGithub::update(const std::function<void(GithubState&)>& change) {
  std::lock_guard lock(impl_->mutex);
  change(impl_->state);
}

GithubState FakeGithub::state() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->state;
}

void FakeGithub::script(const std::string& method, const std::string& pathContains,
                        ServerResponse response) {
  std::lock_guard lock(impl_->mutex);
  impl_->scripted.emplace_back(std::make_pair(method, pathContains), std::move(response));
}

std::vector<ServerRequest> FakeGithub::requests() const { return impl_->server->requests(); }

std::vector<ServedAnswer> FakeGithub::served() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->served;
}

std::size_t FakeGithub::count(const std::string& method, const std::string& pathContains) const {
  std::size_t total = 0;
  for (const ServerRequest& request : requests()) {
    if (request.method == method && request.path().find(pathContains) != std::string::npos) ++total;
  }
  return total;
}

std::size_t FakeGithub::countStatus(const std::string& pathContains, int status) const {
  std::size_t total = 0;
  for (const ServedAnswer& answer : served()) {
    const std::string path = answer.uri.substr(0, answer.uri.find('?'));
    if (answer.status == status && path.find(pathContains) != std::string::npos) ++total;
  }
  return total;
}

ServerResponse FakeGithub::primaryRateLimit(std::int64_t resetEpochSeconds) {
  ServerResponse response;
  response.status = 403;
  response.body =
      R"({"message":"API rate limit exceeded for installation ID 1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api","status":"403"})";
  response.headers = {{"x-ratelimit-limit", "1000"},
                      {"x-ratelimit-remaining", "0"},
                      {"x-ratelimit-used", "1000"},
                      {"x-ratelimit-reset", std::to_string(resetEpochSeconds)},
                      {"x-ratelimit-resource", "core"}};
  response.contentType = "application/json; charset=utf-8";
  return response;
}

ServerResponse FakeGithub::secondaryRateLimit(std::optional<int> retryAfterSeconds) {
  ServerResponse response;
  response.status = 403;
  response.body =
      R"({"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api","status":"403"})";
  response.headers = {{"x-ratelimit-limit", "1000"}, {"x-ratelimit-remaining", "950"}};
  if (retryAfterSeconds)
    response.headers.emplace_back("retry-after", std::to_string(*retryAfterSeconds));
  response.contentType = "application/json; charset=utf-8";
  return response;
}

ServerResponse FakeGithub::badGateway() {
  ServerResponse response;
  response.status = 502;
  response.body = "<html><body><h1>502 Bad Gateway</h1></body></html>";
  response.contentType = "text/html";
  return response;
}

ServerResponse FakeGithub::malformedJson() {
  ServerResponse response;
  response.status = 200;
  response.body = R"({"total_count": 3, "check_runs": [{"id": 1, "name": )";
  return response;
}

GhDeployment FakeGithub::environmentJobDeployment(std::int64_t id, const std::string& sha,
                                                  const std::string& environment,
                                                  const std::string& runId, std::int64_t jobId,
                                                  const std::string& state) {
  GhDeployment deployment;
  deployment.id = id;
  deployment.sha = sha;
  deployment.environment = environment;
  deployment.productionEnvironment = environment == "prod" || environment == "production";
  const std::string job = std::string(kWeb) + "/" + kOwner + "/" + kRepo + "/actions/runs/" +
                          runId + "/job/" + std::to_string(jobId);
  deployment.statuses.push_back(
      {id + 1, "in_progress", "", job, "", false, "2026-04-03T20:00:00Z"});
  if (state != "in_progress")
    deployment.statuses.push_back({id + 2, state, "", job, "", false, "2026-04-03T20:05:00Z"});
  return deployment;
}

GhDeployment FakeGithub::factoryDeployment(std::int64_t id, const std::string& sha,
                                           const std::string& environment, const std::string& runId,
                                           const std::string& state, const std::string& actor) {
  GhDeployment deployment;
  deployment.id = id;
  deployment.sha = sha;
  deployment.environment = environment;
  deployment.task = "deploy:factory";
  deployment.payload = R"({"factory_deploy":{"schema":1,"kind":"deploy","version":")" +
                       sha.substr(0, 7) + R"(","run_id":")" + runId +
                       R"(","run_attempt":"1","actor":")" + actor + R"("}})";
  deployment.productionEnvironment = environment == "prod";
  const std::string log = std::string(kWeb) + "/" + kOwner + "/" + kRepo + "/actions/runs/" + runId;
  deployment.statuses.push_back(
      {id + 1, "in_progress", "deploying", log, "", false, "2026-04-03T20:00:00Z"});
  if (state != "in_progress")
    deployment.statuses.push_back(
        {id + 2, state, "verified", log, "", false, "2026-04-03T20:05:00Z"});
  return deployment;
}

std::string FakeGithub::fixtureDirectory() {
  if (const char* overridden = std::getenv("FD_GITHUB_FIXTURES"); overridden && *overridden) {
    return overridden;
  }
  return std::string(FD_BINARY_DIR) + "/github-fixtures";
}

}  // namespace fd::test
