// Runs a real program as a child process: chosen environment and working directory, stdout and
// stderr captured separately, exit code, and an optional SIGTERM sent when a marker file appears
// (the test's deploy command creates it), so a signal lands at a known step, not after a sleep.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <csignal>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fd::test {

struct ChildSpec {
  std::vector<std::string> argv;  // argv[0] is the program's path
  std::string workingDirectory;
  // The child's whole environment: nothing is inherited, so a CI runner's GITHUB_ACTIONS or
  // tokens never leak into a local-mode test.
  std::map<std::string, std::string> env;
  // Send `signal` to the child once this file exists (checked every few milliseconds).
  std::optional<std::string> signalWhenExists;
  int signal = SIGTERM;
  // A child still running after this long is killed (the test then fails on `killedAtLimit`).
  std::chrono::milliseconds limit = std::chrono::seconds(45);
};

struct ChildRun {
  int exitCode = -1;  // -1 when killed by a signal
  int signal = 0;     // the signal that ended it, if any
  std::string out;
  std::string err;
  bool signalSent = false;
  bool killedAtLimit = false;
  std::chrono::milliseconds elapsed{0};
  std::chrono::milliseconds afterSignal{0};  // from the signal to the exit
  std::string all() const { return out + err; }
};

ChildRun runChild(const ChildSpec& spec);

// The environment every child starts from: PATH, HOME (set to `home`), LANG, TZ.
std::map<std::string, std::string> baseEnvironment(const std::string& home);

}  // namespace fd::test
