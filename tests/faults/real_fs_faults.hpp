// Real file-system faults for the files rows. The suite runs as root, where chmod 0555 stops
// nothing, so it uses what still binds root: the immutable attribute (`chattr +i`: no new
// entries, renames or replacements, EPERM), a read-only bind mount (EROFS) and a tiny tmpfs
// (ENOSPC, including a write cut short). Each guard undoes itself. Where the environment does
// not allow them (not root, no CAP_SYS_ADMIN, a file system without the attribute), the rows
// that need them say so and are not counted.
#pragma once

#include <string>

namespace fd::test {

// Why real faults cannot be made here, or empty when they can.
std::string realFaultsUnavailable();

class Immutable {
 public:
  explicit Immutable(std::string path);
  ~Immutable();
  Immutable(const Immutable&) = delete;
  Immutable& operator=(const Immutable&) = delete;

 private:
  std::string path_;
};

class TmpfsMount {
 public:
  TmpfsMount(std::string directory, int kilobytes);
  ~TmpfsMount();
  TmpfsMount(const TmpfsMount&) = delete;
  TmpfsMount& operator=(const TmpfsMount&) = delete;

 private:
  std::string directory_;
};

class ReadOnlyBind {
 public:
  explicit ReadOnlyBind(std::string directory);
  ~ReadOnlyBind();
  ReadOnlyBind(const ReadOnlyBind&) = delete;
  ReadOnlyBind& operator=(const ReadOnlyBind&) = delete;

 private:
  std::string directory_;
};

// Writes filler into `directory` until its file system is full. Returns the filler's path.
std::string fillUp(const std::string& directory);

}  // namespace fd::test
