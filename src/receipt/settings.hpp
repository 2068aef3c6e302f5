// `.factory/settings.json` (INTERFACE §4): the deploy skill's settings.
#pragma once

#include <string>
#include <vector>

#include "core/ports/file_system.hpp"

namespace fd {

inline constexpr const char* kDefaultStateFile = ".factory/state.json";

struct Settings {
  bool autoArchiveReceipts = true;
  // global.state_file_path: the factory's pipeline state, relative to the project root.
  std::string stateFilePath = kDefaultStateFile;
  std::vector<std::string> warnings;  // e.g. the exact invalid-value warning
};

// A missing file gives the defaults; a malformed one gives the defaults and a warning.
Settings loadSettings(const FileSystem& fs, const std::string& path);

}  // namespace fd
