// `.factory/settings.json` (INTERFACE §4): the deploy skill's settings.
#pragma once

#include <string>
#include <vector>

#include "core/ports/file_system.hpp"

namespace fd {

struct Settings {
  bool autoArchiveReceipts = true;
  std::vector<std::string> warnings;  // e.g. the exact invalid-value warning
};

// A missing file gives the defaults; a malformed one gives the defaults and a warning.
Settings loadSettings(const FileSystem& fs, const std::string& path);

}  // namespace fd
