#include "git/libgit2_session.hpp"

#include <git2.h>

namespace fd {

Libgit2Session::Libgit2Session() {
  git_libgit2_init();
  // In the Action's container we run as root while actions/checkout left the workspace owned by
  // the runner user. libgit2 (like git >= 2.35.2, "safe.directory") refuses to open a repository
  // owned by someone else, so every run would fail with "repository path is not owned by current
  // user". We only read the repository we were asked to deploy, so the check protects nothing here.
  git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
}

Libgit2Session::~Libgit2Session() { git_libgit2_shutdown(); }

}  // namespace fd
