// A FileSystem that forwards to another and fails writes to chosen paths, the way a full or
// read-only disk fails them, so one file (the receipt, the state, the ledger, the runner's
// files) can be refused while the others are written. FakeFileSystem::failWrites refuses all.
#pragma once

#include <string>
#include <vector>

#include "core/ports/file_system.hpp"

namespace fd::test {

class SelectiveFailFs : public FileSystem {
 public:
  explicit SelectiveFailFs(FileSystem& real) : real_(real) {}

  // Writes and appends to a path ending with `suffix` fail with ENOSPC (a full disk: renames
  // still work, they need no space); with `readOnly`, renames from or to it fail with EROFS.
  void failPathsEndingWith(std::string suffix) { suffixes_.push_back(std::move(suffix)); }
  bool readOnly = false;
  int refused() const { return refused_; }

  bool exists(const std::string& path) const override { return real_.exists(path); }
  PathKind kindOf(const std::string& path) const override { return real_.kindOf(path); }
  Result<std::string> canonical(const std::string& path) const override {
    return real_.canonical(path);
  }
  Result<std::string> read(const std::string& path, std::size_t maxBytes) const override {
    return real_.read(path, maxBytes);
  }
  Status writeAtomic(const std::string& path, std::string_view content) override;
  Status writeExecutable(const std::string& path, std::string_view content) override;
  Status append(const std::string& path, std::string_view content) override;
  Status renameNoReplace(const std::string& from, const std::string& to) override;
  Status makeDirs(const std::string& path) override { return real_.makeDirs(path); }
  Status matchOwner(const std::string& path, const std::string& reference) override {
    return real_.matchOwner(path, reference);
  }
  std::vector<std::string> list(const std::string& directory) const override {
    return real_.list(directory);
  }
  Status remove(const std::string& path) override { return real_.remove(path); }

 private:
  bool fails(const std::string& path) const;
  const char* why() const { return readOnly ? "Read-only file system" : "No space left on device"; }
  Status refuse(const std::string& path, const char* action, const char* why);

  FileSystem& real_;
  std::vector<std::string> suffixes_;
  int refused_ = 0;
};

}  // namespace fd::test
