#include <boost/test/unit_test.hpp>

#include "action/inputs.hpp"
#include "support/fakes.hpp"

using fd::parseCommand;
using fd::ParsedCommand;
using fd::test::FakeEnvironment;

namespace {

fd::Result<ParsedCommand> parse(std::vector<std::string> args, FakeEnvironment env = {}) {
  return parseCommand(args, env);
}

bool mentions(const fd::Result<ParsedCommand>& result, const std::string& needle) {
  return !result.ok() && result.message().find(needle) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(inputs)

BOOST_AUTO_TEST_CASE(defaults_follow_the_interface) {
  const auto parsed = parse({});
  BOOST_REQUIRE(parsed.ok());
  const fd::Inputs& in = parsed->inputs;
  BOOST_TEST(fd::targetName(in.environment) == "prod");
  BOOST_TEST(in.config == ".factory/deploy-config.json");
  BOOST_TEST(in.qaReport == "QA-REPORT.md");
  BOOST_TEST(in.securityReport == "SECURITY.md");
  BOOST_TEST(in.receipt == "DEPLOY-RECEIPT.md");
  BOOST_TEST(in.ciTimeoutS == 900);
  BOOST_TEST(in.ciIntervalS == 10);
  BOOST_TEST(in.blockerLabel == "deploy-blocker");
  BOOST_TEST(!in.dryRun);
  BOOST_TEST(in.createDeployment);
  BOOST_TEST(in.uploadArtifact);
  BOOST_TEST((in.reportCommitPolicy == fd::ReportPolicy::Content));
  BOOST_TEST(!in.githubMode);
}

BOOST_AUTO_TEST_CASE(runner_variables_keep_their_dashes_and_values_are_trimmed) {
  FakeEnvironment env;
  env.values["INPUT_QA-REPORT"] = "  reports/QA.md \n";
  env.values["INPUT_ENVIRONMENT"] = "staging";
  env.values["INPUT_DRY-RUN"] = "TRUE";
  env.values["INPUT_CONFIRM"] = "";  // the runner sets every declared input, maybe empty
  env.values["GITHUB_ACTIONS"] = "true";
  const auto parsed = parse({}, env);
  BOOST_REQUIRE(parsed.ok());
  BOOST_TEST(parsed->inputs.qaReport == "reports/QA.md");
  BOOST_TEST(fd::targetName(parsed->inputs.environment) == "staging");
  BOOST_TEST(parsed->inputs.dryRun);
  BOOST_TEST(parsed->inputs.githubMode);
}

BOOST_AUTO_TEST_CASE(a_flag_beats_the_variable_in_both_spellings) {
  FakeEnvironment env;
  env.values["INPUT_ENVIRONMENT"] = "staging";
  env.values["INPUT_CI-TIMEOUT"] = "60";
  const auto parsed = parse({"--environment", "alpha", "--ci-timeout=30"}, env);
  BOOST_REQUIRE(parsed.ok());
  BOOST_TEST(fd::targetName(parsed->inputs.environment) == "alpha");
  BOOST_TEST(parsed->inputs.ciTimeoutS == 30);
}

BOOST_AUTO_TEST_CASE(a_boolean_flag_alone_means_true_and_takes_an_explicit_word) {
  auto parsed = parse({"--dry-run", "--environment", "staging"});
  BOOST_REQUIRE(parsed.ok());
  BOOST_TEST(parsed->inputs.dryRun);
  parsed = parse({"--upload-artifact", "false", "--create-deployment=False"});
  BOOST_REQUIRE(parsed.ok());
  BOOST_TEST(!parsed->inputs.uploadArtifact);
  BOOST_TEST(!parsed->inputs.createDeployment);
}

BOOST_AUTO_TEST_CASE(allow_untracked_takes_patterns_inside_the_working_directory) {
  FakeEnvironment env;
  env.values["INPUT_ALLOW-UNTRACKED"] = "dist/\n ./build/*.js, out";
  const auto parsed = parse({}, env);
  BOOST_REQUIRE(parsed.ok());
  BOOST_TEST(
      (parsed->inputs.allowUntracked == std::vector<std::string>{"dist/", "build/*.js", "out"}));
  for (const char* bad : {"/etc", "../x", "a/../../b", "dist/.."}) {
    BOOST_TEST(mentions(parse({"--allow-untracked", bad}),
                        "patterns relative to the working directory, without .."),
               bad);
  }
}

BOOST_AUTO_TEST_CASE(bad_values_name_the_input_and_what_is_allowed) {
  BOOST_TEST(mentions(parse({"--environment", "nope"}), "alpha, staging or prod"));
  BOOST_TEST(mentions(parse({"--environment", "nope"}), "\"environment\""));
  BOOST_TEST(mentions(parse({"--dry-run=yes"}), "true or false"));
  BOOST_TEST(mentions(parse({"--ci-timeout", "-5"}), "\"ci-timeout\""));
  BOOST_TEST(mentions(parse({"--ci-interval", "0"}), "from 1"));
  BOOST_TEST(mentions(parse({"--report-commit-policy", "loose"}), "exact or content"));
  BOOST_TEST(mentions(parse({"--retention-days", "91"}), "1 to 90"));
  // Narrower than a GitHub-hosted job's 6 hours would miss a claim still deploying.
  BOOST_TEST(mentions(parse({"--claim-window", "5"}), "a whole number from 6 to 120"));
  BOOST_TEST(mentions(parse({"--claim-window", "121"}), "a whole number from 6 to 120"));
  BOOST_TEST(mentions(parse({"--artifact-name", "a/b"}), "artifact-name"));
  FakeEnvironment env;
  env.values["INPUT_ALLOW-NON-MAIN"] = "maybe";
  BOOST_TEST(mentions(parse({}, env), "\"allow-non-main\""));
}

BOOST_AUTO_TEST_CASE(unknown_flags_and_stray_arguments_are_input_errors) {
  BOOST_TEST(mentions(parse({"--enviroment", "prod"}), "unknown flag \"--enviroment\""));
  BOOST_TEST(mentions(parse({"prod"}), "unexpected argument"));
  BOOST_TEST(mentions(parse({"--config"}), "needs a value"));
}

BOOST_AUTO_TEST_CASE(check_lists_split_on_commas_and_lines_but_keep_regexes_whole) {
  const auto parsed = parse({"--ignore-checks", "lint, docs\n/^e2e \\(.*,.*\\)$/\n\n"});
  BOOST_REQUIRE(parsed.ok());
  const std::vector<std::string> expected = {"lint", "docs", "/^e2e \\(.*,.*\\)$/"};
  BOOST_TEST(parsed->inputs.ignoreChecks == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(
    the_token_comes_from_github_token_locally_but_only_from_the_input_on_a_runner) {
  FakeEnvironment env;
  env.values["GITHUB_TOKEN"] = "ghp_local";
  BOOST_TEST(parse({}, env)->inputs.githubToken == "ghp_local");
  env.values["GITHUB_ACTIONS"] = "true";
  BOOST_TEST(parse({}, env)->inputs.githubToken.empty());
  env.values["INPUT_GITHUB-TOKEN"] = "ghs_runner";
  BOOST_TEST(parse({}, env)->inputs.githubToken == "ghs_runner");
}

BOOST_AUTO_TEST_CASE(help_and_version_are_recognised_and_help_lists_every_input) {
  BOOST_TEST((parse({"--help"})->kind == ParsedCommand::Kind::Help));
  BOOST_TEST((parse({"--version"})->kind == ParsedCommand::Kind::Version));
  const std::string help = fd::helpText();
  for (const char* name : {"environment",     "config",
                           "qa-report",       "security-report",
                           "receipt",         "working-directory",
                           "github-token",    "ci-timeout",
                           "ci-interval",     "ignore-checks",
                           "required-checks", "blocker-label",
                           "confirm",         "github-environment",
                           "allow-non-main",  "report-commit-policy",
                           "dry-run",         "create-deployment",
                           "upload-artifact", "artifact-name",
                           "retention-days",  "claim-window"}) {
    BOOST_TEST(help.find(std::string("--") + name) != std::string::npos, name);
  }
}

BOOST_AUTO_TEST_SUITE_END()
