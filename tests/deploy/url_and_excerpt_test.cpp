#include <boost/test/unit_test.hpp>

#include "deploy/excerpt.hpp"
#include "deploy/url_join.hpp"

BOOST_AUTO_TEST_SUITE(url_and_excerpt)

BOOST_AUTO_TEST_CASE(joins_with_exactly_one_slash) {
  BOOST_TEST(fd::joinUrl("https://a.dev", "/health") == "https://a.dev/health");
  BOOST_TEST(fd::joinUrl("https://a.dev/", "/health") == "https://a.dev/health");
  BOOST_TEST(fd::joinUrl("https://a.dev", "health") == "https://a.dev/health");
  BOOST_TEST(fd::joinUrl("https://a.dev/api/", "health") == "https://a.dev/api/health");
  BOOST_TEST(fd::joinUrl("https://a.dev", "") == "https://a.dev");
}

BOOST_AUTO_TEST_CASE(drops_credentials_from_urls) {
  BOOST_TEST(fd::withoutCredentials("https://u:pw@a.dev/x?y=1") == "https://a.dev/x?y=1");
  BOOST_TEST(fd::withoutCredentials("https://a.dev/x@y") == "https://a.dev/x@y");
  BOOST_TEST(fd::withoutCredentials("https://u:p@ss@a.dev") == "https://a.dev");
  BOOST_TEST(fd::withoutCredentials("not a url") == "not a url");
}

BOOST_AUTO_TEST_CASE(excerpts_are_safe_for_tables) {
  BOOST_TEST(fd::excerpt("a|b`c\nd") == "a?b?c?d");
  BOOST_TEST(fd::excerpt("abcdef", 3) == "abc…");
  BOOST_TEST(fd::excerpt("héllo", 2) == "h…");  // never half a character
}

BOOST_AUTO_TEST_SUITE_END()
