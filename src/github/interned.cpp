#include "github/interned.hpp"

#include <mutex>
#include <unordered_set>

namespace fd::github {

namespace {

// Node-based: a pointer to an element stays valid as the set grows. Never shrinks: what it holds
// is a handful of distinct values per GitHub answer, bounded by the answers' size caps.
struct Pool {
  std::mutex mutex;
  std::unordered_set<std::string> texts{std::string()};
};

Pool& pool() {
  static Pool* const shared = new Pool();  // never destroyed: Interned values may outlive main
  return *shared;
}

const std::string* intern(std::string_view text) {
  Pool& shared = pool();
  const std::lock_guard<std::mutex> lock(shared.mutex);
  std::string key(text);
  auto found = shared.texts.find(key);
  if (found == shared.texts.end()) found = shared.texts.insert(std::move(key)).first;
  return &*found;
}

}  // namespace

Interned::Interned() : text_(intern({})) {}

Interned::Interned(std::string_view text) : text_(intern(text)) {}

}  // namespace fd::github
