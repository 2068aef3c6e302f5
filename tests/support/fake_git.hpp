// A scripted GitRepository: one HEAD, ancestry and tree differences as the test declares them.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/ports/git_repository.hpp"

namespace fd::test {

class FakeGitRepository : public GitRepository {
 public:
  std::string headSha = std::string(40, 'a');
  std::set<std::string> commits;                           // known full SHAs (HEAD added)
  std::set<std::pair<std::string, std::string>> ancestry;  // (ancestor, descendant)
  // (from, to) -> changed paths; a pair not listed here (other than from == to) is an error.
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> changes;
  std::map<std::string, std::vector<std::string>> tags;
  std::map<std::string, std::vector<std::string>> parentsOf;  // sha -> parents
  bool onDefaultBranch = true;
  std::vector<WorkingTreeChange> treeChanges;  // the working tree: clean unless a test says
  std::string workdirPath = "/repo";
  std::set<std::string> untrackedAtHead;  // paths HEAD does not hold (every other path it does)
  std::vector<GitRemote> remoteList;
  std::set<std::string> pushed;  // SHAs reachable from every remote's tracking branches

  Result<std::string> head() override { return headSha; }
  Result<std::string> resolve(std::string_view shaOrPrefix) override;
  Result<bool> isAncestor(const std::string& ancestor, const std::string& descendant) override;
  Result<std::vector<std::string>> changedPaths(const std::string& from,
                                                const std::string& to) override;
  Result<std::vector<std::string>> tagsAt(const std::string& sha) override;
  Result<bool> isOnBranch(const std::string& sha, const std::string& branch) override;
  Result<std::string> defaultBranch() override { return std::string("main"); }
  Result<std::vector<WorkingTreeChange>> workingTreeChanges() override { return treeChanges; }
  Result<bool> tracksFile(const std::string& path) override {
    return untrackedAtHead.count(path) == 0;
  }
  Result<std::string> workdir() override { return workdirPath; }
  Result<std::vector<GitRemote>> remotes() override { return remoteList; }
  Result<bool> isOnRemote(const std::string& sha, const std::string& /*remote*/) override {
    return pushed.count(sha) > 0;
  }
  Result<std::vector<std::string>> parents(const std::string& sha) override {
    const auto found = parentsOf.find(sha);
    if (found == parentsOf.end()) return std::vector<std::string>{};
    return found->second;
  }
};

// Forwards to a repository the test keeps, so the pipeline can own "its" copy.
class ForwardingGitRepository : public GitRepository {
 public:
  explicit ForwardingGitRepository(GitRepository& target) : target_(target) {}
  Result<std::string> head() override { return target_.head(); }
  Result<std::string> resolve(std::string_view prefix) override { return target_.resolve(prefix); }
  Result<bool> isAncestor(const std::string& a, const std::string& d) override {
    return target_.isAncestor(a, d);
  }
  Result<std::vector<std::string>> changedPaths(const std::string& f,
                                                const std::string& t) override {
    return target_.changedPaths(f, t);
  }
  Result<std::vector<std::string>> tagsAt(const std::string& sha) override {
    return target_.tagsAt(sha);
  }
  Result<bool> isOnBranch(const std::string& sha, const std::string& b) override {
    return target_.isOnBranch(sha, b);
  }
  Result<std::string> defaultBranch() override { return target_.defaultBranch(); }
  Result<std::vector<WorkingTreeChange>> workingTreeChanges() override {
    return target_.workingTreeChanges();
  }
  Result<bool> tracksFile(const std::string& path) override { return target_.tracksFile(path); }
  Result<std::string> workdir() override { return target_.workdir(); }
  Result<std::vector<GitRemote>> remotes() override { return target_.remotes(); }
  Result<bool> isOnRemote(const std::string& sha, const std::string& remote) override {
    return target_.isOnRemote(sha, remote);
  }
  Result<std::vector<std::string>> parents(const std::string& sha) override {
    return target_.parents(sha);
  }

 private:
  GitRepository& target_;
};

// A World's git opener that always hands out a forwarder to `repo`, whatever the path.
std::function<Result<std::unique_ptr<GitRepository>>(const std::string&)> forwardingOpener(
    GitRepository& repo);

}  // namespace fd::test
