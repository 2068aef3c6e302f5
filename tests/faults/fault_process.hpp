// The real PosixProcessRunner, with hangs made affordable: a command containing `kHangCommand`
// (the way this suite makes a command hang) gets at most `kCommandHangCap` of real time. When it
// times out, the result and the fake clock say the command's full timeout passed, as a real
// hang would. Every other command runs with its own timeout; signals are real signals.
#pragma once

#include <chrono>

#include "core/ports/process_runner.hpp"
#include "deploy/posix_process_runner.hpp"
#include "support/fakes.hpp"

namespace fd::test {

inline constexpr const char* kHangCommand = "sleep 3600";
inline constexpr std::chrono::milliseconds kCommandHangCap{300};

class HangCappedRunner : public ProcessRunner {
 public:
  explicit HangCappedRunner(FakeClock& clock) : clock_(clock) {}
  Result<CommandResult> run(const CommandSpec& spec) override;

 private:
  FakeClock& clock_;
  PosixProcessRunner real_;
};

}  // namespace fd::test
