// Issue 3: a secret value from the environment, printed by the deploy command, and the
// secrets_command's listing appear nowhere — not in stdout/stderr, receipt, state or ledger.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/deploy_repo.hpp"
#include "support/loopback_server.hpp"

namespace fd::test {

namespace {

const std::string kToken = "fly-token-7c1e0b5a92d84f36";
const std::string kDigest = "digest-5e8f1a2b3c4d";  // only the secrets_command prints it

// Every file factory-deploy may have written in the repository (not git's objects, not the
// scripts the test wrote).
std::vector<std::string> writtenFiles(const std::string& root) {
  std::vector<std::string> files;
  for (auto it = std::filesystem::recursive_directory_iterator(root);
       it != std::filesystem::recursive_directory_iterator(); ++it) {
    if (it->path().filename() == ".git" || it->path().filename() == "bin") {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) files.push_back(it->path().string());
  }
  return files;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(secrets)

BOOST_AUTO_TEST_CASE(a_secret_printed_by_the_deploy_command_is_masked_everywhere) {
  DeployRepo repo;
  repo.write("bin/deploy.sh",
             "echo \"authenticating with $FLY_API_TOKEN\"\n"
             "echo \"error: token $FLY_API_TOKEN rejected\" >&2\nexit 1\n");
  repo.write("bin/secrets.sh", "echo 'NAME         DIGEST'\necho 'SESSION_KEY  " + kDigest + "'\n");
  ManifestSpec spec("http://127.0.0.1:" + std::to_string(unusedPort()));
  spec.extra = R"("secrets_command": "sh bin/secrets.sh", "required_secrets": ["SESSION_KEY"],)";
  repo.init(spec);
  const ChildRun run = repo.run({"--environment", "alpha"}, {{"FLY_API_TOKEN", kToken}});

  BOOST_TEST(run.exitCode == 1, run.all());
  // The lines were printed, masked, and the receipt's output tail keeps them masked.
  BOOST_TEST(contains(run.all(), "authenticating with ***"), run.all());
  BOOST_TEST(contains(repo.receipt(), "rejected"), repo.receipt());
  BOOST_TEST(!contains(run.out, kToken));
  BOOST_TEST(!contains(run.err, kToken));
  BOOST_TEST(!contains(run.all(), kDigest), "the secrets_command output was printed");
  BOOST_TEST(repo.exists(".factory/state.json"));
  BOOST_TEST(repo.exists(".factory/deployments.jsonl"));
  for (const std::string& file : writtenFiles(repo.root())) {
    const std::string text = slurp(file);
    BOOST_TEST(!contains(text, kToken), file + " contains the token");
    BOOST_TEST(!contains(text, kDigest), file + " contains the secrets listing");
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
