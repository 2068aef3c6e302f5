#include "git/libgit2_repository.hpp"

#include <algorithm>
#include <array>
#include <ctime>
#include <optional>
#include <set>
#include <utility>

#include <sys/stat.h>

#include "git/libgit2_error.hpp"

namespace fd {

namespace {

constexpr std::string_view kTagsPrefix = "refs/tags/";
constexpr std::string_view kOriginPrefix = "refs/remotes/origin/";

std::string toHex(const git_oid& oid) {
  std::array<char, GIT_OID_HEXSZ + 1> buffer{};
  git::lg2().git_oid_tostr(buffer.data(), buffer.size(), &oid);
  return std::string(buffer.data());
}

bool isHex(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

Status validateShaText(std::string_view text) {
  if (text.empty()) return makeError(ErrorCode::InvalidArgument, "empty commit SHA");
  if (text.size() > GIT_OID_HEXSZ || !isHex(text)) {
    return makeError(ErrorCode::InvalidArgument,
                     quoted(text) + ": not a commit SHA (expected 4 to 40 hexadecimal digits)");
  }
  if (text.size() < GIT_OID_MINPREFIXLEN) {
    return makeError(ErrorCode::InvalidArgument,
                     quoted(text) + ": too short to identify a commit (at least 4 hex digits)");
  }
  return okStatus();
}

// What `git status` would say about one entry: "modified", "staged deletion, untracked", ….
std::string describeStatus(unsigned int flags) {
  if ((flags & GIT_STATUS_CONFLICTED) != 0) return "conflicted";
  static const std::pair<unsigned int, const char*> kWords[] = {
      {GIT_STATUS_INDEX_NEW, "staged"},
      {GIT_STATUS_INDEX_MODIFIED, "staged"},
      {GIT_STATUS_INDEX_DELETED, "staged deletion"},
      {GIT_STATUS_INDEX_RENAMED, "staged rename"},
      {GIT_STATUS_INDEX_TYPECHANGE, "staged type change"},
      {GIT_STATUS_WT_NEW, "untracked"},
      {GIT_STATUS_WT_MODIFIED, "modified"},
      {GIT_STATUS_WT_DELETED, "deleted"},
      {GIT_STATUS_WT_TYPECHANGE, "type changed"},
      {GIT_STATUS_WT_RENAMED, "renamed"},
      {GIT_STATUS_WT_UNREADABLE, "unreadable"},
  };
  std::string words;
  for (const auto& [flag, word] : kWords) {
    if ((flags & flag) == 0 || words.find(word) != std::string::npos) continue;
    words += (words.empty() ? "" : ", ") + std::string(word);
  }
  return words.empty() ? "changed" : words;
}

std::string statusPath(const git_status_entry& entry) {
  const git_diff_delta* delta =
      entry.index_to_workdir != nullptr ? entry.index_to_workdir : entry.head_to_index;
  if (delta == nullptr) return "";
  return delta->new_file.path != nullptr ? delta->new_file.path : delta->old_file.path;
}

}  // namespace

Libgit2Repository::Libgit2Repository(git::RepositoryPtr repository, std::string displayPath)
    : repository_(std::move(repository)), displayPath_(std::move(displayPath)) {}

std::string Libgit2Repository::notFoundHint() {
  if (git::lg2().git_repository_is_shallow(repository_.get()) == 1) {
    return " (the clone is shallow: check out with full history, e.g. actions/checkout with "
           "fetch-depth: 0)";
  }
  return "";
}

Result<git_oid> Libgit2Repository::resolveOid(std::string_view shaOrPrefix) {
  if (Status valid = validateShaText(shaOrPrefix); !valid) return valid.error();
  git_oid prefix{};
  git::lg2().git_oid_fromstrn(&prefix, shaOrPrefix.data(), shaOrPrefix.size());
  git_object* raw = nullptr;
  const int rc = git::lg2().git_object_lookup_prefix(&raw, repository_.get(), &prefix,
                                                     shaOrPrefix.size(), GIT_OBJECT_ANY);
  git::ObjectPtr object(raw);
  if (rc == GIT_EAMBIGUOUS) {
    return makeError(ErrorCode::InvalidArgument,
                     quoted(shaOrPrefix) + ": ambiguous: more than one object in " + displayPath_ +
                         " starts with it; use more digits");
  }
  if (rc == GIT_ENOTFOUND) {
    return makeError(ErrorCode::NotFound,
                     quoted(shaOrPrefix) + ": no such commit in " + displayPath_ + notFoundHint());
  }
  if (rc < 0) return git::libgit2Error(rc, quoted(shaOrPrefix) + ": cannot look up");
  git_object* peeled = nullptr;
  if (git::lg2().git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) < 0) {
    return makeError(ErrorCode::InvalidArgument, quoted(shaOrPrefix) + ": names a " +
                                                     git::lg2().git_object_type2string(
                                                         git::lg2().git_object_type(object.get())) +
                                                     ", not a commit");
  }
  git::ObjectPtr commit(peeled);
  return *git::lg2().git_object_id(commit.get());
}

Result<std::string> Libgit2Repository::head() {
  git_object* raw = nullptr;
  const int rc = git::lg2().git_revparse_single(&raw, repository_.get(), "HEAD^{commit}");
  git::ObjectPtr object(raw);
  if (rc == GIT_ENOTFOUND || git::lg2().git_repository_head_unborn(repository_.get()) == 1) {
    return makeError(ErrorCode::NotFound, displayPath_ + ": HEAD has no commit yet");
  }
  if (rc < 0) return git::libgit2Error(rc, displayPath_ + ": cannot read HEAD");
  return toHex(*git::lg2().git_object_id(object.get()));
}

Result<std::string> Libgit2Repository::resolve(std::string_view shaOrPrefix) {
  Result<git_oid> oid = resolveOid(shaOrPrefix);
  if (!oid) return oid.error();
  return toHex(*oid);
}

Result<bool> Libgit2Repository::reaches(const git_oid& tip, const git_oid& commit) {
  if (git::lg2().git_oid_equal(&tip, &commit) != 0) return true;
  const int rc = git::lg2().git_graph_descendant_of(repository_.get(), &tip, &commit);
  if (rc < 0) return git::libgit2Error(rc, displayPath_ + ": cannot walk the history");
  return rc == 1;
}

Result<bool> Libgit2Repository::isAncestor(const std::string& ancestor,
                                           const std::string& descendant) {
  Result<git_oid> older = resolveOid(ancestor);
  if (!older) return older.error();
  Result<git_oid> newer = resolveOid(descendant);
  if (!newer) return newer.error();
  return reaches(*newer, *older);
}

Result<git::TreePtr> Libgit2Repository::treeOf(const git_oid& commit) {
  git_commit* rawCommit = nullptr;
  int rc = git::lg2().git_commit_lookup(&rawCommit, repository_.get(), &commit);
  git::CommitPtr owner(rawCommit);
  if (rc < 0) return git::libgit2Error(rc, toHex(commit) + ": cannot read the commit");
  git_tree* rawTree = nullptr;
  rc = git::lg2().git_commit_tree(&rawTree, owner.get());
  git::TreePtr tree(rawTree);
  if (rc < 0) return git::libgit2Error(rc, toHex(commit) + ": cannot read the commit's tree");
  return tree;
}

Result<std::vector<std::string>> Libgit2Repository::changedPaths(const std::string& from,
                                                                 const std::string& to) {
  Result<git_oid> fromOid = resolveOid(from);
  if (!fromOid) return fromOid.error();
  Result<git_oid> toOid = resolveOid(to);
  if (!toOid) return toOid.error();
  Result<git::TreePtr> fromTree = treeOf(*fromOid);
  if (!fromTree) return fromTree.error();
  Result<git::TreePtr> toTree = treeOf(*toOid);
  if (!toTree) return toTree.error();

  git_diff* rawDiff = nullptr;
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  const int rc = git::lg2().git_diff_tree_to_tree(&rawDiff, repository_.get(), fromTree->get(),
                                                  toTree->get(), &options);
  git::DiffPtr diff(rawDiff);
  if (rc < 0) return git::libgit2Error(rc, "cannot diff " + from + " and " + to);

  // Both sides of every delta: a rename or a delete must name the path that went away too.
  std::set<std::string> paths;
  const size_t count = git::lg2().git_diff_num_deltas(diff.get());
  for (size_t i = 0; i < count; ++i) {
    const git_diff_delta* delta = git::lg2().git_diff_get_delta(diff.get(), i);
    if (delta->old_file.path != nullptr) paths.insert(delta->old_file.path);
    if (delta->new_file.path != nullptr) paths.insert(delta->new_file.path);
  }
  return std::vector<std::string>(paths.begin(), paths.end());
}

Result<std::vector<std::string>> Libgit2Repository::tagsAt(const std::string& sha) {
  Result<git_oid> target = resolveOid(sha);
  if (!target) return target.error();
  git_reference_iterator* rawIterator = nullptr;
  int rc = git::lg2().git_reference_iterator_new(&rawIterator, repository_.get());
  git::ReferenceIteratorPtr iterator(rawIterator);
  if (rc < 0) return git::libgit2Error(rc, displayPath_ + ": cannot list references");

  std::vector<std::string> tags;
  git_reference* rawReference = nullptr;
  while ((rc = git::lg2().git_reference_next(&rawReference, iterator.get())) == 0) {
    git::ReferencePtr reference(rawReference);
    const std::string_view name = git::lg2().git_reference_name(reference.get());
    if (name.substr(0, kTagsPrefix.size()) != kTagsPrefix) continue;
    git_object* rawPeeled = nullptr;
    // A tag of a tree or a blob cannot be peeled to a commit: it names no version, skip it.
    if (git::lg2().git_reference_peel(&rawPeeled, reference.get(), GIT_OBJECT_COMMIT) < 0) continue;
    git::ObjectPtr peeled(rawPeeled);
    if (git::lg2().git_oid_equal(git::lg2().git_object_id(peeled.get()), &*target) != 0) {
      tags.emplace_back(name.substr(kTagsPrefix.size()));
    }
  }
  if (rc != GIT_ITEROVER) return git::libgit2Error(rc, displayPath_ + ": cannot list tags");
  std::sort(tags.begin(), tags.end());
  return tags;
}

Result<git_oid> Libgit2Repository::referenceTarget(const std::string& name) {
  git_reference* rawReference = nullptr;
  int rc = git::lg2().git_reference_lookup(&rawReference, repository_.get(), name.c_str());
  git::ReferencePtr reference(rawReference);
  if (rc == GIT_ENOTFOUND) return makeError(ErrorCode::NotFound, name + ": no such reference");
  if (rc < 0) return git::libgit2Error(rc, name + ": cannot read the reference");
  git_object* rawPeeled = nullptr;
  rc = git::lg2().git_reference_peel(&rawPeeled, reference.get(), GIT_OBJECT_COMMIT);
  git::ObjectPtr peeled(rawPeeled);
  if (rc < 0) return git::libgit2Error(rc, name + ": does not point at a commit");
  return *git::lg2().git_object_id(peeled.get());
}

bool Libgit2Repository::referenceExists(const std::string& name) {
  git_reference* rawReference = nullptr;
  const int rc = git::lg2().git_reference_lookup(&rawReference, repository_.get(), name.c_str());
  git::ReferencePtr reference(rawReference);
  return rc == 0;
}

Result<bool> Libgit2Repository::isOnBranch(const std::string& sha, const std::string& branch) {
  Result<git_oid> commit = resolveOid(sha);
  if (!commit) return commit.error();
  if (branch.empty()) return makeError(ErrorCode::InvalidArgument, "empty branch name");
  bool anyBranch = false;
  for (const std::string& name : {"refs/heads/" + branch, std::string(kOriginPrefix) + branch}) {
    Result<git_oid> tip = referenceTarget(name);
    if (!tip && tip.code() == ErrorCode::NotFound) continue;
    if (!tip) return tip.error();
    anyBranch = true;
    Result<bool> onIt = reaches(*tip, *commit);
    if (!onIt || *onIt) return onIt;
  }
  if (!anyBranch) {
    return makeError(ErrorCode::NotFound, "branch " + quoted(branch) + ": neither refs/heads/" +
                                              branch + " nor " + std::string(kOriginPrefix) +
                                              branch + " exists in " + displayPath_);
  }
  return false;
}

Result<std::string> Libgit2Repository::defaultBranch() {
  git_reference* rawReference = nullptr;
  const std::string originHead = std::string(kOriginPrefix) + "HEAD";
  const int rc =
      git::lg2().git_reference_lookup(&rawReference, repository_.get(), originHead.c_str());
  git::ReferencePtr reference(rawReference);
  if (rc == 0 && git::lg2().git_reference_type(reference.get()) == GIT_REFERENCE_SYMBOLIC) {
    const std::string_view target = git::lg2().git_reference_symbolic_target(reference.get());
    if (target.substr(0, kOriginPrefix.size()) == kOriginPrefix) {
      return std::string(target.substr(kOriginPrefix.size()));
    }
  }
  for (const char* candidate : {"main", "master"}) {
    if (referenceExists(std::string("refs/heads/") + candidate) ||
        referenceExists(std::string(kOriginPrefix) + candidate)) {
      return std::string(candidate);
    }
  }
  return makeError(ErrorCode::NotFound, displayPath_ +
                                            ": no default branch: origin/HEAD is not set and "
                                            "neither main nor master exists");
}

Result<std::vector<WorkingTreeChange>> Libgit2Repository::workingTreeChanges() {
  git_status_options options = GIT_STATUS_OPTIONS_INIT;
  options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  // Each untracked file on its own (not its directory), so exemptions apply file by file.
  options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
                  GIT_STATUS_OPT_SORT_CASE_SENSITIVELY;
  git_status_list* rawList = nullptr;
  const int rc = git::lg2().git_status_list_new(&rawList, repository_.get(), &options);
  git::StatusListPtr list(rawList);
  if (rc < 0) return git::libgit2Error(rc, displayPath_ + ": cannot read the working tree status");
  std::vector<WorkingTreeChange> changes;
  const std::size_t count = git::lg2().git_status_list_entrycount(list.get());
  for (std::size_t i = 0; i < count; ++i) {
    const git_status_entry* entry = git::lg2().git_status_byindex(list.get(), i);
    if (entry == nullptr || entry->status == GIT_STATUS_CURRENT) continue;
    if ((entry->status & GIT_STATUS_IGNORED) != 0) continue;
    changes.push_back(WorkingTreeChange{statusPath(*entry), describeStatus(entry->status)});
  }
  if (Status hidden = addHiddenChanges(changes); !hidden) return hidden.error();
  std::sort(changes.begin(), changes.end(),
            [](const WorkingTreeChange& a, const WorkingTreeChange& b) { return a.path < b.path; });
  return changes;
}

// `git update-index --assume-unchanged` and `--skip-worktree` make git status (libgit2's too)
// take an edited file for unchanged, so an edit would ship under a clean Checkout row: such files
// are compared with their index entry here. A skip-worktree file that is absent is a sparse
// checkout leaving it out: it ships nothing (libgit2 calls it deleted; git does not). An absent
// assume-unchanged file is a hidden deletion.
Status Libgit2Repository::addHiddenChanges(std::vector<WorkingTreeChange>& changes) {
  const char* root = git::lg2().git_repository_workdir(repository_.get());
  if (root == nullptr) return okStatus();
  git_index* rawIndex = nullptr;
  const int rc = git::lg2().git_repository_index(&rawIndex, repository_.get());
  const git::IndexPtr index(rawIndex);
  if (rc < 0) return git::libgit2Error(rc, displayPath_ + ": cannot read the index");
  const std::size_t count = git::lg2().git_index_entrycount(index.get());
  for (std::size_t i = 0; i < count; ++i) {
    const git_index_entry* entry = git::lg2().git_index_get_byindex(index.get(), i);
    if (entry == nullptr) continue;
    const bool assumed = (entry->flags & GIT_INDEX_ENTRY_VALID) != 0;
    const bool skipped = (entry->flags_extended & GIT_INDEX_ENTRY_SKIP_WORKTREE) != 0;
    if (!assumed && !skipped) continue;
    const std::string path = entry->path;
    const std::string how = assumed ? "assume-unchanged" : "skip-worktree";
    struct stat info {};
    const bool present = ::lstat((std::string(root) + path).c_str(), &info) == 0;
    git_oid content;
    const bool same = present &&
                      git::lg2().git_repository_hashfile(&content, repository_.get(), path.c_str(),
                                                         GIT_OBJECT_BLOB, nullptr) == 0 &&
                      git::lg2().git_oid_equal(&content, &entry->id) != 0;
    std::optional<std::string> state;
    if (!present && assumed) state = "deleted, hidden from git status by " + how;
    if (present && !same) state = "modified, hidden from git status by " + how;
    auto listed = std::find_if(changes.begin(), changes.end(),
                               [&](const WorkingTreeChange& seen) { return seen.path == path; });
    if (listed != changes.end() && !present && skipped && listed->state == "deleted") {
      changes.erase(listed);  // left out by a sparse checkout
      continue;
    }
    if (listed == changes.end() && state) changes.push_back({path, *state});
  }
  return okStatus();
}

Result<bool> Libgit2Repository::tracksFile(const std::string& path) {
  Result<std::string> headSha = head();
  if (!headSha) return headSha.error();
  Result<git_oid> commit = resolveOid(*headSha);
  if (!commit) return commit.error();
  Result<git::TreePtr> tree = treeOf(*commit);
  if (!tree) return tree.error();
  git_tree_entry* raw = nullptr;
  const int rc = git::lg2().git_tree_entry_bypath(&raw, tree->get(), path.c_str());
  const git::TreeEntryPtr entry(raw);
  if (rc == GIT_ENOTFOUND) return false;
  if (rc < 0) return git::libgit2Error(rc, displayPath_ + ": cannot look up " + path);
  return git::lg2().git_tree_entry_type(entry.get()) == GIT_OBJECT_BLOB;
}

Result<std::string> Libgit2Repository::workdir() {
  const char* path = git::lg2().git_repository_workdir(repository_.get());
  if (path == nullptr) {
    return makeError(ErrorCode::NotFound, displayPath_ + ": a bare repository has no working tree");
  }
  std::string text(path);
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

Result<std::vector<GitRemote>> Libgit2Repository::remotes() {
  git::StrArray names;
  int rc = git::lg2().git_remote_list(&names.value, repository_.get());
  if (rc < 0) return git::libgit2Error(rc, displayPath_ + ": cannot list the remotes");
  std::vector<GitRemote> found;
  for (size_t i = 0; i < names.value.count; ++i) {
    git_remote* raw = nullptr;
    rc = git::lg2().git_remote_lookup(&raw, repository_.get(), names.value.strings[i]);
    git::RemotePtr remote(raw);
    if (rc < 0) continue;  // a half-configured remote names nothing to read
    const char* url = git::lg2().git_remote_url(remote.get());
    found.push_back(GitRemote{names.value.strings[i], url == nullptr ? "" : url});
  }
  return found;
}

Result<bool> Libgit2Repository::isOnRemote(const std::string& sha, const std::string& remote) {
  Result<git_oid> commit = resolveOid(sha);
  if (!commit) return commit.error();
  const std::string prefix = "refs/remotes/" + remote + "/";
  git_reference_iterator* rawIterator = nullptr;
  int rc = git::lg2().git_reference_iterator_glob_new(&rawIterator, repository_.get(),
                                                      (prefix + "*").c_str());
  git::ReferenceIteratorPtr iterator(rawIterator);
  if (rc < 0) return git::libgit2Error(rc, displayPath_ + ": cannot list " + prefix + "*");
  git_reference* rawReference = nullptr;
  while ((rc = git::lg2().git_reference_next(&rawReference, iterator.get())) == 0) {
    git::ReferencePtr reference(rawReference);
    // refs/remotes/<remote>/HEAD is symbolic: its branch is among the others anyway.
    if (git::lg2().git_reference_type(reference.get()) != GIT_REFERENCE_DIRECT) continue;
    git_object* rawPeeled = nullptr;
    if (git::lg2().git_reference_peel(&rawPeeled, reference.get(), GIT_OBJECT_COMMIT) < 0) continue;
    git::ObjectPtr peeled(rawPeeled);
    Result<bool> reached = reaches(*git::lg2().git_object_id(peeled.get()), *commit);
    if (!reached || *reached) return reached;
  }
  if (rc != GIT_ITEROVER) return git::libgit2Error(rc, displayPath_ + ": cannot list " + prefix);
  return false;
}

Result<std::unique_ptr<GitRepository>> openGitRepository(const std::string& path) {
  if (Result<const git::Libgit2Api*> api = git::loadLibgit2(); !api) return api.error();
  const Libgit2Session session;  // keeps libgit2 up while the repository takes its own session
  git_repository* raw = nullptr;
  const int rc = git::lg2().git_repository_open_ext(&raw, path.c_str(), 0, nullptr);
  git::RepositoryPtr repository(raw);
  if (rc == GIT_ENOTFOUND) {
    return makeError(ErrorCode::NotFound,
                     path + ": not a git repository (or any parent directory)");
  }
  if (rc < 0) return git::libgit2Error(rc, path + ": cannot open the git repository");
  return std::unique_ptr<GitRepository>(
      std::make_unique<Libgit2Repository>(std::move(repository), path));
}

Result<std::vector<std::string>> Libgit2Repository::parents(const std::string& sha) {
  Result<git_oid> oid = resolveOid(sha);
  if (!oid) return oid.error();
  git_commit* rawCommit = nullptr;
  const int rc = git::lg2().git_commit_lookup(&rawCommit, repository_.get(), &*oid);
  git::CommitPtr commit(rawCommit);
  if (rc < 0) return git::libgit2Error(rc, toHex(*oid) + ": cannot read the commit");
  std::vector<std::string> shas;
  const unsigned int count = git::lg2().git_commit_parentcount(commit.get());
  for (unsigned int i = 0; i < count; ++i)
    shas.push_back(toHex(*git::lg2().git_commit_parent_id(commit.get(), i)));
  return shas;
}

namespace {

std::string isoUtc(git_time_t seconds) {
  const std::time_t time = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  std::array<char, 32> text{};
  const std::size_t length = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return {text.data(), length};
}

CommitSummary summaryOf(git_commit* commit) {
  const char* subject = git::lg2().git_commit_summary(commit);
  return {toHex(*git::lg2().git_commit_id(commit)), subject == nullptr ? "" : subject,
          isoUtc(git::lg2().git_commit_time(commit))};
}

}  // namespace

Result<CommitSummary> Libgit2Repository::commit(const std::string& sha) {
  Result<git_oid> oid = resolveOid(sha);
  if (!oid) return oid.error();
  git_commit* rawCommit = nullptr;
  const int rc = git::lg2().git_commit_lookup(&rawCommit, repository_.get(), &*oid);
  git::CommitPtr found(rawCommit);
  if (rc < 0) return git::libgit2Error(rc, toHex(*oid) + ": cannot read the commit");
  return summaryOf(found.get());
}

Result<std::vector<CommitSummary>> Libgit2Repository::commitsBetween(const std::string& from,
                                                                     const std::string& to,
                                                                     std::size_t limit,
                                                                     bool& more) {
  more = false;
  Result<git_oid> fromOid = resolveOid(from);
  if (!fromOid) return fromOid.error();
  Result<git_oid> toOid = resolveOid(to);
  if (!toOid) return toOid.error();
  git_revwalk* rawWalk = nullptr;
  int rc = git::lg2().git_revwalk_new(&rawWalk, repository_.get());
  git::RevwalkPtr walk(rawWalk);
  if (rc < 0) return git::libgit2Error(rc, "cannot walk the history");
  git::lg2().git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
  if ((rc = git::lg2().git_revwalk_push(walk.get(), &*toOid)) < 0 ||
      (rc = git::lg2().git_revwalk_hide(walk.get(), &*fromOid)) < 0) {
    return git::libgit2Error(rc, "cannot walk " + from + ".." + to);
  }
  std::vector<CommitSummary> commits;
  git_oid next;
  while ((rc = git::lg2().git_revwalk_next(&next, walk.get())) == 0) {
    if (commits.size() == limit) {
      more = true;
      break;
    }
    git_commit* rawCommit = nullptr;
    if ((rc = git::lg2().git_commit_lookup(&rawCommit, repository_.get(), &next)) < 0) {
      return git::libgit2Error(rc, toHex(next) + ": cannot read the commit");
    }
    const git::CommitPtr each(rawCommit);
    commits.push_back(summaryOf(each.get()));
  }
  if (rc < 0 && rc != GIT_ITEROVER) return git::libgit2Error(rc, "cannot walk the history");
  return commits;
}

}  // namespace fd
