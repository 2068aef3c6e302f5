// Which Fly.io app a deploy_command ships to (flyctl's order: --app, FLY_APP, the config's app),
// and when that cannot be told from the command.
#include "platform/fly_deploy_app.hpp"

#include <boost/test/unit_test.hpp>

#include "support/fakes.hpp"

namespace {

using fd::FlyDeployApp;
using fd::test::FakeEnvironment;
using fd::test::FakeFileSystem;

struct Project {
  Project() {
    fs.files["/repo/fly.toml"] = "app = \"shop\"\nprimary_region = \"iad\"\n";
    fs.files["/repo/fly.staging.toml"] = "# staging\napp = 'shop-staging'  # the app\n";
    fs.files["/repo/web/fly.toml"] = "app = \"shop-web\"\n";
    fs.files["/repo/api/fly.json"] = R"({"app": "shop-api", "primary_region": "iad"})";
    fs.files["/repo/fly.prod.json"] = R"({"app": "shop"})";
    fs.files["/repo/yaml/fly.yaml"] = "app: shop\n";
  }
  // "app (source)" per deploy, "|"-separated: one string to compare whole.
  std::string apps(const std::string& command) const {
    std::string text;
    for (const FlyDeployApp& each : fd::flyDeployApps(command, env, fs, "/repo")) {
      text += (text.empty() ? "" : "|") + each.app + " (" + each.source + ")";
    }
    return text;
  }
  FakeFileSystem fs;
  FakeEnvironment env;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(fly_deploy_app)

BOOST_AUTO_TEST_CASE(the_config_files_app_in_every_spelling) {
  const Project p;
  BOOST_TEST(p.apps("fly deploy -c fly.staging.toml") == "shop-staging (fly.staging.toml's app)");
  BOOST_TEST(p.apps("flyctl deploy --config fly.staging.toml --remote-only") ==
             "shop-staging (fly.staging.toml's app)");
  BOOST_TEST(p.apps("fly deploy --config=\"fly.staging.toml\"") ==
             "shop-staging (fly.staging.toml's app)");
  BOOST_TEST(p.apps("fly deploy --remote-only") == "shop (fly.toml's app)");  // the default
  BOOST_TEST(p.apps("fly deploy -c=fly.staging.toml") == "shop-staging (fly.staging.toml's app)");
  BOOST_TEST(p.apps("fly deploy -cfly.staging.toml") == "shop-staging (fly.staging.toml's app)");
  BOOST_TEST(p.apps("fly deploy -c fly.prod.json") == "shop (fly.prod.json's app)");
  BOOST_TEST(p.apps("npm run build && fly deploy -c fly.toml") == "shop (fly.toml's app)");
}

BOOST_AUTO_TEST_CASE(a_config_behind_a_symbolic_link_is_read_where_it_points) {
  Project p;
  p.fs.symlinks["/repo/fly.alpha.toml"] = "/repo/fly.toml";
  BOOST_TEST(p.apps("fly deploy -c fly.alpha.toml") == "shop (fly.alpha.toml's app)");
}

// flyctl changes into a directory argument and reads its config there (fly.toml, else fly.json).
BOOST_AUTO_TEST_CASE(a_directory_argument_is_where_the_config_is_read) {
  const Project p;
  BOOST_TEST(p.apps("fly deploy web") == "shop-web (web/fly.toml's app)");
  BOOST_TEST(p.apps("fly deploy --remote-only web") == "shop-web (web/fly.toml's app)");
  BOOST_TEST(p.apps("fly deploy --strategy rolling web") == "shop-web (web/fly.toml's app)");
  BOOST_TEST(p.apps("fly deploy .") == "shop (./fly.toml's app)");
  BOOST_TEST(p.apps("fly deploy api") == "shop-api (api/fly.json's app)");
  BOOST_TEST(p.apps("fly deploy -- web") == "shop-web (web/fly.toml's app)");
}

BOOST_AUTO_TEST_CASE(flags_before_deploy_and_every_pflag_spelling_count) {
  const Project p;
  BOOST_TEST(p.apps("fly -a shop-other deploy -c fly.toml") == "shop-other (--app)");
  BOOST_TEST(p.apps("fly --verbose deploy -c fly.staging.toml") ==
             "shop-staging (fly.staging.toml's app)");
  BOOST_TEST(p.apps("fly deploy -a=shop-other") == "shop-other (--app)");
  BOOST_TEST(p.apps("fly deploy -ashop-other") == "shop-other (--app)");
  BOOST_TEST(p.apps("fly deploy -a shop-staging -a shop") == "shop (--app)");  // the last wins
  BOOST_TEST(p.apps("fly deploy -c fly.staging.toml # not --app shop") ==
             "shop-staging (fly.staging.toml's app)");  // a comment is not an argument
  BOOST_TEST(p.apps("# fly deploy -c fly.toml\nfly deploy -c fly.staging.toml") ==
             "shop-staging (fly.staging.toml's app)");
  BOOST_TEST(p.apps("fly deploy -e APP=shop-other -c fly.staging.toml") ==
             "shop-staging (fly.staging.toml's app)");  // -e takes a value: not a directory
}

BOOST_AUTO_TEST_CASE(app_and_fly_app_come_before_the_config) {
  Project p;
  BOOST_TEST(p.apps("fly deploy -c fly.toml --app shop-other") == "shop-other (--app)");
  BOOST_TEST(p.apps("fly deploy -a shop-other") == "shop-other (--app)");
  BOOST_TEST(p.apps("fly deploy --app=shop-other -c fly.toml") == "shop-other (--app)");
  BOOST_TEST(p.apps("FLY_APP=shop-other fly deploy -c fly.toml") == "shop-other (FLY_APP)");
  BOOST_TEST(p.apps("env FLY_APP=shop-other fly deploy -c fly.toml") == "shop-other (FLY_APP)");
  BOOST_TEST(p.apps("export FLY_APP=shop-other; fly deploy") == "shop-other (FLY_APP)");
  BOOST_TEST(p.apps("FLY_APP=shop-other; fly deploy") == "shop-other (FLY_APP)");
  BOOST_TEST(p.apps("export FLY_APP=x; unset FLY_APP; fly deploy") == "shop (fly.toml's app)");
  BOOST_TEST(p.apps("FLY_APP= fly deploy -c fly.toml") == "shop (fly.toml's app)");  // empty
  p.env.values["FLY_APP"] = "shop-env";
  BOOST_TEST(p.apps("fly deploy -c fly.toml") == "shop-env (FLY_APP)");
  BOOST_TEST(p.apps("fly deploy -a shop-other") == "shop-other (--app)");
}

BOOST_AUTO_TEST_CASE(nothing_is_claimed_when_it_cannot_be_told) {
  const Project p;
  BOOST_TEST(p.apps("sh bin/deploy.sh").empty());                // a script
  BOOST_TEST(p.apps("fly deploy -a \"$APP\"").empty());          // expanded by the shell
  BOOST_TEST(p.apps("fly deploy -c \"$CONFIG\"").empty());       // expanded by the shell
  BOOST_TEST(p.apps("cd web && fly deploy").empty());            // another directory
  BOOST_TEST(p.apps("fly deploy -c fly.missing.toml").empty());  // flyctl fails on its own
  BOOST_TEST(p.apps("fly status --app shop").empty());           // not a deploy
}

BOOST_AUTO_TEST_CASE(every_deploy_in_a_command_is_read) {
  const Project p;
  BOOST_TEST(p.apps("fly deploy -c fly.toml; fly deploy -c fly.staging.toml") ==
             "shop (fly.toml's app)|shop-staging (fly.staging.toml's app)");
}

BOOST_AUTO_TEST_CASE(only_the_top_level_app_key_counts) {
  BOOST_TEST(fd::flyTomlApp("app = \"shop\"\n[env]\napp = \"x\"\n") == "shop");
  BOOST_TEST(fd::flyTomlApp("primary_region = \"iad\"\n[build]\napp = \"x\"\n").empty());
  BOOST_TEST(fd::flyTomlApp("app_name = \"x\"\napp=\"shop\"\n") == "shop");
  BOOST_TEST(fd::flyTomlApp("app = shop\n").empty());  // not a TOML string
  BOOST_TEST(fd::flyTomlApp("").empty());
  BOOST_TEST(fd::flyTomlApp("\"app\" = \"shop\"\n") == "shop");  // a quoted key
  BOOST_TEST(fd::flyTomlApp("'app' = 'shop'\n") == "shop");
  BOOST_TEST(fd::flyTomlApp("app = \"\"\"shop\"\"\"\n") == "shop");  // a multi-line string
  BOOST_TEST(fd::flyTomlApp("app = \"shop\"\r\n") == "shop");
  // A line inside a multi-line string is not a key.
  BOOST_TEST(fd::flyTomlApp("notes = \"\"\"\napp = \"shop-staging\"\n\"\"\"\napp = \"shop\"\n") ==
             "shop");
}

BOOST_AUTO_TEST_SUITE_END()
