#include "deploy/error_rate.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace fd {

namespace {

// Readings are compared with a little slack so that 0.1 + 0.2 does not "exceed" 0.3.
constexpr double kEpsilon = 1e-9;

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string_view firstNonEmptyLine(std::string_view output) {
  while (!output.empty()) {
    const auto newline = output.find('\n');
    const std::string_view line = trim(output.substr(0, newline));
    if (!line.empty()) return line;
    if (newline == std::string_view::npos) break;
    output.remove_prefix(newline + 1);
  }
  return {};
}

std::string points(double value) {
  std::string text = formatPercent(value);
  text.pop_back();  // the '%'
  return text + (text == "1" ? " point" : " points");
}

}  // namespace

std::optional<double> parseErrorRate(std::string_view output) {
  std::string_view text = firstNonEmptyLine(output);
  if (!text.empty() && text.back() == '%') text = trim(text.substr(0, text.size() - 1));
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0;
  const auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  // A percentage: 0..100. NaN and infinities fail these comparisons or the isfinite test.
  if (!std::isfinite(value) || value < 0 || value > 100) return std::nullopt;
  return value;
}

std::string formatPercent(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.3f", value);
  std::string text(buffer);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  if (text == "-0") text = "0";
  return text + "%";
}

ErrorRateVerdict judgeErrorRate(std::optional<double> after, std::optional<double> baseline,
                                const EnvConfig& env, std::string_view noDataDetail) {
  if (!after) {
    std::string reason = "no data";
    if (!noDataDetail.empty()) reason += ": " + std::string(noDataDetail);
    return {false, reason};
  }
  const std::string now = "error rate " + formatPercent(*after);
  if (env.maxErrorRate && *after > *env.maxErrorRate + kEpsilon) {
    return {false, now + " exceeds max_error_rate " + formatPercent(*env.maxErrorRate)};
  }
  if (env.maxErrorRateIncrease) {
    if (!baseline) {
      return {false, now + ", but the baseline before the deploy was no data, so " +
                         "max_error_rate_increase " + points(*env.maxErrorRateIncrease) +
                         " cannot be judged"};
    }
    const double increase = *after - *baseline;
    if (increase > *env.maxErrorRateIncrease + kEpsilon) {
      return {false, now + " is " + points(increase) + " above the baseline " +
                         formatPercent(*baseline) + " (max_error_rate_increase " +
                         points(*env.maxErrorRateIncrease) + ")"};
    }
  }
  std::ostringstream reason;
  reason << now;
  if (baseline) reason << " (baseline " << formatPercent(*baseline) << ")";
  if (!env.maxErrorRate && !env.maxErrorRateIncrease) reason << ", no limit set";
  if (env.maxErrorRate || env.maxErrorRateIncrease) reason << " within limits";
  return {true, reason.str()};
}

}  // namespace fd
