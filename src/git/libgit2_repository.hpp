// fd::GitRepository read through libgit2: the production adapter for the repository being deployed.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/ports/git_repository.hpp"
#include "core/result.hpp"
#include "git/libgit2_handles.hpp"
#include "git/libgit2_session.hpp"

namespace fd {

class Libgit2Repository : public GitRepository {
 public:
  // `displayPath` is how error messages name the repository.
  Libgit2Repository(git::RepositoryPtr repository, std::string displayPath);

  Result<std::string> head() override;
  Result<std::string> resolve(std::string_view shaOrPrefix) override;
  Result<bool> isAncestor(const std::string& ancestor, const std::string& descendant) override;
  Result<std::vector<std::string>> changedPaths(const std::string& from,
                                                const std::string& to) override;
  Result<std::vector<std::string>> tagsAt(const std::string& sha) override;
  Result<bool> isOnBranch(const std::string& sha, const std::string& branch) override;
  Result<std::string> defaultBranch() override;
  Result<std::vector<WorkingTreeChange>> workingTreeChanges() override;
  // Edits that git status does not show: files marked assume-unchanged or skip-worktree.
  Status addHiddenChanges(std::vector<WorkingTreeChange>& changes);
  Result<bool> tracksFile(const std::string& path) override;
  Result<std::string> workdir() override;
  Result<std::vector<GitRemote>> remotes() override;
  Result<bool> isOnRemote(const std::string& sha, const std::string& remote) override;
  Result<std::vector<std::string>> parents(const std::string& sha) override;
  Result<std::vector<CommitSummary>> commitsBetween(const std::string& from, const std::string& to,
                                                    std::size_t limit, bool& more) override;
  Result<CommitSummary> commit(const std::string& sha) override;

 private:
  Result<git_oid> resolveOid(std::string_view shaOrPrefix);
  Result<git::TreePtr> treeOf(const git_oid& commit);
  // The commit a reference points at (peeled); NotFound when the reference does not exist.
  Result<git_oid> referenceTarget(const std::string& name);
  bool referenceExists(const std::string& name);
  Result<bool> reaches(const git_oid& tip, const git_oid& commit);
  std::string notFoundHint();

  Libgit2Session session_;  // declared first: libgit2 outlives the repository handle
  git::RepositoryPtr repository_;
  std::string displayPath_;
};

// Opens the repository containing `path` (searching parent directories, like git does).
// NotFound "<path>: not a git repository (or any parent directory)" when there is none.
Result<std::unique_ptr<GitRepository>> openGitRepository(const std::string& path);

}  // namespace fd
