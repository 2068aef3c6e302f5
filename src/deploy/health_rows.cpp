#include "deploy/health_rows.hpp"

#include <algorithm>
#include <utility>

namespace fd {

namespace {

constexpr std::size_t kHeadRows = 10;

bool sameFailure(const HealthAttempt& a, const HealthAttempt& b) {
  return !a.passed && !b.passed && a.status == b.status && a.detail == b.detail;
}

}  // namespace

HealthRows::HealthRows(std::string endpoint, std::string expected, std::string label)
    : endpoint_(std::move(endpoint)), expected_(std::move(expected)), label_(std::move(label)) {}

void HealthRows::add(const HealthAttempt& attempt) {
  if (!runs_.empty() && sameFailure(runs_.back().first, attempt)) {
    Run& run = runs_.back();
    run.last = attempt.number;
    ++run.count;
    if (attempt.ms && (!run.slowestMs || *attempt.ms > *run.slowestMs)) run.slowestMs = attempt.ms;
    return;
  }
  runs_.push_back(Run{attempt, attempt.number, 1, attempt.ms});
}

HealthRow HealthRows::toRow(const Run& run) const {
  HealthRow row;
  row.endpoint = endpoint_;
  row.status = run.first.status;
  row.responseMs = run.slowestMs;
  row.expected = expected_;
  std::string notes = label_.empty() ? "" : label_ + ", ";
  if (run.count == 1) {
    notes += "attempt " + std::to_string(run.first.number);
  } else {
    notes += "×" + std::to_string(run.count) + ", attempts " + std::to_string(run.first.number) +
             "–" + std::to_string(run.last);
  }
  if (!run.first.detail.empty()) notes += ": " + run.first.detail;
  row.notes = std::move(notes);
  return row;
}

std::vector<HealthRow> HealthRows::rows() const {
  std::vector<HealthRow> rows;
  if (runs_.size() <= kMaxRows) {
    for (const Run& run : runs_) rows.push_back(toRow(run));
    return rows;
  }
  const std::size_t tail = kMaxRows - kHeadRows - 1;
  for (std::size_t i = 0; i < kHeadRows; ++i) rows.push_back(toRow(runs_[i]));
  const Run& firstLeftOut = runs_[kHeadRows];
  const Run& lastLeftOut = runs_[runs_.size() - tail - 1];
  HealthRow gap;
  gap.endpoint = endpoint_;
  gap.status = "…";
  gap.expected = expected_;
  gap.notes = (label_.empty() ? "" : label_ + ", ") + "attempts " +
              std::to_string(firstLeftOut.first.number) + "–" + std::to_string(lastLeftOut.last) +
              " left out (" + std::to_string(runs_.size() - kHeadRows - tail) + " rows)";
  rows.push_back(std::move(gap));
  for (std::size_t i = runs_.size() - tail; i < runs_.size(); ++i) rows.push_back(toRow(runs_[i]));
  return rows;
}

}  // namespace fd
