// The settings reader: any bytes, as .factory/settings.json, through an in-memory file system.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "memory_file_system.hpp"
#include "receipt/settings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = "/repo/.factory/settings.json";
  fd::fuzz::MemoryFileSystem fs;
  fs.files[path] = std::string(fd::fuzz::asText(data, size));
  const fd::Settings settings = fd::loadSettings(fs, path);
  // Lenient: a problem is a warning and the default, never an error or a crash.
  FD_FUZZ_CHECK(settings.warnings.size() <= 2);
  for (const std::string& warning : settings.warnings) {
    FD_FUZZ_CHECK(warning.rfind("WARNING: ", 0) == 0);
  }
  return 0;
}
