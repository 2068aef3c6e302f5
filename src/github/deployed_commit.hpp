// Which commit GitHub mode talks about: the one being deployed.
#pragma once

#include <string>

#include "core/deploy_context.hpp"
#include "github/github_context.hpp"

namespace fd::github {

// The deployed identity is the commit the pipeline resolved (HEAD / GITHUB_SHA); on pull_request
// events that is GitHub's merge commit, never the PR head (whose checks may only stand for it when
// it holds the same code: github/ci_commits.hpp).
inline std::string deployedCommit(const GithubContext& github, const DeployContext& context) {
  return context.sha.empty() ? github.sha : context.sha;
}

inline std::string shortSha(const std::string& sha) { return sha.substr(0, 7); }

}  // namespace fd::github
