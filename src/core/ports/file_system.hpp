// The disk, behind an interface so the pipeline runs in tests against memory.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace fd {

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  virtual bool exists(const std::string& path) const = 0;
  // Reads at most maxBytes; a larger file is ResourceExhausted (never read whole).
  virtual Result<std::string> read(const std::string& path, std::size_t maxBytes) const = 0;
  // Temporary file in the same directory + rename, so readers never see half a file.
  virtual Status writeAtomic(const std::string& path, std::string_view content) = 0;
  virtual Status append(const std::string& path, std::string_view content) = 0;
  // Never replaces an existing `to`: FailedPrecondition when it exists.
  virtual Status renameNoReplace(const std::string& from, const std::string& to) = 0;
  virtual Status makeDirs(const std::string& path) = 0;
  // Gives `path` the owner of `reference` (a container runs as root; the workspace is not).
  virtual Status matchOwner(const std::string& path, const std::string& reference) = 0;
  virtual std::vector<std::string> list(const std::string& directory) const = 0;
  // Removes a file; an absent file is fine.
  virtual Status remove(const std::string& path) = 0;
};

}  // namespace fd
