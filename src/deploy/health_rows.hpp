// Builds the Health Checks table: a row per attempt, but a run of identical failures becomes one
// summarised row, so a ten-minute wait for a booting app stays a short table.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/deploy_record.hpp"

namespace fd {

struct HealthAttempt {
  int number = 0;  // 1-based
  bool passed = false;
  std::string status;           // "200", "connection refused", "timeout", ...
  std::optional<long long> ms;  // response time, when there was a response
  std::string detail;           // "version x is not y", "redirect to /login", ...
};

class HealthRows {
 public:
  // A table longer than this keeps its first and last rows and says how many it left out.
  static constexpr std::size_t kMaxRows = 40;

  HealthRows(std::string endpoint, std::string expected, std::string label);

  void add(const HealthAttempt& attempt);
  std::vector<HealthRow> rows() const;

 private:
  struct Run {
    HealthAttempt first;
    int last = 0;
    int count = 0;
    std::optional<long long> slowestMs;
  };

  HealthRow toRow(const Run& run) const;

  std::string endpoint_;
  std::string expected_;
  std::string label_;
  std::vector<Run> runs_;
};

}  // namespace fd
