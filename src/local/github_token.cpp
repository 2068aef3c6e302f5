#include "local/github_token.hpp"

#include <chrono>

#include "core/text.hpp"

namespace fd {

namespace {

// gh answers at once from its own config; a hung credential helper must not hold the deploy.
constexpr std::chrono::seconds kGhTimeout{10};

// One line of printable ASCII: anything else is not a token (an error text, a prompt).
bool looksLikeToken(const std::string& text) {
  if (text.empty() || text.size() > 512) return false;
  for (const char c : text) {
    if (c <= ' ' || c > '~') return false;
  }
  return true;
}

}  // namespace

std::optional<LocalToken> localGithubToken(const Inputs& inputs, ProcessRunner& processes,
                                           const std::string& host, const std::string& workdir,
                                           std::string& why) {
  if (!inputs.githubToken.empty()) {
    return LocalToken{inputs.githubToken, inputs.githubTokenSource.empty()
                                              ? "the github-token input"
                                              : inputs.githubTokenSource};
  }
  CommandSpec gh;
  // The host was checked to be a DNS name; stderr (gh's "not logged in") is not wanted.
  gh.command = "gh auth token --hostname " + host + " 2>/dev/null";
  gh.workdir = workdir;
  gh.timeout = kGhTimeout;
  gh.tailLines = 0;
  gh.captureBytes = 4096;
  const Result<CommandResult> ran = processes.run(gh);
  const std::string token = ran ? trim(ran->output) : "";
  if (ran && ran->succeeded() && looksLikeToken(token)) {
    return LocalToken{token, "gh auth token"};
  }
  why = "no token: GH_TOKEN and GITHUB_TOKEN are not set, and `gh auth token --hostname " + host +
        "` gave none" +
        (ran && ran->exitCode == 127 ? " (gh is not installed)" : " (is gh logged in?)");
  return std::nullopt;
}

}  // namespace fd
