// The deployment manifest parser: any bytes, as .factory/deploy-config.json. parseManifest is
// pure (text in, Result out), so every input is independent.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "manifest/manifest_loader.hpp"
#include "manifest/placeholders.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fd::fuzz::asText(data, size);
  const fd::Result<fd::Manifest> manifest = fd::parseManifest(text, "fuzz.json");
  if (!manifest.ok()) {
    FD_FUZZ_CHECK(manifest.message().rfind("fuzz.json", 0) == 0);
    return 0;
  }
  for (const fd::EnvConfig& env : manifest->environments) {
    (void)fd::selectEnvironment(*manifest, env.name);
    (void)fd::expandCommands(env, fd::placeholderValues(*manifest, env, "0123abc"));
  }
  (void)fd::selectEnvironment(*manifest, "prod");
  return 0;
}
