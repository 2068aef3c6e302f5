// SIGINT/SIGTERM set one flag; long waits and child processes watch it.
#pragma once

#include <atomic>

namespace fd {

class Cancellation {
 public:
  static void request() { flag().store(true); }
  static bool requested() { return flag().load(); }
  static void reset() { flag().store(false); }  // tests only
  // Installs SIGINT/SIGTERM handlers that call request() (needed as PID 1 in a container).
  static void installSignalHandlers();

 private:
  static std::atomic<bool>& flag() {
    static std::atomic<bool> value{false};
    return value;
  }
};

}  // namespace fd
