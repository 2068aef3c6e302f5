#include "local/local_ci_gate.hpp"

#include "core/text.hpp"

namespace fd {

namespace {

GateResult failed(std::string notes, std::string rerun) {
  GateResult result;
  result.row = GateRow{"CI Checks", true, "FAIL", std::move(notes)};
  result.rerun = std::move(rerun);
  return result;
}

}  // namespace

GateResult LocalCiGate::check(const DeployContext& context) {
  if (!context.env.ciCheckCommand.empty()) return runCommand(context);
  if (GithubMode* github = github_ ? github_->resolve(context) : nullptr) {
    return askGithub(context, *github);
  }
  const std::string why = github_ ? github_->unavailable() : "GitHub is not configured";
  return failed(
      "local mode checks CI in one of two ways, and neither is available: "
      "ci_check_command in the manifest (environments." +
          context.env.name + " or top level) is not set, and GitHub's checks cannot be read (" +
          why + ")",
      "add ci_check_command to the manifest, or push to a GitHub remote and provide "
      "a token (GH_TOKEN, GITHUB_TOKEN or `gh auth login`)");
}

GateResult LocalCiGate::runCommand(const DeployContext& context) {
  // Commands in the context are already expanded (placeholders, injection guard).
  const CommandResult ran =
      commands_.run("ci check", context.env.ciCheckCommand, std::chrono::minutes(10));
  if (ran.succeeded()) {
    GateResult result;
    result.passed = true;
    result.row = GateRow{"CI Checks", true, "PASS", "ci_check_command passed (exit 0)"};
    return result;
  }
  std::string notes = "ci_check_command failed (" + describeCommandEnd(ran) + ")";
  if (!ran.tail.empty()) notes += ": " + ran.tail.back();
  return failed(notes, "make CI green for this commit, then deploy again");
}

GateResult LocalCiGate::askGithub(const DeployContext& context, GithubMode& github) {
  const GithubRemote& remote = github_->remote();
  const Result<bool> pushed = context.git->isOnRemote(context.sha, remote.remote);
  const std::string head = shortSha(context.sha);
  if (!pushed) {
    return failed("cannot tell whether HEAD " + head + " is pushed to " + remote.remote + ": " +
                      pushed.message(),
                  "push HEAD (git push " + remote.remote + " HEAD), then deploy again");
  }
  if (!*pushed) {
    return failed(
        "HEAD " + head + " is not pushed to " + remote.remote + " (" + remote.display() +
            "): GitHub can only have CI checks on commits it has; no remote-tracking "
            "branch of " +
            remote.remote + " contains it",
        "push it (git push " + remote.remote + " HEAD), let CI run on it, then deploy again");
  }
  GateResult result = github.ci->check(context);
  result.row.notes =
      "GitHub " + remote.repo.owner + "/" + remote.repo.repo + ": " + result.row.notes;
  return result;
}

}  // namespace fd
