// A FileSystem over a map, for fuzz targets that read one file (no test-support dependency).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/ports/file_system.hpp"

namespace fd::fuzz {

class MemoryFileSystem : public FileSystem {
 public:
  std::map<std::string, std::string> files;

  bool exists(const std::string& path) const override { return files.count(path) > 0; }
  PathKind kindOf(const std::string& path) const override {
    return exists(path) ? PathKind::File : PathKind::Missing;
  }
  Result<std::string> canonical(const std::string& path) const override {
    if (!exists(path)) return makeError(ErrorCode::NotFound, path + ": no such file");
    return path;
  }
  Result<std::string> read(const std::string& path, std::size_t maxBytes) const override {
    const auto found = files.find(path);
    if (found == files.end()) return makeError(ErrorCode::NotFound, path + ": no such file");
    if (found->second.size() > maxBytes) {
      return makeError(ErrorCode::ResourceExhausted, path + ": too large");
    }
    return found->second;
  }
  Status writeAtomic(const std::string& path, std::string_view content) override {
    files[path] = std::string(content);
    return okStatus();
  }
  Status writeExecutable(const std::string& path, std::string_view content) override {
    return writeAtomic(path, content);
  }
  Status append(const std::string& path, std::string_view content) override {
    files[path] += content;
    return okStatus();
  }
  Status renameNoReplace(const std::string& from, const std::string& to) override {
    if (files.count(to) > 0) return makeError(ErrorCode::FailedPrecondition, to + ": exists");
    const auto found = files.find(from);
    if (found == files.end()) return makeError(ErrorCode::NotFound, from + ": no such file");
    files[to] = found->second;
    files.erase(from);
    return okStatus();
  }
  Status makeDirs(const std::string& /*path*/) override { return okStatus(); }
  Status matchOwner(const std::string& /*path*/, const std::string& /*reference*/) override {
    return okStatus();
  }
  std::vector<std::string> list(const std::string& /*directory*/) const override { return {}; }
  Status remove(const std::string& path) override {
    files.erase(path);
    return okStatus();
  }
};

}  // namespace fd::fuzz
