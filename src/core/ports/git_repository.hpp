// The repository being deployed, read through libgit2 in production.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace fd {

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
  // Full SHAs of a commit's parents, first parent first (none for a root or a shallow boundary).
  virtual Result<std::vector<std::string>> parents(const std::string& sha) = 0;
};

}  // namespace fd
