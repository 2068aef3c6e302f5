#include "local/posix_file_system.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>

namespace fd {

namespace {

Error systemError(const std::string& path, std::string_view action) {
  const int code = errno;
  const ErrorCode kind = code == ENOENT ? ErrorCode::NotFound
                         : code == EACCES || code == EPERM || code == EROFS
                             ? ErrorCode::PermissionDenied
                             : ErrorCode::Unavailable;
  return makeError(kind, path + ": cannot " + std::string(action) + ": " + std::strerror(code));
}

Status writeAll(int fd, std::string_view content, const std::string& path) {
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) return systemError(path, "write");
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return okStatus();
}

std::string temporaryName(const std::string& path) {
  static thread_local std::mt19937_64 engine{std::random_device{}()};
  return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(engine() % 1000000);
}

}  // namespace

bool PosixFileSystem::exists(const std::string& path) const {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

PathKind PosixFileSystem::kindOf(const std::string& path) const {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return PathKind::Missing;
  if (S_ISLNK(info.st_mode)) return PathKind::Symlink;
  if (S_ISREG(info.st_mode)) return PathKind::File;
  if (S_ISDIR(info.st_mode)) return PathKind::Directory;
  return PathKind::Other;
}

Result<std::string> PosixFileSystem::canonical(const std::string& path) const {
  std::error_code error;
  const std::filesystem::path resolved = std::filesystem::canonical(path, error);
  if (error == std::errc::no_such_file_or_directory) {
    return makeError(ErrorCode::NotFound, path + ": cannot resolve: " + error.message());
  }
  if (error)
    return makeError(ErrorCode::Unavailable, path + ": cannot resolve: " + error.message());
  return resolved.string();
}

Result<std::string> PosixFileSystem::read(const std::string& path, std::size_t maxBytes) const {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return systemError(path, "read");
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    ::close(fd);
    return makeError(ErrorCode::InvalidArgument, path + ": is a directory, expected a file");
  }
  if (static_cast<std::size_t>(info.st_size) > maxBytes) {
    ::close(fd);
    return makeError(ErrorCode::ResourceExhausted, path + ": " + std::to_string(info.st_size) +
                                                       " bytes, larger than the " +
                                                       std::to_string(maxBytes) + "-byte limit");
  }
  std::string content;
  char buffer[65536];
  while (true) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      ::close(fd);
      return systemError(path, "read");
    }
    if (got == 0) break;
    content.append(buffer, static_cast<std::size_t>(got));
    if (content.size() > maxBytes) {  // grew while we read it
      ::close(fd);
      return makeError(ErrorCode::ResourceExhausted,
                       path + ": larger than the " + std::to_string(maxBytes) + "-byte limit");
    }
  }
  ::close(fd);
  return content;
}

Status PosixFileSystem::writeAtomic(const std::string& path, std::string_view content) {
  return writeWithMode(path, content, 0644);
}

Status PosixFileSystem::writeExecutable(const std::string& path, std::string_view content) {
  return writeWithMode(path, content, 0755);
}

Status PosixFileSystem::writeWithMode(const std::string& path, std::string_view content,
                                      unsigned mode) {
  const std::string temporary = temporaryName(path);
  const int fd =
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(mode));
  if (fd < 0) return systemError(path, "write");
  Status written = writeAll(fd, content, path);
  if (written && ::fsync(fd) != 0) written = systemError(path, "sync");
  ::close(fd);
  if (written && ::rename(temporary.c_str(), path.c_str()) != 0) {
    written = systemError(path, "replace");
  }
  if (!written) ::unlink(temporary.c_str());
  return written;
}

Status PosixFileSystem::append(const std::string& path, std::string_view content) {
  // O_NOFOLLOW: a committed symbolic link must not send our writes outside the workspace.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0 && errno == ELOOP) {
    return makeError(ErrorCode::FailedPrecondition,
                     path + ": is a symbolic link; refusing to write through it");
  }
  if (fd < 0) return systemError(path, "append to");
  struct stat before {};
  const bool sized = ::fstat(fd, &before) == 0;
  Status written = writeAll(fd, content, path);
  // A half-written entry would glue itself to the next one (a ledger line, a heredoc output):
  // cut the file back to what it was, so a failed append leaves no trace.
  if (!written && sized) (void)::ftruncate(fd, before.st_size);
  ::close(fd);
  return written;
}

Status PosixFileSystem::renameNoReplace(const std::string& from, const std::string& to) {
  // link() fails with EEXIST instead of replacing, which rename() would do silently.
  if (::link(from.c_str(), to.c_str()) != 0) {
    if (errno == EEXIST) return makeError(ErrorCode::FailedPrecondition, to + ": already exists");
    return systemError(to, "create");
  }
  if (::unlink(from.c_str()) != 0) return systemError(from, "remove");
  return okStatus();
}

Status PosixFileSystem::makeDirs(const std::string& path) {
  std::error_code error;
  std::filesystem::create_directories(path, error);
  if (error) return makeError(ErrorCode::Unavailable, path + ": cannot create: " + error.message());
  return okStatus();
}

Status PosixFileSystem::matchOwner(const std::string& path, const std::string& reference) {
  struct stat wanted {};
  struct stat current {};
  if (::stat(reference.c_str(), &wanted) != 0) return systemError(reference, "stat");
  // lstat/lchown: a symbolic link is given away itself; its target (maybe a root-only file
  // outside the workspace) is never touched.
  if (::lstat(path.c_str(), &current) != 0) return systemError(path, "stat");
  if (current.st_uid == wanted.st_uid && current.st_gid == wanted.st_gid) return okStatus();
  if (::geteuid() != 0) return okStatus();  // only root can give files away; nothing to fix
  if (::lchown(path.c_str(), wanted.st_uid, wanted.st_gid) != 0) return systemError(path, "chown");
  return okStatus();
}

std::vector<std::string> PosixFileSystem::list(const std::string& directory) const {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    names.push_back(entry.path().filename().string());
  }
  return names;
}

Status PosixFileSystem::remove(const std::string& path) {
  if (::unlink(path.c_str()) == 0 || errno == ENOENT) return okStatus();
  return systemError(path, "cannot remove");
}

}  // namespace fd
