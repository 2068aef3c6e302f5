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

// Escaped forms: text is often escaped before it is masked (manifest errors, JSON, excerpts, the
// rendered receipt); the secret must be found in each form.

const std::string kOdd = "Ab3\"q\\7|z_*`k";  // Ab3"q\7|z_*`k

BOOST_AUTO_TEST_CASE(masks_a_secret_as_a_manifest_error_or_json_quotes_it) {
  fd::SecretMasker masker;
  masker.add(kOdd);
  BOOST_TEST(masker.mask(R"(got "Ab3\"q\\7|z_*`k")") == R"(got "***")");
  masker.add(std::string("tab\there") + '\x01' + "end");
  BOOST_TEST(masker.mask(R"("tab\there\x01end")") == R"("***")");    // manifest::quoted
  BOOST_TEST(masker.mask(R"("tab\there\u0001end")") == R"("***")");  // JSON
  BOOST_TEST(masker.mask("tab\\there?end") == "***");                // describeJsonValue
}

BOOST_AUTO_TEST_CASE(masks_a_secret_as_an_excerpt_and_the_receipt_show_it) {
  fd::SecretMasker masker;
  masker.add(kOdd);
  BOOST_TEST(masker.mask(R"(| Ab3"q\\7\|z_*`k |)") == "| *** |");       // table cell
  BOOST_TEST(masker.mask(R"(_(Ab3"q\\7|z\_\*\`k.)_)") == "_(***.)_");   // italic remark
  BOOST_TEST(masker.mask(R"(to Ab3"q\7?z_*?k,)") == "to ***,");         // excerpt()
  BOOST_TEST(masker.mask(R"(| to Ab3"q\\7?z_*?k |)") == "| to *** |");  // an excerpt in a cell
}

BOOST_AUTO_TEST_CASE(masks_a_multiline_secret_quoted_whole) {
  fd::SecretMasker masker;
  masker.add("first-line\nsecond-line");
  BOOST_TEST(masker.mask(R"(value "first-line\nsecond-line")") == R"(value "***")");
}

// Cut marks: text cut before it was masked keeps a piece of a secret next to the mark.

BOOST_AUTO_TEST_CASE(masks_the_start_of_a_secret_cut_off_at_a_cut_mark) {
  fd::SecretMasker masker;
  masker.add("FoQ1Ws4Kp9Qz2Xn7");
  BOOST_TEST(masker.mask("session=FoQ1Ws4Kp9…\"") == "session=***…\"");  // quoted(), excerpt()
  BOOST_TEST(masker.mask("xxFoQ1Ws4K …") == "xx*** …");                  // output tails
  BOOST_TEST(masker.mask("deploy: FoQ1Ws4Kp...") == "deploy: ***...");   // the job summary
  BOOST_TEST(masker.mask("…s4Kp9Qz2Xn7 rest") == "…*** rest");           // a cut-off end
  BOOST_TEST(masker.mask("… Qz2Xn7") == "… ***");
}

BOOST_AUTO_TEST_CASE(takes_a_row_of_dots_for_one_cut) {
  fd::SecretMasker masker;
  masker.add("FoQ1Ws4Kp9Qz2Xn7");
  BOOST_TEST(masker.mask("FoQ1Ws4Kp9........Qz2Xn7") == "***........***");
  const std::string dots(1 << 20, '.');  // a progress bar: one cut, looked at once
  BOOST_TEST(masker.mask(dots) == dots);
}

BOOST_AUTO_TEST_CASE(masks_a_cut_off_piece_of_an_escaped_form) {
  fd::SecretMasker masker;
  masker.add(kOdd);
  BOOST_TEST(masker.mask(R"(got "Ab3\"q\\7|…")") == R"(got "***…")");
}

BOOST_AUTO_TEST_CASE(leaves_short_pieces_and_pieces_away_from_a_cut_mark) {
  fd::SecretMasker masker;
  masker.add("FoQ1Ws4Kp9Qz2Xn7");
  BOOST_TEST(masker.mask("FoQ1W…") == "FoQ1W…");  // 5 bytes of 16 say nothing
  BOOST_TEST(masker.mask("FoQ1Ws4Kp9 and more") == "FoQ1Ws4Kp9 and more");
  BOOST_TEST(masker.mask("FoQ1Ws4Kp9x…") == "FoQ1Ws4Kp9x…");  // not where the mark is
}

BOOST_AUTO_TEST_CASE(masks_all_but_one_byte_of_a_short_secret_at_a_cut_mark) {
  fd::SecretMasker masker;
  masker.add("pw12");
  BOOST_TEST(masker.mask("is pw1…") == "is ***…");
  BOOST_TEST(masker.mask("is pw…") == "is pw…");
}

BOOST_AUTO_TEST_CASE(masking_twice_changes_nothing_more) {
  fd::SecretMasker masker;
  masker.add(kOdd);
  masker.add("FoQ1Ws4Kp9Qz2Xn7");
  const std::string once = masker.mask("a FoQ1Ws4Kp9Qz2Xn7 b Ab3\"q\\7|z_*`k c FoQ1Ws4K …");
  BOOST_TEST(once == "a *** b *** c *** …");
  BOOST_TEST(masker.mask(once) == once);
}

BOOST_AUTO_TEST_CASE(knows_nothing_before_a_secret_is_added) {
  const fd::SecretMasker masker;
  BOOST_TEST(masker.mask("text …") == "text …");
  BOOST_TEST(masker.longest() == 0U);
  BOOST_TEST(masker.safeCut("abcdef", 4) == 4U);
}

// safeCut: where a stream may be split without splitting a secret.

BOOST_AUTO_TEST_CASE(a_safe_cut_keeps_back_what_may_be_the_start_of_a_secret) {
  fd::SecretMasker masker;
  masker.add("0123456789");
  BOOST_TEST(masker.longest() == 10U);
  const std::string text(100, 'y');
  BOOST_TEST(masker.safeCut(text, 50) == 50U);
  BOOST_TEST(masker.safeCut(text, 100) == 91U);  // the last 9 bytes may begin a secret
  BOOST_TEST(masker.safeCut("short", 5) == 0U);
}

BOOST_AUTO_TEST_CASE(a_safe_cut_moves_before_a_secret_it_would_split) {
  fd::SecretMasker masker;
  masker.add("0123456789");
  const std::string text = std::string(40, 'y') + "0123456789" + std::string(40, 'y');
  BOOST_TEST(masker.safeCut(text, 45) == 40U);
  BOOST_TEST(masker.safeCut(text, 40) == 40U);
  BOOST_TEST(masker.safeCut(text, 50) == 50U);
  // Overlapping secrets: moved back until none is split.
  masker.add("yy0123");
  BOOST_TEST(masker.safeCut(text, 45) == 38U);
}

BOOST_AUTO_TEST_CASE(a_url_password_with_a_literal_at_sign_is_masked_whole) {
  const fd::SecretMasker masker;
  BOOST_TEST(masker.mask("postgres://u:At@Sign222@db/shop") == "postgres://u:***@db/shop");
  BOOST_TEST(masker.mask("redis://:p@ss@cache:6379 and mail@example.com") ==
             "redis://:***@cache:6379 and mail@example.com");
  BOOST_TEST(masker.mask("https://example.com/a@b") == "https://example.com/a@b");
}

BOOST_AUTO_TEST_SUITE_END()
