// Finds sentinel secrets in the places a run writes to: whole values and their first or last
// 8 characters (a value cut short before it was masked leaks that way).
#pragma once

#include <string>
#include <vector>

#include "leaks/sentinels.hpp"

namespace fd::test {

struct Sink {
  std::string
      name;  // "stdout", "file /repo/DEPLOY-RECEIPT.md", "POST /repos/octo/shop/deployments"
  std::string text;
};

struct Leak {
  std::string sink;
  std::string sentinel;
  std::string part;  // "whole value", "first 8 characters", "last 8 characters"
  std::string context;
};

constexpr std::size_t kFragment = 8;

std::vector<Leak> findLeaks(const std::vector<Sink>& sinks, const std::vector<Sentinel>& secrets);

// One line per leak, for BOOST_TEST messages.
std::string describe(const std::vector<Leak>& leaks);

// The runner's escaping of a workflow command's data (what ::add-mask:: carries).
std::string escapeCommandData(const std::string& value);

// Lines of `text` (without their newline).
std::vector<std::string> lines(const std::string& text);

bool contains(const std::string& text, const std::string& needle);

}  // namespace fd::test
