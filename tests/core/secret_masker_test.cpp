#include <boost/test/unit_test.hpp>

#include "core/secret_masker.hpp"

BOOST_AUTO_TEST_SUITE(secret_masker)

BOOST_AUTO_TEST_CASE(masks_every_occurrence_and_each_line_of_a_multiline_secret) {
  fd::SecretMasker masker;
  masker.add("hunter22\nline-two-secret");
  BOOST_TEST(masker.mask("a hunter22 b hunter22") == "a *** b ***");
  BOOST_TEST(masker.mask("x line-two-secret y") == "x *** y");
}

BOOST_AUTO_TEST_CASE(masks_the_longer_secret_whole_when_one_contains_another) {
  fd::SecretMasker masker;
  masker.add("abcd");
  masker.add("abcdefgh");
  BOOST_TEST(masker.mask("abcdefgh") == "***");
}

BOOST_AUTO_TEST_CASE(ignores_values_too_short_to_be_secrets) {
  fd::SecretMasker masker;
  masker.add("ab");
  BOOST_TEST(masker.mask("ab cd") == "ab cd");
}

BOOST_AUTO_TEST_SUITE_END()
