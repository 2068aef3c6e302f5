#include "local/system_adapters.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "core/cancellation.hpp"

extern char** environ;  // NOLINT(readability-redundant-declaration)

namespace fd {

std::chrono::system_clock::time_point SystemClock::now() {
  return std::chrono::system_clock::now();
}

std::chrono::steady_clock::time_point SystemClock::steady() {
  return std::chrono::steady_clock::now();
}

bool SystemClock::sleepFor(std::chrono::milliseconds duration) {
  const auto until = std::chrono::steady_clock::now() + duration;
  while (std::chrono::steady_clock::now() < until) {
    if (Cancellation::requested()) return false;
    const auto left = until - std::chrono::steady_clock::now();
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(50)));
  }
  return !Cancellation::requested();
}

std::optional<std::string> ProcessEnvironment::get(const std::string& name) const {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

std::vector<std::pair<std::string, std::string>> ProcessEnvironment::all() const {
  std::vector<std::pair<std::string, std::string>> values;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string text = *entry;
    const std::size_t equals = text.find('=');
    if (equals == std::string::npos) continue;
    values.emplace_back(text.substr(0, equals), text.substr(equals + 1));
  }
  return values;
}

void StdConsole::out(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

void StdConsole::err(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

bool StdConsole::stdoutIsTty() const { return ::isatty(STDOUT_FILENO) == 1; }

bool StdConsole::stdinIsTty() const { return ::isatty(STDIN_FILENO) == 1; }

std::optional<std::string> StdConsole::readLine() {
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  return line;
}

SystemRandom::SystemRandom() : engine_(std::random_device{}()) {}

std::string SystemRandom::hex(std::size_t chars) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string result;
  result.reserve(chars);
  for (std::size_t i = 0; i < chars; ++i) result += kDigits[engine_() % 16];
  return result;
}

double SystemRandom::unit() { return std::uniform_real_distribution<double>(0.0, 1.0)(engine_); }

}  // namespace fd
