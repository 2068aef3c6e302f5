// Issue 12's "Done when": a project made by /setup + /qa + /security, nothing edited by hand,
// goes alpha → staging → prod on a laptop whose HEAD is pushed to GitHub (the loopback fake), and
// in the action. Local CI through GitHub (12.1): the action's own CI gate on the same REST client,
// HEAD pushed or the gate says so, blocker PRs seen, and a refusal naming both ways without it.
#include <boost/test/unit_test.hpp>

#include "fidelity/factory_project.hpp"
#include "support/action_env.hpp"
#include "support/fake_github.hpp"

namespace fd::test {

namespace {

const std::string kToken = "ghp_fidelityToken0123456789abcdef";

void greenChecksOn(FakeGithub& github, const std::string& sha, const std::string& token) {
  github.update([&sha, &token](GithubState& state) {
    state.token = token;
    GhCheckRun check;
    check.id = 71;
    check.name = "check";  // the job of /setup's ci.yml
    check.headSha = sha;
    state.checkRuns.push_back(check);
  });
}

std::map<std::string, std::string> laptop(const FakeGithub& github) {
  return {{"GITHUB_API_URL", github.apiUrl()}, {"GH_TOKEN", kToken}};
}

// The receipt's row for `gate`, e.g. "| CI Checks | YES | PASS | GitHub octo/shop: … |".
std::string row(const std::string& receipt, const std::string& gate) {
  return linesWith(receipt, "| " + gate + " |");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(setup_project)

BOOST_AUTO_TEST_CASE(goes_alpha_staging_prod_on_a_laptop_with_ci_from_github) {
  ::setenv("FD_GITHUB_FIXTURES", FD_BINARY_DIR "/github-fixtures-fidelity", 0);
  FactoryProject project;
  const std::string code = project.scaffold();
  const std::string head = project.commitPassingReports(code.substr(0, 7));
  project.connectGithub();
  project.push();
  FakeGithub github;
  greenChecksOn(github, head, kToken);

  const ChildRun alpha = project.deploy({"--environment", "alpha"}, laptop(github));
  BOOST_TEST(alpha.exitCode == 0, alpha.all());
  const ChildRun staging = project.deploy({"--environment", "staging"}, laptop(github));
  BOOST_TEST(staging.exitCode == 0, staging.all());
  const std::string stagingReceipt = project.repo().receipt();
  BOOST_TEST(row(stagingReceipt, "CI Checks")
                 .starts_with("| CI Checks | YES | PASS | GitHub "
                              "octo/shop: "),
             stagingReceipt);
  const ChildRun prod =
      project.deploy({"--environment", "prod", "--confirm", "shop"}, laptop(github));
  BOOST_TEST(prod.exitCode == 0, prod.all());
  const std::string receipt = project.repo().receipt();
  BOOST_TEST(contains(receipt, "- **Status**: SUCCESS"), receipt);
  BOOST_TEST(contains(receipt, "- **Commit**: " + head), receipt);
  BOOST_TEST(row(receipt, "CI Checks").starts_with("| CI Checks | YES | PASS | GitHub octo/shop"),
             receipt);
  // The blocker-PR gate asks GitHub too, instead of SKIPPED.
  BOOST_TEST(row(receipt, "Blocker PRs") ==
                 "| Blocker PRs | YES | PASS | GitHub octo/shop: no open pull requests labelled "
                 "deploy-blocker |\n",
             receipt);
  // The same REST client as the action: check runs, statuses and the blocker search, with the
  // token; the commit's workflow runs (one still queued is pending), but nothing about a run of
  // its own (there is none on a laptop).
  BOOST_TEST(github.count("GET", "/repos/octo/shop/commits/" + head + "/check-runs") == 2U);
  BOOST_TEST(github.count("GET", "/repos/octo/shop/issues") == 1U);
  // Two commits per gate: HEAD (reports) and the tested commit whose code ships.
  BOOST_TEST(github.count("GET", "/repos/octo/shop/actions/runs") == 4U);
  BOOST_TEST(github.count("GET", "/repos/octo/shop/actions/runs/") == 0U);
  BOOST_TEST(github.countStatus("/repos/octo/shop", 401) == 0U);
  for (const std::string& text : {alpha.all(), staging.all(), prod.all(), receipt}) {
    BOOST_TEST(!contains(text, kToken), linesWith(text, kToken));
  }
  BOOST_TEST(contains(project.flyLog(), "fly deploy -c fly.toml"), project.flyLog());
}

BOOST_AUTO_TEST_CASE(goes_alpha_staging_prod_in_the_action) {
  ::setenv("FD_GITHUB_FIXTURES", FD_BINARY_DIR "/github-fixtures-fidelity", 0);
  FactoryProject project;
  const std::string code = project.scaffold();
  const std::string head = project.commitPassingReports(code.substr(0, 7));
  FakeGithub github;
  greenChecksOn(github, head, kToken);
  github.update([](GithubState& state) {
    state.approvals.push_back({"prod", "approved", "dana", "release it"});
  });
  for (const char* target : {"alpha", "staging", "prod"}) {
    ActionEnvSpec spec;
    spec.apiUrl = github.apiUrl();
    spec.token = kToken;
    spec.environment = target;
    spec.sha = head;
    auto env = actionEnvironment(project.repo(), spec);
    for (const auto& [name, value] : project.toolEnv()) env[name] = value;  // FLY_API_TOKEN too
    const ChildRun run = project.repo().run({}, env);
    BOOST_TEST(run.exitCode == 0, target << "\n" << run.all() << project.repo().receipt());
    // The state the skills share stays valid in GitHub mode too (12.3).
    BOOST_TEST(stateSchemaProblems({project.repo().root() + "/.factory/state.json"}) == "", target);
    // The fly token is announced to the runner's masking and appears nowhere else.
    BOOST_TEST(linesWith(run.all(), FakeFly::kToken) ==
                   std::string("::add-mask::") + FakeFly::kToken + "\n",
               linesWith(run.all(), FakeFly::kToken));
  }
  const std::string receipt = project.repo().receipt();
  BOOST_TEST(contains(receipt, "- **Environment**: prod"), receipt);
  BOOST_TEST(contains(row(receipt, "User Confirmation"), "CONFIRMED"), receipt);
  BOOST_TEST(github.state().deployments.size() == 3U);
  BOOST_TEST(contains(project.flyLog(), "fly deploy -c fly.toml\n"), project.flyLog());
  BOOST_TEST(contains(project.flyLog(), "fly status --app shop --json\n"), project.flyLog());
  BOOST_TEST(!contains(receipt, FakeFly::kToken), linesWith(receipt, FakeFly::kToken));
}

BOOST_AUTO_TEST_CASE(a_successful_prod_receipt_names_a_rollback_command_that_works) {
  // Not /setup's `fly releases rollback` (flyctl has no such command): the Fly.io built-in's
  // redeploy of the image that was live before, which the fake flyctl runs.
  FactoryProject project;
  project.prodAlreadyLive();
  project.scaffold(factory::setupManifest(project.url(), "fly releases rollback --app {app_name}",
                                          "  \"ci_check_command\": \"true\",\n"));
  project.commitPassingReports(project.codeSha.substr(0, 7));
  for (const char* target : {"alpha", "staging"}) {
    BOOST_REQUIRE(project.deploy({"--environment", target}).exitCode == 0);
  }
  const ChildRun run = project.deploy({"--environment", "prod", "--confirm", "shop"});
  BOOST_TEST(run.exitCode == 0, run.all());
  const std::string receipt = project.repo().receipt();
  BOOST_TEST(contains(receipt, "- **Previous version**: v1\n"), receipt);
  // The image that was live before, pinned by its digest.
  const std::string prefix =
      "- **Rollback command**: `fly deploy --app shop --config fly.toml --image "
      "registry.fly.io/shop:deployment-01HFAKE00000001@sha256:";
  const std::size_t at = receipt.find(prefix);
  BOOST_REQUIRE_MESSAGE(at != std::string::npos, receipt);
  const std::size_t digestAt = at + prefix.size();
  const std::string digest = receipt.substr(digestAt, 64);
  BOOST_TEST(receipt.substr(digestAt + 64, 8) == " --yes`\n", receipt);
  // And it works: run as written, it brings release v1's image back as release v3.
  const FakeFly::Answer ran = project.fly().run(
      {"deploy", "--app", "shop", "--config", "fly.toml", "--image",
       "registry.fly.io/shop:deployment-01HFAKE00000001@sha256:" + digest, "--yes"},
      project.repo().root());
  BOOST_TEST(ran.exitCode == 0, ran.out << ran.err);
  const FakeFly::Answer status = project.fly().run({"status", "--app", "shop", "--json"});
  BOOST_TEST(contains(status.out, "\"Version\": 3\n"), status.out);
  BOOST_TEST(contains(status.out, "\"image\": \"registry.fly.io/shop:deployment-01HFAKE00000001\""),
             status.out);
}

BOOST_AUTO_TEST_CASE(without_a_ci_command_or_github_the_refusal_names_both_ways) {
  FactoryProject project;
  const std::string code = project.scaffold();
  project.commitPassingReports(code.substr(0, 7));
  BOOST_REQUIRE(project.deploy({"--environment", "alpha"}).exitCode == 0);
  const ChildRun run = project.deploy({"--environment", "staging"});
  BOOST_TEST(run.exitCode == 1, run.all());
  const std::string receipt = project.repo().receipt();
  BOOST_TEST(row(receipt, "CI Checks") ==
                 "| CI Checks | YES | FAIL | local mode checks CI in one of two ways, and neither "
                 "is available: ci_check_command in the manifest (environments.staging or top "
                 "level) is not set, and GitHub's checks cannot be read (the repository has no git "
                 "remote) |\n",
             receipt);
  BOOST_TEST(contains(receipt,
                      "To clear it: add ci_check_command to the manifest, or push to a GitHub "
                      "remote and provide a token (GH_TOKEN, GITHUB_TOKEN or `gh auth login`)."),
             receipt);
  BOOST_TEST(!contains(project.flyLog(), "fly.staging.toml"), project.flyLog());
}

BOOST_AUTO_TEST_CASE(a_github_remote_without_a_token_says_so) {
  FakeGithub github;
  FactoryProject project;
  const std::string code = project.scaffold();
  project.commitPassingReports(code.substr(0, 7));
  project.connectGithub();
  project.push();
  project.installGh("");  // installed, not logged in
  BOOST_REQUIRE(project.deploy({"--environment", "alpha"}).exitCode == 0);
  const ChildRun run =
      project.deploy({"--environment", "staging"}, {{"GITHUB_API_URL", github.apiUrl()}});
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(contains(row(project.repo().receipt(), "CI Checks"),
                      "GitHub's checks cannot be read (origin is https://github.com/octo/shop, "
                      "but there is no token: GH_TOKEN and GITHUB_TOKEN are not set, and `gh auth "
                      "token --hostname github.com` gave none (is gh logged in?))"),
             project.repo().receipt());
  BOOST_TEST(github.requests().empty());
}

BOOST_AUTO_TEST_CASE(the_token_gh_is_logged_in_with_is_used_and_masked) {
  ::setenv("FD_GITHUB_FIXTURES", FD_BINARY_DIR "/github-fixtures-fidelity", 0);
  const std::string ghToken = "gho_fromTheGhCli0123456789abcdef";
  FakeGithub github;
  FactoryProject project;
  const std::string code = project.scaffold();
  const std::string head = project.commitPassingReports(code.substr(0, 7));
  project.connectGithub();
  project.push();
  project.installGh(ghToken);
  greenChecksOn(github, head, ghToken);
  BOOST_REQUIRE(project.deploy({"--environment", "alpha"}).exitCode == 0);
  const ChildRun run =
      project.deploy({"--environment", "staging"}, {{"GITHUB_API_URL", github.apiUrl()}});
  BOOST_TEST(run.exitCode == 0, run.all() << project.repo().receipt());
  BOOST_TEST(contains(run.all(), "token from gh auth token"), run.all());
  BOOST_TEST(contains(project.repo().readScratch("gh.log"), "gh auth token --hostname github.com"));
  for (const std::string& text :
       {run.all(), project.repo().receipt(), project.repo().read(".factory/state.json")}) {
    BOOST_TEST(!contains(text, ghToken), linesWith(text, ghToken));
  }
}

BOOST_AUTO_TEST_CASE(an_unpushed_head_is_refused_with_what_to_do) {
  FakeGithub github;
  FactoryProject project;
  const std::string code = project.scaffold();
  project.connectGithub();
  project.push();  // the code is on GitHub; the reports commit is not
  const std::string head = project.commitPassingReports(code.substr(0, 7));
  greenChecksOn(github, head, kToken);
  BOOST_REQUIRE(project.deploy({"--environment", "alpha"}).exitCode == 0);
  const ChildRun run = project.deploy({"--environment", "staging"}, laptop(github));
  BOOST_TEST(run.exitCode == 1, run.all());
  const std::string receipt = project.repo().receipt();
  BOOST_TEST(row(receipt, "CI Checks") ==
                 "| CI Checks | YES | FAIL | HEAD " + head.substr(0, 7) +
                     " is not pushed to origin (https://github.com/octo/shop): GitHub can only "
                     "have CI checks on commits it has; no remote-tracking branch of origin "
                     "contains it |\n",
             receipt);
  BOOST_TEST(contains(receipt,
                      "To clear it: push it (git push origin HEAD), let CI run on it, "
                      "then deploy again."),
             receipt);
  BOOST_TEST(github.count("GET", "/check-runs") == 0U);  // no polling for checks that cannot come
  project.push();
  const ChildRun pushed = project.deploy({"--environment", "staging"}, laptop(github));
  BOOST_TEST(pushed.exitCode == 0, pushed.all() << project.repo().receipt());
}

BOOST_AUTO_TEST_CASE(failing_checks_on_github_fail_the_local_gate) {
  FakeGithub github;
  FactoryProject project;
  const std::string code = project.scaffold();
  const std::string head = project.commitPassingReports(code.substr(0, 7));
  project.connectGithub();
  project.push();
  github.update([&head](GithubState& state) {
    state.token = kToken;
    GhCheckRun check;
    check.id = 72;
    check.name = "check";
    check.conclusion = "failure";
    check.headSha = head;
    state.checkRuns.push_back(check);
  });
  BOOST_REQUIRE(project.deploy({"--environment", "alpha"}).exitCode == 0);
  const ChildRun run = project.deploy({"--environment", "staging"}, laptop(github));
  BOOST_TEST(run.exitCode == 1, run.all());
  const std::string ci = row(project.repo().receipt(), "CI Checks");
  BOOST_TEST(ci.starts_with("| CI Checks | YES | FAIL | GitHub octo/shop: "), ci);
  BOOST_TEST(contains(ci, "check"), ci);
  BOOST_TEST(!contains(project.flyLog(), "fly.staging.toml"), project.flyLog());
}

BOOST_AUTO_TEST_CASE(an_open_blocker_pull_request_blocks_prod_on_a_laptop) {
  FakeGithub github;
  FactoryProject project;
  const std::string code = project.scaffold();
  const std::string head = project.commitPassingReports(code.substr(0, 7));
  project.connectGithub();
  project.push();
  greenChecksOn(github, head, kToken);
  github.update([](GithubState& state) {
    state.issues.push_back({17, "Payments double-charge", {"deploy-blocker"}, true, "open"});
  });
  for (const char* target : {"alpha", "staging"}) {
    BOOST_REQUIRE(project.deploy({"--environment", target}, laptop(github)).exitCode == 0);
  }
  const ChildRun run =
      project.deploy({"--environment", "prod", "--confirm", "shop"}, laptop(github));
  BOOST_TEST(run.exitCode == 1, run.all());
  BOOST_TEST(row(project.repo().receipt(), "Blocker PRs") ==
                 "| Blocker PRs | YES | FAIL | GitHub octo/shop: 1 open pull request labelled "
                 "deploy-blocker: #17 Payments double-charge |\n",
             project.repo().receipt());
  BOOST_TEST(!contains(project.flyLog(), "fly deploy -c fly.toml"), project.flyLog());
}

BOOST_AUTO_TEST_CASE(a_github_enterprise_remote_named_by_gh_host) {
  ::setenv("FD_GITHUB_FIXTURES", FD_BINARY_DIR "/github-fixtures-fidelity", 0);
  FakeGithub github("/api/v3");
  FactoryProject project;
  const std::string code = project.scaffold();
  const std::string head = project.commitPassingReports(code.substr(0, 7));
  project.connectGithub();
  project.repo().git("remote set-url origin git@ghe.example.test:octo/shop.git");
  project.push();
  greenChecksOn(github, head, kToken);
  BOOST_REQUIRE(project.deploy({"--environment", "alpha"}).exitCode == 0);
  // Not named: an unknown host is not taken for GitHub.
  const ChildRun unnamed = project.deploy({"--environment", "staging"}, laptop(github));
  BOOST_TEST(unnamed.exitCode == 1, unnamed.all());
  BOOST_TEST(contains(row(project.repo().receipt(), "CI Checks"),
                      "no git remote is on GitHub (origin is on ghe.example.test; for GitHub "
                      "Enterprise Server set GH_HOST to its host name)"),
             project.repo().receipt());
  auto env = laptop(github);
  env["GH_HOST"] = "ghe.example.test";
  const ChildRun named = project.deploy({"--environment", "staging"}, env);
  BOOST_TEST(named.exitCode == 0, named.all() << project.repo().receipt());
  BOOST_TEST(github.count("GET", "/api/v3/repos/octo/shop/commits/" + head + "/check-runs") == 1U);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
