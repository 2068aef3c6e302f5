#include <boost/test/unit_test.hpp>

#include "core/fly_commands.hpp"

using fd::fly::invokesFlyctl;
using fd::fly::isReleasesRollback;

BOOST_AUTO_TEST_SUITE(fly_commands)

BOOST_AUTO_TEST_CASE(the_setup_commands_run_flyctl) {
  BOOST_TEST(invokesFlyctl("fly deploy -c fly.toml"));
  BOOST_TEST(invokesFlyctl("flyctl deploy --remote-only"));
  BOOST_TEST(invokesFlyctl("/root/.fly/bin/flyctl deploy"));
  BOOST_TEST(invokesFlyctl("FLY_APP=shop fly deploy"));
  BOOST_TEST(invokesFlyctl("npm run build && fly deploy -c fly.staging.toml"));
  BOOST_TEST(invokesFlyctl("(cd web; exec fly deploy)"));
}

BOOST_AUTO_TEST_CASE(other_commands_do_not) {
  BOOST_TEST(!invokesFlyctl("sh bin/deploy.sh"));
  BOOST_TEST(!invokesFlyctl("printf %s abc > .app/version"));
  BOOST_TEST(!invokesFlyctl("echo fly deploy"));  // an argument, not the command
  BOOST_TEST(!invokesFlyctl("./flyer deploy"));
  BOOST_TEST(!invokesFlyctl(""));
}

BOOST_AUTO_TEST_CASE(the_setup_rollback_is_recognised_in_every_spelling) {
  BOOST_TEST(isReleasesRollback("fly releases rollback --app shop"));
  BOOST_TEST(isReleasesRollback("flyctl releases rollback -a shop"));
  BOOST_TEST(isReleasesRollback("fly -a shop releases rollback"));
  BOOST_TEST(isReleasesRollback("fly releases rollback --app {app-name}"));
  BOOST_TEST(isReleasesRollback("set -e; fly releases rollback --app shop"));
}

BOOST_AUTO_TEST_CASE(working_rollbacks_are_left_alone) {
  BOOST_TEST(!isReleasesRollback("fly deploy --image registry.fly.io/shop:deployment-1"));
  BOOST_TEST(!isReleasesRollback("fly releases --app shop --image"));
  BOOST_TEST(!isReleasesRollback("sh bin/rollback.sh releases rollback"));
  BOOST_TEST(!isReleasesRollback(""));
}

BOOST_AUTO_TEST_SUITE_END()
