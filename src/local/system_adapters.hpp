// The real clock, environment, console and random source.
#pragma once

#include <random>

#include "core/ports/clock.hpp"
#include "core/ports/console.hpp"
#include "core/ports/environment.hpp"
#include "core/ports/random.hpp"

namespace fd {

class SystemClock : public Clock {
 public:
  std::chrono::system_clock::time_point now() override;
  std::chrono::steady_clock::time_point steady() override;
  // Sleeps in short slices so a signal ends the wait promptly.
  bool sleepFor(std::chrono::milliseconds duration) override;
};

class ProcessEnvironment : public Environment {
 public:
  std::optional<std::string> get(const std::string& name) const override;
  std::vector<std::pair<std::string, std::string>> all() const override;
};

class StdConsole : public Console {
 public:
  void out(std::string_view text) override;
  void err(std::string_view text) override;
  bool stdoutIsTty() const override;
  bool stdinIsTty() const override;
  std::optional<std::string> readLine() override;
};

class SystemRandom : public Random {
 public:
  SystemRandom();
  std::string hex(std::size_t chars) override;
  double unit() override;

 private:
  std::mt19937_64 engine_;
};

}  // namespace fd
