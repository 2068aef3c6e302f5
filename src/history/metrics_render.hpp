// `factory-deploy history --metrics` as text and JSON: each figure with the entries it used.
#pragma once

#include <string>

#include "history/delivery_metrics.hpp"

namespace fd {

std::string metricsText(const DeliveryMetrics& metrics, const std::string& source);

// {"source", "environment", "window_days", "from", "to", "deployment_frequency": {...},
// "lead_time": {...}, "change_failure_rate": {...}, "time_to_restore": {...}}
std::string metricsJson(const DeliveryMetrics& metrics, const std::string& source);

}  // namespace fd
