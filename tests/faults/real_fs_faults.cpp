#include "faults/real_fs_faults.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "support/temp_dir.hpp"

namespace fd::test {

namespace {

// Runs a command; true when it exited 0 (output discarded).
bool quietly(const std::string& command) {
  return std::system((command + " >/dev/null 2>&1").c_str()) == 0;
}

std::string probe() {
  if (::geteuid() != 0) return "not running as root";
  TempDir scratch;
  const std::string file = scratch.write("probe", "x");
  if (!quietly("chattr +i '" + file + "'")) return "chattr +i is not supported here";
  const bool immutable = !quietly("sh -c 'echo y > \"" + file + "\"'");
  quietly("chattr -i '" + file + "'");
  if (!immutable) return "chattr +i does not stop root here";
  const std::string mountPoint = scratch.path() + "/mnt";
  quietly("mkdir -p '" + mountPoint + "'");
  if (!quietly("mount -t tmpfs -o size=8k tmpfs '" + mountPoint + "'")) {
    return "cannot mount a tmpfs (no CAP_SYS_ADMIN?)";
  }
  quietly("umount '" + mountPoint + "'");
  return "";
}

}  // namespace

std::string realFaultsUnavailable() {
  static const std::string why = probe();
  return why;
}

Immutable::Immutable(std::string path) : path_(std::move(path)) {
  shell("chattr +i '" + path_ + "'");
}

Immutable::~Immutable() { quietly("chattr -i '" + path_ + "'"); }

TmpfsMount::TmpfsMount(std::string directory, int kilobytes) : directory_(std::move(directory)) {
  shell("mkdir -p '" + directory_ + "' && mount -t tmpfs -o size=" + std::to_string(kilobytes) +
        "k tmpfs '" + directory_ + "'");
}

TmpfsMount::~TmpfsMount() { quietly("umount -l '" + directory_ + "'"); }

ReadOnlyBind::ReadOnlyBind(std::string directory) : directory_(std::move(directory)) {
  shell("mount --bind '" + directory_ + "' '" + directory_ + "' && mount -o remount,ro,bind '" +
        directory_ + "'");
}

ReadOnlyBind::~ReadOnlyBind() { quietly("umount -l '" + directory_ + "'"); }

std::string fillUp(const std::string& directory) {
  std::string filler = directory + "/filler";
  std::ofstream out(filler, std::ios::binary);
  const std::string block(4096, 'f');
  while (out.write(block.data(), static_cast<std::streamsize>(block.size()))) {
  }
  return filler;
}

}  // namespace fd::test
