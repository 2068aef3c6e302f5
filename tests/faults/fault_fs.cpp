#include "faults/fault_fs.hpp"

#include <algorithm>

namespace fd::test {

bool SelectiveFailFs::fails(const std::string& path) const {
  return std::any_of(suffixes_.begin(), suffixes_.end(), [&](const std::string& suffix) {
    return path.size() >= suffix.size() &&
           path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  });
}

Status SelectiveFailFs::refuse(const std::string& path, const char* action, const char* why) {
  ++refused_;
  // PosixFileSystem's wording and error codes for ENOSPC and EROFS.
  const std::string reason = why;
  const ErrorCode code =
      reason == "Read-only file system" ? ErrorCode::PermissionDenied : ErrorCode::Unavailable;
  return makeError(code, path + ": cannot " + action + ": " + reason);
}

Status SelectiveFailFs::writeAtomic(const std::string& path, std::string_view content) {
  if (fails(path)) return refuse(path, "write", why());
  return real_.writeAtomic(path, content);
}

Status SelectiveFailFs::writeExecutable(const std::string& path, std::string_view content) {
  if (fails(path)) return refuse(path, "write", why());
  return real_.writeExecutable(path, content);
}

Status SelectiveFailFs::append(const std::string& path, std::string_view content) {
  if (fails(path)) return refuse(path, "append to", why());
  return real_.append(path, content);
}

Status SelectiveFailFs::renameNoReplace(const std::string& from, const std::string& to) {
  if (readOnly && (fails(from) || fails(to))) return refuse(to, "create", why());
  return real_.renameNoReplace(from, to);
}

}  // namespace fd::test
