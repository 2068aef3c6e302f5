// Error-rate readings: numbers or "no data", never 0 by accident.
#include "deploy/error_rate.hpp"

#include <boost/test/unit_test.hpp>
#include <string>

namespace {

fd::EnvConfig limits(std::optional<double> maxRate, std::optional<double> maxIncrease) {
  fd::EnvConfig env;
  env.name = "prod";
  env.maxErrorRate = maxRate;
  env.maxErrorRateIncrease = maxIncrease;
  return env;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(error_rate)

BOOST_AUTO_TEST_CASE(parses_a_number_on_the_first_non_empty_line) {
  BOOST_TEST(fd::parseErrorRate("0.4").value_or(-1) == 0.4);
  BOOST_TEST(fd::parseErrorRate("0.4%\n").value_or(-1) == 0.4);
  BOOST_TEST(fd::parseErrorRate("\n\n  2.5 % \nignored 99\n").value_or(-1) == 2.5);
  BOOST_TEST(fd::parseErrorRate("0").value_or(-1) == 0.0);
  BOOST_TEST(fd::parseErrorRate("100").value_or(-1) == 100.0);
  BOOST_TEST(fd::parseErrorRate("+1.25\r\n").value_or(-1) == 1.25);
}

BOOST_AUTO_TEST_CASE(anything_else_is_no_data) {
  for (const std::string output : {"", "\n  \n", "N/A", "nan", "NaN", "inf", "-inf", "-0.5", "null",
                                   "0.4 errors/s", "1e-3", "101", "one", "0x10", "%", "4 %%"}) {
    BOOST_TEST(!fd::parseErrorRate(output).has_value(), "\"" << output << "\"");
  }
}

BOOST_AUTO_TEST_CASE(formats_percentages_briefly) {
  BOOST_TEST(fd::formatPercent(0.4) == "0.4%");
  BOOST_TEST(fd::formatPercent(1) == "1%");
  BOOST_TEST(fd::formatPercent(0) == "0%");
  BOOST_TEST(fd::formatPercent(12.345) == "12.345%");
  BOOST_TEST(fd::formatPercent(0.1 + 0.2) == "0.3%");
}

BOOST_AUTO_TEST_CASE(no_data_fails_with_the_reason_never_as_zero) {
  const fd::ErrorRateVerdict verdict =
      fd::judgeErrorRate(std::nullopt, 0.3, limits(1.0, std::nullopt), "output was \"N/A\"");
  BOOST_TEST(!verdict.passed);
  BOOST_TEST(verdict.reason == "no data: output was \"N/A\"");

  const fd::ErrorRateVerdict noLimits =
      fd::judgeErrorRate(std::nullopt, std::nullopt, limits(std::nullopt, std::nullopt), "");
  BOOST_TEST(!noLimits.passed);
  BOOST_TEST(noLimits.reason == "no data");
}

BOOST_AUTO_TEST_CASE(max_error_rate_is_absolute) {
  const auto env = limits(1.0, std::nullopt);
  BOOST_TEST(fd::judgeErrorRate(0.4, std::nullopt, env, "").passed);
  BOOST_TEST(fd::judgeErrorRate(1.0, std::nullopt, env, "").passed);
  const fd::ErrorRateVerdict over = fd::judgeErrorRate(2.5, std::nullopt, env, "");
  BOOST_TEST(!over.passed);
  BOOST_TEST(over.reason == "error rate 2.5% exceeds max_error_rate 1%");
}

BOOST_AUTO_TEST_CASE(max_error_rate_increase_is_in_points_over_the_baseline) {
  const auto env = limits(std::nullopt, 0.5);
  BOOST_TEST(fd::judgeErrorRate(0.7, 0.3, env, "").passed);
  BOOST_TEST(fd::judgeErrorRate(0.1 + 0.2 + 0.5, 0.3, env, "").passed);  // 0.5 plus rounding
  const fd::ErrorRateVerdict over = fd::judgeErrorRate(1.2, 0.3, env, "");
  BOOST_TEST(!over.passed);
  BOOST_TEST(over.reason ==
             "error rate 1.2% is 0.9 points above the baseline 0.3% (max_error_rate_increase "
             "0.5 points)");
}

BOOST_AUTO_TEST_CASE(an_increase_limit_without_a_baseline_cannot_be_judged) {
  const fd::ErrorRateVerdict both = fd::judgeErrorRate(0.2, std::nullopt, limits(1.0, 0.5), "");
  BOOST_TEST(!both.passed);
  BOOST_TEST(contains(both.reason, "baseline before the deploy was no data"));
  BOOST_TEST(contains(both.reason, "cannot be judged"));

  const fd::ErrorRateVerdict onlyAbsolute =
      fd::judgeErrorRate(0.2, std::nullopt, limits(1.0, std::nullopt), "");
  BOOST_TEST(onlyAbsolute.passed);
}

BOOST_AUTO_TEST_CASE(both_limits_apply) {
  const auto env = limits(1.0, 0.5);
  BOOST_TEST(fd::judgeErrorRate(0.6, 0.3, env, "").passed);
  BOOST_TEST(!fd::judgeErrorRate(1.1, 0.9, env, "").passed);  // absolute limit
  BOOST_TEST(!fd::judgeErrorRate(0.9, 0.1, env, "").passed);  // increase limit
  const fd::ErrorRateVerdict ok = fd::judgeErrorRate(0.6, 0.3, env, "");
  BOOST_TEST(ok.reason == "error rate 0.6% (baseline 0.3%) within limits");
}

BOOST_AUTO_TEST_SUITE_END()
