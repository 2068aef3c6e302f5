// Randomness for delimiters, stop-commands tokens and retry jitter; stubbed in tests.
#pragma once

#include <string>

namespace fd {

class Random {
 public:
  virtual ~Random() = default;
  virtual std::string hex(std::size_t chars) = 0;
  // Uniform in [0, 1).
  virtual double unit() = 0;
};

}  // namespace fd
