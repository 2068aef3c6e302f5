#include "local/local_prod_policy.hpp"

#include "core/ports/git_repository.hpp"
#include "core/text.hpp"

namespace fd {

GateResult LocalProdPolicy::blockers(const DeployContext& context) {
  if (GithubMode* github = github_ ? github_->resolve(context) : nullptr) {
    GateResult result = github->policy->blockers(context);
    result.row.notes = "GitHub " + github_->remote().repo.owner + "/" +
                       github_->remote().repo.repo + ": " + result.row.notes;
    return result;
  }
  GateResult result;
  result.passed = true;
  result.row = GateRow{"Blocker PRs", false, "SKIPPED",
                       "cannot see pull requests labelled \"" + context.inputs.blockerLabel +
                           "\" without GitHub (" +
                           (github_ ? github_->unavailable() : "not configured") + ")"};
  return result;
}

GateResult LocalProdPolicy::branch(const DeployContext& context, std::string& deviation) {
  GateResult result;
  result.row = GateRow{"Default Branch", true, "FAIL", ""};
  if (context.git == nullptr) {
    result.row.notes =
        "not a git repository: cannot tell whether the commit is on the default branch";
    return result;
  }
  const Result<std::string> branch = context.git->defaultBranch();
  const Result<bool> onBranch =
      branch ? context.git->isOnBranch(context.sha, *branch) : Result<bool>(branch.error());
  if (onBranch && *onBranch) {
    result.passed = true;
    result.row.status = "PASS";
    result.row.notes = shortSha(context.sha) + " is on " + *branch;
    return result;
  }
  const std::string why = onBranch ? shortSha(context.sha) + " is not on " + *branch
                                   : "cannot find the default branch: " + onBranch.message();
  if (context.inputs.allowNonMain) {
    result.passed = true;
    result.row.status = "PASS";
    result.row.notes = why + "; allowed by allow-non-main (deviation recorded)";
    deviation = "deployed to prod from a commit not on the default branch (" + why +
                "), permitted by allow-non-main";
    return result;
  }
  result.row.notes = why + "; merge it first or set allow-non-main";
  result.rerun = "merge the commit into the default branch, or pass --allow-non-main";
  return result;
}

}  // namespace fd
