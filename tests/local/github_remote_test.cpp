#include <boost/test/unit_test.hpp>

#include "local/github_remote.hpp"
#include "local/github_token.hpp"
#include "support/fakes.hpp"

namespace fd::test {

namespace {

std::string describe(const std::optional<RemoteRepo>& repo) {
  if (!repo) return "none";
  return repo->host + " " + repo->owner + "/" + repo->repo;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(github_remote)

BOOST_AUTO_TEST_CASE(reads_every_url_form_git_accepts) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"https://github.com/octo/shop.git", "github.com octo/shop"},
      {"https://github.com/octo/shop", "github.com octo/shop"},
      {"https://github.com/octo/shop/", "github.com octo/shop"},
      {"https://x-access-token:ghs_abc@github.com/octo/shop.git", "github.com octo/shop"},
      {"http://GitHub.com:80/octo/my.repo-1_x.git", "github.com octo/my.repo-1_x"},
      {"ssh://git@github.com/octo/shop.git", "github.com octo/shop"},
      {"ssh://git@ssh.github.com:443/octo/shop.git", "ssh.github.com octo/shop"},
      {"git://github.com/octo/shop.git", "github.com octo/shop"},
      {"git@github.com:octo/shop.git", "github.com octo/shop"},
      {"github.com:octo/shop", "github.com octo/shop"},
      {"  git@ghe.example.test:team/app.git\n", "ghe.example.test team/app"},
  };
  for (const auto& [url, expected] : cases) {
    BOOST_TEST(describe(parseRemoteUrl(url)) == expected, url);
  }
}

BOOST_AUTO_TEST_CASE(refuses_paths_and_odd_names) {
  for (const std::string url :
       {"/srv/git/shop.git", "../shop", "file:///srv/git/octo/shop.git", "https://github.com/octo",
        "https://github.com/octo/shop/tree/main", "https://github.com/octo/sh%20op",
        "git@github.com:../shop.git", "C:\\repos\\shop", "https://github.com/../shop",
        "ftp://github.com/octo/shop", "", "git@:octo/shop"}) {
    BOOST_TEST(!parseRemoteUrl(url).has_value(), url);
  }
}

BOOST_AUTO_TEST_CASE(derives_the_api_from_the_host) {
  FakeEnvironment env;
  const auto dotcom = githubEndpoints({"github.com", "octo", "shop"}, env);
  BOOST_REQUIRE(dotcom.has_value());
  BOOST_TEST(dotcom->apiUrl == "https://api.github.com");
  BOOST_TEST(dotcom->display() == "https://github.com/octo/shop");
  const auto ssh = githubEndpoints({"ssh.github.com", "octo", "shop"}, env);
  BOOST_REQUIRE(ssh.has_value());
  BOOST_TEST(ssh->apiUrl == "https://api.github.com");
  const auto residency = githubEndpoints({"acme.ghe.com", "octo", "shop"}, env);
  BOOST_REQUIRE(residency.has_value());
  BOOST_TEST(residency->apiUrl == "https://api.acme.ghe.com");
  // An unknown host is not assumed to be GitHub Enterprise Server…
  BOOST_TEST(!githubEndpoints({"ghe.example.test", "octo", "shop"}, env).has_value());
  BOOST_TEST(!githubEndpoints({"gitlab.com", "octo", "shop"}, env).has_value());
  // …until GH_HOST or GITHUB_SERVER_URL names it.
  env.values["GH_HOST"] = "GHE.example.test";
  const auto ghes = githubEndpoints({"ghe.example.test", "octo", "shop"}, env);
  BOOST_REQUIRE(ghes.has_value());
  BOOST_TEST(ghes->apiUrl == "https://ghe.example.test/api/v3");
  BOOST_TEST(ghes->serverUrl == "https://ghe.example.test");
  env.values.clear();
  env.values["GITHUB_SERVER_URL"] = "https://ghe.example.test/";
  BOOST_TEST(githubEndpoints({"ghe.example.test", "octo", "shop"}, env).has_value());
}

