#include "pipeline/working_directory.hpp"

namespace fd {

Status checkWorkingDirectory(World& world, const std::string& given, const std::string& root) {
  const std::string named = given == root ? given : given + " (" + root + ")";
  if (!world.fs.exists(root)) {
    return makeError(ErrorCode::InvalidArgument,
                     "working-directory: " + named +
                         " does not exist; nothing was created. Pass the root of the repository "
                         "to deploy (--working-directory PATH, or the action input "
                         "working-directory)");
  }
  const Result<std::unique_ptr<GitRepository>> git = world.openGit(root);
  // libgit2 itself cannot be loaded: the installation's fault, not the directory's.
  if (!git && git.code() == ErrorCode::Unavailable) return git.error();
  if (!git) {
    return makeError(ErrorCode::InvalidArgument,
                     "working-directory: " + named + " is not a git repository (" + git.message() +
                         "). Run factory-deploy in the repository's root or pass "
                         "--working-directory PATH to it; in a workflow, run actions/checkout "
                         "(with fetch-depth: 0) before this step");
  }
  return okStatus();
}

}  // namespace fd
