// Deterministic mutations of the fixtures: whatever the bytes, parsing returns a value (never
// crashes or throws), and a refusal is always InvalidArgument with a message.
#include <boost/test/unit_test.hpp>

#include <random>
#include <string>
#include <vector>

#include "manifest/manifest_loader.hpp"
#include "manifest/placeholders.hpp"
#include "manifest_fixtures.hpp"

namespace {

const std::vector<std::string> kTokens = {"{",          "}",       "[",           "]",      ",",
                                          ":",          "\"",      "null",        "true",   "-1",
                                          "1e999",      "0.5",     "\"\\u0000\"", "\xff",   "\n",
                                          "{app_name}", "${HOME}", "\"prod\"",    "\"url\""};

std::string mutated(std::string text, std::mt19937& random) {
  const int edits = 1 + static_cast<int>(random() % 4);
  for (int i = 0; i < edits && !text.empty(); ++i) {
    const std::size_t at = random() % text.size();
    switch (random() % 4) {
      case 0:
        text[at] = static_cast<char>(random() % 256);
        break;
      case 1:
        text.erase(at, 1 + random() % 8);
        break;
      case 2:
        text.insert(at, kTokens[random() % kTokens.size()]);
        break;
      default:
        text.resize(at);
        break;
    }
  }
  return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(manifest_robustness)

BOOST_AUTO_TEST_CASE(mutated_manifests_never_crash_and_fail_only_as_invalid_input) {
  const std::vector<std::string> seeds = {
      fd::test::fixture("setup_example.json"), fd::test::fixture("overrides.json"),
      fd::test::fixture("extensions.json"), fd::test::fixture("factory_own_manifest.json"),
      fd::test::fixture("injection.json")};
  std::mt19937 random(20240403);
  int loaded = 0;
  int refused = 0;
  for (int round = 0; round < 4000; ++round) {
    const std::string text = mutated(seeds[round % seeds.size()], random);
    const auto result = fd::parseManifest(text, "m.json");
    if (!result.ok()) {
      BOOST_TEST((result.code() == fd::ErrorCode::InvalidArgument), text);
      BOOST_TEST(result.message().starts_with("m.json: "), result.message());
      ++refused;
      continue;
    }
    ++loaded;
    for (const fd::EnvConfig& env : result->environments) {
      const auto selected = fd::selectEnvironment(*result, env.name);
      if (!selected.ok()) BOOST_TEST((selected.code() == fd::ErrorCode::InvalidArgument));
      (void)fd::expandCommands(env, fd::placeholderValues(*result, env, "abc"));
    }
  }
  // Both outcomes are exercised, so the loop tests the parser and not only the JSON reader.
  BOOST_TEST(loaded > 100);
  BOOST_TEST(refused > 100);
}

BOOST_AUTO_TEST_SUITE_END()
