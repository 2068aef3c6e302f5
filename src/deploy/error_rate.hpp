// Error-rate readings (INTERFACE §3): one number, percent. Anything else is "no data", never 0.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/manifest.hpp"

namespace fd {

// The first non-empty line of a command's output as a percentage ("0.4", "0.4%").
// nullopt for empty output, NaN, inf, negatives, values over 100, or text.
std::optional<double> parseErrorRate(std::string_view output);

struct ErrorRateVerdict {
  bool passed = false;
  std::string reason;  // "error rate 2.5% exceeds max_error_rate 1%", "no data: ..."
};

// Compares the post-deploy reading with the limits; a missing reading fails ("no data").
ErrorRateVerdict judgeErrorRate(std::optional<double> after, std::optional<double> baseline,
                                const EnvConfig& env, std::string_view noDataDetail);

// "0.4%"
std::string formatPercent(double value);

}  // namespace fd
