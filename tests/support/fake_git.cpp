#include "support/fake_git.hpp"

namespace fd::test {

Result<std::string> FakeGitRepository::resolve(std::string_view shaOrPrefix) {
  std::set<std::string> all = commits;
  all.insert(headSha);
  std::vector<std::string> matches;
  for (const std::string& sha : all) {
    if (sha.rfind(shaOrPrefix, 0) == 0) matches.push_back(sha);
  }
  if (matches.empty())
    return makeError(ErrorCode::NotFound, std::string(shaOrPrefix) + ": unknown");
  if (matches.size() > 1) {
    return makeError(ErrorCode::InvalidArgument, std::string(shaOrPrefix) + ": ambiguous");
  }
  return matches.front();
}

Result<bool> FakeGitRepository::isAncestor(const std::string& ancestor,
                                           const std::string& descendant) {
  return ancestor == descendant || ancestry.count({ancestor, descendant}) > 0;
}

Result<std::vector<std::string>> FakeGitRepository::changedPaths(const std::string& from,
                                                                 const std::string& to) {
  if (from == to) return std::vector<std::string>{};
  const auto found = changes.find({from, to});
  // An undeclared pair is an error, never "no changes": a fake that answers "nothing changed"
  // would pass the content-equivalence gates for any commits a test forgot to describe.
  if (found == changes.end()) {
    return makeError(ErrorCode::NotFound, "fake git: no changes declared between " + from +
                                              " and " + to + " (set FakeGitRepository::changes)");
  }
  return found->second;
}

Result<std::vector<std::string>> FakeGitRepository::tagsAt(const std::string& sha) {
  const auto found = tags.find(sha);
  if (found == tags.end()) return std::vector<std::string>{};
  return found->second;
}

Result<bool> FakeGitRepository::isOnBranch(const std::string& /*sha*/,
                                           const std::string& /*branch*/) {
  return onDefaultBranch;
}

std::function<Result<std::unique_ptr<GitRepository>>(const std::string&)> forwardingOpener(
    GitRepository& repo) {
  return [&repo](const std::string& /*path*/) -> Result<std::unique_ptr<GitRepository>> {
    return std::unique_ptr<GitRepository>(std::make_unique<ForwardingGitRepository>(repo));
  };
}

}  // namespace fd::test
