// The real disk.
#pragma once

#include "core/ports/file_system.hpp"

namespace fd {

class PosixFileSystem : public FileSystem {
 public:
  bool exists(const std::string& path) const override;
  PathKind kindOf(const std::string& path) const override;
  Result<std::string> canonical(const std::string& path) const override;
  Result<std::string> read(const std::string& path, std::size_t maxBytes) const override;
  Status writeAtomic(const std::string& path, std::string_view content) override;
  Status writeExecutable(const std::string& path, std::string_view content) override;
  Status append(const std::string& path, std::string_view content) override;
  Status renameNoReplace(const std::string& from, const std::string& to) override;
  Status makeDirs(const std::string& path) override;
  Status matchOwner(const std::string& path, const std::string& reference) override;
  std::vector<std::string> list(const std::string& directory) const override;
  Status remove(const std::string& path) override;

 private:
  static Status writeWithMode(const std::string& path, std::string_view content, unsigned mode);
};

}  // namespace fd
