#include "github/policy_gate.hpp"

#include "github/deployed_commit.hpp"
#include "github/held_bytes.hpp"
#include "github/json_fields.hpp"

namespace fd::github {

namespace {

constexpr std::size_t kMaxNamed = 10;

// One page of open issues labelled as blockers, reduced to its pull requests: how many, and the
// first few by number and title (all the notes name). Not an array: GitHub said something else,
// and the gate must not read that as "no blockers".
struct BlockerPage {
  bool array = true;
  std::size_t count = 0;
  std::vector<std::string> named;
};

std::size_t heldBytes(const BlockerPage& page) {
  return ::fd::github::heldBytes<std::string>(page.named);
}

BlockerPage readBlockers(const rapidjson::Value& page) {
  BlockerPage blockers;
  if (!page.IsArray()) {
    blockers.array = false;
    return blockers;
  }
  for (const auto& issue : page.GetArray()) {
    if (!hasField(issue, "pull_request")) continue;  // an issue, not a pull request
    ++blockers.count;
    if (blockers.named.size() < kMaxNamed) {
      blockers.named.push_back("#" + std::to_string(intField(issue, "number")) + " " +
                               stringField(issue, "title"));
    }
  }
  return blockers;
}

GateResult gate(const char* name, bool passed, std::string notes, std::string rerun = "") {
  GateResult result;
  result.row.gate = name;
  result.row.required = true;
  result.row.status = passed ? "PASS" : "FAIL";
  result.row.notes = std::move(notes);
  result.passed = passed;
  result.rerun = std::move(rerun);
  return result;
}

}  // namespace

GithubPolicyGate::GithubPolicyGate(GithubContext github, const Inputs& inputs, RestClient& client,
                                   Log& log)
    : github_(std::move(github)), inputs_(inputs), client_(client), log_(log) {}

std::string GithubPolicyGate::repoPath() const {
  return "/repos/" + github_.owner + "/" + github_.repo;
}

GateResult GithubPolicyGate::blockers(const DeployContext& /*context*/) {
  constexpr const char* kName = "Blocker PRs";
  const std::string& label = inputs_.blockerLabel;
  if (label.empty()) return gate(kName, true, "no blocker-label configured");
  std::vector<std::string> named;
  std::size_t count = 0;
  const Status listed = client_.forEachPageOf<BlockerPage>(
      repoPath() + "/issues?state=open&labels=" + urlEncode(label), "blocker-prs", readBlockers,
      [&](const std::shared_ptr<const BlockerPage>& page) {
        if (!page->array)
          return Status(makeError(ErrorCode::Unavailable, "GitHub's list of open issues labelled " +
                                                              label + " is not a list"));
        count += page->count;
        for (const std::string& each : page->named) {
          if (named.size() < kMaxNamed) named.push_back(each);
        }
        return okStatus();
      });
  if (!listed) return gate(kName, false, listed.message(), "re-run this job once GitHub answers");
  if (count == 0) return gate(kName, true, "no open pull requests labelled " + label);
  std::string notes = std::to_string(count) + " open pull request" + (count == 1 ? "" : "s") +
                      " labelled " + label + ": ";
  for (std::size_t i = 0; i < named.size(); ++i) notes += (i == 0 ? "" : "; ") + named[i];
  if (count > named.size()) notes += "; and " + std::to_string(count - named.size()) + " more";
  log_.error("prod is blocked: " + notes);
  return gate(kName, false, notes,
              "merge or close the blocker pull requests (or remove the " + label + " label)");
}

GateResult GithubPolicyGate::branch(const DeployContext& context, std::string& deviation) {
  constexpr const char* kName = "Default Branch";
  const std::string sha = deployedCommit(github_, context);
  auto repository = client_.get(repoPath());
  if (!repository)
    return gate(kName, false, repository.message(), "re-run this job once GitHub answers");
  const std::string defaultBranch = stringField(repository->json, "default_branch");
  if (defaultBranch.empty()) {
    return gate(kName, false, "GET " + repoPath() + ": no default_branch in the answer");
  }
  // per_page=1: only the status matters, not the commit list.
  auto compare = client_.get(repoPath() + "/compare/" + urlEncode(defaultBranch, "/") + "..." +
                             sha + "?per_page=1");
  if (!compare) return gate(kName, false, compare.message(), "re-run this job once GitHub answers");
  const std::string status = stringField(compare->json, "status");
  if (status == "behind" || status == "identical") {
    return gate(kName, true, shortSha(sha) + " is on " + defaultBranch);
  }
  const std::string where = shortSha(sha) + " is not on " + defaultBranch + " (" + status + ", " +
                            std::to_string(intField(compare->json, "ahead_by")) +
                            " commit(s) ahead)";
  if (!inputs_.allowNonMain) {
    return gate(kName, false, where,
                "merge " + shortSha(sha) + " into " + defaultBranch +
                    " and deploy from there, or set allow-non-main: true");
  }
  deviation = "deployed " + shortSha(sha) + ", which is not on the default branch " +
              defaultBranch + " (" + status + "), because allow-non-main is true";
  log_.warning(deviation);
  return gate(kName, true, where + "; allowed by allow-non-main");
}

}  // namespace fd::github
