// Stopping a loopback server takes up to a quarter of a second (Poco's accept loop polls that
// long). A matrix of hundreds of runs stops its servers in the background instead: each one
// is destroyed on its own thread, and all are joined once the last test has run.
#pragma once

#include <functional>
#include <memory>

namespace fd::test {

void destroyLater(std::function<void()> destroy);
void joinDestroyed();  // called once at the end (the matrix report's teardown)

template <typename T>
void destroyLater(std::unique_ptr<T> owned) {
  if (!owned) return;
  destroyLater([shared = std::shared_ptr<T>(std::move(owned))]() mutable { shared.reset(); });
}

}  // namespace fd::test
