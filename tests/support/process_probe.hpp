// Whether a process a deploy command started (it wrote its pid to a file) is still alive.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>

namespace fd::test {

// The pid written to `path` (`echo $! > path`), or -1 when there is none.
pid_t readPidFile(const std::string& path);

// True when the process is gone: kill(pid, 0) fails, or it is a zombie waiting to be reaped.
bool processGone(pid_t pid);

// Polls processGone until it holds or `limit` passes (a killed process takes a moment to die).
bool waitUntilProcessGone(pid_t pid, std::chrono::milliseconds limit = std::chrono::seconds(5));

// Cleanup after a failed assertion: SIGKILL the process if it is still there.
void killIfAlive(pid_t pid);

}  // namespace fd::test
