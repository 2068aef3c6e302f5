// Helpers for tests that start real processes: read a pid a command wrote, and wait (bounded)
// until that process is gone.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>

namespace fd::test {

// The pid written to `path` by a command (`echo $! > path`), or -1.
pid_t readPid(const std::string& path);

// True when the process no longer exists or is a zombie (dead, waiting for its new parent).
bool processIsGone(pid_t pid);

// Polls processIsGone until it holds or `limit` passes; a killed process needs a moment to die.
bool waitUntilGone(pid_t pid, std::chrono::milliseconds limit = std::chrono::seconds(5));

}  // namespace fd::test
