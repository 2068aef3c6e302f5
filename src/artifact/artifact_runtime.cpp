#include "artifact/artifact_runtime.hpp"

#include <Poco/Exception.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <charconv>

namespace fd {

namespace {

std::string variable(const Environment& env, const std::string& name) {
  return Poco::trim(env.get(name).value_or(""));
}

bool endsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::optional<int> positiveNumber(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

}  // namespace

bool isGhes(std::string_view serverUrl) {
  std::string host = "github.com";
  if (!serverUrl.empty()) {
    try {
      host = Poco::toLower(Poco::URI(std::string(serverUrl)).getHost());
    } catch (const Poco::Exception&) {
      return true;  // not a URL github.com would set
    }
  }
  return host != "github.com" && !endsWith(host, ".ghe.com") && !endsWith(host, ".localhost");
}

Result<ArtifactRuntime> readArtifactRuntime(const Environment& env) {
  ArtifactRuntime runtime;
  runtime.serverUrl = variable(env, "GITHUB_SERVER_URL");
  if (isGhes(runtime.serverUrl)) {
    return makeError(ErrorCode::FailedPrecondition,
                     "GitHub Enterprise Server (" + runtime.serverUrl +
                         ") does not support the v4 artifact service");
  }
  if (runtime.serverUrl.empty()) runtime.serverUrl = "https://github.com";
  while (endsWith(runtime.serverUrl, "/")) runtime.serverUrl.pop_back();
  runtime.token = variable(env, "ACTIONS_RUNTIME_TOKEN");
  if (runtime.token.empty())
    return makeError(ErrorCode::NotFound, "ACTIONS_RUNTIME_TOKEN is not set");
  const std::string results = variable(env, "ACTIONS_RESULTS_URL");
  if (results.empty()) return makeError(ErrorCode::NotFound, "ACTIONS_RESULTS_URL is not set");
  try {
    const Poco::URI uri(results);
    if (uri.getScheme() != "http" && uri.getScheme() != "https")
      throw Poco::SyntaxException("scheme");
    if (uri.getHost().empty()) throw Poco::SyntaxException("host");
    runtime.resultsOrigin = uri.getScheme() + "://" + uri.getAuthority();
  } catch (const Poco::Exception&) {
    return makeError(ErrorCode::InvalidArgument,
                     "ACTIONS_RESULTS_URL: expected an http(s) URL, got \"" + results + "\"");
  }
  runtime.repository = variable(env, "GITHUB_REPOSITORY");
  runtime.runId = variable(env, "GITHUB_RUN_ID");
  if (runtime.repository.empty())
    return makeError(ErrorCode::NotFound, "GITHUB_REPOSITORY is not set");
  if (runtime.runId.empty()) return makeError(ErrorCode::NotFound, "GITHUB_RUN_ID is not set");
  runtime.runAttempt = variable(env, "GITHUB_RUN_ATTEMPT");
  if (runtime.runAttempt.empty()) runtime.runAttempt = "1";
  runtime.maxRetentionDays = positiveNumber(variable(env, "GITHUB_RETENTION_DAYS"));
  return runtime;
}

std::string artifactUrl(const ArtifactRuntime& runtime, std::string_view artifactId) {
  return runtime.serverUrl + "/" + runtime.repository + "/actions/runs/" + runtime.runId +
         "/artifacts/" + std::string(artifactId);
}

}  // namespace fd
