// `factory-deploy history --metrics` as text and JSON: each figure with the entries it used.
#pragma once

#include <string>

#include "history/delivery_metrics.hpp"

namespace fd {

// The four keys' one-line figures, as the text and the job summary show them.
struct MetricsHeadlines {
  std::string frequency;
  std::string leadTime;
  std::string failureRate;
  std::string restore;
};
MetricsHeadlines metricsHeadlines(const DeliveryMetrics& metrics);

std::string metricsText(const DeliveryMetrics& metrics, const std::string& source);

// {"source", "environment", "window_days", "from", "to", "deployment_frequency": {...},
// "lead_time": {...}, "change_failure_rate": {...}, "time_to_restore": {...}}
std::string metricsJson(const DeliveryMetrics& metrics, const std::string& source);

}  // namespace fd
