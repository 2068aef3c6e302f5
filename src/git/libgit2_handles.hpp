// unique_ptr owners for libgit2 objects, so every early return frees what it looked up.
#pragma once

#include <memory>

#include "git/libgit2_api.hpp"

namespace fd::git {

template <typename T, void (*(Libgit2Api::*Free))(T*)>
struct Deleter {
  void operator()(T* pointer) const { (lg2().*Free)(pointer); }
};

template <typename T, void (*(Libgit2Api::*Free))(T*)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using RepositoryPtr = Handle<git_repository, &Libgit2Api::git_repository_free>;
using ObjectPtr = Handle<git_object, &Libgit2Api::git_object_free>;
using CommitPtr = Handle<git_commit, &Libgit2Api::git_commit_free>;
using TreePtr = Handle<git_tree, &Libgit2Api::git_tree_free>;
using DiffPtr = Handle<git_diff, &Libgit2Api::git_diff_free>;
using ReferencePtr = Handle<git_reference, &Libgit2Api::git_reference_free>;
using ReferenceIteratorPtr =
    Handle<git_reference_iterator, &Libgit2Api::git_reference_iterator_free>;
using TreeEntryPtr = Handle<git_tree_entry, &Libgit2Api::git_tree_entry_free>;
using StatusListPtr = Handle<git_status_list, &Libgit2Api::git_status_list_free>;
using IndexPtr = Handle<git_index, &Libgit2Api::git_index_free>;
using RemotePtr = Handle<git_remote, &Libgit2Api::git_remote_free>;
using RevwalkPtr = Handle<git_revwalk, &Libgit2Api::git_revwalk_free>;

// A git_strarray owned by the stack frame.
struct StrArray {
  git_strarray value{};
  StrArray() = default;
  StrArray(const StrArray&) = delete;
  StrArray& operator=(const StrArray&) = delete;
  ~StrArray() { lg2().git_strarray_dispose(&value); }
};

}  // namespace fd::git
