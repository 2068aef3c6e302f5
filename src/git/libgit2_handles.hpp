// unique_ptr owners for libgit2 objects, so every early return frees what it looked up.
#pragma once

#include <git2.h>

#include <memory>

namespace fd::git {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* pointer) const { Free(pointer); }
};

template <typename T, void (*Free)(T*)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using RepositoryPtr = Handle<git_repository, git_repository_free>;
using ObjectPtr = Handle<git_object, git_object_free>;
using CommitPtr = Handle<git_commit, git_commit_free>;
using TreePtr = Handle<git_tree, git_tree_free>;
using DiffPtr = Handle<git_diff, git_diff_free>;
using ReferencePtr = Handle<git_reference, git_reference_free>;
using ReferenceIteratorPtr = Handle<git_reference_iterator, git_reference_iterator_free>;
using TreeEntryPtr = Handle<git_tree_entry, git_tree_entry_free>;
using StatusListPtr = Handle<git_status_list, git_status_list_free>;
using IndexPtr = Handle<git_index, git_index_free>;
using RemotePtr = Handle<git_remote, git_remote_free>;
using RevwalkPtr = Handle<git_revwalk, git_revwalk_free>;

// A git_strarray owned by the stack frame.
struct StrArray {
  git_strarray value{};
  StrArray() = default;
  StrArray(const StrArray&) = delete;
  StrArray& operator=(const StrArray&) = delete;
  ~StrArray() { git_strarray_dispose(&value); }
};

}  // namespace fd::git
