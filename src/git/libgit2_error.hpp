// Turns a libgit2 return code into an fd::Error that says what we were doing.
#pragma once

#include <string>

#include "core/result.hpp"

namespace fd::git {

// "<context>: <libgit2's last error message>", code NotFound for GIT_ENOTFOUND,
// InvalidArgument for GIT_EAMBIGUOUS and GIT_EINVALIDSPEC, Internal otherwise.
Error libgit2Error(int code, const std::string& context);

}  // namespace fd::git
