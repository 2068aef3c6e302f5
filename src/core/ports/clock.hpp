// Time, behind an interface so polling and deadlines run instantly in tests.
#pragma once

#include <chrono>

namespace fd {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point now() = 0;
  virtual std::chrono::steady_clock::time_point steady() = 0;
  // Returns early (false) when cancellation was requested.
  virtual bool sleepFor(std::chrono::milliseconds duration) = 0;
};

}  // namespace fd
