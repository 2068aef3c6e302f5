// libgit2, opened with dlopen on first use rather than linked: the library and the thirteen it
// brings (mbedTLS, libssh2, Kerberos, http_parser, PCRE2, ...) cost a third of the start-up's
// relocations, and `--version`, `--help` and input errors found before the working directory is
// checked never read a repository (docs/PERFORMANCE.md). Calls go through this table:
// `git::lg2().git_commit_lookup(...)`.
#pragma once

#include <git2.h>

#include "core/result.hpp"

namespace fd::git {

// Every libgit2 function factory-deploy calls, resolved together when the library is opened.
#define FD_LIBGIT2_FUNCTIONS(X)      \
  X(git_libgit2_init)                \
  X(git_libgit2_shutdown)            \
  X(git_libgit2_opts)                \
  X(git_error_last)                  \
  X(git_error_clear)                 \
  X(git_repository_open_ext)         \
  X(git_repository_free)             \
  X(git_repository_is_shallow)       \
  X(git_repository_head_unborn)      \
  X(git_repository_workdir)          \
  X(git_repository_index)            \
  X(git_repository_hashfile)         \
  X(git_oid_tostr)                   \
  X(git_oid_fromstrn)                \
  X(git_oid_equal)                   \
  X(git_object_lookup_prefix)        \
  X(git_object_peel)                 \
  X(git_object_type)                 \
  X(git_object_type2string)          \
  X(git_object_id)                   \
  X(git_object_free)                 \
  X(git_revparse_single)             \
  X(git_graph_descendant_of)         \
  X(git_commit_lookup)               \
  X(git_commit_tree)                 \
  X(git_commit_free)                 \
  X(git_commit_parentcount)          \
  X(git_commit_parent_id)            \
  X(git_commit_summary)              \
  X(git_commit_id)                   \
  X(git_commit_time)                 \
  X(git_tree_free)                   \
  X(git_tree_entry_bypath)           \
  X(git_tree_entry_type)             \
  X(git_tree_entry_free)             \
  X(git_diff_tree_to_tree)           \
  X(git_diff_num_deltas)             \
  X(git_diff_get_delta)              \
  X(git_diff_free)                   \
  X(git_reference_iterator_new)      \
  X(git_reference_iterator_glob_new) \
  X(git_reference_iterator_free)     \
  X(git_reference_next)              \
  X(git_reference_name)              \
  X(git_reference_peel)              \
  X(git_reference_lookup)            \
  X(git_reference_type)              \
  X(git_reference_symbolic_target)   \
  X(git_reference_free)              \
  X(git_status_list_new)             \
  X(git_status_list_entrycount)      \
  X(git_status_byindex)              \
  X(git_status_list_free)            \
  X(git_index_entrycount)            \
  X(git_index_get_byindex)           \
  X(git_index_free)                  \
  X(git_remote_list)                 \
  X(git_remote_lookup)               \
  X(git_remote_url)                  \
  X(git_remote_free)                 \
  X(git_revwalk_new)                 \
  X(git_revwalk_sorting)             \
  X(git_revwalk_push)                \
  X(git_revwalk_hide)                \
  X(git_revwalk_next)                \
  X(git_revwalk_free)                \
  X(git_strarray_dispose)

// One pointer per function, typed from git2.h's own declaration (decltype never calls or links it).
struct Libgit2Api {
// NOLINTNEXTLINE(bugprone-macro-parentheses): `name` is a declarator, which cannot be parenthesised
#define FD_LIBGIT2_POINTER(name) decltype(&::name) name = nullptr;
  FD_LIBGIT2_FUNCTIONS(FD_LIBGIT2_POINTER)
#undef FD_LIBGIT2_POINTER
};

// Opens the libgit2 this binary was built against (its soname, FD_LIBGIT2_SONAME, else the file
// the build found, FD_LIBGIT2_PATH) once per process and resolves every function. Unavailable,
// naming the library and what to install, when it is missing or lacks a function; the answer is
// kept, so a later call gives the same one.
Result<const Libgit2Api*> loadLibgit2();

// Opens `soname` (else `builtPath`) and resolves the table from it: loadLibgit2's work, open for
// tests to name a library that does not exist. Never closes what it opened (libgit2 has no safe
// unload).
Result<const Libgit2Api*> openLibgit2(const char* soname, const char* builtPath = nullptr);

// The table after loadLibgit2() succeeded; every libgit2 handle exists only after that.
const Libgit2Api& lg2();

}  // namespace fd::git
