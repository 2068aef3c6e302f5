// docs/THREAT-MODEL.md, "The matrix: reports, checkout and files" — the secret row (issue 9
// item 8): a URL password written into a manifest command, or printed by one, never reaches
// the log or the receipt.
#include <boost/test/unit_test.hpp>

#include "bypass/bypass_rows.hpp"

namespace fd::test {

BOOST_AUTO_TEST_SUITE(secrets)

BOOST_AUTO_TEST_CASE(a_url_password_in_an_echoed_command_is_masked) {
  DeployRepo repo;
  repo.write("bin/deploy.sh",
             "echo \"connecting to postgres://app:Out9utPassw0rd@db.internal/shop\"\n");
  ManifestSpec spec("http://127.0.0.1:9");
  spec.extra = R"("secrets_command": "echo DATABASE_URL=postgres://u:Pa55wordInCommand@db",)";
  spec.deployCommand = "sh bin/deploy.sh postgres://u:Pa55wordInCommand@db";
  repo.init(spec);
  const ChildRun run = repo.run({"--environment", "alpha"});
  BOOST_TEST(run.exitCode == 0, run.all());
  const std::string everything = run.all() + repo.receipt();
  BOOST_TEST(!contains(everything, "Pa55word"), linesWith(everything, "Pa55word"));
  BOOST_TEST(!contains(everything, "Out9ut"), linesWith(everything, "Out9ut"));
  BOOST_TEST(contains(run.all(), "secrets: $ echo DATABASE_URL=postgres://u:***@db"), run.all());
  BOOST_TEST(contains(run.all(), "connecting to postgres://app:***@db.internal/shop"), run.all());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
