// libFuzzer entry for the manifest parser (not part of test_manifest: the glob takes only
// tests/manifest/*.cpp). Build with clang:
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I src \
//     tests/manifest/fuzz/manifest_fuzzer.cpp src/manifest/*.cpp src/core/*.cpp -o manifest_fuzzer
//   ./manifest_fuzzer -max_len=65536 tests/fixtures/manifest
// parseManifest is pure (string in, Result out), so every input is independent.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "manifest/manifest_loader.hpp"
#include "manifest/placeholders.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const fd::Result<fd::Manifest> manifest = fd::parseManifest(text, "fuzz.json");
  if (!manifest.ok()) return 0;
  for (const fd::EnvConfig& env : manifest->environments) {
    (void)fd::selectEnvironment(*manifest, env.name);
    (void)fd::expandCommands(env, fd::placeholderValues(*manifest, env, "0123abc"));
  }
  return 0;
}
