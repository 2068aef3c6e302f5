#include "git/libgit2_error.hpp"

#include "git/libgit2_api.hpp"

namespace fd::git {

namespace {

ErrorCode codeFor(int code) {
  switch (code) {
    case GIT_ENOTFOUND:
      return ErrorCode::NotFound;
    case GIT_EAMBIGUOUS:
    case GIT_EINVALIDSPEC:
      return ErrorCode::InvalidArgument;
    default:
      return ErrorCode::Internal;
  }
}

}  // namespace

Error libgit2Error(int code, const std::string& context) {
  const git_error* last = git::lg2().git_error_last();
  std::string message = context;
  if (last != nullptr && last->message != nullptr && *last->message != '\0') {
    message += ": ";
    message += last->message;
  }
  return makeError(codeFor(code), message);
}

}  // namespace fd::git
