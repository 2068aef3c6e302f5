#include "local/github_remote.hpp"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <algorithm>

#include "core/text.hpp"

namespace fd {

namespace {

bool isNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

// GitHub's owner and repository names: they become parts of API paths, so nothing else passes.
bool isName(std::string_view name) {
  return !name.empty() && name != "." && name != ".." &&
         std::all_of(name.begin(), name.end(), isNameChar);
}

// A DNS name (the host goes into a gh command line and into URLs).
bool isHost(std::string_view host) {
  return !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
  });
}

// "owner/repo", "owner/repo.git", "/owner/repo/" → owner and repo; anything deeper: nullopt.
std::optional<RemoteRepo> fromPath(std::string_view host, std::string_view path) {
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  const std::size_t slash = path.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::string_view owner = path.substr(0, slash);
  std::string_view repo = path.substr(slash + 1);
  if (repo.ends_with(".git")) repo.remove_suffix(4);
  if (!isHost(host) || !isName(owner) || !isName(repo)) return std::nullopt;
  return RemoteRepo{toLower(host), std::string(owner), std::string(repo)};
}

std::optional<RemoteRepo> fromUri(std::string_view url) {
  try {
    const Poco::URI uri{std::string(url)};
    const std::string scheme = toLower(uri.getScheme());
    if (scheme != "https" && scheme != "http" && scheme != "ssh" && scheme != "git" &&
        scheme != "git+ssh" && scheme != "ssh+git") {
      return std::nullopt;
    }
    return fromPath(uri.getHost(), uri.getPath());
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

// git's scp-like syntax: [user@]host:owner/repo — a colon before the first slash.
std::optional<RemoteRepo> fromScpLike(std::string_view url) {
  const std::size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  if (url.substr(0, colon).find('/') != std::string_view::npos) return std::nullopt;
  std::string_view host = url.substr(0, colon);
  if (const std::size_t at = host.rfind('@'); at != std::string_view::npos) {
    host = host.substr(at + 1);
  }
  return fromPath(host, url.substr(colon + 1));
}

std::string hostOf(const std::string& url) {
  if (url.empty()) return "";
  try {
    return toLower(Poco::URI(url).getHost());
  } catch (const Poco::Exception&) {
    return "";
  }
}

std::string withoutTrailingSlashes(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string variable(const Environment& env, const char* name) {
  return trim(env.get(name).value_or(""));
}

}  // namespace

std::optional<RemoteRepo> parseRemoteUrl(std::string_view url) {
  const std::string text = trim(url);
  if (text.find("://") != std::string::npos) return fromUri(text);
  return fromScpLike(text);
}

std::string GithubRemote::display() const { return serverUrl + "/" + repo.owner + "/" + repo.repo; }

std::optional<GithubRemote> githubEndpoints(const RemoteRepo& repo, const Environment& env) {
  GithubRemote remote;
  remote.repo = repo;
  const std::string& host = repo.host;
  if (host == "github.com" || host == "www.github.com" || host == "ssh.github.com") {
    remote.repo.host = "github.com";
    remote.serverUrl = "https://github.com";
    remote.apiUrl = "https://api.github.com";
  } else if (host.ends_with(".ghe.com") && !host.starts_with("api.")) {
    remote.serverUrl = "https://" + host;
    remote.apiUrl = "https://api." + host;
  } else if (host == toLower(variable(env, "GH_HOST")) ||
             host == hostOf(variable(env, "GITHUB_SERVER_URL"))) {
    remote.serverUrl = "https://" + host;
    remote.apiUrl = "https://" + host + "/api/v3";
  } else {
    return std::nullopt;
  }
  if (const std::string api = variable(env, "GITHUB_API_URL"); !api.empty()) {
    remote.apiUrl = withoutTrailingSlashes(api);
  }
  return remote;
}

std::optional<GithubRemote> findGithubRemote(const std::vector<GitRemote>& remotes,
                                             const Environment& env, std::string& why) {
  if (remotes.empty()) {
    why = "the repository has no git remote";
    return std::nullopt;
  }
  std::vector<const GitRemote*> ordered;
  for (const GitRemote& remote : remotes) {
    if (remote.name == "origin")
      ordered.insert(ordered.begin(), &remote);
    else
      ordered.push_back(&remote);
  }
  std::vector<std::string> hosts;
  for (const GitRemote* remote : ordered) {
    const std::optional<RemoteRepo> parsed = parseRemoteUrl(remote->url);
    if (!parsed) continue;
    if (std::optional<GithubRemote> github = githubEndpoints(*parsed, env)) {
      github->remote = remote->name;
      return github;
    }
    hosts.push_back(remote->name + " is on " + parsed->host);
  }
  why = hosts.empty() ? "no git remote names a hosted repository"
                      : "no git remote is on GitHub (" + join(hosts, ", ") +
                            "; for GitHub Enterprise Server set GH_HOST to its host name)";
  return std::nullopt;
}

}  // namespace fd
