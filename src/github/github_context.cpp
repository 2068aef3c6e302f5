#include "github/github_context.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "github/json_fields.hpp"

namespace fd {

namespace {

constexpr std::size_t kMaxEventBytes = 64 << 20;  // the runner caps payloads well below this

std::string trimTrailingSlashes(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string variable(const Environment& env, const char* name) {
  return env.get(name).value_or("");
}

// pull_request.head.sha, or empty for events without a pull request.
Result<std::string> readPrHeadSha(const FileSystem& fs, const std::string& path) {
  auto text = fs.read(path, kMaxEventBytes);
  if (!text) {
    return makeError(ErrorCode::InvalidArgument,
                     "GITHUB_EVENT_PATH: cannot read " + path + ": " + text.message());
  }
  rapidjson::Document payload;
  payload.Parse(text->c_str(), text->size());
  if (payload.HasParseError() || !payload.IsObject()) {
    const char* what = payload.HasParseError()
                           ? rapidjson::GetParseError_En(payload.GetParseError())
                           : "expected a JSON object";
    return makeError(ErrorCode::InvalidArgument,
                     "GITHUB_EVENT_PATH: " + path + ": malformed event payload: " + what);
  }
  const auto& pull = github::objectField(payload, "pull_request");
  return github::stringField(github::objectField(pull, "head"), "sha");
}

}  // namespace

std::string GithubContext::runUrl() const {
  return serverUrl + "/" + owner + "/" + repo + "/actions/runs/" + runId;
}

Result<GithubContext> readGithubContext(const Environment& env, const FileSystem& fs) {
  GithubContext context;
  const std::string apiUrl = variable(env, "GITHUB_API_URL");
  if (!apiUrl.empty()) context.apiUrl = trimTrailingSlashes(apiUrl);
  const std::string serverUrl = variable(env, "GITHUB_SERVER_URL");
  if (!serverUrl.empty()) context.serverUrl = trimTrailingSlashes(serverUrl);

  const std::string repository = variable(env, "GITHUB_REPOSITORY");
  const auto slash = repository.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == repository.size() ||
      repository.find('/', slash + 1) != std::string::npos) {
    return makeError(ErrorCode::InvalidArgument,
                     "GITHUB_REPOSITORY: expected owner/repo, got \"" + repository + "\"");
  }
  context.owner = repository.substr(0, slash);
  context.repo = repository.substr(slash + 1);

  context.sha = variable(env, "GITHUB_SHA");
  if (context.sha.empty()) return makeError(ErrorCode::InvalidArgument, "GITHUB_SHA: missing");
  context.ref = variable(env, "GITHUB_REF");
  context.eventName = variable(env, "GITHUB_EVENT_NAME");
  context.runId = variable(env, "GITHUB_RUN_ID");
  const std::string attempt = variable(env, "GITHUB_RUN_ATTEMPT");
  if (!attempt.empty()) context.runAttempt = attempt;
  context.actor = variable(env, "GITHUB_ACTOR");
  context.triggeringActor = variable(env, "GITHUB_TRIGGERING_ACTOR");
  if (context.triggeringActor.empty()) context.triggeringActor = context.actor;
  context.job = variable(env, "GITHUB_JOB");
  context.runnerName = variable(env, "RUNNER_NAME");
  context.workflow = variable(env, "GITHUB_WORKFLOW");
  context.debug = variable(env, "RUNNER_DEBUG") == "1";

  const std::string eventPath = variable(env, "GITHUB_EVENT_PATH");
  if (!eventPath.empty()) {
    auto head = readPrHeadSha(fs, eventPath);
    if (!head) return head.error();
    context.prHeadSha = *head;
  }
  return context;
}

}  // namespace fd
