// Which GitHub repository a local clone belongs to: its remote URL, read through the
// GitRepository port, and the API that serves it (github.com, GHE.com or GitHub Enterprise Server).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ports/environment.hpp"
#include "core/ports/git_repository.hpp"

namespace fd {

struct RemoteRepo {
  std::string host;  // lower case, without port or credentials
  std::string owner;
  std::string repo;  // without .git
};

// The forms git accepts for a hosted repository: https://[user[:password]@]host[:port]/owner/repo
// [.git][/], http://…, ssh://[user@]host[:port]/owner/repo[.git], git://host/owner/repo[.git] and
// scp-like [user@]host:owner/repo[.git]. Local paths, file:// URLs and anything else: nullopt.
std::optional<RemoteRepo> parseRemoteUrl(std::string_view url);

struct GithubRemote {
  std::string remote;     // the git remote's name, e.g. origin
  RemoteRepo repo;        //
  std::string apiUrl;     // REST base, e.g. https://api.github.com
  std::string serverUrl;  // web base, e.g. https://github.com
  // https://<host>/<owner>/<repo>: how messages name it (never with the URL's credentials).
  std::string display() const;
};

// The REST and web bases of `host`, or nullopt when it is not a GitHub host. github.com (and
// www., ssh.) → https://api.github.com; <name>.ghe.com → https://api.<name>.ghe.com; a GitHub
// Enterprise Server host must be named by GH_HOST or GITHUB_SERVER_URL → https://<host>/api/v3.
// GITHUB_API_URL, when set, replaces the derived REST base (as on a runner, and for tests).
std::optional<GithubRemote> githubEndpoints(const RemoteRepo& repo, const Environment& env);

// The first GitHub remote of `remotes`, origin preferred. `why` says why there is none.
std::optional<GithubRemote> findGithubRemote(const std::vector<GitRemote>& remotes,
                                             const Environment& env, std::string& why);

}  // namespace fd
