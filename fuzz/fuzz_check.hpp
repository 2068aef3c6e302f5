// Property checks inside fuzz targets: a broken property aborts, so libFuzzer saves the input.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace fd::fuzz {

[[noreturn]] inline void fail(const char* what, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: property failed: %s\n", file, line, what);
  std::abort();
}

inline std::string_view asText(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace fd::fuzz

#define FD_FUZZ_CHECK(condition) \
  ((condition) ? (void)0 : ::fd::fuzz::fail(#condition, __FILE__, __LINE__))
