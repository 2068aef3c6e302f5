// The real clock for integration tests (the production one lives with the adapters).
#pragma once

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/cancellation.hpp"
#include "core/ports/clock.hpp"

namespace fd::test {

class RealClock : public Clock {
 public:
  std::chrono::system_clock::time_point now() override { return std::chrono::system_clock::now(); }
  std::chrono::steady_clock::time_point steady() override {
    return std::chrono::steady_clock::now();
  }
  bool sleepFor(std::chrono::milliseconds duration) override {
    const auto until = steady() + duration;
    while (!Cancellation::requested()) {
      const auto left = until - steady();
      if (left <= std::chrono::milliseconds(0)) return true;
      std::this_thread::sleep_for(
          std::min<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(20)));
    }
    return false;
  }
};

}  // namespace fd::test
