#include <boost/test/unit_test.hpp>

#include "github/link_header.hpp"

using fd::github::findLink;

BOOST_AUTO_TEST_SUITE(link_header)

BOOST_AUTO_TEST_CASE(finds_next_among_githubs_links) {
  const std::string header =
      R"(<https://api.github.com/repositories/1/commits/abc/check-runs?per_page=100&page=1>; rel="prev", )"
      R"(<https://api.github.com/repositories/1/commits/abc/check-runs?per_page=100&page=3>; rel="next", )"
      R"(<https://api.github.com/repositories/1/commits/abc/check-runs?per_page=100&page=10>; rel="last")";
  BOOST_TEST(findLink(header).value() ==
             "https://api.github.com/repositories/1/commits/abc/check-runs?per_page=100&page=3");
  BOOST_TEST(findLink(header, "last").value().find("page=10") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(last_page_has_no_next) {
  BOOST_TEST(!findLink(R"(<https://x/a?page=1>; rel="first", <https://x/a?page=9>; rel="prev")"));
  BOOST_TEST(!findLink(""));
}

BOOST_AUTO_TEST_CASE(accepts_unquoted_multiple_rels_spaces_and_commas_in_urls) {
  BOOST_TEST(findLink("<https://x/a?labels=a,b&page=2>;rel=next").value() ==
             "https://x/a?labels=a,b&page=2");
  BOOST_TEST(findLink(R"(<https://x/2>; title="a, b"; rel="last next")").value() == "https://x/2");
  BOOST_TEST(findLink(R"(  <https://x/3> ;  REL = "Next" )").value() == "https://x/3");
}

BOOST_AUTO_TEST_CASE(survives_malformed_input) {
  for (const char* bad : {"<", "<https://x", ">; rel=next", ";;;,,,", R"(<a>; rel=")",
                          "garbage, <b>; rel=next", "<>; rel=next", "\xff\xfe<\x01>;rel=\"next"}) {
    const auto found = findLink(bad);
    BOOST_TEST((!found || !found->empty()), bad);
  }
  BOOST_TEST(findLink("garbage, <b>; rel=next").value() == "b");
}

BOOST_AUTO_TEST_SUITE_END()
