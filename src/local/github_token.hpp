// The token a local run uses for GitHub: the github-token input (GH_TOKEN, GITHUB_TOKEN), else
// what the gh CLI is logged in with (`gh auth token --hostname <host>`) when gh is installed.
#pragma once

#include <optional>
#include <string>

#include "core/inputs.hpp"
#include "core/ports/process_runner.hpp"

namespace fd {

struct LocalToken {
  std::string value;   // a secret: the caller registers it with the masker
  std::string source;  // "GH_TOKEN", "gh auth token", …: for messages
};

// nullopt when there is none; `why` then says where it looked.
std::optional<LocalToken> localGithubToken(const Inputs& inputs, ProcessRunner& processes,
                                           const std::string& host, const std::string& workdir,
                                           std::string& why);

}  // namespace fd
