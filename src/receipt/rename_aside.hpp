// Moving a file out of the way under a name nobody else has: archives and corrupt-state backups.
#pragma once

#include <functional>
#include <string>

#include "core/ports/file_system.hpp"
#include "core/result.hpp"

namespace fd {

// Renames `from` to candidate(1), candidate(2), … with FileSystem::renameNoReplace until one is
// free, so an existing file is never overwritten. Returns the name used.
Result<std::string> renameAside(FileSystem& fs, const std::string& from,
                                const std::function<std::string(int attempt)>& candidate);

// "dir/name" -> "dir", "name" -> "".
std::string parentDirectory(const std::string& path);

// An error message that names `path` exactly once: "<what> <path>: <cause>".
std::string describeFailure(const std::string& what, const std::string& path,
                            const std::string& cause);

}  // namespace fd
