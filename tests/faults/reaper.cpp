#include "faults/reaper.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace fd::test {

namespace {

struct Destroyer {
  std::thread thread;
  std::shared_ptr<std::atomic<bool>> done;
};

struct Destroyers {
  std::mutex mutex;
  std::vector<Destroyer> running;

  static Destroyers& get() {
    static Destroyers destroyers;
    return destroyers;
  }

  // Joins the threads that have finished; never waits for one that has not.
  void reapFinished() {
    const auto finished = std::partition(running.begin(), running.end(),
                                         [](const Destroyer& d) { return !d.done->load(); });
    for (auto it = finished; it != running.end(); ++it) it->thread.join();
    running.erase(finished, running.end());
  }
};

}  // namespace

void destroyLater(std::function<void()> destroy) {
  Destroyers& destroyers = Destroyers::get();
  std::lock_guard lock(destroyers.mutex);
  destroyers.reapFinished();
  auto done = std::make_shared<std::atomic<bool>>(false);
  destroyers.running.push_back(Destroyer{std::thread([destroy = std::move(destroy), done] {
                                           destroy();
                                           done->store(true);
                                         }),
                                         done});
}

void joinDestroyed() {
  std::vector<Destroyer> running;
  {
    Destroyers& destroyers = Destroyers::get();
    std::lock_guard lock(destroyers.mutex);
    running.swap(destroyers.running);
  }
  for (Destroyer& each : running) each.thread.join();
}

}  // namespace fd::test
