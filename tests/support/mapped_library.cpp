#include "support/mapped_library.hpp"

#include <fstream>

namespace fd::test {

std::string mappedLibrary(const std::string& name) {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    const std::size_t at = line.find('/');
    if (at != std::string::npos && line.find(name, at) != std::string::npos) return line.substr(at);
  }
  return "";
}

}  // namespace fd::test
