// The repository being deployed, read through libgit2 in production.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace fd {

// A path of the working tree that differs from HEAD, as `git status` shows it.
struct WorkingTreeChange {
  std::string path;  // relative to the repository's working directory
  // "modified", "untracked", "deleted", "staged", "staged deletion, untracked", "conflicted", …
  // (several words when the index and the working tree both differ).
  std::string state;
};

// One commit as `git log --oneline` shows it, for "staging is 3 commits ahead of prod".
struct CommitSummary {
  std::string sha;      // full
  std::string subject;  // the first line of the message
  std::string time;     // committer time, ISO 8601 UTC
};

struct GitRemote {
  std::string name;  // "origin"
  std::string url;   // the fetch URL as configured (may hold credentials: never print it whole)
};

class GitRepository {
 public:
  virtual ~GitRepository() = default;

  // Full SHA of HEAD.
  virtual Result<std::string> head() = 0;
  // Full SHA for a full or abbreviated one. NotFound when unknown,
  // InvalidArgument when the prefix is ambiguous or not hex.
  virtual Result<std::string> resolve(std::string_view shaOrPrefix) = 0;
  virtual Result<bool> isAncestor(const std::string& ancestor, const std::string& descendant) = 0;
  // Paths (added, removed or modified) whose content differs between two commits' trees.
  virtual Result<std::vector<std::string>> changedPaths(const std::string& from,
                                                        const std::string& to) = 0;
  // Tag names (without refs/tags/) that point at the commit, annotated tags peeled.
  virtual Result<std::vector<std::string>> tagsAt(const std::string& sha) = 0;
  // Whether `sha` is reachable from the local branch (or refs/remotes/origin/<branch>).
  virtual Result<bool> isOnBranch(const std::string& sha, const std::string& branch) = 0;
  // The default branch: origin/HEAD's target, else "main" or "master" when present.
  virtual Result<std::string> defaultBranch() = 0;
  // Every tracked file that is modified, staged or deleted, and every untracked file that is not
  // ignored (each file of an untracked directory), sorted by path.
  virtual Result<std::vector<WorkingTreeChange>> workingTreeChanges() = 0;
  // Whether HEAD's tree holds a file at `path` (repository-relative).
  virtual Result<bool> tracksFile(const std::string& path) = 0;
  // The absolute working directory of the repository, without a trailing slash.
  virtual Result<std::string> workdir() = 0;
  // The configured remotes, sorted by name. Adapters without remotes have none.
  virtual Result<std::vector<GitRemote>> remotes() { return std::vector<GitRemote>{}; }
  // Whether `sha` is reachable from a remote-tracking branch of `remote`
  // (refs/remotes/<remote>/*): what `git push` last sent there, as far as this clone knows.
  virtual Result<bool> isOnRemote(const std::string& /*sha*/, const std::string& remote) {
    return makeError(ErrorCode::FailedPrecondition,
                     "cannot tell whether the commit is on " + remote);
  }
  // Full SHAs of a commit's parents, first parent first (none for a root or a shallow boundary).
  virtual Result<std::vector<std::string>> parents(const std::string& sha) = 0;
  // The commits reachable from `to` and not from `from`, newest first, at most `limit`
  // (`git log --oneline from..to`); `more` is set when there were more than that.
  // Adapters without history say they cannot tell.
  virtual Result<std::vector<CommitSummary>> commitsBetween(const std::string& /*from*/,
                                                            const std::string& /*to*/,
                                                            std::size_t /*limit*/, bool& more) {
    more = false;
    return makeError(ErrorCode::FailedPrecondition, "this repository has no commit history");
  }
  // The commit's summary (subject and committer time). NotFound when the clone lacks it.
  virtual Result<CommitSummary> commit(const std::string& /*sha*/) {
    return makeError(ErrorCode::FailedPrecondition, "this repository has no commit history");
  }
};

}  // namespace fd
