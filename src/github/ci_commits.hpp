// Which commits the CI gate judges: the code that ships, not only the commit that carries it.
// The factory commits its reports after the tested commit, and workflows that ignore Markdown
// (`paths-ignore: '**.md'`) never run on that report commit: its few green checks say nothing
// about the code. So every commit that holds the same code as the deployed one (it differs only
// in gate and receipt files, INTERFACE §5.1) is judged too, and a failure on any of them fails.
#pragma once

#include <string>
#include <vector>

#include "core/deploy_context.hpp"
#include "github/github_context.hpp"

namespace fd::github {

// At most this many commits are judged (each costs a few requests per poll).
inline constexpr std::size_t kMaxJudgedCommits = 10;

struct CiCommits {
  std::vector<std::string> shas;  // the deployed commit first, then older ones with its code
  std::string refusal;            // non-empty: the gate fails with this, judging nothing
  std::string rerun;              // what to do about the refusal
};

// With report-commit-policy `content` and a repository at hand: the deployed commit and every
// ancestor reached through ancestors holding the same code (each content-equivalent to it).
// With `exact`, or without a repository: the deployed commit alone.
// On pull_request events the deployed commit is GitHub's merge commit (HEAD), which no check ran
// on; the PR head's checks may stand for it only when the PR head holds the same code. Otherwise
// (the merge brought in a newer base no check has seen) this is a refusal.
CiCommits commitsToJudge(const GithubContext& github, const DeployContext& context);

}  // namespace fd::github
