#include "net/proxy_settings.hpp"

#include <boost/test/unit_test.hpp>

#include "support/error_code_print.hpp"
#include "support/fakes.hpp"

BOOST_AUTO_TEST_SUITE(proxy_settings)

BOOST_AUTO_TEST_CASE(reads_lower_case_names_before_upper_case_ones) {
  fd::test::FakeEnvironment environment;
  environment.values = {{"HTTPS_PROXY", "http://upper:1"},
                        {"https_proxy", "http://lower:2"},
                        {"HTTP_PROXY", "http://plain:3"},
                        {"NO_PROXY", ".corp.example"}};
  const fd::ProxySettings settings = fd::ProxySettings::fromEnvironment(environment);
  BOOST_TEST(settings.httpsProxy == "http://lower:2");
  BOOST_TEST(settings.httpProxy == "http://plain:3");
  BOOST_TEST(settings.noProxy == ".corp.example");
}

BOOST_AUTO_TEST_CASE(no_proxy_matches_hosts_domains_and_star) {
  BOOST_TEST(fd::bypassesProxy("example.com", "example.com"));
  BOOST_TEST(fd::bypassesProxy("example.com", "api.example.com"));
  BOOST_TEST(fd::bypassesProxy(".example.com", "api.example.com"));
  BOOST_TEST(fd::bypassesProxy(" other.org , example.com:8443", "EXAMPLE.com"));
  BOOST_TEST(!fd::bypassesProxy("example.com", "badexample.com"));
  BOOST_TEST(!fd::bypassesProxy("", "example.com"));
  BOOST_TEST(fd::bypassesProxy("*", "anything.net"));
  BOOST_TEST(fd::bypassesProxy("", "localhost"));
  BOOST_TEST(fd::bypassesProxy("", "127.0.0.1"));
}

BOOST_AUTO_TEST_CASE(picks_the_proxy_by_scheme_and_parses_it) {
  fd::ProxySettings settings;
  settings.httpsProxy = "http://user:pw@proxy.corp:8080";
  settings.httpProxy = "proxy.corp";
  settings.noProxy = "internal.corp";

  const auto https = fd::proxyFor(settings, "https", "shop.fly.dev");
  BOOST_REQUIRE(https.ok());
  BOOST_REQUIRE(https->has_value());
  BOOST_TEST((*https)->host == "proxy.corp");
  BOOST_TEST((*https)->port == 8080);
  BOOST_TEST((*https)->username == "user");
  BOOST_TEST((*https)->password == "pw");

  const auto http = fd::proxyFor(settings, "http", "shop.fly.dev");
  BOOST_REQUIRE(http.ok());
  BOOST_REQUIRE(http->has_value());
  BOOST_TEST((*http)->port == 1080);

  const auto direct = fd::proxyFor(settings, "https", "app.internal.corp");
  BOOST_REQUIRE(direct.ok());
  BOOST_TEST(!direct->has_value());
}

BOOST_AUTO_TEST_CASE(an_https_proxy_url_is_refused) {
  fd::ProxySettings settings;
  settings.httpsProxy = "https://proxy.corp:443";
  const auto proxy = fd::proxyFor(settings, "https", "shop.fly.dev");
  BOOST_REQUIRE(!proxy.ok());
  BOOST_TEST(proxy.code() == fd::ErrorCode::InvalidArgument);
  BOOST_TEST(proxy.message().find("HTTPS_PROXY") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
