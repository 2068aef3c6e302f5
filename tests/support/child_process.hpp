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
  // More signals after the first, each `after` the one before (the runner's cancellation:
  // SIGINT, SIGTERM 7.5 s later, SIGKILL 2.5 s after that). Once one is sent, the file
  // `markSent` (if given) is created, so the child's scripts can wait for it instead of sleeping.
  struct FollowUp {
    int signal = SIGTERM;
    std::chrono::milliseconds after{0};
    std::string markSent;
  };
  std::vector<FollowUp> followUps;
  // A child still running after this long is killed (the test then fails on `killedAtLimit`).
  std::chrono::milliseconds limit = std::chrono::seconds(45);
};

struct ChildRun {
  int exitCode = -1;  // -1 when killed by a signal
  int signal = 0;     // the signal that ended it, if any
  std::string out;
  std::string err;
  bool signalSent = false;
  std::vector<int> followUpsSent;  // the follow-up signals actually sent, in order
  bool killedAtLimit = false;
  std::chrono::milliseconds elapsed{0};
  std::chrono::milliseconds afterSignal{0};  // from the signal to the exit
  std::string all() const { return out + err; }
};

ChildRun runChild(const ChildSpec& spec);

// The environment every child starts from: PATH, HOME (set to `home`), LANG, TZ.
std::map<std::string, std::string> baseEnvironment(const std::string& home);

}  // namespace fd::test
