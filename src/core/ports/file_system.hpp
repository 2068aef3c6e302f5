// The disk, behind an interface so the pipeline runs in tests against memory.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace fd {

// What stands at a path itself: a symbolic link is reported, never followed (lstat).
enum class PathKind { Missing, File, Directory, Symlink, Other };

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  virtual bool exists(const std::string& path) const = 0;
  virtual PathKind kindOf(const std::string& path) const = 0;
  // `path` with every symbolic link resolved (realpath); NotFound when it does not exist.
  virtual Result<std::string> canonical(const std::string& path) const = 0;
  // Reads at most maxBytes; a larger file is ResourceExhausted (never read whole).
  virtual Result<std::string> read(const std::string& path, std::size_t maxBytes) const = 0;
  // Temporary file in the same directory + rename, so readers never see half a file.
  virtual Status writeAtomic(const std::string& path, std::string_view content) = 0;
  // Like writeAtomic, as a program its owner may run (mode 0755): a platform CLI fetched for the
  // manifest's commands.
  virtual Status writeExecutable(const std::string& path, std::string_view content) = 0;
  // Never through a symbolic link: FailedPrecondition when `path` is one.
  virtual Status append(const std::string& path, std::string_view content) = 0;
  // Never replaces an existing `to`: FailedPrecondition when it exists.
  virtual Status renameNoReplace(const std::string& from, const std::string& to) = 0;
  virtual Status makeDirs(const std::string& path) = 0;
  // Gives `path` the owner of `reference` (a container runs as root; the workspace is not).
  // A symbolic link at `path` is changed itself, never its target.
  virtual Status matchOwner(const std::string& path, const std::string& reference) = 0;
  virtual std::vector<std::string> list(const std::string& directory) const = 0;
  // Removes a file; an absent file is fine.
  virtual Status remove(const std::string& path) = 0;
};

}  // namespace fd
