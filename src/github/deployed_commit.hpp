// Which commit GitHub mode talks about: the one being deployed.
#pragma once

#include <string>

#include "core/deploy_context.hpp"
#include "github/github_context.hpp"

namespace fd::github {

// On pull_request events the checkout is GitHub's merge commit, but checks and statuses live on
// the PR head: use it whenever the working tree is that merge commit (or unknown). A workflow that
// checked out something else deploys that something else.
inline std::string deployedCommit(const GithubContext& github, const DeployContext& context) {
  if (!github.prHeadSha.empty() && (context.sha.empty() || context.sha == github.sha)) {
    return github.prHeadSha;
  }
  return context.sha.empty() ? github.sha : context.sha;
}

inline std::string shortSha(const std::string& sha) { return sha.substr(0, 7); }

}  // namespace fd::github
