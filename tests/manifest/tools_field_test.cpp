// The `tools` extension: platform CLIs pinned by checksum (docs/PLATFORMS.md).
#include <boost/test/unit_test.hpp>

#include <string>

#include "manifest_fixtures.hpp"

namespace {

using fd::test::errorOf;
using fd::test::parse;
using fd::test::setupWith;

const std::string kSha = std::string(32, 'A') + std::string(32, 'b');

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tools_field)

BOOST_AUTO_TEST_CASE(a_pinned_cli_loads_with_its_binary_defaulting_to_its_name) {
  const auto result = parse(setupWith(
      "tools",
      R"([{"name": "railway", "url": "https://github.com/railwayapp/cli/releases/download/v3.17.0/railway-v3.17.0-x86_64-unknown-linux-musl.tar.gz", "sha256": ")" +
          kSha + R"("},
                  {"name": "kubectl", "url": "https://dl.k8s.io/release/v1.31.0/bin/linux/amd64/kubectl", "sha256": ")" +
          kSha + R"(", "binary": "kubectl"}])"));
  BOOST_REQUIRE_MESSAGE(result.ok(), errorOf(result));
  BOOST_REQUIRE(result->tools.size() == 2u);
  BOOST_TEST(result->tools[0].name == "railway");
  BOOST_TEST(result->tools[0].binary == "railway");
  BOOST_TEST(result->tools[0].sha256 == std::string(32, 'a') + std::string(32, 'b'));
  BOOST_TEST(result->warnings.empty());
}

BOOST_AUTO_TEST_CASE(each_wrong_tool_field_is_named) {
  const struct {
    const char* tools;
    const char* expected;
  } cases[] = {
      {R"({"name": "x"})", "tools: expected an array"},
      {R"([{"url": "https://x/y", "sha256": "SHA"}])", "tools[0].name: missing"},
      {R"([{"name": "x", "sha256": "SHA"}])", "tools[0].url: missing"},
      {R"([{"name": "x", "url": "https://x/y"}])", "tools[0].sha256: missing"},
      {R"([{"name": "x", "url": "https://x/y", "sha256": "abc"}])",
       "tools[0].sha256: expected the asset's SHA-256 as 64 hex digits"},
      {R"([{"name": "../x", "url": "https://x/y", "sha256": "SHA"}])",
       "tools[0].name: expected a command name"},
      {R"([{"name": "x", "url": "ftp://x/y", "sha256": "SHA"}])",
       "tools[0].url: expected an https:// URL"},
      {R"([{"name": "x", "url": "https://x/y.tgz", "sha256": "SHA", "binary": "../../bin/sh"}])",
       "tools[0].binary: expected a relative path inside the archive"},
  };
  for (const auto& bad : cases) {
    std::string tools = bad.tools;
    const std::size_t at = tools.find("SHA\"");
    if (at != std::string::npos) tools.replace(at, 3, kSha);
    const auto result = parse(setupWith("tools", tools));
    BOOST_TEST_CONTEXT(bad.tools) {
      BOOST_REQUIRE(!result.ok());
      BOOST_TEST(contains(result.message(), bad.expected), result.message());
    }
  }
}

BOOST_AUTO_TEST_CASE(an_unknown_tool_key_is_a_warning_with_a_suggestion) {
  const auto result = parse(setupWith(
      "tools", R"([{"name": "x", "url": "https://x/y", "sha256": ")" + kSha + R"(", "sha": 1}])"));
  BOOST_REQUIRE_MESSAGE(result.ok(), errorOf(result));
  BOOST_TEST(result->warnings.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
