#include "github/ci_commits.hpp"

#include <algorithm>
#include <deque>

#include "core/ports/git_repository.hpp"
#include "gates/report_gate.hpp"
#include "github/deployed_commit.hpp"

namespace fd::github {

namespace {

bool contains(const std::vector<std::string>& shas, const std::string& sha) {
  return std::find(shas.begin(), shas.end(), sha) != shas.end();
}

// Breadth first through the parents, keeping (and going on from) only commits that hold the
// deployed commit's code: they differ only in the run's gate files (its report and receipt
// paths, its state file, in its working directory), as the report gates judge them.
std::vector<std::string> sameCodeAncestry(GitRepository& git, const std::string& deployed,
                                          const GateFiles& files) {
  std::vector<std::string> kept{deployed};
  std::deque<std::string> frontier{deployed};
  std::vector<std::string> seen{deployed};
  while (!frontier.empty() && kept.size() < kMaxJudgedCommits) {
    const std::string commit = frontier.front();
    frontier.pop_front();
    const Result<std::vector<std::string>> parents = git.parents(commit);
    if (!parents) continue;  // a shallow clone ends here: judge what is known
    for (const std::string& parent : *parents) {
      if (contains(seen, parent)) continue;
      seen.push_back(parent);
      std::string whyNot;
      const Result<bool> same =
          isContentEquivalent(git, parent, deployed, ReportPolicy::Content, files, whyNot);
      if (!same || !*same) continue;
      kept.push_back(parent);
      frontier.push_back(parent);
      if (kept.size() >= kMaxJudgedCommits) break;
    }
  }
  return kept;
}

CiCommits pullRequestRefusal(const std::string& head, const std::string& merge,
                             const std::string& why) {
  CiCommits refused;
  refused.refusal = "pull_request: the checked-out merge commit " + shortSha(merge) +
                    " is not the code the checks ran on (PR head " + shortSha(head) + "): " + why +
                    "; GitHub merged the base branch into the PR head, and no check has run on "
                    "the result";
  refused.rerun =
      "update the pull request's branch with its base (merge or rebase), let CI run "
      "on the new head, then re-run this job";
  return refused;
}

}  // namespace

CiCommits commitsToJudge(const GithubContext& github, const DeployContext& context) {
  const std::string deployed = context.sha.empty() ? github.sha : context.sha;
  const bool pullRequest = !github.prHeadSha.empty() && github.prHeadSha != deployed;
  CiCommits judged;
  judged.shas.push_back(deployed);
  if (context.git == nullptr) {
    if (!pullRequest) return judged;
    return pullRequestRefusal(github.prHeadSha, deployed,
                              "no git repository to compare their trees");
  }
  if (pullRequest) {
    std::string whyNot;
    const Result<bool> same = isContentEquivalent(*context.git, github.prHeadSha, deployed,
                                                  ReportPolicy::Content, context.gateFiles, whyNot);
    if (!same) return pullRequestRefusal(github.prHeadSha, deployed, same.message());
    if (!*same) return pullRequestRefusal(github.prHeadSha, deployed, whyNot);
  }
  if (context.inputs.reportCommitPolicy == ReportPolicy::Exact) {
    if (pullRequest) judged.shas.push_back(github.prHeadSha);
    return judged;
  }
  judged.shas = sameCodeAncestry(*context.git, deployed, context.gateFiles);
  if (pullRequest && !contains(judged.shas, github.prHeadSha))
    judged.shas.push_back(github.prHeadSha);
  return judged;
}

}  // namespace fd::github
