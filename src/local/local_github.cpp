#include "local/local_github.hpp"

#include "local/github_token.hpp"

namespace fd {

LocalGithub::LocalGithub(const Inputs& inputs, LocalGithubPorts ports)
    : inputs_(inputs), ports_(ports) {}

GithubMode* LocalGithub::resolve(const DeployContext& context) {
  if (!attempted_) {
    attempted_ = true;
    attempt(context);
  }
  return mode_ ? &*mode_ : nullptr;
}

void LocalGithub::attempt(const DeployContext& context) {
  if (context.git == nullptr) {
    why_ = "the working directory is not a git repository";
    return;
  }
  const Result<std::vector<GitRemote>> remotes = context.git->remotes();
  if (!remotes) {
    why_ = "cannot read the git remotes: " + remotes.message();
    return;
  }
  remote_ = findGithubRemote(*remotes, ports_.env, why_);
  if (!remote_) return;
  std::string noToken;
  const std::optional<LocalToken> token =
      localGithubToken(inputs_, ports_.processes, remote_->repo.host, context.root, noToken);
  if (!token) {
    why_ = remote_->remote + " is " + remote_->display() + ", but there is " + noToken;
    return;
  }
  ports_.log.addSecret(token->value);
  inputs_.githubToken = token->value;
  tokenSource_ = token->source;

  // No run, job or event: the gates then judge the commit alone (no own job to leave out).
  GithubContext github;
  github.apiUrl = remote_->apiUrl;
  github.serverUrl = remote_->serverUrl;
  github.owner = remote_->repo.owner;
  github.repo = remote_->repo.repo;
  github.sha = context.sha;
  mode_ = makeGithubMode(github, inputs_, ports_.http, ports_.clock, ports_.random, ports_.log);
  ports_.log.info("GitHub: " + remote_->display() + " (git remote " + remote_->remote + ", API " +
                  remote_->apiUrl + ", token from " + tokenSource_ + ")");
}

}  // namespace fd
