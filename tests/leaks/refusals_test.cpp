// Refused runs quote what they refuse: an input error or a manifest error must not quote a
// secret while doing so — whole or cut short.
#include <boost/test/unit_test.hpp>

#include "leaks/leak_checks.hpp"

namespace fd::test {

namespace {

std::string output(const LeakHarness& h) { return h.console.stdoutText + h.console.stderrText; }

void expectRefusedInput(RunMode mode, const std::vector<std::string>& args,
                        const std::string& named) {
  LeakHarness h(mode);
  BOOST_TEST(h.run(args) == 2, output(h));
  BOOST_TEST(contains(output(h), named), output(h));
  BOOST_TEST(!h.processes.ran("deploy.sh"));
  const std::vector<Leak> leaks = h.leaks();  // refused before any ::add-mask:: could be sent
  BOOST_TEST(leaks.empty(), leaks.size() << " leak(s):" << describe(leaks));
}

const std::string kManifestWithUrl = R"({
  "platform": "fly.io", "project_name": "shop",
  "environments": {"alpha": {"app_name": "shop-alpha", "deploy_command": "sh bin/deploy.sh",
                             "url": "URL"}}
})";

void expectRefusedManifestUrl(RunMode mode, const std::string& url, const std::string& named) {
  LeakHarness h(mode);
  std::string manifest = kManifestWithUrl;
  manifest.replace(manifest.find("URL"), 3, url);
  h.put(".factory/deploy-config.json", manifest);
  BOOST_TEST(h.run({"--environment", "alpha"}) == 2, output(h));
  BOOST_TEST(!h.processes.ran("deploy.sh"));
  BOOST_TEST(contains(h.file("DEPLOY-RECEIPT.md"), named), h.file("DEPLOY-RECEIPT.md"));
  expectWritten(h);
  expectNoLeaks(h);
}

// "https://deploy:<password>@shop-alpha.example.test"
std::string urlWithPassword() {
  return "https://deploy:" + kManifestPassword + "@shop-alpha.example.test";
}

// A query (refused) whose token straddles the 60 bytes an error message quotes.
std::string urlWithTokenAtTheCut() {
  std::string url = "https://shop-alpha.example.test/?session=";
  url.resize(50, 'q');
  return url + kFlyToken;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(refusals)

BOOST_AUTO_TEST_CASE(a_token_given_as_a_stray_argument_is_not_echoed_locally) {
  expectRefusedInput(RunMode::Local, {"--environment", "alpha", kGithubToken},
                     "unexpected argument");
}

BOOST_AUTO_TEST_CASE(a_secret_given_as_the_environment_is_not_echoed_locally) {
  expectRefusedInput(RunMode::Local, {"--environment", kFlyToken}, "environment");
}

BOOST_AUTO_TEST_CASE(a_secret_given_as_a_number_is_not_echoed_locally) {
  expectRefusedInput(RunMode::Local,
                     {"--environment", "alpha", "--ci-timeout=" + kDatabasePassword}, "ci-timeout");
}

BOOST_AUTO_TEST_CASE(a_secret_in_an_input_variable_is_not_echoed_on_a_runner) {
  LeakHarness h(RunMode::Github);
  h.env.values["INPUT_ENVIRONMENT"] = kFlyToken;
  BOOST_TEST(h.run({}) == 2, output(h));
  BOOST_TEST(contains(h.console.stdoutText, "::error title=Invalid input::"), output(h));
  const std::vector<Leak> leaks = h.leaks();
  BOOST_TEST(leaks.empty(), leaks.size() << " leak(s):" << describe(leaks));
}

BOOST_AUTO_TEST_CASE(a_token_given_as_a_stray_argument_is_not_echoed_on_a_runner) {
  expectRefusedInput(RunMode::Github, {"--environment", "alpha", kGithubToken},
                     "unexpected argument");
}

BOOST_AUTO_TEST_CASE(a_manifest_url_with_a_password_is_refused_without_echoing_it_locally) {
  expectRefusedManifestUrl(RunMode::Local, urlWithPassword(), "user:password");
}

BOOST_AUTO_TEST_CASE(a_manifest_url_with_a_password_is_refused_without_echoing_it_on_a_runner) {
  expectRefusedManifestUrl(RunMode::Github, urlWithPassword(), "user:password");
}

BOOST_AUTO_TEST_CASE(a_manifest_value_quoted_up_to_its_cut_does_not_show_part_of_a_secret) {
  expectRefusedManifestUrl(RunMode::Local, urlWithTokenAtTheCut(), "paths are appended to it");
}

BOOST_AUTO_TEST_CASE(a_manifest_value_quoted_up_to_its_cut_does_not_show_part_of_it_on_a_runner) {
  expectRefusedManifestUrl(RunMode::Github, urlWithTokenAtTheCut(), "paths are appended to it");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
