// Approximate heap bytes a reduced page holds, for the ETag cache's bound (RestOptions::
// maxCacheBytes). Overloads for each part's element type live next to the type.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace fd::github {

// Only a string longer than the small-string buffer owns heap memory.
inline std::size_t heldBytes(const std::string& text) {
  return text.capacity() > 15 ? text.capacity() + 1 : 0;
}

template <class T>
std::size_t heldBytes(const std::vector<T>& items) {
  std::size_t bytes = sizeof(items) + items.capacity() * sizeof(T);
  for (const T& item : items) bytes += heldBytes(item);
  return bytes;
}

}  // namespace fd::github