BOOST_AUTO_TEST_CASE(github_api_url_replaces_the_derived_api) {
  FakeEnvironment env;
  env.values["GITHUB_API_URL"] = "http://127.0.0.1:8080/api/v3/";
  const auto remote = githubEndpoints({"github.com", "octo", "shop"}, env);
  BOOST_REQUIRE(remote.has_value());
  BOOST_TEST(remote->apiUrl == "http://127.0.0.1:8080/api/v3");
  BOOST_TEST(remote->serverUrl == "https://github.com");
}

BOOST_AUTO_TEST_CASE(prefers_origin_and_says_why_there_is_none) {
  FakeEnvironment env;
  std::string why;
  const auto found = findGithubRemote(
      {{"fork", "git@github.com:me/shop.git"}, {"origin", "https://github.com/octo/shop.git"}}, env,
      why);
  BOOST_REQUIRE(found.has_value());
  BOOST_TEST(found->remote == "origin");
  BOOST_TEST(found->repo.owner == "octo");

  BOOST_TEST(!findGithubRemote({}, env, why).has_value());
  BOOST_TEST(why == "the repository has no git remote");
  BOOST_TEST(!findGithubRemote({{"origin", "/srv/git/shop.git"}}, env, why).has_value());
  BOOST_TEST(why == "no git remote names a hosted repository");
  BOOST_TEST(!findGithubRemote({{"origin", "git@gitlab.com:octo/shop.git"}}, env, why).has_value());
  BOOST_TEST(why ==
             "no git remote is on GitHub (origin is on gitlab.com; for GitHub Enterprise Server "
             "set GH_HOST to its host name)");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(github_token)

BOOST_AUTO_TEST_CASE(the_input_wins_and_gh_is_not_asked) {
  Inputs inputs;
  inputs.githubToken = "ghp_fromEnvironment";
  inputs.githubTokenSource = "GH_TOKEN";
  FakeProcessRunner processes;
  std::string why;
  const auto token = localGithubToken(inputs, processes, "github.com", "/repo", why);
  BOOST_REQUIRE(token.has_value());
  BOOST_TEST(token->value == "ghp_fromEnvironment");
  BOOST_TEST(token->source == "GH_TOKEN");
  BOOST_TEST(processes.calls.empty());
}

BOOST_AUTO_TEST_CASE(asks_gh_for_the_host) {
  Inputs inputs;
  FakeProcessRunner processes;
  processes.rules.push_back({"gh auth token", {0, 0, false, false, "gho_fromGh\n", {}, {}}, {}});
  std::string why;
  const auto token = localGithubToken(inputs, processes, "ghe.example.test", "/repo", why);
  BOOST_REQUIRE(token.has_value());
  BOOST_TEST(token->value == "gho_fromGh");
  BOOST_TEST(token->source == "gh auth token");
  BOOST_REQUIRE(processes.calls.size() == 1U);
  BOOST_TEST(processes.calls[0].command == "gh auth token --hostname ghe.example.test 2>/dev/null");
  BOOST_TEST(!static_cast<bool>(processes.calls[0].onLine));  // the token is never streamed
}

BOOST_AUTO_TEST_CASE(no_gh_or_no_login_is_no_token) {
  Inputs inputs;
  std::string why;
  FakeProcessRunner missing;
  missing.rules.push_back({"gh auth", {127, 0, false, false, "", {}, {}}, {}});
  BOOST_TEST(!localGithubToken(inputs, missing, "github.com", "/repo", why).has_value());
  BOOST_TEST(why ==
             "no token: GH_TOKEN and GITHUB_TOKEN are not set, and `gh auth token --hostname "
             "github.com` gave none (gh is not installed)");
  FakeProcessRunner loggedOut;
  loggedOut.rules.push_back({"gh auth", {1, 0, false, false, "", {}, {}}, {}});
  BOOST_TEST(!localGithubToken(inputs, loggedOut, "github.com", "/repo", why).has_value());
  BOOST_TEST(why.ends_with("gave none (is gh logged in?)"));
  FakeProcessRunner garbage;
  garbage.rules.push_back({"gh auth", {0, 0, false, false, "not a\ntoken", {}, {}}, {}});
  BOOST_TEST(!localGithubToken(inputs, garbage, "github.com", "/repo", why).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
