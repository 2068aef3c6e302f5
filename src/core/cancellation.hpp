// SIGINT/SIGTERM set one flag; long waits and child processes watch it.
//
// Once a prod release has started, a cancellation must still let the rollback run to its end
// (the runner sends SIGINT, then SIGTERM 7.5 s later): a Shield makes requested() false for its
// lifetime, while arrived() keeps saying that a signal came, so the receipt can say so.
#pragma once

#include <atomic>
#include <string>

namespace fd {

class Cancellation {
 public:
  static void request(int signal = 0) {
    if (signal != 0) {
      int none = 0;
      state().first.compare_exchange_strong(none, signal);
      state().last.store(signal);
    }
    state().count.fetch_add(1);
    state().flag.store(true);
  }
  // What waits and child processes watch: a signal arrived and no Shield is up.
  static bool requested() { return state().flag.load() && state().shields.load() == 0; }
  // Whether any signal arrived during this run, shielded or not.
  static bool arrived() { return state().flag.load(); }
  // How many signals arrived (the runner sends SIGINT, then SIGTERM).
  static int count() { return state().count.load(); }
  // "SIGINT", "SIGTERM", or "SIGINT/SIGTERM" when the signal is not known (a test's request()).
  static std::string signalName();
  // The same for the latest signal (the runner's SIGTERM after its SIGINT).
  static std::string lastSignalName();
  static void reset() {  // tests only
    state().flag.store(false);
    state().first.store(0);
    state().last.store(0);
    state().count.store(0);
  }
  // Installs SIGINT/SIGTERM handlers that call request() (needed as PID 1 in a container).
  static void installSignalHandlers();

  // While one exists, requested() is false: the work it guards (the rollback) runs to its end.
  class Shield {
   public:
    Shield() { state().shields.fetch_add(1); }
    ~Shield() { state().shields.fetch_sub(1); }
    Shield(const Shield&) = delete;
    Shield& operator=(const Shield&) = delete;
  };

 private:
  struct State {
    std::atomic<bool> flag{false};
    std::atomic<int> first{0};
    std::atomic<int> last{0};
    std::atomic<int> count{0};
    std::atomic<int> shields{0};
  };
  static State& state() {
    static State value;
    return value;
  }
};

}  // namespace fd
